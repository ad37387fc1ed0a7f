package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.engine.ChainType;
import org.netwright.engine.CtState;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Iptables;
import org.netwright.engine.Match;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Rule;
import org.netwright.engine.Simulation;
import org.netwright.engine.Statement;
import org.netwright.engine.Trace;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.Verdict;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.NetnsLab;

/**
 * Functions registered on one hook at one priority: the kernel runs the one registered last first
 * (nf_hook_entries_grow inserts a new entry before the existing ones of its priority), so the order follows the
 * order in which the ruleset was loaded: chains of one table, of two tables (ip and inet), an iptables table loaded
 * after an nft ruleset (nft and legacy back ends), a chain tied with conntrack (registered by the first rule that
 * needs it) and with the NAT operation (registered with the first nat chain), two nat chains. Each case loads the
 * ruleset into a fresh namespace, pings its own loopback and reads which named rules counted; the engine walks the
 * same ruleset (HookOrder) and must match the same rules.
 */
class HookOrderPinsTest {
    /**
     * One ruleset in both forms: nft text, iptables-restore text (or null, loaded after the nft text) and the
     * engine's tables; the named rules are counters (comments) in the kernel and rule texts in the engine.
     */
    private record Case(String lab, String nft, String iptables, boolean legacy, List<NfTable> engine, String dst) {
    }

    @BeforeEach
    void kernel() {
        KernelAvailability.require("iptables-legacy-restore");
    }

    private static Rule rule(String name, Match m, Statement s) {
        Rule.Builder b = Rule.builder();
        if (m != null) {
            b.match(m);
        }
        return b.then(s).text(name).build();
    }

    private static NfTable.Builder table(Family f, String name) {
        return NfTable.builder(f, name);
    }

    /** a sets mark 1; b (same hook and priority, registered after a) counts which mark it sees. */
    private static String markChains(String reader) {
        return """
                    chain a {
                        type filter hook output priority 0;
                        meta mark set 1 counter comment "a sets"
                    }
                """ + reader;
    }

    private static final String READER = """
                chain b {
                    type filter hook output priority 0;
                    meta mark 1 counter comment "b after a"
                    meta mark 0 counter comment "b before a"
                }
            """;

    private static void aSets(NfTable.Builder t) {
        t.baseChain("a", ChainType.FILTER, Hook.OUTPUT, 0, Verdict.ACCEPT).rule(rule("a sets", null, Statement.setMark(1)));
    }

    private static void bReads(NfTable.Builder t) {
        t.baseChain("b", ChainType.FILTER, Hook.OUTPUT, 0, Verdict.ACCEPT)
                .rule(rule("b after a", Match.mark(1), Statement.counter()))
                .rule(rule("b before a", Match.mark(0), Statement.counter()));
    }

    @Test
    void twoChainsOfOneTable() {
        NfTable.Builder t = table(Family.IP, "t");
        aSets(t);
        bReads(t);
        Map<String, Boolean> seen = agree(new Case("ho1", "table ip t {\n" + markChains(READER) + "}\n", null, false,
                List.of(t.build()), "127.0.0.1"));
        assertEquals(Map.of("a sets", true, "b after a", false, "b before a", true), seen, "b, declared after a, runs first");
    }

    @Test
    void twoTablesIpThenInet() {
        NfTable.Builder t1 = table(Family.IP, "t1");
        aSets(t1);
        NfTable.Builder t2 = table(Family.INET, "t2");
        bReads(t2);
        Map<String, Boolean> seen = agree(new Case("ho2", "table ip t1 {\n" + markChains("") + "}\ntable inet t2 {\n" + READER
                + "}\n", null, false, List.of(t1.build(), t2.build()), "127.0.0.1"));
        assertEquals(false, seen.get("b after a"), "the later table runs first");
    }

    private static final String IPT_READER = """
            *filter
            :OUTPUT ACCEPT [0:0]
            -A OUTPUT -m mark --mark 0x1 -m comment --comment "ipt after a" -j ACCEPT
            -A OUTPUT -m mark --mark 0x0 -m comment --comment "ipt before a" -j ACCEPT
            COMMIT
            """;

    private static List<NfTable> nftThenIptables() {
        NfTable.Builder t1 = table(Family.IP, "t1");
        aSets(t1);
        Iptables ipt = new Iptables();
        ipt.append("filter", "OUTPUT", rule("ipt after a", Match.mark(1), Statement.accept()));
        ipt.append("filter", "OUTPUT", rule("ipt before a", Match.mark(0), Statement.accept()));
        List<NfTable> out = new ArrayList<>(List.of(t1.build()));
        out.addAll(ipt.build());
        return out;
    }

    @Test
    void iptablesNftLoadedAfterAnNftRuleset() {
        Map<String, Boolean> seen = agree(new Case("ho3", "table ip t1 {\n" + markChains("") + "}\n", IPT_READER, false,
                nftThenIptables(), "127.0.0.1"));
        assertEquals(Map.of("a sets", true, "ipt after a", false, "ipt before a", true), seen);
    }

    @Test
    void iptablesLegacyLoadedAfterAnNftRuleset() {
        Map<String, Boolean> seen = agree(new Case("ho4", "table ip t1 {\n" + markChains("") + "}\n", IPT_READER, true,
                nftThenIptables(), "127.0.0.1"));
        assertEquals(Map.of("a sets", true, "ipt after a", false, "ipt before a", true), seen);
    }

    private static final String CT_CHAIN = """
                chain c {
                    type filter hook output priority -200;
                    ct state new counter comment "c after conntrack"
                    ct state invalid counter comment "c before conntrack"
                }
            """;

    private static void ctChain(NfTable.Builder t) {
        t.baseChain("c", ChainType.FILTER, Hook.OUTPUT, -200, Verdict.ACCEPT)
                .rule(rule("c after conntrack", Match.ctState(CtState.NEW), Statement.counter()))
                .rule(rule("c before conntrack", Match.ctState(CtState.INVALID), Statement.counter()));
    }

    @Test
    void aChainAtTheConntrackPriorityWhoseOwnRuleNeedsConntrack() {
        NfTable.Builder t = table(Family.IP, "t");
        ctChain(t);
        Map<String, Boolean> seen = agree(new Case("ho5", "table ip t {\n" + CT_CHAIN + "}\n", null, false, List.of(t.build()),
                "127.0.0.1"));
        assertEquals(Map.of("c after conntrack", true, "c before conntrack", false), seen,
                "conntrack, registered by c's rule after c, runs first");
    }

    @Test
    void aChainAtTheConntrackPriorityLoadedAfterConntrack() {
        NfTable.Builder t0 = table(Family.IP, "t0");
        t0.baseChain("d", ChainType.FILTER, Hook.POSTROUTING, 0, Verdict.ACCEPT)
                .rule(rule("d new", Match.ctState(CtState.NEW), Statement.counter()));
        NfTable.Builder t1 = table(Family.IP, "t1");
        ctChain(t1);
        Map<String, Boolean> seen = agree(new Case("ho6", """
                table ip t0 {
                    chain d {
                        type filter hook postrouting priority 0;
                        ct state new counter comment "d new"
                    }
                }
                table ip t1 {
                """ + CT_CHAIN + "}\n", null, false, List.of(t0.build(), t1.build()), "127.0.0.1"));
        assertEquals(Map.of("d new", true, "c after conntrack", false, "c before conntrack", true), seen,
                "conntrack was registered by t0's rule: c, registered after it, runs first");
    }

    /** A nat chain at output -100 sending 127.0.0.2 to {@code to}: added to {@code t}, returned as nft text. */
    private static String dnatChain(NfTable.Builder t, String name, String to) {
        t.baseChain(name, ChainType.NAT, Hook.OUTPUT, -100, Verdict.ACCEPT)
                .rule(rule(name + " dnat", Match.daddr("127.0.0.2"), Statement.dnat(to)));
        return "    chain " + name + " {\n        type nat hook output priority -100;\n        ip daddr 127.0.0.2 counter dnat to "
                + to + " comment \"" + name + " dnat\"\n    }\n";
    }

    @Test
    void aFilterChainAtTheDnatPriorityDeclaredBeforeTheNatChain() {
        NfTable.Builder t = table(Family.IP, "t");
        t.baseChain("f", ChainType.FILTER, Hook.OUTPUT, -100, Verdict.ACCEPT)
                .rule(rule("f after nat", Match.daddr("127.0.0.3"), Statement.counter()))
                .rule(rule("f before nat", Match.daddr("127.0.0.2"), Statement.counter()));
        String n = dnatChain(t, "n", "127.0.0.3");
        Map<String, Boolean> seen = agree(new Case("ho7", """
                table ip t {
                    chain f {
                        type filter hook output priority -100;
                        ip daddr 127.0.0.3 counter comment "f after nat"
                        ip daddr 127.0.0.2 counter comment "f before nat"
                    }
                """ + n + "}\n", null, false, List.of(t.build()), "127.0.0.2"));
        assertEquals(Map.of("f after nat", true, "f before nat", false, "n dnat", true), seen,
                "the NAT operation, registered with n after f, runs first");
    }

    @Test
    void twoNatChainsAtOnePriority() {
        NfTable.Builder t = table(Family.IP, "t");
        String n1 = dnatChain(t, "n1", "127.0.0.3");
        String n2 = dnatChain(t, "n2", "127.0.0.4");
        t.baseChain("w", ChainType.FILTER, Hook.OUTPUT, 0, Verdict.ACCEPT)
                .rule(rule("to n1's address", Match.daddr("127.0.0.3"), Statement.counter()))
                .rule(rule("to n2's address", Match.daddr("127.0.0.4"), Statement.counter()));
        Map<String, Boolean> seen = agree(new Case("ho8", "table ip t {\n" + n1 + n2 + """
                    chain w {
                        type filter hook output priority 0;
                        ip daddr 127.0.0.3 counter comment "to n1's address"
                        ip daddr 127.0.0.4 counter comment "to n2's address"
                    }
                }
                """, null, false, List.of(t.build()), "127.0.0.2"));
        assertEquals(Map.of("n1 dnat", false, "n2 dnat", true, "to n1's address", false, "to n2's address", true), seen,
                "n2, registered after n1, binds first");
    }

    // ------------------------------------------------------------------ both sides

    /** Which named rules counted in the kernel; asserts the engine matched the same ones, and returns them. */
    private static Map<String, Boolean> agree(Case c) {
        Map<String, Boolean> kernel = kernel(c);
        Map<String, Boolean> engine = engine(c, kernel.keySet());
        assertEquals(kernel, engine, "engine and kernel disagree on " + c.lab() + ":\n" + c.nft()
                + (c.iptables() == null ? "" : c.iptables()));
        return kernel;
    }

    private static Map<String, Boolean> kernel(Case c) {
        try (NetnsLab lab = NetnsLab.up(c.lab())) {
            lab.namespace("h");
            lab.nft("h", c.nft()).orThrow();
            if (c.iptables() != null) {
                lab.iptablesRestore("h", c.iptables(), c.legacy()).orThrow();
            }
            lab.exec("h", Duration.ofSeconds(4), "ping", "-c", "1", "-W", "2", c.dst());
            Map<String, Boolean> out = new LinkedHashMap<>();
            counters(lab.exec("h", Duration.ofSeconds(5), "nft", "list", "ruleset").orThrow().stdout(),
                    Pattern.compile("packets (\\d+) .*comment \"([^\"]+)\""), out);
            if (c.iptables() != null) {
                String save = c.legacy() ? "iptables-legacy-save" : "iptables-save";
                counters(lab.exec("h", Duration.ofSeconds(5), save, "-c").orThrow().stdout(),
                        Pattern.compile("^\\[(\\d+):\\d+\\] .*--comment \"?([^\"]+?)\"? -j"), out);
            }
            return out;
        }
    }

    private static void counters(String listing, Pattern p, Map<String, Boolean> out) {
        for (String line : listing.split("\n")) {
            Matcher m = p.matcher(line.strip());
            if (m.find()) {
                out.put(m.group(2), Long.parseLong(m.group(1)) > 0);
            }
        }
    }

    private static Map<String, Boolean> engine(Case c, java.util.Set<String> names) {
        Namespace h = Namespace.builder("h").nfTables(c.engine()).build();
        ProbeResult r = new Simulation(NetworkView.builder().namespace(h).build())
                .probe(Probe.from("h", Packet.icmpEcho(null, c.dst(), 1)));
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, matched(r.trace(), n) || (r.replyTrace() != null && matched(r.replyTrace(), n)));
        }
        return out;
    }

    private static boolean matched(Trace t, String name) {
        return t.steps().stream().anyMatch(s -> s.event() instanceof TraceEvent.RuleMatched m && m.rule() != null
                && name.equals(m.rule().text()));
    }
}
