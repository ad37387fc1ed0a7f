package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Lab.rule;

import java.util.List;
import org.junit.jupiter.api.Test;

class HookOrderTest {

    @Test
    void chainsOfAllFamiliesSortByPriorityWithInternalOps() {
        NfTable.Builder t1 = NfTable.builder(Family.INET, "a");
        t1.baseChain("late", ChainType.FILTER, Hook.PREROUTING, 10, Verdict.ACCEPT);
        t1.baseChain("early", ChainType.FILTER, Hook.PREROUTING, -300, Verdict.ACCEPT);
        t1.baseChain("tie1", ChainType.FILTER, Hook.PREROUTING, 0, Verdict.ACCEPT);
        NfTable.Builder t2 = NfTable.builder(Family.IP, "b");
        t2.baseChain("tie2", ChainType.FILTER, Hook.PREROUTING, 0, Verdict.ACCEPT);
        t2.baseChain("ct", ChainType.FILTER, Hook.PREROUTING, -200, Verdict.ACCEPT);
        t2.baseChain("dnat", ChainType.NAT, Hook.PREROUTING, -100, Verdict.ACCEPT);
        NfTable.Builder t6 = NfTable.builder(Family.IP6, "v6");
        t6.baseChain("six", ChainType.FILTER, Hook.PREROUTING, -500, Verdict.ACCEPT);
        Namespace ns = Namespace.builder("x").nfTable(t1.build()).nfTable(t2.build()).nfTable(t6.build()).build();
        List<HookOrder.Entry> es = HookOrder.ipHook(ns, Hook.PREROUTING);
        List<String> names = es.stream().map(e -> e.chain() != null ? e.chain().name() : e.internal().name()).toList();
        assertEquals(List.of("early", "ct", "CONNTRACK_IN", "NAT_DST", "tie1", "tie2", "late"), names);
        assertTrue(ns.conntrackEnabled());
        List<HookOrder.Entry> post = HookOrder.ipHook(ns, Hook.POSTROUTING);
        assertEquals(List.of("NAT_SRC", "CONFIRM"), post.stream().map(e -> e.internal().name()).toList());
    }

    @Test
    void iptablesHelperUsesTheFixedPriorities() {
        Iptables ipt = new Iptables();
        ipt.table("raw");
        ipt.table("mangle");
        ipt.table("nat");
        ipt.table("filter");
        ipt.table("security");
        Namespace ns = Namespace.builder("x").nfTables(ipt.build()).build();
        List<String> pre = HookOrder.ipHook(ns, Hook.PREROUTING).stream()
                .map(e -> e.chain() != null ? e.table().name() + ":" + e.priority() : e.internal() + ":" + e.priority())
                .toList();
        assertEquals(List.of("raw:-300", "CONNTRACK_IN:-200", "mangle:-150", "NAT_DST:-100"), pre);
        List<String> in = HookOrder.ipHook(ns, Hook.INPUT).stream()
                .map(e -> e.chain() != null ? e.table().name() + ":" + e.priority() : e.internal() + ":" + e.priority())
                .toList();
        assertEquals(List.of("mangle:-150", "filter:0", "security:50", "NAT_SRC:100", "CONFIRM:" + Integer.MAX_VALUE), in);
        assertEquals(ChainType.ROUTE, ns.nfTables().get(1).chain("OUTPUT").base().type());
    }

    @Test
    void acceptEndsOnlyTheCurrentBaseChain() {
        Lab lab = new Lab();
        NfTable.Builder t = NfTable.builder(Family.INET, "one");
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT).rule(rule(m(), Statement.accept()));
        NfTable.Builder t2 = NfTable.builder(Family.IP, "two");
        t2.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 10, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.udp()).then(Statement.drop()).text("udp drop"));
        lab.table(t.build()).table(t2.build());
        Simulation sim = new Simulation(lab.build());
        ProbeResult r = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1000, 53)));
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate(), r.toText());
        assertEquals("udp drop", r.disposition().rule().text());
        ProbeResult ok = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.2.2", 1000, 80)));
        assertEquals(Location.of("server", "eth0"), ok.deliveredTo(), ok.toText());
        assertTrue(ok.replyDelivered());
    }

    @Test
    void dropInAnEarlierChainEndsEverything() {
        Lab lab = new Lab();
        NfTable.Builder t = NfTable.builder(Family.INET, "one");
        t.baseChain("pre", ChainType.FILTER, Hook.PREROUTING, -10, Verdict.DROP);
        NfTable.Builder t2 = NfTable.builder(Family.INET, "two");
        t2.baseChain("pre", ChainType.FILTER, Hook.PREROUTING, 10, Verdict.ACCEPT)
                .rule(rule(m(), Statement.counter(), Statement.accept()));
        lab.table(t.build()).table(t2.build());
        ProbeResult r = new Simulation(lab.build()).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)));
        assertEquals(Disposition.Reason.CHAIN_POLICY, r.disposition().reason());
        assertTrue(r.steps().stream().noneMatch(s -> s.chain() != null && "two".equals(s.chain().table())));
    }

    @Test
    void netdevIngressRunsBeforeEverythingAndSeesEtherSource() {
        Lab lab = new Lab();
        NfTable.Builder nd = NfTable.builder(Family.NETDEV, "cluster");
        nd.baseChain("in", ChainType.FILTER, Hook.INGRESS, -500, Verdict.ACCEPT, "eth0")
                .rule(rule(m(new Match.EtherSaddr(Ip4.parseMac("0a:00:00:00:00:00"), Ip4.parseMac("ff:ff:ff:00:00:00"))),
                        Statement.setMark(1)));
        NfTable.Builder f = NfTable.builder(Family.INET, "f");
        f.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.DROP)
                .rule(rule(m(Match.mark(1)), Statement.accept()));
        lab.table(nd.build()).table(f.build());
        NetworkView v = lab.build();
        // the client's interface has no MAC matching: dropped by forward policy
        ProbeResult r = new Simulation(v).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)));
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate());
        // a frame arriving from 0a:00:00:00:01:00 gets the mark and passes
        Packet p = Packet.udp("10.0.1.2", "10.0.2.2", 1, 53).withEtherSrc(Ip4.parseMac("0a:00:00:00:01:00"));
        ProbeResult ok = new Simulation(v).probe(Probe.arriving("r", "eth0", p).noReply());
        assertEquals(Location.of("server", "eth0"), ok.deliveredTo(), ok.toText());
    }
}
