package org.netwright.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.netwright.model.*;

class ModelNormalizerTest {

    private static String text(Network n) {
        return ModelNormalizer.text(List.of(n), ModelNormalizer.of(List.of(n), true));
    }

    @Test
    void aModelBuiltTwiceHasTheSameTextAndADifferenceReadsAsADiff() {
        Network a = rich();
        Network b = rich();
        assertEquals(text(a), text(b));
        b.getNamespaces().get(0).getRoutes().get(0).setVia(ip("172.16.202.254"));
        ModelNormalizer.Options o = ModelNormalizer.of(List.of(a), true);
        String diff = ModelNormalizer.diff(ModelNormalizer.text(List.of(a), o), ModelNormalizer.text(List.of(b), o));
        assertEquals("""
                  namespace host
                -   route default via 172.16.202.1 dev enp4s0
                +   route default via 172.16.202.254 dev enp4s0
                """, diff);
        assertEquals("", ModelNormalizer.diff(text(a), text(rich())));
    }

    /** Two spellings of the same nftables ruleset: defines, priority names, implicit ==, counters, hex numbers. */
    @Test
    void equivalentNftSpellingsAreEqual() {
        Network a = F.createNetwork();
        Namespace ha = ns(a, "h");
        Interface ea = phys(ha, "eth0", "10.0.0.1/24");
        NftRuleset ra = F.createNftRuleset();
        ha.getNftRulesets().add(ra);
        NftDefine nic = F.createNftDefine();
        nic.setName("nic");
        nic.setValue(lit("eth0"));
        ra.getDefines().add(nic);
        NftChain ca = chain(ntable(ra, NftFamily.IP, "nat"), "post", NftChainType.NAT, NftHook.POSTROUTING, NftPriorityName.SRCNAT, 0,
                NftPolicy.UNSPECIFIED);
        NftVariableRef ref = F.createNftVariableRef();
        ref.setVariable(nic);
        NftMatch mark = match(meta(NftMetaKey.MARK, true), lit("0x01"));
        mark.setOp(NftCmpOp.EQ);
        nrule(ca, match(meta(NftMetaKey.OIF, false), ref), mark, F.createNftCounter(), nat(NftNatKind.MASQUERADE, null, 0));

        Network b = F.createNetwork();
        Namespace hb = ns(b, "h");
        phys(hb, "eth0", "10.0.0.1/24");
        NftRuleset rb = F.createNftRuleset();
        rb.setFlushRuleset(true);
        hb.getNftRulesets().add(rb);
        NftChain cb = chain(ntable(rb, NftFamily.IP, "nat"), "post", NftChainType.NAT, NftHook.POSTROUTING, NftPriorityName.NUMERIC, 100,
                NftPolicy.ACCEPT);
        nrule(cb, match(meta(NftMetaKey.OIF, false), lit("eth0")), match(meta(NftMetaKey.MARK, false), lit("1")), nat(NftNatKind.MASQUERADE, null, 0));

        ModelNormalizer.Options o = ModelNormalizer.of(List.of(a), true);
        assertEquals(ModelNormalizer.text(List.of(a), o), ModelNormalizer.text(List.of(b), o));
        assertTrue(ModelNormalizer.text(List.of(a), o).contains("      oif eth0 mark 1 masquerade\n"), ModelNormalizer.text(List.of(a), o));
        assertTrue(ea.getName().equals("eth0"));
    }

    @Test
    void whatTheKernelAddsByItselfIsLeftOut() {
        Network model = F.createNetwork();
        Namespace h = ns(model, "h");
        Interface eth = phys(h, "eth0", "10.0.0.1/24");
        route(h, "default", "10.0.0.254", eth);
        Network imported = F.createNetwork();
        Namespace hi = ns(imported, "h");
        Interface ethi = phys(hi, "eth0", "10.0.0.1/24");
        ethi.setMac("02:11:22:33:44:55");
        ethi.setMtu(1500);
        itf(hi, F.createLoopbackInterface(), "lo", "127.0.0.1/8");
        Route r = route(hi, "default", "10.0.0.254", ethi);
        r.setProto("boot");
        r.setScope("global");
        r.setMetric(0);
        Route kernel = route(hi, "10.0.0.0/24", null, ethi);
        kernel.setProto("kernel");
        RoutingTable local = table(hi, "local", 255);
        RoutingTable main = table(hi, "main", 254);
        RoutingTable dflt = table(hi, "default", 253);
        rule(hi, 0, local);
        rule(hi, 32766, main);
        rule(hi, 32767, dflt);
        assertEquals(text(model), ModelNormalizer.text(List.of(imported), ModelNormalizer.of(List.of(model), true)));
        // but an address the model does not have is a difference
        itf(hi, F.createPhysicalInterface(), "eth1", "192.0.2.1/24");
        assertNotEquals(text(model), ModelNormalizer.text(List.of(imported), ModelNormalizer.of(List.of(model), true)));
    }

    @Test
    void rulesWithoutPriorityGetTheKernelsAutomaticPriority() {
        Network model = F.createNetwork();
        Namespace h = ns(model, "h");
        RoutingTable t = table(h, "100", 0);
        RoutingRule r1 = rule(h, 0, t);
        r1.unsetPriority();
        RoutingRule r2 = rule(h, 0, t);
        r2.unsetPriority();
        r2.setFrom(prefix("10.0.0.0/8"));
        String text = text(model);
        // the first gets 32765 (just before main), the next 32764
        assertTrue(text.contains("  rule priority 32764 from 10.0.0.0/8 lookup 100\n  rule priority 32765 lookup 100\n"), text);
    }

    @Test
    void perInterfaceSysctlsInheritConfDefault() {
        Network model = F.createNetwork();
        Namespace h = ns(model, "h");
        phys(h, "eth0");
        sysctl(h, "net.ipv4.conf.eth0.rp_filter", "2");
        Network imported = F.createNetwork();
        Namespace hi = ns(imported, "h");
        phys(hi, "eth0");
        sysctl(hi, "net.ipv4.conf.default.rp_filter", "2"); // eth0 left out by the importer: equal to the default
        ModelNormalizer.Options o = ModelNormalizer.of(List.of(model), true);
        assertEquals(Map.of("h", java.util.Set.of("net.ipv4.conf.eth0.rp_filter")), o.sysctlKeys());
        assertEquals(ModelNormalizer.text(List.of(model), o), ModelNormalizer.text(List.of(imported), o));
    }
}
