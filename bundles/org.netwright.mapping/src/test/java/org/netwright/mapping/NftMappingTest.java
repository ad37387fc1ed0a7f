package org.netwright.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.F;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.engine.Chain;
import org.netwright.engine.ChainType;
import org.netwright.engine.Disposition;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Location;
import org.netwright.engine.Match;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.netwright.engine.Statement;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftCmpOp;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftCtKey;
import org.netwright.model.NftDefine;
import org.netwright.model.NftExprValue;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftListValue;
import org.netwright.model.NftMap;
import org.netwright.model.NftMapElement;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftNat;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftPayloadField;
import org.netwright.model.NftPayloadProto;
import org.netwright.model.NftPolicy;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetRef;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftVariableRef;
import org.netwright.model.NftVerdictKind;
import org.netwright.testsupport.TestModels;

class NftMappingTest {

    private static NfTable table(ModelMapping m, String ns, String name) {
        return m.view().namespace(ns).nfTables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void baseChainsGetHookTypePriorityAndPolicy() {
        ModelLab lab = new ModelLab();
        NftTable t = TestModels.ntable(lab.r, NftFamily.INET, "nat");
        TestModels.chain(t, "post", NftChainType.NAT, NftHook.POSTROUTING, NftPriorityName.SRCNAT, 10, null);
        NftChain fwd = TestModels.chain(t, "fwd", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, null);
        fwd.setPolicy(NftPolicy.DROP);
        NftTable b = TestModels.ntable(lab.r, NftFamily.BRIDGE, "br");
        TestModels.chain(b, "pre", NftChainType.FILTER, NftHook.PREROUTING, NftPriorityName.DSTNAT, 0, null);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        NfTable nat = table(m, "r", "nat");
        assertEquals(Family.INET, nat.family());
        Chain post = nat.chain("post");
        assertEquals(ChainType.NAT, post.base().type());
        assertEquals(Hook.POSTROUTING, post.base().hook());
        assertEquals(110, post.base().priority());
        assertEquals(org.netwright.engine.Verdict.DROP, nat.chain("fwd").base().policy());
        assertEquals(-300, table(m, "r", "br").chain("pre").base().priority());
        // forward policy drop: the client cannot reach the server
        ProbeResult r = new Simulation(m.view()).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)));
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate(), r.toText());
    }

    @Test
    void namedSetsDefinesAndNatMaps() {
        ModelLab lab = new ModelLab();
        NftTable t = TestModels.ntable(lab.r, NftFamily.IP, "f");
        NftSet blocked = F.createNftSet();
        blocked.setName("blocked");
        blocked.getTypes().add("ipv4_addr");
        blocked.getElements().add(TestModels.lit("10.0.2.128/25"));
        t.getSets().add(blocked);
        NftSet svc = F.createNftSet();
        svc.setName("svc");
        svc.getTypes().add("inet_service");
        svc.getElements().add(TestModels.lit("53"));
        svc.getElements().add(TestModels.lit("8000"));
        svc.getElements().get(1).setRangeEnd("8080");
        t.getSets().add(svc);
        NftMap ports = F.createNftMap();
        ports.setName("fwd");
        ports.getKeyTypes().add("inet_service");
        ports.getValueTypes().add("ipv4_addr");
        NftMapElement el = F.createNftMapElement();
        el.setKey(TestModels.lit("5353"));
        el.setValue(TestModels.lit("10.0.2.2:53"));
        ports.getElements().add(el);
        t.getMaps().add(ports);
        NftChain fwd = TestModels.chain(t, "fwd", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, null);
        NftSetRef ref = F.createNftSetRef();
        ref.setSet(blocked);
        TestModels.nrule(fwd, TestModels.match(TestModels.payload(NftPayloadProto.IP, NftPayloadField.DADDR), ref),
                TestModels.verdict(NftVerdictKind.DROP));
        NftSetRef sref = F.createNftSetRef();
        sref.setSet(svc);
        // a define holding the client address, used through a variable
        NftDefine lan = F.createNftDefine();
        lan.setName("lan");
        lan.setValue(TestModels.lit("10.0.1.0/24"));
        ((org.netwright.model.NftRuleset) t.eContainer()).getDefines().add(lan);
        NftVariableRef var = F.createNftVariableRef();
        var.setVariable(lan);
        TestModels.nrule(fwd, TestModels.match(TestModels.payload(NftPayloadProto.IP, NftPayloadField.SADDR), var),
                TestModels.match(TestModels.payload(NftPayloadProto.UDP, NftPayloadField.DPORT), sref),
                TestModels.verdict(NftVerdictKind.ACCEPT));
        fwd.setPolicy(NftPolicy.DROP);
        NftChain pre = TestModels.chain(t, "pre", NftChainType.NAT, NftHook.PREROUTING, NftPriorityName.DSTNAT, 0, null);
        NftNat dnat = F.createNftNat();
        dnat.setKind(NftNatKind.DNAT);
        dnat.setMapKey(TestModels.payload(NftPayloadProto.UDP, NftPayloadField.DPORT));
        dnat.setMap(ports);
        TestModels.nrule(pre, TestModels.match(TestModels.payload(NftPayloadProto.IP, NftPayloadField.DADDR), TestModels.lit("10.0.1.1")),
                dnat);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        Simulation sim = new Simulation(m.view());
        ProbeResult ok = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)));
        assertEquals(Location.of("server", "eth0"), ok.deliveredTo(), ok.toText());
        ProbeResult notInSet = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4001, 54)));
        assertEquals(Disposition.Fate.DROPPED, notInSet.disposition().fate(), notInSet.toText());
        ProbeResult blockedDst = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.200", 4002, 53)));
        assertEquals(Disposition.Fate.DROPPED, blockedDst.disposition().fate(), blockedDst.toText());
        assertEquals("ip daddr @blocked drop", blockedDst.disposition().rule().text());
        // the nat map sends 10.0.1.1:5353 to the server's port 53
        ProbeResult mapped = sim.probe(Probe.from("client", Packet.udp(null, "10.0.1.1", 4003, 5353)));
        assertEquals(Location.of("server", "eth0"), mapped.deliveredTo(), mapped.toText());
        assertEquals(IpAddr.parse("10.0.2.2"), mapped.observedAtDst().dst());
        assertEquals(53, mapped.observedAtDst().dport());
        // forward policy drop and no "ct state established accept": the answer dies at r
        assertFalse(mapped.replyDelivered(), mapped.toText());
        assertEquals("r", mapped.replyTrace().disposition().namespace());
    }

    @Test
    void statementsAndMatchesTranslateToTheIr() {
        ModelLab lab = new ModelLab();
        NftTable t = TestModels.ntable(lab.r, NftFamily.INET, "m");
        NftChain c = TestModels.chain(t, "pre", NftChainType.FILTER, NftHook.PREROUTING, NftPriorityName.RAW, 0, null);
        NftListValue states = F.createNftListValue();
        states.getElements().add(TestModels.lit("established"));
        states.getElements().add(TestModels.lit("related"));
        NftCtExpr ctState = F.createNftCtExpr();
        ctState.setKey(NftCtKey.STATE);
        NftSetStatement setMark = F.createNftSetStatement();
        setMark.setTarget(TestModels.meta(NftMetaKey.MARK, false));
        setMark.setValue(TestModels.lit("0x10"));
        NftSetStatement saveMark = F.createNftSetStatement();
        NftCtExpr ctMark = F.createNftCtExpr();
        ctMark.setKey(NftCtKey.MARK);
        saveMark.setTarget(ctMark);
        NftExprValue fromMeta = F.createNftExprValue();
        fromMeta.setExpr(TestModels.meta(NftMetaKey.MARK, false));
        saveMark.setValue(fromMeta);
        NftAnonymousSet ports = F.createNftAnonymousSet();
        ports.getElements().add(TestModels.lit("22"));
        ports.getElements().add(TestModels.lit("80"));
        TestModels.nrule(c, TestModels.match(ctState, states),
                TestModels.match(TestModels.payload(NftPayloadProto.TCP, NftPayloadField.DPORT), org.netwright.model.NftCmpOp.NE, ports),
                setMark, saveMark);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        org.netwright.engine.Rule r = table(m, "r", "m").chain("pre").rules().get(0);
        assertTrue(r.matches().get(0) instanceof Match.CtStateIn, r.matches().toString());
        assertTrue(r.matches().get(1) instanceof Match.L4Proto);
        assertTrue(r.matches().get(2) instanceof Match.Not n && n.inner() instanceof Match.Dport, r.matches().toString());
        assertEquals(new Statement.SetMark(0x10, 0xffffffffL), r.statements().get(0));
        assertEquals(new Statement.CtMarkFromMark(0xffffffffL), r.statements().get(1));
        assertEquals(-300, table(m, "r", "m").chain("pre").base().priority());
    }

    @Test
    void anUnknownExpressionIsKeptOpaqueAndTheWalkIsUncertain() {
        ModelLab lab = new ModelLab();
        NftTable t = TestModels.ntable(lab.r, NftFamily.IP, "f");
        NftChain fwd = TestModels.chain(t, "fwd", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, null);
        // meta skuid 0 drop: the engine has no socket owners
        TestModels.nrule(fwd, TestModels.match(TestModels.meta(NftMetaKey.SKUID, false), TestModels.lit("0")),
                TestModels.verdict(NftVerdictKind.DROP));
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors());
        assertEquals(1, m.warnings().size(), m.issues().toString());
        assertTrue(m.warnings().get(0).message().contains("skuid"), m.warnings().get(0).toString());
        assertTrue(m.warnings().get(0).opaque(), m.warnings().get(0).toString());
        assertTrue(m.warnings().get(0).message().contains("explores both branches"));
        org.netwright.engine.ProbeOutcomes o = new Simulation(m.view())
                .explore(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)).noReply());
        assertEquals(2, o.outcomes().size(), o.toText());
        assertEquals(org.netwright.engine.Disposition.Fate.DROPPED, o.outcomes().get(0).disposition().fate(), o.toText());
        assertEquals(Location.of("server", "eth0"), o.outcomes().get(1).deliveredTo(), o.toText());
        assertTrue(o.outcomes().stream().allMatch(ProbeResult::uncertain), o.toText());
        assertTrue(o.opaque().get(0).what().contains("skuid"), o.opaque().toString());
    }

    private static NftMapElement verdictElement(String key, NftVerdictKind kind) {
        NftMapElement e = F.createNftMapElement();
        e.setKey(TestModels.lit(key));
        e.setVerdict(TestModels.verdict(kind));
        return e;
    }

    @Test
    void verdictMapsOnOneFieldAndBitwiseMarksRunInTheEngine() {
        ModelLab lab = new ModelLab();
        NftTable t = TestModels.ntable(lab.r, NftFamily.IP, "f");
        NftChain fwd = TestModels.chain(t, "fwd", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, NftPolicy.ACCEPT);
        org.netwright.model.NftVmap v = F.createNftVmap();
        v.setKey(TestModels.payload(NftPayloadProto.UDP, NftPayloadField.DPORT));
        v.getElements().add(verdictElement("54", NftVerdictKind.DROP));
        v.getElements().add(verdictElement("53", NftVerdictKind.ACCEPT));
        TestModels.nrule(fwd, v);
        // meta mark set meta mark | 0x4000, then a masked match on the bit: kube-proxy's masquerade mark
        org.netwright.model.NftSetStatement or = F.createNftSetStatement();
        or.setTarget(TestModels.meta(org.netwright.model.NftMetaKey.MARK, true));
        org.netwright.model.NftExprValue ev = F.createNftExprValue();
        ev.setExpr(TestModels.meta(org.netwright.model.NftMetaKey.MARK, true));
        org.netwright.model.NftBinop op = F.createNftBinop();
        op.setOp(org.netwright.model.NftBinopKind.OR);
        op.setOperand("0x00004000");
        ev.getOps().add(op);
        or.setValue(ev);
        TestModels.nrule(fwd, or);
        NftMatch masked = TestModels.match(TestModels.meta(org.netwright.model.NftMetaKey.MARK, true), NftCmpOp.EQ, TestModels.lit("0x00004000"));
        masked.setMask("0x00004000");
        TestModels.nrule(fwd, TestModels.match(TestModels.payload(NftPayloadProto.UDP, NftPayloadField.DPORT), TestModels.lit("55")), masked,
                TestModels.verdict(NftVerdictKind.DROP));
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        Simulation sim = new Simulation(m.view());
        ProbeResult accepted = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)));
        assertEquals(Location.of("server", "eth0"), accepted.deliveredTo(), accepted.toText());
        ProbeResult dropped = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4001, 54)));
        assertEquals(Disposition.Fate.DROPPED, dropped.disposition().fate(), dropped.toText());
        ProbeResult marked = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4002, 55)));
        assertEquals(Disposition.Fate.DROPPED, marked.disposition().fate(), "the or set the bit: " + marked.toText());
    }

    /** Docker's nftables backend: per-bridge jumps through {@code oifname vmap @m}, DNAT under {@code fib daddr type local}. */
    @Test
    void interfaceNameMapsAndFibAddressTypesRunInTheEngine() {
        ModelLab lab = new ModelLab();
        NftTable t = TestModels.ntable(lab.r, NftFamily.IP, "f");
        NftMap byOif = F.createNftMap();
        byOif.setName("by-oif");
        byOif.getKeyTypes().add("ifname");
        byOif.getValueTypes().add("verdict");
        byOif.getElements().add(verdictElement("\"eth1\"", NftVerdictKind.DROP));
        t.getMaps().add(byOif);
        NftChain fwd = TestModels.chain(t, "fwd", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, NftPolicy.ACCEPT);
        org.netwright.model.NftVmap v = F.createNftVmap();
        v.setKey(TestModels.meta(NftMetaKey.OIFNAME, true));
        v.setMap(byOif);
        TestModels.nrule(fwd, TestModels.match(TestModels.payload(NftPayloadProto.UDP, NftPayloadField.DPORT), TestModels.lit("54")), v);
        NftChain pre = TestModels.chain(t, "pre", NftChainType.NAT, NftHook.PREROUTING, NftPriorityName.DSTNAT, 0, NftPolicy.ACCEPT);
        org.netwright.model.NftFibExpr fib = F.createNftFibExpr();
        fib.getFlags().add(org.netwright.model.NftFibFlag.DADDR);
        fib.setResult(org.netwright.model.NftFibResult.TYPE);
        TestModels.nrule(pre, TestModels.match(fib, TestModels.lit("local")), TestModels.match(TestModels.payload(NftPayloadProto.UDP,
                NftPayloadField.DPORT), TestModels.lit("5353")), TestModels.nat(NftNatKind.DNAT, "10.0.2.2", 53));
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        assertTrue(m.issues().isEmpty(), "nothing left opaque: " + m.issues());
        Simulation sim = new Simulation(m.view());
        ProbeResult out = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 54)));
        assertEquals(Disposition.Fate.DROPPED, out.disposition().fate(), "eth1's element drops: " + out.toText());
        ProbeResult other = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4001, 53)));
        assertEquals(Location.of("server", "eth0"), other.deliveredTo(), "the rule's port does not match: " + other.toText());
        ProbeResult local = sim.probe(Probe.from("client", Packet.udp(null, "10.0.1.1", 4002, 5353)));
        assertEquals(Location.of("server", "eth0"), local.deliveredTo(), "the router's own address is local: DNAT: " + local.toText());
        ProbeResult notLocal = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4003, 5353)));
        Packet forwarded = notLocal.seenLeaving("r", "eth1");
        assertTrue(forwarded != null && forwarded.dport() == 5353, "not a local address: no DNAT: " + notLocal.toText());
    }

    /** kube-proxy's service dispatch: a verdict map on {@code ip daddr . udp dport}; udp dport holds no key for tcp. */
    @Test
    void aVerdictMapOnAConcatenationRunsInTheEngine() {
        ModelLab lab = new ModelLab();
        NftTable t = TestModels.ntable(lab.r, NftFamily.IP, "f");
        NftChain fwd = TestModels.chain(t, "fwd", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, NftPolicy.ACCEPT);
        org.netwright.model.NftVmap v = F.createNftVmap();
        org.netwright.model.NftConcatExpr key = F.createNftConcatExpr();
        key.getParts().add(TestModels.payload(NftPayloadProto.IP, NftPayloadField.DADDR));
        key.getParts().add(TestModels.payload(NftPayloadProto.UDP, NftPayloadField.DPORT));
        v.setKey(key);
        NftMapElement drop = verdictElement("10.0.2.2", NftVerdictKind.DROP);
        drop.getKey().setNext(TestModels.lit("54"));
        v.getElements().add(drop);
        TestModels.nrule(fwd, v);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertTrue(m.issues().isEmpty(), m.issues().toString());
        Simulation sim = new Simulation(m.view());
        ProbeResult dropped = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 54)));
        assertEquals(Disposition.Fate.DROPPED, dropped.disposition().fate(), dropped.toText());
        ProbeResult otherPort = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4001, 53)));
        assertEquals(Location.of("server", "eth0"), otherPort.deliveredTo(), otherPort.toText());
        ProbeResult tcp = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.2.2", 4002, 54)));
        assertTrue(tcp.disposition().fate() != Disposition.Fate.DROPPED || tcp.disposition().reason() != Disposition.Reason.RULE_DROP,
                "udp dport is no key of a tcp packet: " + tcp.toText());
    }
    /** kube-proxy's endpoint choice: numgen random mod 2 vmap { 0 : drop, 1 : accept } gives two outcomes of 1/2. */
    @Test
    void aRandomVerdictMapBranchesWithEqualProbabilities() {
        ModelLab lab = new ModelLab();
        NftTable t = TestModels.ntable(lab.r, NftFamily.IP, "f");
        NftChain fwd = TestModels.chain(t, "fwd", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, null);
        org.netwright.model.NftNumgenExpr numgen = F.createNftNumgenExpr();
        numgen.setMode(org.netwright.model.NftNumgenMode.RANDOM);
        numgen.setModulus(2);
        org.netwright.model.NftVmap v = F.createNftVmap();
        v.setKey(numgen);
        v.getElements().add(verdictElement("0", NftVerdictKind.DROP));
        v.getElements().add(verdictElement("1", NftVerdictKind.ACCEPT));
        TestModels.nrule(fwd, TestModels.match(TestModels.payload(NftPayloadProto.UDP, NftPayloadField.DPORT), TestModels.lit("53")), v);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertEquals(List.of(), m.issues());
        org.netwright.engine.ProbeOutcomes o = new Simulation(m.view())
                .explore(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)));
        assertEquals(2, o.outcomes().size(), o.toText());
        assertEquals(Disposition.Fate.DROPPED, o.outcomes().get(0).disposition().fate(), o.toText());
        assertEquals(Location.of("server", "eth0"), o.outcomes().get(1).deliveredTo(), o.toText());
        assertEquals(0.5, o.outcomes().get(1).branch().probability(), 1e-12);
        assertFalse(o.uncertain());
    }
}
