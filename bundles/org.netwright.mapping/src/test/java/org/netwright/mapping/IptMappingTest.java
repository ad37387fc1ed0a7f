package org.netwright.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.F;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.engine.Chain;
import org.netwright.engine.Disposition;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Iptables;
import org.netwright.engine.Location;
import org.netwright.engine.Match;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.Prefix;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Rule;
import org.netwright.engine.Simulation;
import org.netwright.engine.Statement;
import org.netwright.model.IptAddrOption;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
import org.netwright.model.IptConnmarkOp;
import org.netwright.model.IptConnmarkTarget;
import org.netwright.model.IptConntrackMatch;
import org.netwright.model.IptCtState;
import org.netwright.model.IptGenericMatch;
import org.netwright.model.IptGenericTarget;
import org.netwright.model.IptIfOption;
import org.netwright.model.IptJumpTarget;
import org.netwright.model.IptMarkOp;
import org.netwright.model.IptMarkTarget;
import org.netwright.model.IptMasqueradeTarget;
import org.netwright.model.IptMultiportMatch;
import org.netwright.model.IptMultiportOption;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptNatTargetKind;
import org.netwright.model.IptOption;
import org.netwright.model.IptRejectTarget;
import org.netwright.model.IptSimpleTarget;
import org.netwright.model.IptSimpleTargetKind;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptablesTable;
import org.netwright.model.semantics.PortRange;
import org.netwright.testsupport.TestModels;

class IptMappingTest {

    private static Chain chain(ModelMapping m, String table, String chain) {
        NfTable t = m.view().namespace("r").nfTables().stream().filter(x -> x.name().equals(table)).findFirst()
                .orElseThrow();
        return t.chain(chain);
    }

    private static IptMarkTarget mark(IptMarkOp op, long v, Long mask) {
        IptMarkTarget t = F.createIptMarkTarget();
        t.setOp(op);
        t.setValue(v);
        if (mask != null) {
            t.setMask(mask);
        }
        return t;
    }

    @Test
    void markArithmeticFollowsXtMark() {
        assertEquals(new Statement.SetMark(0x1, 0xffffffffL), IptMapper.mark(mark(IptMarkOp.SET_MARK, 1, null)));
        assertEquals(new Statement.SetMark(0x1, 0xf1L), IptMapper.mark(mark(IptMarkOp.SET_MARK, 1, 0xf0L)));
        assertEquals(new Statement.SetMark(0x1, 0xf0L), IptMapper.mark(mark(IptMarkOp.SET_XMARK, 1, 0xf0L)));
        assertEquals(new Statement.SetMark(0, 0xffffff00L), IptMapper.mark(mark(IptMarkOp.AND_MARK, 0xff, null)));
        assertEquals(new Statement.SetMark(0x4, 0x4), IptMapper.mark(mark(IptMarkOp.OR_MARK, 4, null)));
        assertEquals(new Statement.SetMark(0x4, 0), IptMapper.mark(mark(IptMarkOp.XOR_MARK, 4, null)));
    }

    @Test
    void rejectVariants() {
        assertEquals(new Statement.Reject(3, false), IptMapper.reject(null));
        assertEquals(new Statement.Reject(3, true), IptMapper.reject("tcp-reset"));
        assertEquals(new Statement.Reject(13, false), IptMapper.reject("icmp-admin-prohibited"));
        assertEquals(new Statement.Reject(10, false), IptMapper.reject("icmp-host-prohibited"));
    }

    @Test
    void targetsMapToTheIr() {
        ModelLab lab = new ModelLab();
        IptablesTable nat = TestModels.iptables(lab.r, IptTableKind.NAT);
        IptNatTarget snat = F.createIptNatTarget();
        snat.setKind(IptNatTargetKind.SNAT);
        snat.setAddress(TestModels.prefix("10.0.2.100"));
        snat.setAddressEnd(TestModels.ip("10.0.2.101"));
        snat.setPorts(PortRange.of(1000, 2000));
        TestModels.irule(nat, IptBuiltinChain.POSTROUTING, snat, TestModels.iface(IptIfOption.OUT, "eth1"));
        IptNatTarget netmap = F.createIptNatTarget();
        netmap.setKind(IptNatTargetKind.NETMAP);
        netmap.setAddress(TestModels.prefix("192.168.0.0/24"));
        TestModels.irule(nat, IptBuiltinChain.POSTROUTING, netmap);
        IptNatTarget netmapDst = F.createIptNatTarget();
        netmapDst.setKind(IptNatTargetKind.NETMAP);
        netmapDst.setAddress(TestModels.prefix("192.168.1.0/24"));
        TestModels.irule(nat, IptBuiltinChain.PREROUTING, netmapDst);
        IptablesTable mangle = TestModels.iptables(lab.r, IptTableKind.MANGLE);
        IptChain user = F.createIptChain();
        user.setName("MARKS");
        user.setBuiltin(IptBuiltinChain.NONE);
        mangle.getChains().add(user);
        IptJumpTarget jump = F.createIptJumpTarget();
        jump.setChain(user);
        TestModels.irule(mangle, IptBuiltinChain.PREROUTING, jump);
        IptConnmarkTarget restore = F.createIptConnmarkTarget();
        restore.setOp(IptConnmarkOp.RESTORE_MARK);
        var r1 = F.createIptRule();
        r1.setChain(user);
        r1.setTarget(restore);
        mangle.getRules().add(r1);
        IptSimpleTarget ret = F.createIptSimpleTarget();
        ret.setKind(IptSimpleTargetKind.RETURN);
        var r2 = F.createIptRule();
        r2.setChain(user);
        r2.setTarget(ret);
        mangle.getRules().add(r2);

        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        List<Rule> post = chain(m, "nat", "POSTROUTING").rules();
        Statement.Snat s = (Statement.Snat) post.get(0).statements().get(0);
        assertEquals(IpAddr.parse("10.0.2.100"), s.range().addrLo());
        assertEquals(IpAddr.parse("10.0.2.101"), s.range().addrHi());
        assertEquals(1000, s.range().portLo());
        assertEquals(2000, s.range().portHi());
        assertEquals(new Statement.Netmap(Prefix.parse("192.168.0.0/24"), true), post.get(1).statements().get(0));
        assertEquals(new Statement.Netmap(Prefix.parse("192.168.1.0/24"), false),
                chain(m, "nat", "PREROUTING").rules().get(0).statements().get(0));
        assertEquals(-150, chain(m, "mangle", "PREROUTING").base().priority());
        assertEquals(100, chain(m, "nat", "POSTROUTING").base().priority());
        assertEquals(new Statement.Jump("MARKS"), chain(m, "mangle", "PREROUTING").rules().get(0).statements().get(0));
        assertEquals(new Statement.MarkFromCtMark(0xffffffffL), chain(m, "mangle", "MARKS").rules().get(0).statements().get(0));
        assertEquals("-A MARKS -j CONNMARK --restore-mark", chain(m, "mangle", "MARKS").rules().get(0).text());
    }

    @Test
    void filterRulesWalk() {
        ModelLab lab = new ModelLab();
        IptablesTable filter = TestModels.iptables(lab.r, IptTableKind.FILTER);
        IptConntrackMatch est = F.createIptConntrackMatch();
        est.setModule("conntrack");
        est.getStates().add(IptCtState.ESTABLISHED);
        est.getStates().add(IptCtState.RELATED);
        IptSimpleTarget accept = F.createIptSimpleTarget();
        accept.setKind(IptSimpleTargetKind.ACCEPT);
        TestModels.irule(filter, IptBuiltinChain.FORWARD, accept, est);
        IptRejectTarget rst = F.createIptRejectTarget();
        rst.setRejectWith("tcp-reset");
        IptMultiportMatch mp = F.createIptMultiportMatch();
        mp.setOption(IptMultiportOption.PORTS);
        mp.getPorts().add(PortRange.of(80));
        mp.getPorts().add(PortRange.of(8000, 8080));
        var proto = F.createIptProtocolMatch();
        proto.setProtocol("tcp");
        TestModels.irule(filter, IptBuiltinChain.FORWARD, rst, proto, mp);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        // --ports a,b is "sport in P or dport in P": two rules, the second excluding the first
        List<Rule> fwd = chain(m, "filter", "FORWARD").rules();
        assertEquals(3, fwd.size());
        assertTrue(fwd.get(2).matches().stream().anyMatch(x -> x instanceof Match.Not n && n.inner() instanceof Match.Sport));
        Simulation sim = new Simulation(m.view());
        ProbeResult r = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.2.2", 40000, 80)));
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate(), r.toText());
        assertEquals(1, r.icmpErrors().size(), r.toText());
        assertTrue((r.icmpErrors().get(0).header().tcpFlags() & Packet.RST) != 0, r.toText());
        ProbeResult dns = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 40000, 53)));
        assertEquals(Location.of("server", "eth0"), dns.deliveredTo(), dns.toText());
        assertTrue(dns.replyDelivered(), dns.toText());
    }

    /** --random/--random-fully are approximated (a located warning), --persistent is modelled: no warning. */
    @Test
    void natFlagsAreMappedAndTheRandomOnesReported() {
        ModelLab lab = new ModelLab();
        IptablesTable nat = TestModels.iptables(lab.r, IptTableKind.NAT);
        org.netwright.model.IptMasqueradeTarget masq = F.createIptMasqueradeTarget();
        masq.setRandomFully(true);
        TestModels.irule(nat, IptBuiltinChain.POSTROUTING, masq);
        org.netwright.model.IptNatTarget dnat = F.createIptNatTarget();
        dnat.setKind(org.netwright.model.IptNatTargetKind.DNAT);
        dnat.setAddress(TestModels.prefix("10.0.2.2"));
        dnat.setAddressEnd(TestModels.ip("10.0.2.3"));
        dnat.setPersistent(true);
        TestModels.irule(nat, IptBuiltinChain.PREROUTING, dnat);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        assertEquals(1, m.warnings().size(), m.warnings().toString());
        assertTrue(m.warnings().get(0).message().startsWith("--random-fully: "), m.warnings().toString());
        assertEquals("-j MASQUERADE --random-fully", m.warnings().get(0).where().text());
        Statement.Masquerade mq = (Statement.Masquerade) chain(m, "nat", "POSTROUTING").rules().get(0).statements().get(0);
        assertEquals(new org.netwright.engine.NatFlags(false, true, false), mq.flags());
        Statement.Dnat dn = (Statement.Dnat) chain(m, "nat", "PREROUTING").rules().get(0).statements().get(0);
        assertEquals(new org.netwright.engine.NatFlags(false, false, true), dn.range().flags());
    }

    @Test
    void unknownModulesAreKeptOpaqueNotDropped() {
        ModelLab lab = new ModelLab();
        IptablesTable filter = TestModels.iptables(lab.r, IptTableKind.FILTER);
        IptGenericMatch string = F.createIptGenericMatch();
        string.setModule("string");
        IptOption o = F.createIptOption();
        o.setName("string");
        o.getValues().add("GET");
        string.getOptions().add(o);
        IptSimpleTarget drop = F.createIptSimpleTarget();
        drop.setKind(IptSimpleTargetKind.DROP);
        TestModels.irule(filter, IptBuiltinChain.FORWARD, drop, string);
        IptGenericTarget tcpmss = F.createIptGenericTarget();
        tcpmss.setTargetName("TCPMSS");
        TestModels.irule(filter, IptBuiltinChain.FORWARD, tcpmss);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        assertEquals(2, m.warnings().size(), m.issues().toString());
        assertTrue(m.warnings().get(0).message().contains("-m string --string GET"), m.warnings().toString());
        assertTrue(m.warnings().get(0).message().contains("opaque match"), m.warnings().toString());
        assertTrue(m.warnings().get(1).message().contains("-j TCPMSS"), m.warnings().toString());
        assertTrue(m.warnings().get(1).message().contains("opaque statement"), m.warnings().toString());
        assertTrue(m.warnings().stream().allMatch(w -> w.opaque()), m.warnings().toString());
        assertTrue(m.warnings().get(0).where().text().equals("-m string --string GET"), m.warnings().toString());
        org.netwright.engine.ProbeOutcomes out = new Simulation(m.view())
                .explore(Probe.from("client", Packet.udp(null, "10.0.2.2", 40000, 53)).noReply());
        assertEquals(2, out.outcomes().size(), out.toText());
        assertEquals(org.netwright.engine.Disposition.Fate.DROPPED, out.outcomes().get(0).disposition().fate());
        assertEquals(Location.of("server", "eth0"), out.outcomes().get(1).deliveredTo(), out.toText());
        assertTrue(out.outcomes().stream().allMatch(ProbeResult::uncertain), out.toText());
        assertEquals(2, out.outcomes().get(1).branch().opaque().size(), "the string match and TCPMSS: " + out.toText());
    }

    /** statistic and recent map onto the engine's random and recent matches, with the kernel's probability. */
    @Test
    void statisticAndRecentAreModelled() {
        ModelLab lab = new ModelLab();
        IptablesTable filter = TestModels.iptables(lab.r, IptTableKind.FILTER);
        IptGenericMatch statistic = F.createIptGenericMatch();
        statistic.setModule("statistic");
        statistic.getOptions().add(option("--mode", "random"));
        statistic.getOptions().add(option("--probability", "0.33333333349"));
        IptSimpleTarget drop = F.createIptSimpleTarget();
        drop.setKind(IptSimpleTargetKind.DROP);
        TestModels.irule(filter, IptBuiltinChain.FORWARD, drop, statistic);
        IptGenericMatch recent = F.createIptGenericMatch();
        recent.setModule("recent");
        recent.getOptions().add(option("--rcheck"));
        recent.getOptions().add(option("--seconds", "10800"));
        recent.getOptions().add(option("--reap"));
        recent.getOptions().add(option("--name", "KUBE-SEP-X"));
        recent.getOptions().add(option("--mask", "255.255.255.255"));
        recent.getOptions().add(option("--rsource"));
        IptSimpleTarget accept = F.createIptSimpleTarget();
        accept.setKind(IptSimpleTargetKind.ACCEPT);
        TestModels.irule(filter, IptBuiltinChain.FORWARD, accept, recent);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertEquals(List.of(), m.issues());
        List<org.netwright.engine.Rule> rules = chain(m, "filter", "FORWARD").rules();
        Match.Random random = (Match.Random) rules.get(0).matches().get(0);
        // iptables stores round(P * 2^31): 0.33333333349 is 715827883 / 2^31
        assertEquals(715827883 / (double) (1L << 31), random.probability(), 1e-15);
        assertEquals(new Match.Recent("KUBE-SEP-X", Match.RecentMode.RCHECK, 10800, 0, true, false, true, -1),
                rules.get(1).matches().get(0));
    }

    private static IptGenericMatch option(String module, String name, String value) {
        IptGenericMatch g = F.createIptGenericMatch();
        g.setModule(module);
        g.getOptions().add(option(name, value));
        return g;
    }

    private static IptOption option(String name, String... values) {
        IptOption o = F.createIptOption();
        o.setName(name);
        o.getValues().addAll(List.of(values));
        return o;
    }

    /**
     * The language keeps an option's dashes (IptOption.name is "--queue-num", as parsed from the .nwp text): options
     * are found by their bare name and shown once-dashed.
     */
    @Test
    void parsedOptionNamesKeepTheirDashes() {
        ModelLab lab = new ModelLab();
        IptablesTable filter = TestModels.iptables(lab.r, IptTableKind.FILTER);
        IptGenericTarget queue = F.createIptGenericTarget();
        queue.setTargetName("NFQUEUE");
        IptOption num = F.createIptOption();
        num.setName("--queue-num");
        num.getValues().add("3");
        queue.getOptions().add(num);
        TestModels.irule(filter, IptBuiltinChain.FORWARD, queue);
        IptSimpleTarget drop = F.createIptSimpleTarget();
        drop.setKind(IptSimpleTargetKind.DROP);
        TestModels.irule(filter, IptBuiltinChain.INPUT, drop, option("string", "--algo", "bm"));
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        assertEquals(new Statement.Queue(3), chain(m, "filter", "FORWARD").rules().get(0).statements().get(0));
        assertTrue(m.warnings().get(0).message().contains("-m string --algo bm"), m.warnings().toString());
        assertFalse(m.warnings().get(0).message().contains("---"), m.warnings().toString());
    }

    /**
     * {@code --ctstate DNAT} matches a connection whose destination was translated (xt_conntrack's IPS_DST_NAT test),
     * the FORWARD accept seed 000's fix needs under a drop policy; an untranslated connection does not match.
     */
    @Test
    void ctstateDnatMatchesTranslatedConnections() {
        ModelLab lab = new ModelLab();
        IptablesTable nat = TestModels.iptables(lab.r, IptTableKind.NAT);
        IptNatTarget dnat = F.createIptNatTarget();
        dnat.setKind(IptNatTargetKind.DNAT);
        dnat.setAddress(TestModels.prefix("10.0.2.2"));
        dnat.setPorts(PortRange.of(80));
        var tcp = F.createIptProtocolMatch();
        tcp.setProtocol("tcp");
        TestModels.irule(nat, IptBuiltinChain.PREROUTING, dnat, tcp, TestModels.addr(IptAddrOption.DESTINATION, "10.0.1.1"));
        IptablesTable filter = TestModels.iptables(lab.r, IptTableKind.FILTER);
        IptConntrackMatch dnatState = F.createIptConntrackMatch();
        dnatState.setModule("conntrack");
        dnatState.getStates().add(IptCtState.DNAT);
        IptSimpleTarget accept = F.createIptSimpleTarget();
        accept.setKind(IptSimpleTargetKind.ACCEPT);
        TestModels.irule(filter, IptBuiltinChain.FORWARD, accept, dnatState);
        IptSimpleTarget drop = F.createIptSimpleTarget();
        drop.setKind(IptSimpleTargetKind.DROP);
        TestModels.irule(filter, IptBuiltinChain.FORWARD, drop);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        assertTrue(m.warnings().isEmpty(), m.warnings().toString());
        Simulation sim = new Simulation(m.view());
        ProbeResult translated = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.1.1", 40000, 8080)));
        assertEquals(Location.of("server", "eth0"), translated.deliveredTo(), translated.toText());
        assertEquals(80, translated.observedAtDst().dport());
        ProbeResult direct = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.2.2", 40001, 80)));
        assertEquals(Disposition.Fate.DROPPED, direct.disposition().fate(), direct.toText());
    }

    /** The engine keeps its own kernel constants (it has no model); they must be the model's facts. */
    @Test
    void engineTablesAgreeWithTheModelsIptablesFacts() {
        for (IptTableKind table : IptTableKind.values()) {
            List<org.netwright.engine.Hook> hooks = org.netwright.model.semantics.IptFacts.builtinChains(table).stream()
                    .map(c -> org.netwright.engine.Hook.valueOf(c.getLiteral())).toList();
            assertEquals(hooks, Iptables.hooks(table.getLiteral()), table.getLiteral());
            for (IptBuiltinChain c : org.netwright.model.semantics.IptFacts.builtinChains(table)) {
                assertEquals(org.netwright.model.semantics.IptFacts.priority(table, c),
                        Iptables.priority(table.getLiteral(), org.netwright.engine.Hook.valueOf(c.getLiteral())), table + " " + c);
            }
        }
    }

    /** Regression: a trace's text of a NAT rule dropped --random (the mapping had a printer of its own). */
    @Test
    void ruleTextsKeepNatFlags() {
        IptNatTarget snat = F.createIptNatTarget();
        snat.setKind(IptNatTargetKind.SNAT);
        snat.setAddress(TestModels.prefix("10.0.2.100"));
        snat.setRandom(true);
        snat.setPersistent(true);
        assertEquals("-j SNAT --to-source 10.0.2.100 --random --persistent", ModelText.of(snat));
        IptMasqueradeTarget masq = F.createIptMasqueradeTarget();
        masq.setRandom(true);
        assertEquals("-j MASQUERADE --random", ModelText.of(masq));
    }
}
