package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless contract of issue 5 on the bundled examples, through {@link Main} and the real language: the
 * values of every JSON field, probes files (one conntrack state), snapshot folders as models, and the text.
 */
class WalkContractTest {
    static final Path ROOT = repoRoot();
    static final Path EXAMPLES = ROOT.resolve("examples");
    private static final Path SNAPSHOT = ROOT.resolve("bundles/org.netwright.importer/src/test/resources/snapshots/lab");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples/baselines"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static Map<String, Object> header(String src, String dst, int sport, int dport, int ttl) {
        return Map.of("src", src, "dst", dst, "proto", "tcp", "ttl", (long) ttl, "sport", (long) sport, "dport",
                (long) dport);
    }

    /** The header without the fields this test does not pin (tcp flags). */
    private static Map<String, Object> core(Object header) {
        Map<String, Object> h = new java.util.HashMap<>(map(header));
        h.remove("tcp_flags");
        return h;
    }

    @Test
    void everyFieldOfThePortForwardWalk() throws Exception {
        String file = EXAMPLES.resolve("baselines/dnat-iptables.nwp").toString();
        assertEquals(Main.OK, run("walk", file, "--from", "inet", "--proto", "tcp", "--src", "198.51.100.10", "--sport",
                "40002", "--dst", "203.0.113.2", "--dport", "8080", "--json"), err());
        Map<String, Object> r = map(MiniJson.parse(out()));
        assertNull(r.get("probe"), "a probe from the command line has no name");
        assertEquals("pc", r.get("delivered_to"));
        assertEquals(header("198.51.100.10", "192.168.1.10", 40002, 80, 63), core(r.get("observed_at_dst")));
        assertEquals(2L, map(r.get("observed_at_dst")).get("tcp_flags"), "the SYN arrives");

        List<Object> path = list(r.get("path"));
        assertEquals(List.of("inet/eth0/out", "router/eth0/in", "router/eth1/out", "pc/eth0/in"),
                path.stream().map(p -> map(p).get("at")).toList());
        assertEquals(header("198.51.100.10", "203.0.113.2", 40002, 8080, 64), core(map(path.get(1)).get("header")));
        assertEquals(header("198.51.100.10", "192.168.1.10", 40002, 80, 63), core(map(path.get(2)).get("header")),
                "DNAT in prerouting, TTL decremented on forwarding");
        assertEquals("pc/eth0/in", r.get("last_seen_at"));
        assertEquals(List.of(), r.get("icmp_errors"));

        assertEquals(Boolean.TRUE, r.get("reply_delivered"));
        List<Object> reply = list(r.get("reply_path"));
        assertEquals(List.of("pc/eth0/out", "router/eth1/in", "router/eth0/out", "inet/eth0/in"),
                reply.stream().map(p -> map(p).get("at")).toList());
        assertEquals(header("203.0.113.2", "198.51.100.10", 8080, 40002, 63), core(map(reply.get(2)).get("header")),
                "the SYN-ACK is un-DNATed from the conntrack entry");
        assertEquals(18L, map(map(reply.get(2)).get("header")).get("tcp_flags"), "syn,ack");

        Map<String, Object> ct = map(r.get("conntrack"));
        assertEquals(List.of("router"), List.copyOf(ct.keySet()), "only the router has rules, so only it tracks");
        List<Object> entries = list(ct.get("router"));
        assertEquals(1, entries.size());
        Map<String, Object> e = map(entries.get(0));
        assertEquals("tcp", e.get("proto"));
        assertEquals(0L, e.get("zone"));
        assertEquals(0L, e.get("mark"));
        assertEquals("dnat", e.get("nat"));
        assertEquals(Map.of("src", "198.51.100.10", "dst", "203.0.113.2", "proto", "tcp", "sport", 40002L, "dport", 8080L),
                e.get("orig"));
        assertEquals(Map.of("src", "192.168.1.10", "dst", "198.51.100.10", "proto", "tcp", "sport", 80L, "dport", 40002L),
                e.get("reply"));
        Map<String, Object> stats = map(map(r.get("ct_stats_delta")).get("router"));
        assertEquals(1L, stats.get("insert"));
        assertEquals(0L, stats.get("insert_failed"));
        assertEquals(0L, stats.get("drop"));

        List<Object> steps = list(r.get("steps"));
        Map<String, Object> dnat = steps.stream().map(WalkContractTest::map)
                .filter(s -> "rule".equals(s.get("kind")) && "nat".equals(s.get("table"))).findFirst().orElseThrow();
        assertEquals("router", dnat.get("namespace"));
        assertEquals("prerouting", dnat.get("hook"));
        assertEquals("PREROUTING", dnat.get("chain"));
        assertEquals(-100L, dnat.get("priority"));
        Map<String, Object> rule = map(dnat.get("rule"));
        assertTrue(rule.get("file").toString().endsWith("dnat-iptables.nwp"), rule.toString());
        assertEquals(11L, rule.get("line"), "the -A PREROUTING ... DNAT line of the example");
        assertEquals("-A PREROUTING -i eth0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80",
                rule.get("text"));
        assertEquals("203.0.113.2", map(dnat.get("packet")).get("dst"), "the rule binds; the translation follows");
        Map<String, Object> translated = map(steps.get(steps.indexOf(dnat) + 1));
        assertEquals("nat", translated.get("kind"));
        assertEquals(Map.of("src", "198.51.100.10", "dst", "192.168.1.10", "proto", "tcp", "ttl", 64L, "sport", 40002L,
                "dport", 80L), core(translated.get("packet")), "the packet after the translation step");
        assertEquals("inet", map(steps.get(0)).get("namespace"));
    }

    @Test
    void textReadsLikeNftMonitorTrace() {
        Path file = EXAMPLES.resolve("baselines/dnat-iptables.nwp");
        assertEquals(Main.OK, run("walk", file.toString(), "--from", "inet", "--proto", "tcp", "--src", "198.51.100.10",
                "--sport", "40002", "--dst", "203.0.113.2", "--dport", "8080"), err());
        String t = out();
        assertTrue(t.contains("\ntrace ip nat PREROUTING rule -A PREROUTING -i eth0 -p tcp -m tcp --dport 8080 -j DNAT"
                + " --to-destination 192.168.1.10:80 (verdict accept (nat)) [hook prerouting prio -100] at "), t);
        assertTrue(t.contains("dnat-iptables.nwp:11:3\n"), t);
        assertTrue(t.contains("\n      packet: ip saddr 198.51.100.10 ip daddr 192.168.1.10 ip ttl 64 ip protocol tcp"
                + " tcp sport 40002 tcp dport 80"), t);
        assertTrue(t.contains("\n== netns router\n"), t);
        assertTrue(t.endsWith("-- result: delivered to pc/eth0, reply delivered\n"), t);
    }

    /** Seed 002: the second ESP client clashes on the generic tuple; the probes share one conntrack state. */
    @Test
    void probesFileRunsInOrderInOneConntrackState() throws Exception {
        String model = EXAMPLES.resolve("002-ipsec-masquerade/broken.nwp").toString();
        Path probes = Files.writeString(dir.resolve("probes.json"), """
                {"servers": [{"ns": "vpn", "esp": "reply"}],
                 "probes": [
                   {"probe": "c1", "from": "client1", "proto": "esp", "dst": "2.2.2.2", "spi": "0x1001"},
                   {"probe": "c2", "from": "client2", "proto": "esp", "dst": "2.2.2.2", "spi": 4098}
                 ]}
                """);
        assertEquals(Main.OK, run("walk", model, "--probes", probes.toString(), "--json"), err());
        List<Object> rs = list(MiniJson.parse(out()));
        assertEquals(2, rs.size());
        Map<String, Object> c1 = map(rs.get(0));
        Map<String, Object> c2 = map(rs.get(1));
        assertEquals("c1", c1.get("probe"));
        assertEquals("vpn", c1.get("delivered_to"));
        assertEquals(Map.of("src", "1.1.1.1", "dst", "2.2.2.2", "proto", "esp", "ttl", 63L, "spi", 4097L),
                c1.get("observed_at_dst"));
        assertEquals(Boolean.TRUE, c1.get("reply_delivered"));
        assertEquals("client1/eth0/in", map(list(c1.get("reply_path")).get(list(c1.get("reply_path")).size() - 1))
                .get("at"));

        assertEquals("c2", c2.get("probe"));
        assertNull(c2.get("delivered_to"));
        assertEquals(Boolean.FALSE, c2.get("reply_delivered"));
        assertEquals("router/lan2/in", c2.get("last_seen_at"));
        Map<String, Object> stats = map(map(c2.get("ct_stats_delta")).get("router"));
        assertEquals(1L, stats.get("insert_failed"), "the clash");
        assertEquals(1L, stats.get("drop"));
        List<Object> ct = list(map(c2.get("conntrack")).get("router"));
        assertEquals(1, ct.size(), "only client1's entry: " + ct);
        assertEquals("192.168.1.1", map(map(ct.get(0)).get("orig")).get("src"));
        assertEquals(Map.of("src", "2.2.2.2", "dst", "1.1.1.1", "proto", "esp"), map(ct.get(0)).get("reply"));

        // the same two probes in the other order: now client2 holds the tuple, which shows the shared state
        Files.writeString(probes, Files.readString(probes).replace("\"client1\"", "\"tmp\"")
                .replace("\"client2\"", "\"client1\"").replace("\"tmp\"", "\"client2\""));
        assertEquals(Main.OK, run("walk", model, "--probes", probes.toString(), "--json"), err());
        rs = list(MiniJson.parse(out()));
        assertEquals("vpn", map(rs.get(0)).get("delivered_to"));
        assertNull(map(rs.get(1)).get("delivered_to"));
    }

    @Test
    void aSnapshotFolderIsTheModel() throws Exception {
        assertEquals(Main.OK, run("walk", SNAPSHOT.toString(), "--from", "nwimp-c", "--proto", "icmp", "--dst",
                "10.88.0.2", "--json"), err());
        Map<String, Object> r = map(MiniJson.parse(out()));
        assertEquals("nwimp-b", r.get("delivered_to"), "the bridge's own address");
        assertEquals(Boolean.TRUE, r.get("reply_delivered"));
        assertEquals("10.88.0.3", map(r.get("observed_at_dst")).get("src"));
        Map<String, Object> masq = list(r.get("steps")).stream().map(WalkContractTest::map)
                .filter(s -> "rule".equals(s.get("kind")) && "POSTROUTING".equals(s.get("chain"))).findFirst()
                .orElseThrow();
        Map<String, Object> rule = map(masq.get("rule"));
        assertEquals("-A POSTROUTING -o vc0 -j MASQUERADE", rule.get("text"));
        assertTrue(rule.get("file").toString().startsWith("snapshot:")
                && rule.get("file").toString().endsWith("lab/imported.nwp"), rule.toString());
        // the importer's warnings are shown, located in the dump files
        assertTrue(err().contains("nwimp-b/iptables-save.txt:10:50: warning: unknown target -j TCPMSS"), err());
    }

    @Test
    void aBrokenSnapshotFileIsInvalidInputWithItsPosition() throws Exception {
        Path copy = dir.resolve("snap");
        try (Stream<Path> files = Files.walk(SNAPSHOT)) {
            for (Path p : files.toList()) {
                Path t = copy.resolve(SNAPSHOT.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Files.writeString(copy.resolve("nwimp-c/addr.json"), "[{\"ifname\": \"vc0\",\n  \"addr_info\": [}]");
        assertEquals(Main.INVALID, run("walk", copy.toString(), "--from", "nwimp-c", "--proto", "icmp", "--dst",
                "10.88.0.2"));
        assertTrue(err().matches("(?s).*nwimp-c/addr\\.json:2:\\d+: error: .*"), err());
        assertFalse(err().contains("Exception"), err());
        assertEquals("", out());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(Main.INVALID, run("walk", empty.toString(), "--from", "a", "--proto", "icmp", "--dst", "10.0.0.1"));
        assertTrue(err().contains("not a snapshot folder"), err());
    }

    @Test
    void checkExitCodes() throws Exception {
        assertEquals(Main.OK, run("check", EXAMPLES.resolve("baselines/masquerade-nft.nwp").toString()), out() + err());
        assertTrue(out().contains("2 expectation(s) checked: 2 hold, 0 violated"), out());

        Path wrong = Files.writeString(dir.resolve("wrong.nwp"), "import \"" + EXAMPLES.resolve("baselines/topology.nwp")
                + "\"\nexpect \"masqueraded without a NAT rule\" tcp from pc:40000 to 198.51.100.10:80:\n"
                + "\tdelivered to inet with src 203.0.113.2\n");
        assertEquals(Main.VIOLATED, run("check", wrong.toString()), out() + err());
        assertTrue(out().contains("violated: masqueraded without a NAT rule"), out());
        assertTrue(out().contains("trace of probe"), "the violated one's trace: " + out());
        assertTrue(out().contains("== netns router"), out());

        Path bad = Files.writeString(dir.resolve("bad.nwp"), "namespace a {\n\tinterface eth0 { address 10.0.0.1/24 }\n"
                + "\troute default via dev\n}\n");
        assertEquals(Main.INVALID, run("check", bad.toString()));
        assertTrue(err().matches("(?s).*bad\\.nwp:3:\\d+: error: .*"), err());
    }

    /** What {@code ./netwright demo} runs: one line per example file, an exit status that matches them. */
    @Test
    void checkSummaryOnTheExamplesIsHonest() throws Exception {
        int rc = run("check", "--summary", EXAMPLES.toString());
        List<Path> files;
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".nwp")).sorted().toList();
        }
        List<String> lines = out().lines().toList();
        int held = 0;
        int violated = 0;
        for (Path f : files) {
            List<String> mine = lines.stream().filter(l -> l.startsWith(f + ": ")).toList();
            assertEquals(1, mine.size(), f + " in\n" + out());
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile(": (?:ok, (\\d+) expectation\\(s\\) hold|VIOLATED (\\d+) of (\\d+) expectation\\(s\\)|no expectations)")
                    .matcher(mine.get(0));
            assertTrue(m.find(), mine.get(0));
            if (m.group(1) != null) {
                held += Integer.parseInt(m.group(1));
            } else if (m.group(2) != null) {
                violated += Integer.parseInt(m.group(2));
                held += Integer.parseInt(m.group(3)) - Integer.parseInt(m.group(2));
            }
        }
        assertTrue(held + violated >= 30, "the examples state expectations: " + out());
        assertTrue(out().endsWith((held + violated) + " expectation(s) checked: " + held + " hold, " + violated
                + " violated\n"), out());
        assertEquals(violated == 0 ? Main.OK : Main.VIOLATED, rc, out());
        assertFalse(out().contains("trace of probe"), "the summary leaves the traces to 'check <file>'");
    }
}
