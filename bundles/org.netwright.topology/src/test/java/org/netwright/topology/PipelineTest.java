package org.netwright.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;
import org.netwright.engine.SourceRef;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptRule;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftCtKey;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftNat;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftPriority;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftTable;
import org.netwright.model.semantics.IptFacts;
import org.netwright.model.semantics.NftFacts;

/** The pipeline of a namespace: hooks in packet-flow order, chains by priority with conntrack, placement mistakes named. */
class PipelineTest {
    private static final NetwrightFactory F = NetwrightFactory.eINSTANCE;

    private static NftChain chain(NftTable t, String name, NftChainType type, NftHook hook, NftPriorityName keyword, int value) {
        NftChain c = F.createNftChain();
        c.setName(name);
        NftHookSpec h = F.createNftHookSpec();
        h.setType(type);
        h.setHook(hook);
        NftPriority p = F.createNftPriority();
        p.setKeyword(keyword);
        p.setValue(value);
        h.setPriority(p);
        c.setHook(h);
        t.getChains().add(c);
        return c;
    }

    private static NftRule ctMarkSet(NftChain c) {
        NftRule r = F.createNftRule();
        NftSetStatement set = F.createNftSetStatement();
        NftCtExpr ct = F.createNftCtExpr();
        ct.setKey(NftCtKey.MARK);
        set.setTarget(ct);
        r.getStatements().add(set);
        c.getRules().add(r);
        return r;
    }

    /** A locator as the editor's: every element on its own line, its class name as text. */
    private static SourceRef locate(EObject o) {
        return new SourceRef("m.nwp", System.identityHashCode(o) & 0xffff, 1, o.eClass().getName());
    }

    private static Namespace namespace() {
        Namespace ns = F.createNamespace();
        ns.setName("gw");
        NftRuleset rs = F.createNftRuleset();
        NftTable t = F.createNftTable();
        t.setName("t");
        t.setFamily(NftFamily.IP);
        rs.getTables().add(t);
        ns.getNftRulesets().add(rs);
        chain(t, "nat-out", NftChainType.NAT, NftHook.POSTROUTING, NftPriorityName.SRCNAT, 0);
        ctMarkSet(chain(t, "early", NftChainType.FILTER, NftHook.PREROUTING, NftPriorityName.NUMERIC, -300));
        ctMarkSet(chain(t, "late", NftChainType.FILTER, NftHook.PREROUTING, NftPriorityName.MANGLE, 0));
        NftChain pre = chain(t, "nat-in", NftChainType.NAT, NftHook.PREROUTING, NftPriorityName.DSTNAT, 0);
        NftRule masq = F.createNftRule();
        NftNat nat = F.createNftNat();
        nat.setKind(NftNatKind.MASQUERADE);
        masq.getStatements().add(nat);
        pre.getRules().add(masq);
        chain(t, "fwd", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0);

        IptablesRuleset ipt = F.createIptablesRuleset();
        IptablesTable mangle = F.createIptablesTable();
        mangle.setTable(IptTableKind.MANGLE);
        IptRule r = F.createIptRule();
        r.setBuiltinChain(IptBuiltinChain.PREROUTING);
        mangle.getRules().add(r);
        ipt.getTables().add(mangle);
        ns.getIptablesRulesets().add(ipt);
        return ns;
    }

    @Test
    void hooksHoldTheirChainsByPriorityWithConntrackAtItsPlace() {
        Namespace ns = namespace();
        Pipeline p = Pipeline.of(ns, List.of(ns), PipelineTest::locate);
        assertEquals("gw", p.namespace());
        assertNull(p.stage(Pipeline.StageKind.BRIDGE_FORWARD), "no bridge: no bridge path");
        assertNull(p.stage(Pipeline.StageKind.XFRM_OUT), "no xfrm policy: no xfrm stage");
        List<Pipeline.Slot> pre = p.stage(Pipeline.StageKind.PREROUTING).slots();
        List<String> order = pre.stream().map(s -> s instanceof Pipeline.Chain c ? c.name() : ((Pipeline.Fixed) s).label()).toList();
        // iptables mangle and "late" both at -150: iptables, loaded after the nft ruleset, runs first
        assertEquals(List.of("early", "conntrack lookup", "PREROUTING", "late", "nat-in"), order);
        assertEquals(NftFacts.CONNTRACK_PRIORITY, pre.get(1).priority());
        assertEquals(IptFacts.priority(IptTableKind.MANGLE, IptBuiltinChain.PREROUTING), pre.get(2).priority());
        assertEquals(NftFacts.standardPriority(NftFamily.IP, NftPriorityName.MANGLE), pre.get(3).priority());
        assertTrue(((Pipeline.Chain) pre.get(2)).iptables());
        List<String> post = p.stage(Pipeline.StageKind.POSTROUTING).slots().stream()
            .map(s -> s instanceof Pipeline.Chain c ? c.name() : ((Pipeline.Fixed) s).label()).toList();
        assertEquals(List.of("POSTROUTING", "nat-out", "conntrack confirm"), post);
        assertTrue(p.flows().contains(new Pipeline.Flow(Pipeline.StageKind.ROUTING, Pipeline.StageKind.FORWARD)));
    }

    @Test
    void placementMistakesAreNamedWhereTheyAre() {
        Namespace ns = namespace();
        Pipeline p = Pipeline.of(ns, List.of(ns), PipelineTest::locate);
        Pipeline.Stage pre = p.stage(Pipeline.StageKind.PREROUTING);
        Pipeline.Chain early = pre.chains().get(0);
        assertTrue(early.rules().get(0).problems().get(0).contains("before conntrack"), early.rules().get(0).problems().toString());
        Pipeline.Chain late = pre.chains().stream().filter(c -> c.name().equals("late")).findFirst().orElseThrow();
        assertEquals(List.of(), late.rules().get(0).problems(), "ct mark set after conntrack is fine");
        Pipeline.Chain natIn = pre.chains().stream().filter(c -> c.name().equals("nat-in")).findFirst().orElseThrow();
        assertTrue(natIn.rules().get(0).problems().get(0).contains("masquerade never runs here"), natIn.rules().get(0).problems().toString());
        Pipeline.Chain fwd = p.stage(Pipeline.StageKind.FORWARD).chains().stream().filter(c -> c.name().equals("fwd")).findFirst().orElseThrow();
        assertTrue(fwd.problems().get(0).contains("forwarding is off"), fwd.problems().toString());
        assertEquals(3, p.problems().size(), p.problems().toString());
    }
}
