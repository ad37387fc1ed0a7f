package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Lab.rule;

import java.util.List;
import org.junit.jupiter.api.Test;

class HookOrderTest {

    private static List<HookOrder.Entry> ipHook(Namespace ns, Hook hook) {
        return HookOrder.ipHook(ns, new HookOrder.Registration(ns), hook);
    }

    private static List<String> names(List<HookOrder.Entry> es) {
        return es.stream().map(e -> e.chain() != null ? e.chain().name() : e.internal().name()).toList();
    }

    /**
     * Ascending priority; at equal priority the function registered last first: tie2 (table b) before tie1 (table
     * a), and conntrack, registered after table b's chains (for its nat chain's rules), before the chain "ct".
     */
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
        assertEquals(List.of("early", "CONNTRACK_IN", "ct", "NAT_DST", "tie2", "tie1", "late"),
                names(ipHook(ns, Hook.PREROUTING)));
        assertTrue(ns.conntrackEnabled());
        List<HookOrder.Entry> post = ipHook(ns, Hook.POSTROUTING);
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
        List<String> pre = ipHook(ns, Hook.PREROUTING).stream()
                .map(e -> e.chain() != null ? e.table().name() + ":" + e.priority() : e.internal() + ":" + e.priority())
                .toList();
        assertEquals(List.of("raw:-300", "CONNTRACK_IN:-200", "mangle:-150", "NAT_DST:-100"), pre);
        List<String> in = ipHook(ns, Hook.INPUT).stream()
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

    // ------------------------------------------------------------------ ties, as KernelPinsTest pins them

    /** Chain a sets mark 1, chain b counts what it sees; both at output priority 0. */
    private static NfTable.Builder marks(NfTable.Builder t, String setter, String reader) {
        t.baseChain(setter, ChainType.FILTER, Hook.OUTPUT, 0, Verdict.ACCEPT).rule(rule(m(), Statement.setMark(1)));
        return t;
    }

    private static long seenMark(NetworkView v, String readerTable, String reader) {
        ProbeResult r = new Simulation(v).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)).noReply());
        TraceStep s = r.steps().stream().filter(x -> x.chain() != null && x.chain().chain().equals(reader)
                && x.chain().table().equals(readerTable)).findFirst().orElseThrow(() -> new AssertionError(r.toText()));
        return s.mark();
    }

    private static NetworkView clientWith(NfTable... tables) {
        Lab lab = new Lab();
        lab.clientTables.addAll(List.of(tables));
        return lab.build();
    }

    @Test
    void ofTwoChainsOfOneTableAtOnePriorityTheLaterDeclaredRunsFirst() {
        NfTable.Builder t = NfTable.builder(Family.IP, "t");
        marks(t, "a", "b").baseChain("b", ChainType.FILTER, Hook.OUTPUT, 0, Verdict.ACCEPT).rule(rule(m(), Statement.counter()));
        assertEquals(0, seenMark(clientWith(t.build()), "t", "b"), "b runs before a sets the mark");
        NfTable.Builder u = NfTable.builder(Family.IP, "t");
        u.baseChain("b", ChainType.FILTER, Hook.OUTPUT, 0, Verdict.ACCEPT).rule(rule(m(), Statement.counter()));
        marks(u, "a", "b");
        assertEquals(1, seenMark(clientWith(u.build()), "t", "b"), "a, declared after b, runs first");
    }

    @Test
    void ofTwoTablesAtOnePriorityTheLaterTableRunsFirst() {
        NfTable.Builder t1 = marks(NfTable.builder(Family.IP, "t1"), "a", "b");
        NfTable.Builder t2 = NfTable.builder(Family.INET, "t2");
        t2.baseChain("b", ChainType.FILTER, Hook.OUTPUT, 0, Verdict.ACCEPT).rule(rule(m(), Statement.counter()));
        assertEquals(0, seenMark(clientWith(t1.build(), t2.build()), "t2", "b"));
        // iptables tables are loaded after the nft ruleset: the filter table's OUTPUT runs before an nft chain at 0
        Iptables ipt = new Iptables();
        ipt.append("filter", "OUTPUT", rule(m(), Statement.counter()));
        assertEquals(0, seenMark(clientWith(t1.build(), ipt.build().get(0)), "filter", "OUTPUT"));
    }

    @Test
    void conntrackRegisteredAfterAChainAtItsPriorityRunsBeforeIt() {
        // the chain's own ct rule registers conntrack after the chain: the chain sees the packet tracked
        NfTable.Builder t = NfTable.builder(Family.IP, "t");
        t.baseChain("c", ChainType.FILTER, Hook.OUTPUT, -200, Verdict.ACCEPT)
                .rule(rule(m(Match.ctState(CtState.NEW)), Statement.setMark(7)));
        assertEquals(List.of("CONNTRACK_IN", "c"), names(ipHook(clientWith(t.build()).namespaces().get("client"), Hook.OUTPUT)));
        // a ct rule of an earlier table registered conntrack first: the chain of the later table runs before it
        NfTable.Builder first = NfTable.builder(Family.IP, "t0");
        first.baseChain("d", ChainType.FILTER, Hook.POSTROUTING, 0, Verdict.ACCEPT)
                .rule(rule(m(Match.ctState(CtState.NEW)), Statement.counter()));
        assertEquals(List.of("c", "CONNTRACK_IN"),
                names(ipHook(clientWith(first.build(), t.build()).namespaces().get("client"), Hook.OUTPUT)));
    }
}
