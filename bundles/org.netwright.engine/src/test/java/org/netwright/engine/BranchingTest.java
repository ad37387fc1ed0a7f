package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Lab.rule;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.engine.json.WalkJson;

/** Choice points: random matches and verdict maps, opaque elements, recent tables, nth counters, the cap. */
class BranchingTest {
    private static final SourceRef HERE = new SourceRef("planted.nwp", 7, 3, "-m frobnicate --x");

    private static NetworkView forward(Rule... rules) {
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        Chain.Builder fwd = t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT);
        for (Rule r : rules) {
            fwd.rule(r);
        }
        return new Lab().table(t.build()).build();
    }

    private static ProbeOutcomes udp(NetworkView v) {
        return new Simulation(v).explore(Probe.from("client", Packet.udp(null, "10.0.2.2", 1000, 53)));
    }

    private static double total(ProbeOutcomes o) {
        return o.outcomes().stream().mapToDouble(r -> r.branch().probability()).sum();
    }

    @Test
    void aRandomMatchGivesBothOutcomesWithTheirProbabilities() {
        // the dport keeps the reply (from port 53) out of the choice
        ProbeOutcomes o = udp(forward(rule(m(Match.dport(53), new Match.Random(0.25, "statistic 0.25")), Statement.drop())));
        assertEquals(2, o.outcomes().size(), o.toText());
        ProbeResult dropped = o.outcomes().get(0);
        ProbeResult delivered = o.outcomes().get(1);
        assertEquals(Disposition.Fate.DROPPED, dropped.disposition().fate(), o.toText());
        assertEquals(0.25, dropped.branch().probability(), 1e-12);
        assertEquals(Location.of("server", "eth0"), delivered.deliveredTo(), o.toText());
        assertEquals(0.75, delivered.branch().probability(), 1e-12);
        assertFalse(o.uncertain(), "a random choice is known: the outcomes are certain");
        assertEquals(1, Events.of(delivered, TraceEvent.Branched.class).size());
        String text = o.toText();
        assertTrue(text.contains("## outcome 1 of 2: probability 0.25"), text);
        assertTrue(text.contains("## outcome 2 of 2: probability 0.75"), text);
        assertTrue(text.contains("lines as in outcome 1"), "the shared prefix is folded: " + text);
        WalkJson.Probe json = WalkJson.probe(o, r -> List.of());
        assertEquals(2, json.outcomes().size());
        assertEquals(0.75, json.outcomes().get(1).probability(), 1e-12);
        assertTrue(WalkJson.write(json, false).contains("\"outcomes\":["));
    }

    @Test
    void probabilityZeroAndOneDoNotBranch() {
        assertEquals(1, udp(forward(rule(m(new Match.Random(1, "always")), Statement.drop()))).outcomes().size());
        ProbeOutcomes never = udp(forward(rule(m(new Match.Random(0, "never")), Statement.drop())));
        assertEquals(1, never.outcomes().size());
        assertEquals(Location.of("server", "eth0"), never.first().deliveredTo());
    }

    @Test
    void aRandomVerdictMapExploresEveryValue() {
        Statement vmap = new Statement.ChanceVmap(Choice.Kind.RANDOM, "numgen random mod 3 vmap { 0 : drop, 2 : accept }",
                java.util.Arrays.asList(Statement.drop(), null, Statement.accept()));
        ProbeOutcomes o = udp(forward(rule(m(Match.dport(53)), vmap), rule(m(Match.dport(53)), Statement.drop())));
        assertEquals(3, o.outcomes().size(), o.toText());
        for (ProbeResult r : o.outcomes()) {
            assertEquals(1.0 / 3, r.branch().probability(), 1e-12);
        }
        assertEquals(Disposition.Fate.DROPPED, o.outcomes().get(0).disposition().fate());
        assertEquals(Disposition.Fate.DROPPED, o.outcomes().get(1).disposition().fate(), "no element: the next rule drops");
        assertEquals(Location.of("server", "eth0"), o.outcomes().get(2).deliveredTo());
        assertEquals(1.0, total(o), 1e-12);
    }

    /**
     * Opaque elements planted on the path: no outcome of any walk that passes one claims certainty, wherever it
     * sits (prerouting, forward, postrouting, the server's input, the reply's path); one off the path changes nothing.
     */
    @Test
    void noOutcomeClaimsCertaintyAfterAnOpaqueElement() {
        record Spot(Hook hook, String ns) {
        }
        List<Spot> spots = List.of(new Spot(Hook.PREROUTING, "r"), new Spot(Hook.FORWARD, "r"), new Spot(Hook.POSTROUTING, "r"),
                new Spot(Hook.INPUT, "server"), new Spot(Hook.OUTPUT, "server"));
        for (Spot spot : spots) {
            for (boolean statement : new boolean[] {false, true}) {
                Rule planted = statement ? rule(m(), new Statement.Opaque("-j FROB", HERE))
                        : rule(m(new Match.Opaque("-m frobnicate", HERE)), Statement.counter());
                NfTable.Builder t = NfTable.builder(Family.IP, "p");
                t.baseChain("c", ChainType.FILTER, spot.hook(), 0, Verdict.ACCEPT).rule(planted);
                Lab lab = new Lab();
                if (spot.ns().equals("r")) {
                    lab.table(t.build());
                } else {
                    lab.serverTables.add(t.build());
                }
                Simulation sim = new Simulation(lab.build());
                ProbeOutcomes o = sim.explore(Probe.from("client", Packet.udp(null, "10.0.2.2", 1000, 53)));
                String what = spot + (statement ? " statement" : " match") + "\n" + o.toText();
                // the reply passes the element too: the match branches on each pass
                assertTrue(statement ? o.outcomes().size() == 1 : o.outcomes().size() >= 2, what);
                for (ProbeResult r : o.outcomes()) {
                    assertTrue(r.uncertain(), what);
                    assertEquals(HERE, r.branch().opaque().get(0).where(), what);
                }
                assertTrue(o.uncertain(), what);
                WalkJson.Probe json = WalkJson.probe(o, r -> List.of());
                assertTrue(json.uncertain() && json.outcomes().stream().allMatch(WalkJson.Probe::uncertain), what);
                assertEquals(7, json.opaque().get(0).rule().line());
                // a later probe continues the uncertain state: it stays uncertain even off the element's path
                ProbeOutcomes later = sim.explore(Probe.from("server", Packet.udp(null, "10.0.2.1", 1000, 9)).noReply());
                assertTrue(later.outcomes().stream().allMatch(ProbeResult::uncertain), what);
            }
        }
        NfTable.Builder off = NfTable.builder(Family.IP, "p");
        off.baseChain("c", ChainType.FILTER, Hook.INPUT, 0, Verdict.ACCEPT)
                .rule(rule(m(new Match.Opaque("-m frobnicate", HERE)), Statement.drop()));
        ProbeOutcomes certain = udp(new Lab().table(off.build()).build());
        assertFalse(certain.uncertain(), "the router's input is not on a forwarded packet's path");
        assertEquals(1, certain.outcomes().size());
    }

    @Test
    void anOpaqueMatchExploresBothBranchesWithUnknownProbability() {
        ProbeOutcomes o = udp(forward(rule(m(Match.dport(53), new Match.Opaque("-m frobnicate", HERE)), Statement.drop())));
        assertEquals(Disposition.Fate.DROPPED, o.outcomes().get(0).disposition().fate(), o.toText());
        assertEquals(Location.of("server", "eth0"), o.outcomes().get(1).deliveredTo(), o.toText());
        assertTrue(Double.isNaN(o.outcomes().get(0).branch().probability()));
        assertEquals(null, WalkJson.probe(o, r -> List.of()).probability(), "unknown is null in JSON, never NaN");
        assertTrue(o.toText().contains("probability unknown"), o.toText());
        assertTrue(o.toText().contains("planted.nwp:7:3"), o.toText());
    }

    /**
     * kube-proxy's session affinity: the first connection picks an endpoint at random and records the client in that
     * endpoint's recent table; the next connection of the client goes to the same endpoint in every outcome.
     */
    @Test
    void recentTablesKeepAffinityAcrossProbes() {
        NfTable.Builder t = NfTable.builder(Family.IP, "nat");
        Match.Recent checkA = new Match.Recent("A", Match.RecentMode.RCHECK, 10800, 0, true, false, true, -1);
        Match.Recent checkB = new Match.Recent("B", Match.RecentMode.RCHECK, 10800, 0, true, false, true, -1);
        Match.Recent setA = new Match.Recent("A", Match.RecentMode.SET, 0, 0, false, false, true, -1);
        Match.Recent setB = new Match.Recent("B", Match.RecentMode.SET, 0, 0, false, false, true, -1);
        t.baseChain("pre", ChainType.NAT, Hook.PREROUTING, -100, Verdict.ACCEPT)
                .rule(rule(m(checkA), Statement.dnat("10.0.2.2", 80)))
                .rule(rule(m(checkB), Statement.dnat("10.0.2.2", 8080)))
                .rule(rule(m(new Match.Random(0.5, "statistic 0.5"), setA), Statement.dnat("10.0.2.2", 80)))
                .rule(rule(m(setB), Statement.dnat("10.0.2.2", 8080)));
        Lab lab = new Lab().table(t.build());
        lab.serverListeners.add(Listener.tcp(8080));
        Simulation sim = new Simulation(lab.build());
        ProbeOutcomes first = sim.explore(Probe.from("client", Packet.tcpSyn(null, "10.0.2.9", 1000, 80)));
        assertEquals(2, first.outcomes().size(), first.toText());
        ProbeOutcomes second = sim.explore(Probe.from("client", Packet.tcpSyn(null, "10.0.2.9", 1001, 80)));
        assertEquals(2, second.outcomes().size(), "one per world, no new choice: " + second.toText());
        for (ProbeResult r : second.outcomes()) {
            ProbeResult before = first.outcomes().get(r.branch().world());
            assertEquals(before.observedAtDst().dport(), r.observedAtDst().dport(), second.toText());
            assertEquals(0.5, r.branch().probability(), 1e-12);
            assertTrue(r.branch().choices().isEmpty(), "the recent table decides: " + second.toText());
        }
        assertTrue(second.outcomes().stream().map(r -> r.observedAtDst().dport()).distinct().count() == 2);
        // keeping only the worlds where the first connection went to port 80 (a "possibly" step)
        Simulation kept = new Simulation(lab.build());
        ProbeOutcomes a = kept.explore(Probe.from("client", Packet.tcpSyn(null, "10.0.2.9", 1000, 80)));
        kept.retain(i -> a.outcomes().get(i).observedAtDst().dport() == 80);
        ProbeOutcomes b = kept.explore(Probe.from("client", Packet.tcpSyn(null, "10.0.2.9", 1001, 80)));
        assertEquals(1, b.outcomes().size());
        assertEquals(80, b.first().observedAtDst().dport());
    }

    @Test
    void recentModesFollowTheKernel() {
        RecentTable t = new RecentTable();
        Match.Recent set = new Match.Recent("x", Match.RecentMode.SET, 0, 0, false, false, true, 0xffffff00);
        Match.Recent check = new Match.Recent("x", Match.RecentMode.RCHECK, 60, 0, false, false, true, 0xffffff00);
        Match.Recent twice = new Match.Recent("x", Match.RecentMode.UPDATE, 60, 3, false, false, true, 0xffffff00);
        Match.Recent ttl = new Match.Recent("x", Match.RecentMode.RCHECK, 60, 0, false, true, true, 0xffffff00);
        Match.Recent remove = new Match.Recent("x", Match.RecentMode.REMOVE, 0, 0, false, false, true, 0xffffff00);
        IpAddr a = IpAddr.parse("10.0.0.5");
        IpAddr sameNet = IpAddr.parse("10.0.0.77");
        assertFalse(t.test(check, a, 64), "no entry");
        assertTrue(t.test(set, a, 64));
        assertTrue(t.test(check, sameNet, 64), "--mask 255.255.255.0: one entry per /24");
        assertFalse(t.test(ttl, a, 63), "--rttl: another ttl");
        assertFalse(t.test(twice, a, 64), "one timestamp, --hitcount 3");
        assertTrue(t.test(set, a, 64));
        assertTrue(t.test(set, a, 64));
        assertTrue(t.test(twice, a, 64), "three timestamps");
        assertTrue(t.test(remove, a, 64));
        assertFalse(t.test(check, a, 64), "removed");
        assertFalse(t.test(remove, a, 64), "--remove without an entry does not match");
    }

    @Test
    void nthCountsThePacketsThatReachIt() {
        Match.Nth nth = new Match.Nth(3, 0);
        NetworkView v = forward(rule(m(nth), Statement.drop()));
        Simulation sim = new Simulation(v);
        StringBuilder fates = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            ProbeOutcomes o = sim.explore(Probe.from("client", Packet.udp(null, "10.0.2.2", 1000 + i, 53)).noReply());
            assertEquals(1, o.outcomes().size());
            fates.append(o.first().disposition().fate() == Disposition.Fate.DROPPED ? 'x' : '.');
        }
        // as measured on the kernel: --every 3 --packet 0 matches packets 1 and 4
        assertEquals("x..x..", fates.toString());
    }

    @Test
    void outcomesAreCappedAndSaySo() {
        Rule[] rules = new Rule[7];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = rule(m(Match.dport(53), new Match.Random(0.5, "coin " + i)), new Statement.SetMark(1L << i, 1L << i));
        }
        ProbeOutcomes o = udp(forward(rules));
        assertEquals(Simulation.MAX_OUTCOMES, o.outcomes().size());
        assertTrue(o.capped());
        assertTrue(o.uncertain(), "outcomes left out: not certain");
        assertTrue(o.toText().contains("capped at 64 outcomes"), o.toText());
        assertEquals(0.5, total(o), 1e-12, "half the walks explored");
    }

    @Test
    void aWalkWithoutChoicePointsIsCertainAndAlone() {
        ProbeOutcomes o = udp(forward(rule(m(Match.tcp()), Statement.drop())));
        assertEquals(1, o.outcomes().size());
        assertFalse(o.uncertain());
        assertEquals(1.0, o.first().branch().probability());
        assertEquals(o.first().toText(), o.toText(), "a single certain outcome reads as before");
    }
}
