package org.netwright.io.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Cases from the nftables project's own tests (read from a directory the caller names, never copied here): the rulesets
 * its shell tests dump ({@code shell/testcases/**&#47;dumps/*.nft}, non-empty ones) and, from its py tests
 * ({@code py/<family>/*.t}), each rule line marked ok as an nft script that builds the line's first table and chain with
 * the sets, maps, elements and objects declared before it, then adds the rule.
 */
final class NftCorpus {

    private NftCorpus() {
    }

    /** {@code root} is the extracted {@code tests/} folder (or a folder holding it). */
    private static Path tests(Path root) {
        return Files.isDirectory(root.resolve("tests")) ? root.resolve("tests") : root;
    }

    static Map<String, String> shellDumps(Path root) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path shell = tests(root).resolve("shell/testcases");
        if (!Files.isDirectory(shell)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(shell)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".nft") && p.getParent().getFileName().toString().equals("dumps")).sorted()
                    .toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    out.put(shell.relativize(f).toString(), text);
                }
            }
        }
        return out;
    }

    static Map<String, String> pyRules(Path root) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path py = tests(root).resolve("py");
        if (!Files.isDirectory(py)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(py)) {
            files = s.filter(p -> p.toString().endsWith(".t")).sorted().toList();
        }
        for (Path f : files) {
            readTestFile(py.relativize(f).toString(), Files.readAllLines(f, StandardCharsets.UTF_8), out);
        }
        return out;
    }

    private static void readTestFile(String name, List<String> lines, Map<String, String> out) {
        Map<String, String> chainSpecs = new LinkedHashMap<>();
        String family = null;
        String table = null;
        String chain = null;
        List<String> context = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            char c = line.charAt(0);
            if (c == ':') {
                String[] p = line.substring(1).split(";", 2);
                chainSpecs.put(p[0].strip(), p.length > 1 ? p[1].strip() : "");
            } else if (c == '*') {
                String[] p = line.substring(1).strip().split(";");
                if (family == null && p.length == 3) {
                    family = p[0];
                    table = p[1];
                    chain = p[2].split(",")[0];
                }
            } else if (c == '!' || c == '?' || c == '%') {
                String command = declaration(c, line);
                if (command != null) {
                    context.add(command);
                }
            } else if (c != '-' && family != null) {
                String[] p = line.split(";");
                if (p.length >= 2 && p[1].strip().equals("ok")) {
                    String t = family + " " + table;
                    StringBuilder script = new StringBuilder("add table ").append(t).append('\n');
                    String spec = chainSpecs.getOrDefault(chain, "");
                    script.append("add chain ").append(t).append(' ').append(chain).append(spec.isEmpty() ? "" : " { " + spec + "; }").append('\n');
                    context.forEach(x -> script.append(x.replace("{T}", t)).append('\n'));
                    script.append("add rule ").append(t).append(' ').append(chain).append(' ').append(p[0]).append('\n');
                    out.put(name + ":" + (n + 1), script.toString());
                }
            }
        }
    }

    /** A set, map, element or object line of a .t file as an nft command ({T} for the table), or null when not "ok". */
    private static String declaration(char c, String line) {
        String body;
        String result;
        int brace = line.lastIndexOf('}');
        if (c == '%' && brace >= 0) {
            body = line.substring(1, brace + 1);
            result = line.substring(Math.min(line.length(), brace + 2));
        } else {
            String[] p = line.substring(1).split(";");
            body = p[0];
            result = p.length > 1 ? p[1] : "";
        }
        if (!result.strip().equals("ok")) {
            return null;
        }
        String[] tok = body.strip().split(" ");
        if (c == '?') {
            int sp = body.indexOf(' ');
            return "add element {T} " + body.substring(0, sp) + " { " + body.substring(sp + 1) + " }";
        }
        if (c == '%') {
            String kind = tok[2];
            int rest = 3;
            if (kind.equals("ct") && tok.length > 3) {
                kind = "ct " + tok[3];
                rest = 4;
            }
            return "add " + kind + " {T} " + tok[0] + " " + String.join(" ", List.of(tok).subList(rest, tok.length));
        }
        // !name type|typeof T [. T]* [: V] [timeout X] [flags F]
        StringBuilder type = new StringBuilder(tok[1]).append(' ').append(tok[2]);
        int i = 3;
        if (tok[1].equals("typeof") && i < tok.length && tok[i].equals("id")) {
            type.append(" id");
            i++;
        }
        while (i + 1 < tok.length && tok[i].equals(".")) {
            type.append(" . ").append(tok[i + 1]);
            i += 2;
        }
        String data = "";
        while (i + 1 < tok.length && tok[i].equals(":")) {
            data = tok[i + 1];
            i += 2;
        }
        if (tok[1].equals("typeof") && i < tok.length && tok[i].equals("mark")) {
            data += " mark";
            i++;
        }
        StringBuilder options = new StringBuilder();
        while (i + 1 < tok.length) {
            options.append(' ').append(tok[i]).append(' ').append(tok[i + 1]).append(';');
            i += 2;
        }
        return data.isEmpty() ? "add set {T} " + tok[0] + " { " + type + ";" + options + " }"
                : "add map {T} " + tok[0] + " { " + type + " : " + data + ";" + options + " }";
    }
}
