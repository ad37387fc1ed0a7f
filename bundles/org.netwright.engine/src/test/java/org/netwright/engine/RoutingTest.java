package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.ip;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Lab.rule;

import org.junit.jupiter.api.Test;

class RoutingTest {

    private static Namespace ns() {
        return Namespace.builder("n")
                .iface(Interface.builder("a").address("10.0.0.1/24"))
                .iface(Interface.builder("b").address("10.1.0.1/24"))
                .iface(Interface.builder("c").address("10.2.0.1/24"))
                .route(Route.to("default").via("10.0.0.254").dev("a"))
                .route(Route.to("192.168.0.0/16").via("10.1.0.254").dev("b"))
                .route(Route.to("192.168.5.0/24").via("10.2.0.254").dev("c"))
                .route(Route.to("172.16.0.0/12").via("10.1.0.254").dev("b").metric(200))
                .route(Route.to("172.16.0.0/12").via("10.2.0.254").dev("c").metric(100))
                .route(Route.to("default").via("10.2.0.254").dev("c").table(7))
                .route(Route.to("203.0.113.0/24").type(RouteType.BLACKHOLE))
                .route(Route.to("198.51.100.0/24").type(RouteType.THROW).table(7))
                .rule(PolicyRule.priority(100).fwmark(0x10, 0xf0).lookup(7))
                .rule(PolicyRule.priority(200).from("10.9.0.0/16").iif("b").lookup(7))
                .build();
    }

    @Test
    void kernelAddsLocalAndConnectedRoutes() {
        Namespace n = ns();
        assertTrue(n.table(Route.LOCAL).stream().anyMatch(r -> r.dst().equals(Prefix.parse("10.0.0.1/32"))
                && r.type() == RouteType.LOCAL));
        assertTrue(n.table(Route.MAIN).stream().anyMatch(r -> r.auto() && r.dst().equals(Prefix.parse("10.1.0.0/24"))));
        assertEquals(RouteDecision.Kind.LOCAL, Routing.lookup(n, ip("10.2.0.1"), IpAddr.ANY4, "a", null, 0).kind());
        assertEquals(RouteDecision.Kind.LOCAL, Routing.lookup(n, ip("127.0.0.5"), IpAddr.ANY4, "lo", null, 0).kind());
        RouteDecision con = Routing.lookup(n, ip("10.1.0.77"), IpAddr.ANY4, "a", null, 0);
        assertEquals("b", con.dev());
        assertEquals(ip("10.1.0.77"), con.nextHop());
    }

    @Test
    void longestPrefixThenMetric() {
        Namespace n = ns();
        assertEquals("c", Routing.lookup(n, ip("192.168.5.9"), IpAddr.ANY4, "a", null, 0).dev());
        assertEquals("b", Routing.lookup(n, ip("192.168.6.9"), IpAddr.ANY4, "a", null, 0).dev());
        assertEquals("a", Routing.lookup(n, ip("8.8.8.8"), IpAddr.ANY4, "a", null, 0).dev());
        RouteDecision m = Routing.lookup(n, ip("172.20.0.1"), IpAddr.ANY4, "a", null, 0);
        assertEquals("c", m.dev(), "lower metric wins among equal prefixes");
        assertEquals(RouteDecision.Kind.BLACKHOLE, Routing.lookup(n, ip("203.0.113.7"), IpAddr.ANY4, "a", null, 0).kind());
    }

    @Test
    void policyRulesFwmarkFromIifAndThrow() {
        Namespace n = ns();
        RouteDecision marked = Routing.lookup(n, ip("8.8.8.8"), IpAddr.ANY4, "a", null, 0x1f);
        assertEquals("c", marked.dev());
        assertEquals(100, marked.rule().priority());
        assertEquals("a", Routing.lookup(n, ip("8.8.8.8"), IpAddr.ANY4, "a", null, 0x0f).dev(), "mask excludes low bits");
        assertEquals("c", Routing.lookup(n, ip("8.8.8.8"), ip("10.9.1.1"), "b", null, 0).dev());
        assertEquals("a", Routing.lookup(n, ip("8.8.8.8"), ip("10.9.1.1"), "a", null, 0).dev(), "iif must match");
        // throw in table 7 falls through to main
        assertEquals("a", Routing.lookup(n, ip("198.51.100.1"), IpAddr.ANY4, "a", null, 0x10).dev());
    }

    @Test
    void notRuleAndActions() {
        Namespace n = Namespace.builder("n").iface(Interface.builder("a").address("10.0.0.1/24"))
                .route(Route.to("default").via("10.0.0.254").dev("a"))
                .rule(PolicyRule.priority(10).not().from("10.0.0.0/8").action(PolicyRule.Action.PROHIBIT))
                .build();
        assertEquals(RouteDecision.Kind.PROHIBIT, Routing.lookup(n, ip("8.8.8.8"), ip("192.0.2.1"), "a", null, 0).kind());
        assertEquals(RouteDecision.Kind.UNICAST, Routing.lookup(n, ip("8.8.8.8"), ip("10.0.0.9"), "a", null, 0).kind());
        Namespace empty = Namespace.builder("e").iface(Interface.builder("a").address("10.0.0.1/24")).build();
        assertEquals(RouteDecision.Kind.NO_ROUTE, Routing.lookup(empty, ip("8.8.8.8"), IpAddr.ANY4, "lo", null, 0).kind());
    }

    @Test
    void markSetInPreroutingSteersTheRouteButMarkSetInForwardDoesNot() {
        for (boolean early : new boolean[] {true, false}) {
            Lab lab = new Lab();
            lab.routerExtraIfs.add(Topologies.veth("eth2", "10.0.3.1/24", "alt", "eth0").build());
            lab.routerRoutes.add(Route.to("default").via("10.0.2.2").dev("eth1").build());
            lab.routerRoutes.add(Route.to("default").via("10.0.3.2").dev("eth2").table(42).build());
            lab.routerRules.add(PolicyRule.priority(1000).fwmark(1).lookup(42).build());
            Iptables ipt = new Iptables();
            ipt.append("mangle", early ? "PREROUTING" : "FORWARD", rule(m(Match.udp()), Statement.setMark(1)));
            lab.tables(ipt.build());
            NetworkView v = lab.build();
            Namespace alt = Namespace.builder("alt").iface(Topologies.veth("eth0", "10.0.3.2/24", "r", "eth2")).build();
            NetworkView.Builder vb = NetworkView.builder();
            v.namespaces().values().forEach(vb::namespace);
            vb.namespace(alt);
            ProbeResult r = new Simulation(vb.build()).probe(Probe.from("client", Packet.udp(null, "9.9.9.9", 5, 53)));
            Packet viaAlt = r.seenLeaving("r", "eth2");
            Packet viaMain = r.seenLeaving("r", "eth1");
            if (early) {
                assertNotNull(viaAlt, r.toText());
            } else {
                assertNotNull(viaMain, r.toText());
            }
        }
    }

    @Test
    void outputRerouteOnlyForRouteTypeChains() {
        for (boolean routeType : new boolean[] {true, false}) {
            Namespace n = Namespace.builder("h")
                    .iface(Interface.builder("a").address("10.0.0.1/24"))
                    .iface(Interface.builder("b").address("10.1.0.1/24"))
                    .route(Route.to("default").via("10.0.0.254").dev("a"))
                    .route(Route.to("default").via("10.1.0.254").dev("b").table(5))
                    .rule(PolicyRule.priority(10).fwmark(5).lookup(5))
                    .nfTable(routeType ? new Iptables().append("mangle", "OUTPUT", rule(m(), Statement.setMark(5))).build().get(0)
                            : tableWithFilterOutput())
                    .build();
            ProbeResult r = new Simulation(NetworkView.builder().namespace(n).build())
                    .probe(Probe.from("h", Packet.udp(null, "8.8.8.8", 5, 53)));
            assertEquals(Location.out("h", routeType ? "b" : "a"), r.lastSeenAt(), r.toText());
            assertEquals(Disposition.Fate.LEFT_NETWORK, r.disposition().fate());
        }
    }

    private static NfTable tableWithFilterOutput() {
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        t.baseChain("out", ChainType.FILTER, Hook.OUTPUT, -150, Verdict.ACCEPT).rule(rule(m(), Statement.setMark(5)));
        return t.build();
    }
}
