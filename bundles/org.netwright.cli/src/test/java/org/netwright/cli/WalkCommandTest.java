package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;
    private Path model;

    @BeforeEach
    void file() throws Exception {
        model = Files.writeString(dir.resolve("lab.nwp"), "# built in code by the test\n");
    }

    private int walk(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = model.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        try {
            return new WalkCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), CodeModels.loader(CodeModels.lab()))
                    .run(List.of(all));
        } catch (Main.UsageException e) {
            err.writeBytes(("netwright: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return Main.INVALID;
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonResultHasTheContractFields() throws Exception {
        assertEquals(Main.OK, walk("--from", "client", "--proto", "udp", "--dst", "10.0.2.2", "--dport", "53",
                "--sport", "40001", "--json"), err());
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) MiniJson.parse(out());
        for (String f : List.of("probe", "delivered_to", "observed_at_dst", "path", "last_seen_at", "icmp_errors",
                "reply_delivered", "reply_path", "conntrack", "ct_stats_delta", "steps")) {
            assertTrue(r.containsKey(f), "missing " + f + " in " + r.keySet());
        }
        assertEquals("server", r.get("delivered_to"));
        assertEquals(Boolean.TRUE, r.get("reply_delivered"));
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) r.get("observed_at_dst");
        assertEquals("10.0.2.1", seen.get("src"), "masqueraded");
        assertEquals(40001L, seen.get("sport"));
        assertTrue(((Map<?, ?>) r.get("conntrack")).containsKey("r"));
        assertFalse(((List<?>) r.get("steps")).isEmpty());
    }

    @Test
    void textTraceByDefault() {
        assertEquals(Main.OK, walk("--from", "client", "--proto", "icmp", "--dst", "10.0.2.2"), err());
        String t = out();
        assertTrue(t.startsWith("== probe from client: ip saddr 0.0.0.0 ip daddr 10.0.2.2"), t);
        assertTrue(t.contains("== netns r"), t);
        assertTrue(t.contains("-A POSTROUTING -o eth1 -j MASQUERADE"), t);
        assertTrue(t.contains("-- result: delivered to server/eth0, reply delivered"), t);
    }

    @Test
    void unknownNamespaceIsOneLineAndExit2() {
        assertEquals(Main.INVALID, walk("--from", "nope", "--proto", "icmp", "--dst", "10.0.2.2"));
        assertEquals("netwright: unknown namespace 'nope' (known: client, r, server)\n", err());
    }

    @Test
    void sourceAddressNotOwnedIsRejected() {
        assertEquals(Main.INVALID, walk("--from", "client", "--proto", "icmp", "--src", "10.9.9.9", "--dst", "10.0.2.2"));
        assertTrue(err().contains("source address 10.9.9.9 is not configured on any interface of namespace 'client'"),
                err());
        assertEquals(1, err().lines().count());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(Main.INVALID, walk("--from", "client", "--proto", "sctp", "--dst", "10.0.2.2"));
        assertTrue(err().contains("unknown protocol 'sctp'"), err());
        err.reset();
        assertEquals(Main.INVALID, walk("--from", "client", "--proto", "udp", "--dst", "10.0.2.2"));
        assertTrue(err().contains("udp needs a destination port"), err());
        err.reset();
        assertEquals(Main.INVALID, walk("--from", "client", "--proto", "udp", "--dst", "10.0.2.300", "--dport", "1"));
        assertTrue(err().contains("destination '10.0.2.300' is not an IP address"), err());
    }

    @Test
    void probesFileWalksInOrderInOneConntrackState() throws Exception {
        Path probes = Files.writeString(dir.resolve("probes.json"), """
                {"servers": [{"ns": "server", "udp": [5000]}],
                 "probes": [
                   {"probe": "out", "from": "client", "proto": "udp", "dst": "10.0.2.2", "sport": 40001, "dport": 5000},
                   {"probe": "back", "from": "server", "proto": "udp", "src": "10.0.2.2", "dst": "10.0.2.1",
                    "sport": 5000, "dport": 40001}
                 ]}
                """);
        assertEquals(Main.OK, walk("--probes", probes.toString(), "--json"), err());
        List<?> results = (List<?>) MiniJson.parse(out());
        assertEquals(2, results.size());
        Map<?, ?> first = (Map<?, ?>) results.get(0);
        Map<?, ?> second = (Map<?, ?>) results.get(1);
        assertEquals("out", first.get("probe"));
        assertEquals("server", first.get("delivered_to"));
        // the second probe is un-NATed through the first one's connection: it reaches the client (whose
        // port 40001 has no socket any more, so it ends there)
        assertEquals("client/eth0/in", second.get("last_seen_at"), out());
        assertEquals("client", ((Map<?, ?>) second.get("disposition")).get("namespace"), out());
    }

    @Test
    void malformedProbesFileNamesLineAndColumn() throws Exception {
        Path probes = Files.writeString(dir.resolve("probes.json"), "{\"probes\": [\n  {\"from\": \"client\",}\n]}");
        assertEquals(Main.INVALID, walk("--probes", probes.toString()));
        assertEquals("netwright: " + probes + ":2:21: unexpected '}': expected a member name in double quotes (at $.probes[0])\n",
                err());
    }

    @Test
    void probesFileContentErrorsNameTheJsonPath() throws Exception {
        Path probes = Files.writeString(dir.resolve("probes.json"),
                "{\"probes\": [{\"from\": \"client\", \"proto\": \"icmp\", \"dst\": \"10.0.2.2\"},"
                        + " {\"from\": \"client\", \"proto\": \"smtp\", \"dst\": \"10.0.2.2\"}]}");
        assertEquals(Main.INVALID, walk("--probes", probes.toString()));
        assertTrue(err().contains(probes + ": $.probes[1].proto: unknown protocol \"smtp\""), err());
        err.reset();
        Files.writeString(probes, "{\"servers\": [{\"ns\": \"mars\", \"udp\": [1]}], \"probes\": [{\"from\": \"client\", "
                + "\"proto\": \"icmp\", \"dst\": \"10.0.2.2\"}]}");
        assertEquals(Main.INVALID, walk("--probes", probes.toString()));
        assertTrue(err().contains("$.servers[0].ns: unknown namespace 'mars'"), err());
        err.reset();
        Files.writeString(probes, "{\"probes\": [{\"from\": \"ghost\", \"proto\": \"icmp\", \"dst\": \"10.0.2.2\"}]}");
        assertEquals(Main.INVALID, walk("--probes", probes.toString()));
        assertTrue(err().contains("$.probes[0]: unknown namespace 'ghost'"), err());
    }
}
