package org.netwright.model.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.IptRule;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.NftFamily;
import org.netwright.model.NftPayloadProto;
import org.netwright.model.Route;
import org.netwright.model.RoutingRule;
import org.netwright.model.semantics.IpAddress.Family;

class FamiliesTest {

    private static final NetwrightFactory F = NetwrightFactory.eINSTANCE;

    @Test
    void tablesAndMatches() {
        assertEquals(Set.of(Family.IPV4), Families.ofNftTable(NftFamily.IP));
        assertEquals(Set.of(Family.IPV6), Families.ofNftTable(NftFamily.IP6));
        assertEquals(Set.of(Family.IPV4, Family.IPV6), Families.ofNftTable(NftFamily.INET));
        assertEquals(Set.of(), Families.ofNftTable(NftFamily.ARP));
        assertEquals(Family.IPV6, Families.ofPayload(NftPayloadProto.ICMPV6));
        assertEquals(Family.IPV4, Families.ofPayload(NftPayloadProto.IP));
        assertNull(Families.ofPayload(NftPayloadProto.TCP));
    }

    @Test
    void anIptablesRuleIsOfItsBlocksFamily() {
        IptablesRuleset rs = F.createIptablesRuleset();
        IptablesTable t = F.createIptablesTable();
        IptRule r = F.createIptRule();
        rs.getTables().add(t);
        t.getRules().add(r);
        assertEquals(Family.IPV4, Families.ofIptables(r));
        rs.setIpv6(true);
        assertEquals(Family.IPV6, Families.ofIptables(r));
        assertEquals("ip6tables-restore", Families.iptablesRestore(Families.of(rs)));
        assertEquals(Family.IPV4, Families.ofIptables(F.createIptRule()), "outside a block");
    }

    @Test
    void routesAndRulesTakeTheFamilyOfTheirAddresses() {
        Route r = F.createRoute();
        r.setDestination(IpPrefix.ANY);
        assertEquals(Family.IPV4, Families.of(r), "default without an address is IPv4's, as ip route's");
        r.setVia(IpAddress.parse("fe80::1"));
        assertEquals(Family.IPV6, Families.of(r));
        RoutingRule rule = F.createRoutingRule();
        assertEquals(Family.IPV4, Families.of(rule));
        rule.setFrom(Families.everything(Family.IPV6));
        assertEquals(Family.IPV6, Families.of(rule));
        assertEquals("::/0", Families.everything(Family.IPV6).toString());
    }

    @Test
    void ipv6Sysctls() {
        assertEquals("[01]", Families.ipv6ConfValues("net.ipv6.conf.eth0.forwarding"));
        assertEquals("[012]", Families.ipv6ConfValues("net.ipv6.conf.all.accept_ra"));
        assertNull(Families.ipv6ConfValues("net.ipv4.conf.all.forwarding"));
        assertNull(Families.ipv6ConfValues("net.ipv6.conf.all.no_such_knob"));
        assertTrue(Families.snapshotIpv6("net.ipv6.icmp.ratelimit"));
        assertEquals(Family.IPV6, Families.ofSysctl("net.ipv6.conf.all.forwarding"));
    }
}
