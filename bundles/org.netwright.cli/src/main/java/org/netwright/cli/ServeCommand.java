package org.netwright.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.netwright.input.Json;

import com.google.gson.stream.JsonWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netwright serve --jsonl}: JSON Lines on stdin and stdout, so that a script or a CI loop pays the start-up and
 * the language set-up once. Each request line runs one command exactly as the command line would (same checks, same
 * exit codes) and gets one response line, in order. Files are read afresh for every request, so edits between requests
 * are seen. Nothing but response lines is written to stdout.
 */
@Command(name = "serve", description = {
    "Answers requests on stdin, one JSON object per line, with one JSON object per line on stdout (JSON Lines), in order;"
            + " start-up and language set-up are paid once. Ends at the end of the input (exit 0).",
    "Requests (\"id\" is optional and any JSON value, echoed; relative paths are from the working folder):",
    "  {\"id\": 1, \"cmd\": \"validate\", \"paths\": [\"a.nwp\", \"models/\"]}",
    "  {\"id\": 2, \"cmd\": \"check\", \"paths\": [\"a.nwp\"], \"summary\": true}",
    "  {\"id\": 3, \"cmd\": \"walk\", \"model\": \"a.nwp\", \"probe\": {\"from\": \"client\", \"proto\": \"udp\", \"dst\": \"8.8.8.8\","
            + " \"dport\": 53}}",
    "  {\"id\": 4, \"cmd\": \"walk\", \"model\": \"snapshot-folder/\", \"probes\": \"probes.json\"}",
    "  {\"id\": 5, \"cmd\": \"export\", \"model\": \"a.nwp\", \"out\": \"export-dir\"}",
    "  {\"id\": 6, \"args\": [\"import\", \"snapshot-folder\", \"-o\", \"b.nwp\"]}   (any validate, check, walk, export or"
            + " import command line)",
    "Response: {\"id\": 1, \"exit\": 0, \"stdout\": \"...\", \"stderr\": \"...\"}: the command's exit status (0 ok, 1 violated,"
            + " 2 invalid, 3 internal) and output; a walk's JSON (as 'walk --json' prints it) is in \"result\" instead of"
            + " \"stdout\". A line that is not a request gets exit 2 and the reason in \"stderr\"."})
final class ServeCommand implements Callable<Integer> {
    /** Longer request lines are refused (and skipped) without being held in memory. */
    static final int MAX_LINE_CHARS = 1 << 20;
    static final List<String> COMMANDS = List.of("validate", "check", "walk", "export", "import");
    /** The walk options a request's "probe" may carry: the names of walk's options without dashes. */
    private static final List<String> PROBE_KEYS = List.of("from", "proto", "dst", "src", "sport", "dport", "icmp-id", "spi");
    private static final Map<String, Set<String>> MEMBERS = Map.of(
            "validate", Set.of("paths"),
            "check", Set.of("paths", "summary"),
            "walk", Set.of("model", "probe", "probes"),
            "export", Set.of("model", "out"),
            "import", Set.of("snapshot", "out"));

    @Mixin
    HelpOption helpOption;

    @Option(names = "--jsonl", description = "JSON Lines on stdin and stdout (the only protocol; 'netwright lsp' is the language server)")
    boolean jsonl;

    private final Commands commands;
    private final InputStream in;

    ServeCommand(Commands commands, InputStream in) {
        this.commands = commands;
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        if (!jsonl) {
            throw new Main.UsageException("serve needs --jsonl (requests and responses as JSON Lines)");
        }
        PrintStream responses = commands.out;
        PrintStream stdout = System.out;
        // whatever a library prints on its own must not end up between the response lines
        System.setOut(commands.err);
        try {
            Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            StringBuilder line = new StringBuilder();
            for (int lineNumber = 1; readLine(reader, line); lineNumber++) {
                if (line.length() > MAX_LINE_CHARS) {
                    respond(responses, null, Main.INVALID, null, null,
                            "netwright serve: line " + lineNumber + ": longer than " + MAX_LINE_CHARS + " characters");
                } else if (!line.toString().isBlank()) {
                    answer(responses, line.toString(), lineNumber);
                }
            }
        } finally {
            System.setOut(stdout);
        }
        return Main.OK;
    }

    /**
     * The next line into {@code line}, without its end; false at the end of the input. A line longer than
     * {@link #MAX_LINE_CHARS} is read to its end but only its first {@code MAX_LINE_CHARS + 1} characters are kept.
     */
    private static boolean readLine(Reader reader, StringBuilder line) throws IOException {
        line.setLength(0);
        int c;
        boolean any = false;
        while ((c = reader.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (line.length() <= MAX_LINE_CHARS) {
                line.append((char) c);
            }
        }
        if (!line.isEmpty() && line.length() <= MAX_LINE_CHARS && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return any;
    }

    private void answer(PrintStream responses, String text, int lineNumber) {
        Json.Value request;
        try {
            request = Json.parse(text, Json.Limits.HAND_WRITTEN);
        } catch (Json.ParseException e) {
            respond(responses, null, Main.INVALID, null, null,
                    "netwright serve: line " + lineNumber + ":" + e.column() + ": " + e.getMessage());
            return;
        }
        Json.Value id = request.isObject() ? request.get("id") : null;
        List<String> args;
        try {
            args = args(request);
        } catch (Main.UsageException e) {
            respond(responses, id, Main.INVALID, null, null, "netwright serve: line " + lineNumber + ": " + e.getMessage());
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args.toArray(String[]::new), commands.withStreams(o, e), InputStream.nullInputStream());
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        String result = null;
        if (args.get(0).equals("walk") && args.contains("--json") && exit == Main.OK) {
            try {
                result = Json.parse(stdout).compact();
                stdout = null;
            } catch (Json.ParseException notJson) {
                result = null; // not expected; the text is passed on as it is
            }
        }
        respond(responses, id, exit, result, stdout, err.toString(StandardCharsets.UTF_8));
    }

    /** The command line a request stands for. */
    static List<String> args(Json.Value request) {
        if (!request.isObject()) {
            throw new Main.UsageException("a request is a JSON object, not " + request.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (request.has("args")) {
            if (request.has("cmd")) {
                throw new Main.UsageException("a request has \"cmd\" or \"args\", not both");
            }
            onlyMembers(request, Set.of("id", "args"), "a request with \"args\"");
            List<String> args = strings(request.get("args"), "args");
            if (args.isEmpty() || !COMMANDS.contains(args.get(0))) {
                throw new Main.UsageException("\"args\" must start with one of " + String.join(", ", COMMANDS));
            }
            return args;
        }
        String cmd = request.str("cmd");
        if (cmd == null || !request.get("cmd").isString() || !COMMANDS.contains(cmd)) {
            throw new Main.UsageException("a request needs \"cmd\" (" + String.join(", ", COMMANDS) + ") or \"args\"");
        }
        Set<String> known = new java.util.HashSet<>(MEMBERS.get(cmd));
        known.add("id");
        known.add("cmd");
        onlyMembers(request, known, cmd);
        List<String> options = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        switch (cmd) {
            case "validate", "check" -> {
                positional.addAll(strings(required(request, "paths", cmd), "paths"));
                if (positional.isEmpty()) {
                    throw new Main.UsageException(cmd + ": \"paths\" is empty");
                }
                if (request.has("summary")) {
                    if (request.get("summary").kind() != Json.Kind.BOOLEAN) {
                        throw new Main.UsageException("check: \"summary\" must be true or false");
                    }
                    if (request.get("summary").bool()) {
                        options.add("--summary");
                    }
                }
            }
            case "walk" -> {
                positional.add(string(required(request, "model", cmd), "model"));
                if (request.has("probe") == request.has("probes")) {
                    throw new Main.UsageException("walk: a request has \"probe\" (an object of walk's options) or \"probes\" (a probes file)");
                }
                if (request.has("probes")) {
                    options.add("--probes");
                    options.add(string(request.get("probes"), "probes"));
                } else {
                    Json.Value probe = request.get("probe");
                    if (!probe.isObject()) {
                        throw new Main.UsageException("walk: \"probe\" must be an object like {\"from\": \"client\", \"proto\": \"udp\", \"dst\": \"8.8.8.8\"}");
                    }
                    onlyMembers(probe, Set.copyOf(PROBE_KEYS), "walk's \"probe\"");
                    for (String key : PROBE_KEYS) {
                        Json.Value v = probe.get(key);
                        if (v != null) {
                            if (!v.isString() && !v.isNumber()) {
                                throw new Main.UsageException("walk: \"probe\"." + key + " must be a string or a number");
                            }
                            options.add("--" + key);
                            options.add(v.text());
                        }
                    }
                }
                options.add("--json");
            }
            case "export", "import" -> {
                String source = cmd.equals("export") ? "model" : "snapshot";
                positional.add(string(required(request, source, cmd), source));
                options.add("-o");
                options.add(string(required(request, "out", cmd), "out"));
            }
            default -> throw new IllegalStateException(cmd);
        }
        List<String> args = new ArrayList<>();
        args.add(cmd);
        args.addAll(options);
        args.add("--"); // a path that starts with '-' stays a path
        args.addAll(positional);
        return args;
    }

    private static Json.Value required(Json.Value request, String key, String cmd) {
        Json.Value v = request.get(key);
        if (v == null) {
            throw new Main.UsageException(cmd + ": the request needs \"" + key + "\"");
        }
        return v;
    }

    private static void onlyMembers(Json.Value object, Set<String> known, String what) {
        for (String key : object.members().keySet()) {
            if (!known.contains(key)) {
                throw new Main.UsageException("unknown member \"" + key + "\" in " + what + " (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static String string(Json.Value v, String key) {
        if (!v.isString()) {
            throw new Main.UsageException("\"" + key + "\" must be a string");
        }
        return v.text();
    }

    private static List<String> strings(Json.Value v, String key) {
        if (!v.isArray()) {
            throw new Main.UsageException("\"" + key + "\" must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (Json.Value item : v.items()) {
            result.add(string(item, key + "[]"));
        }
        return result;
    }

    /** One response line: id (as given, or null), exit, then result or stdout, and stderr (when not empty). */
    private static void respond(PrintStream responses, Json.Value id, int exit, String result, String stdout, String stderr) {
        StringWriter line = new StringWriter();
        try (JsonWriter w = Json.writer(line)) {
            w.beginObject();
            w.name("id");
            if (id == null) {
                w.nullValue();
            } else {
                w.jsonValue(id.compact());
            }
            w.name("exit").value(exit);
            if (result != null) {
                w.name("result").jsonValue(result);
            }
            if (stdout != null) {
                w.name("stdout").value(stdout);
            }
            if (stderr != null && !stderr.isEmpty()) {
                w.name("stderr").value(stderr);
            }
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        responses.println(line);
        responses.flush();
    }
}
