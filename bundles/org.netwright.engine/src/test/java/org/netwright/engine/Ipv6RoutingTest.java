package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Dual stack in one namespace: {@code ip -6 rule} policy routing apart from IPv4's rules (e12), source selection
 * (e12, e03), and an {@code inet} filter seeing both families while an address match keeps its own (e11).
 */
class Ipv6RoutingTest {
    private static Namespace host(PolicyRule... rules) {
        Namespace.Builder b = Namespace.builder("h")
                .iface(Interface.builder("eth0").address("2001:db8:1::2/64").address("2001:db8:1::9/64")
                        .address("fe80::2/64").address("10.0.1.2/24").peer("x", "e"))
                .iface(Interface.builder("eth1").address("2001:db8:9::2/64").address("fd00:1::2/64").address("10.0.9.2/24")
                        .peer("y", "e"))
                .route(Route.defaultV6().via("2001:db8:1::1").dev("eth0"))
                .route(Route.to("default").via("10.0.1.1").dev("eth0"))
                .route(Route.defaultV6().via("2001:db8:9::1").dev("eth1").table(100))
                .route(Route.to("2001:db8:77::/64").src("2001:db8:9::2").dev("eth1"));
        for (PolicyRule r : rules) {
            b.rule(r);
        }
        return b.build();
    }

    @Test
    void ip6RulesSteerOnlyIpv6() {
        Namespace h = host(PolicyRule.priority(100).v6().fwmark(5).lookup(100).build(),
                PolicyRule.priority(101).from("2001:db8:1::9").lookup(100).build());
        IpAddr any6 = IpAddr.ANY6;
        assertEquals("eth1", Routing.lookup(h, IpAddr.parse("2001:db8:5::1"), any6, "lo", null, 5).dev());
        assertEquals("eth0", Routing.lookup(h, IpAddr.parse("2001:db8:5::1"), any6, "lo", null, 0).dev());
        assertEquals("eth1", Routing.lookup(h, IpAddr.parse("2001:db8:5::1"), IpAddr.parse("2001:db8:1::9"), "lo", null, 0)
                .dev());
        assertEquals("eth0", Routing.lookup(h, IpAddr.parse("8.8.8.8"), IpAddr.ANY4, "lo", null, 5).dev(),
                "an ip -6 rule never steers IPv4");
        List<String> v6Defaults = h.policyRules().stream().filter(r -> r.v6() && r.priority() != 100 && r.priority() != 101)
                .map(PolicyRule::toString).toList();
        assertEquals(List.of("0: from all lookup local", "32766: from all lookup main"), v6Defaults,
                "IPv6 starts without IPv4's default-table rule");
        assertEquals(RouteDecision.Kind.NO_ROUTE,
                Routing.lookup(Namespace.builder("e").build(), IpAddr.parse("2001:db8::1"), any6, "lo", null, 0).kind());
    }

    @Test
    void anEmptyTableFallsThroughAndAProhibitRuleIsAdministrativelyProhibited() {
        Namespace h = host(PolicyRule.priority(100).v6().fwmark(5).lookup(200).build(),
                PolicyRule.priority(101).to("2001:db8:66::/48").action(PolicyRule.Action.PROHIBIT).build());
        assertEquals("eth0", Routing.lookup(h, IpAddr.parse("2001:db8:5::1"), IpAddr.ANY6, "lo", null, 5).dev());
        assertEquals(RouteDecision.Kind.PROHIBIT,
                Routing.lookup(h, IpAddr.parse("2001:db8:66::1"), IpAddr.ANY6, "lo", null, 0).kind());
    }

    @Test
    void sourceSelection() {
        Namespace h = host();
        IpAddr dst = IpAddr.parse("2001:db8:5::1");
        RouteDecision r = Routing.lookup(h, dst, IpAddr.ANY6, "lo", null, 0);
        assertEquals(IpAddr.parse("2001:db8:1::9"), Routing.selectSource(h, r, dst),
                "the outgoing interface's global addresses tie on the /64: the last added wins (e03)");
        IpAddr ll = IpAddr.parse("fe80::1");
        assertEquals(IpAddr.parse("fe80::2"), SourceSelection6.select(h, h.iface("eth0"), ll), "same scope");
        assertEquals(IpAddr.parse("fd00:1::2"), SourceSelection6.select(h, h.iface("eth1"), IpAddr.parse("fd00:2::9")),
                "longest common prefix on the outgoing interface");
        IpAddr pref = IpAddr.parse("2001:db8:77::5");
        assertEquals(IpAddr.parse("2001:db8:9::2"), Routing.selectSource(h, Routing.lookup(h, pref, IpAddr.ANY6, "lo",
                null, 0), pref), "the route's src wins");
        assertEquals(IpAddr.parse("10.0.1.2"), Routing.selectSource(h, Routing.lookup(h, IpAddr.parse("8.8.8.8"),
                IpAddr.ANY4, "lo", null, 0), IpAddr.parse("8.8.8.8")));
    }

    @Test
    void anInetChainSeesBothFamiliesAndAnAddressMatchOnlyItsOwn() {
        NfTable.Builder t = NfTable.builder(Family.INET, "filter");
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.not(Match.saddr("10.0.0.0/8"))).then(new Statement.Drop())
                        .text("ip saddr != 10.0.0.0/8 drop"))
                .rule(Rule.builder().match(Match.daddr("2001:db8:2::2"), Match.udp()).then(new Statement.Drop())
                        .text("ip6 daddr 2001:db8:2::2 meta l4proto udp drop"))
                .rule(Rule.builder().match(new Match.NfProto(true), Match.tcp()).then(new Statement.Drop())
                        .text("meta nfproto ipv6 meta l4proto tcp drop"));
        Lab6 lab = new Lab6().table(t.build());
        ProbeResult ping6 = lab.probe("a", Packet.icmpEcho(null, "2001:db8:2::2", 1));
        assertEquals(Disposition.Fate.DELIVERED, ping6.disposition().fate(),
                "a negated ip saddr never matches IPv6: " + ping6.toText());
        ProbeResult udp6 = lab.probe("a", Packet.udp(null, "2001:db8:2::2", 40000, 53));
        assertEquals(Disposition.Reason.RULE_DROP, udp6.disposition().reason(), udp6.toText());
        ProbeResult udp4 = lab.probe("a", Packet.udp(null, "10.0.2.2", 40000, 53));
        assertEquals(Disposition.Fate.DELIVERED, udp4.disposition().fate(), udp4.toText());
        ProbeResult tcp4 = lab.probe("a", Packet.tcpSyn(null, "10.0.2.2", 40000, 80));
        assertEquals(Disposition.Fate.DELIVERED, tcp4.disposition().fate(), tcp4.toText());
        ProbeResult tcp6 = lab.probe("a", Packet.tcpSyn(null, "2001:db8:2::2", 40000, 80));
        assertEquals(Disposition.Reason.RULE_DROP, tcp6.disposition().reason(), tcp6.toText());
    }

    @Test
    void ip6TablesSeeOnlyIpv6AndIpTablesOnlyIpv4() {
        NfTable.Builder six = NfTable.builder(Family.IP6, "six");
        six.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.DROP);
        Lab6 lab = new Lab6().table(six.build());
        assertEquals(Disposition.Fate.DELIVERED, lab.probe("a", Packet.udp(null, "10.0.2.2", 1, 53)).disposition().fate());
        assertEquals(Disposition.Reason.CHAIN_POLICY,
                lab.probe("a", Packet.udp(null, "2001:db8:2::2", 1, 53)).disposition().reason());
        Iptables ipt6 = new Iptables(true);
        ipt6.policy("filter", "FORWARD", Verdict.DROP);
        List<NfTable> tables = ipt6.build();
        assertEquals(Family.IP6, tables.get(0).family());
        assertEquals(Set.of(Family.IP6, Family.INET), HookOrder.families(true));
    }

    @Test
    void mixedFamiliesAreRefusedWhereTheyWouldGiveWrongAnswers() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Packet.udp("10.0.1.2", "2001:db8::1", 1, 2));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PolicyRule.priority(1).from("10.0.0.0/8").to("2001:db8::/32").build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AddrSet.Builder().addRange(IpAddr.parse("10.0.0.1"), IpAddr.parse("::1")));
        assertTrue(NatRange.addr("2001:db8::1").fits(Packet.udp(null, "2001:db8::2", 1, 2)));
    }
}
