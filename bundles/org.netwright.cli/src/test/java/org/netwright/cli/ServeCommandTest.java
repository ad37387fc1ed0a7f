package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.input.Json;

/**
 * {@code netwright serve --jsonl} in this JVM: one response line per request line, in order, with the command's exit
 * status and output; bad lines are answered, never fatal. (The product test drives the installed command over a pipe.)
 */
class ServeCommandTest {
    /** A client and a server on one link; the server listens on udp 53. */
    static final String MODEL = """
            namespace client {
            \tinterface eth0 { address 10.0.0.1/24 }
            }
            namespace server {
            \tinterface eth0 { address 10.0.0.2/24 }
            \tlisten udp 53
            }
            link client:eth0 <-> server:eth0
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int serve(String input, String... args) {
        Commands commands = new Commands(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), null);
        return Main.run(args, commands, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Json.Value> responses() throws Json.ParseException {
        List<Json.Value> result = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n", -1)) {
            if (!line.isEmpty()) {
                result.add(Json.parse(line));
            }
        }
        return result;
    }

    private static String q(Path p) {
        return Json.quote(p.toString());
    }

    @Test
    void answersEveryRequestInOrderWithExitStatusAndOutput(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("lan.nwp");
        Files.writeString(model, MODEL);
        Path broken = dir.resolve("broken.nwp");
        Files.writeString(broken, "namespace a {\n\tinterface eth0 { address 10.0.0.1/24 }\n\troute default via 10.0.0.254 dev eth9\n}\n");
        String requests = String.join("\n",
                "{\"id\": 1, \"cmd\": \"validate\", \"paths\": [" + q(model) + "]}",
                "",
                "{\"id\": \"two\", \"cmd\": \"validate\", \"paths\": [" + q(broken) + "]}",
                "{\"id\": [3], \"cmd\": \"walk\", \"model\": " + q(model)
                        + ", \"probe\": {\"from\": \"client\", \"proto\": \"udp\", \"dst\": \"10.0.0.2\", \"dport\": 53}}",
                "{\"id\": 4, \"args\": [\"walk\", " + q(model) + ", \"--from\", \"client\", \"--proto\", \"udp\", \"--dst\", \"10.0.0.9\", \"--dport\", \"7\"]}",
                "{\"id\": 5, \"cmd\": \"check\", \"paths\": [" + q(model) + "], \"summary\": true}",
                "{\"id\": 6, \"cmd\": \"export\", \"model\": " + q(model) + ", \"out\": " + q(dir.resolve("out")) + "}");
        assertEquals(Main.OK, serve(requests + "\n", "serve", "--jsonl"), err.toString(StandardCharsets.UTF_8));
        List<Json.Value> r = responses();
        assertEquals(6, r.size(), out.toString(StandardCharsets.UTF_8));

        assertEquals("1", r.get(0).get("id").compact());
        assertEquals(0L, r.get(0).longOf("exit"));
        assertTrue(r.get(0).str("stdout").contains("1 file(s) validated: 0 error(s)"), r.get(0).toString());

        assertEquals("\"two\"", r.get(1).get("id").compact());
        assertEquals(2L, r.get(1).longOf("exit"));
        assertTrue(r.get(1).str("stderr").startsWith(broken + ":3:"), r.get(1).toString());

        assertEquals("[3]", r.get(2).get("id").compact());
        assertEquals(0L, r.get(2).longOf("exit"));
        assertFalse(r.get(2).has("stdout"), "a walk's JSON is the result: " + r.get(2));
        assertEquals("server", r.get(2).get("result").str("delivered_to"), r.get(2).toString());

        // a walk without --json in "args" prints the trace as text
        assertEquals(0L, r.get(3).longOf("exit"), r.get(3).toString());
        assertTrue(r.get(3).str("stdout").startsWith("== probe from client: "), r.get(3).toString());

        assertEquals(0L, r.get(4).longOf("exit"), r.get(4).toString());
        assertTrue(r.get(4).str("stdout").contains(" checked: "), r.get(4).toString());

        assertEquals(0L, r.get(5).longOf("exit"), r.get(5).toString());
        assertTrue(Files.isRegularFile(dir.resolve("out/client/setup.sh")), r.get(5).toString());
    }

    @Test
    void aWalkAnswersWithTheJsonOfWalkJson(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("lan.nwp");
        Files.writeString(model, MODEL);
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        assertEquals(Main.OK, Main.run(new String[] {"walk", model.toString(), "--from", "client", "--proto", "udp", "--dst", "10.0.0.2",
            "--dport", "53", "--json"}, new PrintStream(direct, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        serve("{\"cmd\": \"walk\", \"model\": " + q(model) + ", \"probe\": {\"from\": \"client\", \"proto\": \"udp\", \"dst\": \"10.0.0.2\","
                + " \"dport\": \"53\"}}", "serve", "--jsonl");
        List<Json.Value> r = responses();
        assertEquals(1, r.size());
        assertEquals("null", r.get(0).get("id").compact());
        assertEquals(Json.parse(direct.toString(StandardCharsets.UTF_8)).compact(), r.get(0).get("result").compact());
    }

    @Test
    void badLinesAreAnsweredAndTheSessionGoesOn(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("lan.nwp");
        Files.writeString(model, MODEL);
        String requests = String.join("\n",
                "not json",
                "[1, 2]",
                "{\"id\": 3, \"cmd\": \"lsp\"}",
                "{\"id\": 4, \"cmd\": \"validate\", \"paths\": [" + q(model) + "], \"colour\": true}",
                "{\"id\": 5, \"cmd\": \"walk\", \"model\": " + q(model) + "}",
                "{\"id\": 6, \"args\": [\"serve\", \"--jsonl\"]}",
                "{\"id\": 7, \"cmd\": \"walk\", \"model\": " + q(model) + ", \"probe\": {\"from\": \"nowhere\", \"proto\": \"udp\", \"dst\": \"10.0.0.2\"}}",
                "{\"id\": 8, \"cmd\": \"validate\", \"paths\": [" + q(dir.resolve("missing.nwp")) + "]}",
                "x".repeat(ServeCommand.MAX_LINE_CHARS + 10),
                "{\"id\": 10, \"cmd\": \"validate\", \"paths\": [" + q(model) + "]}");
        assertEquals(Main.OK, serve(requests, "serve", "--jsonl"));
        List<Json.Value> r = responses();
        assertEquals(10, r.size(), out.toString(StandardCharsets.UTF_8));
        for (int i = 0; i < 9; i++) {
            assertEquals(2L, r.get(i).longOf("exit"), r.get(i).toString());
            assertFalse(r.get(i).str("stderr").isEmpty(), r.get(i).toString());
        }
        assertTrue(r.get(0).str("stderr").startsWith("netwright serve: line 1:"), r.get(0).toString());
        assertTrue(r.get(1).str("stderr").contains("a request is a JSON object"), r.get(1).toString());
        assertTrue(r.get(2).str("stderr").contains("\"cmd\" (validate, check, walk, export, import)"), r.get(2).toString());
        assertEquals("4", r.get(3).get("id").compact());
        assertTrue(r.get(3).str("stderr").contains("unknown member \"colour\""), r.get(3).toString());
        assertTrue(r.get(4).str("stderr").contains("\"probe\""), r.get(4).toString());
        assertTrue(r.get(5).str("stderr").contains("\"args\" must start with one of"), r.get(5).toString());
        assertTrue(r.get(6).str("stderr").contains("unknown namespace 'nowhere'"), r.get(6).toString());
        assertTrue(r.get(7).str("stderr").contains("no such file"), r.get(7).toString());
        assertTrue(r.get(8).str("stderr").contains("line 9: longer than"), r.get(8).toString());
        assertEquals(0L, r.get(9).longOf("exit"), r.get(9).toString());
    }

    @Test
    void filesAreReadAfreshForEveryRequest(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("lan.nwp");
        Files.writeString(model, MODEL);
        String validate = "{\"cmd\": \"validate\", \"paths\": [" + q(model) + "]}\n";
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(feed, 1 << 16);
        Commands commands = new Commands(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), null);
        java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> Main.run(new String[] {"serve", "--jsonl"}, commands, in));
        feed.write(validate.getBytes(StandardCharsets.UTF_8));
        feed.flush();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!out.toString(StandardCharsets.UTF_8).contains("\n") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Files.writeString(model, MODEL.replace("address 10.0.0.2/24", "address 10.0.0.2/33"));
        feed.write(validate.getBytes(StandardCharsets.UTF_8));
        feed.close();
        assertEquals(Main.OK, exit.get(120, java.util.concurrent.TimeUnit.SECONDS));
        List<Json.Value> r = responses();
        assertEquals(2, r.size(), out.toString(StandardCharsets.UTF_8));
        assertEquals(0L, r.get(0).longOf("exit"));
        assertEquals(2L, r.get(1).longOf("exit"), r.get(1).toString());
    }

    @Test
    void serveWithoutAProtocolIsAUsageError() {
        assertEquals(Main.INVALID, serve("", "serve"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("serve needs --jsonl"), err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
