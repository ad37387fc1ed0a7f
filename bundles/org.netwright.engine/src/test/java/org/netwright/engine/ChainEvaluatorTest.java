package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Lab.rule;

import org.junit.jupiter.api.Test;

class ChainEvaluatorTest {

    private static ProbeResult probe(NfTable t, Packet p) {
        return new Simulation(new Lab().table(t).build()).probe(Probe.from("client", p).noReply());
    }

    @Test
    void jumpReturnsAndGotoDoesNot() {
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        Rule markUdp = rule(m(Match.udp()), Statement.setMark(7));
        t.chain("sub").rule(markUdp).rule(rule(m(), Statement.ret())).rule(rule(m(), Statement.drop()));
        t.chain("dead").rule(rule(m(Match.tcp()), Statement.accept()));
        Rule afterJump = rule(m(Match.mark(7)), Statement.drop());
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(rule(m(), Statement.jump("sub")))
                .rule(rule(m(Match.tcp()), Statement.goTo("dead")))
                .rule(afterJump);
        NfTable table = t.build();
        ProbeResult udp = probe(table, Packet.udp(null, "10.0.2.2", 1, 53));
        assertEquals(Disposition.Fate.DROPPED, udp.disposition().fate(), udp.toText());
        assertEquals(afterJump.text(), udp.disposition().rule().text(), "return came back after the jump");
        // tcp: goto dead, accept there
        ProbeResult tcp = probe(table, Packet.tcpSyn(null, "10.0.2.2", 1, 80));
        assertEquals(Location.of("server", "eth0"), tcp.deliveredTo(), tcp.toText());
    }

    @Test
    void gotoChainEndReturnsToTheJumper() {
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        t.chain("a").rule(rule(m(), Statement.goTo("b")));
        t.chain("b").rule(rule(m(Match.tcp()), Statement.accept()));
        Rule tail = rule(m(), Statement.drop());
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(rule(m(), Statement.jump("a")))
                .rule(tail);
        ProbeResult r = probe(t.build(), Packet.udp(null, "10.0.2.2", 1, 53));
        assertEquals(tail.text(), r.disposition().rule().text(), r.toText());
    }

    @Test
    void jumpLoopIsGuarded() {
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        t.chain("a").rule(rule(m(), Statement.jump("b")));
        t.chain("b").rule(rule(m(), Statement.jump("a")));
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT).rule(rule(m(), Statement.jump("a")));
        ProbeResult r = probe(t.build(), Packet.udp(null, "10.0.2.2", 1, 53));
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate());
        assertEquals(Disposition.Reason.RULESET_LOOP, r.disposition().reason(), r.disposition().toString());
        assertEquals(TraceEvent.RulesetLoop.Guard.JUMP_DEPTH, Events.of(r, TraceEvent.RulesetLoop.class).get(0).guard());
        NfTable.Builder g = NfTable.builder(Family.INET, "g");
        g.chain("a").rule(rule(m(), Statement.goTo("a")));
        g.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT).rule(rule(m(), Statement.goTo("a")));
        ProbeResult r2 = probe(g.build(), Packet.udp(null, "10.0.2.2", 1, 53));
        assertEquals(Disposition.Reason.RULESET_LOOP, r2.disposition().reason(), r2.disposition().toString());
        assertEquals(TraceEvent.RulesetLoop.Guard.RULE_EVALUATIONS, Events.of(r2, TraceEvent.RulesetLoop.class).get(0).guard());
    }

    /** fwd jumps c1, c1 jumps c2, ...: the deepest chain c{depth} drops udp. */
    private static NfTable nestedJumps(int depth) {
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT).rule(rule(m(), Statement.jump("c1")));
        for (int i = 1; i <= depth; i++) {
            t.chain("c" + i).rule(i < depth ? rule(m(), Statement.jump("c" + (i + 1))) : rule(m(Match.udp()), Statement.drop()));
        }
        return t.build();
    }

    /** The kernel's jump stack holds 16 return points; a 17th nested jump drops the packet. */
    @Test
    void theJumpStackHoldsSixteenReturnPoints() {
        ProbeResult sixteen = probe(nestedJumps(16), Packet.udp(null, "10.0.2.2", 1, 53));
        assertEquals(Disposition.Reason.RULE_DROP, sixteen.disposition().reason(), sixteen.toText());
        ProbeResult seventeen = probe(nestedJumps(17), Packet.udp(null, "10.0.2.2", 1, 53));
        assertEquals(Disposition.Reason.RULESET_LOOP, seventeen.disposition().reason(), seventeen.toText());
        TraceEvent.RulesetLoop loop = Events.of(seventeen, TraceEvent.RulesetLoop.class).get(0);
        assertEquals(TraceEvent.RulesetLoop.Guard.JUMP_DEPTH, loop.guard());
        assertEquals(16, loop.limit());
        assertEquals("c16", loop.chain().chain(), "the jump out of c16 has no room left");
    }

    @Test
    void returnFromBaseChainAppliesPolicyAndCountersCount() {
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        Rule count = rule(m(Match.udp()), Statement.counter());
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.DROP)
                .rule(count).rule(rule(m(), Statement.ret())).rule(rule(m(), Statement.accept()));
        NfTable table = t.build();
        Simulation sim = new Simulation(new Lab().table(table).build());
        ProbeResult r = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)));
        assertEquals(Disposition.Reason.CHAIN_POLICY, r.disposition().reason());
        sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 2, 53)));
        assertEquals(2, sim.counter(table.chain("fwd").rules().get(0)));
    }

    @Test
    void namedIntervalSetsAndVerdictMaps() {
        AddrSet.Builder big = new AddrSet.Builder();
        for (int i = 0; i < 20000; i++) {
            big.add(new Prefix(IpAddr.parse("100.0.0.0").plus(i * 256L), 24));
        }
        AddrSet set = big.build();
        assertEquals(1, set.intervalCount(), "adjacent /24s merge into one interval");
        AddrSet sparse = AddrSet.of("10.0.0.0/24", "10.0.2.0-10.0.2.9", "192.168.1.1");
        assertTrue(sparse.contains(IpAddr.parse("10.0.2.9")));
        assertTrue(!sparse.contains(IpAddr.parse("10.0.2.10")));
        assertTrue(!sparse.contains(IpAddr.parse("10.0.1.0")));
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        t.set(NamedSet.addresses("blocked", "10.0.2.2", "172.16.0.0/12"));
        t.map(NamedMap.builder("ports").port(53, NamedMap.Value.verdict(Statement.drop()))
                .port(80, 90, NamedMap.Value.verdict(Statement.accept())).build());
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(rule(m(Match.tcp()), new Statement.VerdictMap(MapKey.DPORT, "ports")))
                .rule(rule(m(new Match.DaddrInSet("blocked")), Statement.drop()));
        NfTable table = t.build();
        assertEquals(Location.of("server", "eth0"), probe(table, Packet.tcpSyn(null, "10.0.2.2", 1, 80)).deliveredTo());
        assertEquals(Disposition.Fate.DROPPED, probe(table, Packet.udp(null, "10.0.2.2", 1, 53)).disposition().fate());
        assertEquals(PortSet.parse("1000-2000,22").contains(1500), true);
    }

    @Test
    void rejectSendsPortUnreachableBack() {
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(rule(m(Match.udp()), Statement.reject()));
        ProbeResult r = probe(t.build(), Packet.udp(null, "10.0.2.2", 1, 53));
        assertEquals(1, r.icmpErrors().size());
        assertEquals(Location.of("client", "eth0"), r.icmpErrors().get(0).deliveredTo(), r.icmpErrors().get(0).trace().toText());
    }
}
