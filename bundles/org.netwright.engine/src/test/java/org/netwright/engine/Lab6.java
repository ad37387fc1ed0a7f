package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The IPv6 research's line, dual stack: a (2001:db8:1::2, 10.0.1.2) -- r (ra 2001:db8:1::1 | rb 2001:db8:2::1, and
 * 10.0.1.1 | 10.0.2.1) -- b (2001:db8:2::2, 10.0.2.2). r forwards both families unless told otherwise; b answers udp 53
 * and tcp 80.
 */
final class Lab6 {
    final List<NfTable> routerTables = new ArrayList<>();
    final List<Route> routerRoutes = new ArrayList<>();
    final List<PolicyRule> routerRules = new ArrayList<>();
    final List<Neighbour> routerNeighbours = new ArrayList<>();
    Sysctls routerSysctls = Sysctls.builder().ipForward(true).ip6Forward(true).build();
    /** b's IPv6 address (null: b has none, so nobody answers r's neighbour solicitation). */
    String bAddress6 = "2001:db8:2::2/64";
    boolean bRoutesBack = true;

    Lab6 table(NfTable t) {
        routerTables.add(t);
        return this;
    }

    NetworkView build() {
        Namespace.Builder r = Namespace.builder("r").sysctls(routerSysctls)
                .iface(Topologies.veth("ra", "2001:db8:1::1/64", "a", "a0").address("10.0.1.1/24")
                        .mac("02:00:00:00:01:01"))
                .iface(Topologies.veth("rb", "2001:db8:2::1/64", "b", "b0").address("10.0.2.1/24")
                        .mac("02:00:00:00:02:01"))
                .nfTables(routerTables);
        routerRoutes.forEach(r::route);
        routerRules.forEach(r::rule);
        routerNeighbours.forEach(r::neighbour);
        Namespace a = Namespace.builder("a")
                .iface(Topologies.veth("a0", "2001:db8:1::2/64", "r", "ra").address("10.0.1.2/24").mac("02:00:00:00:01:02"))
                .route(Route.defaultV6().via("2001:db8:1::1").dev("a0"))
                .route(Route.to("default").via("10.0.1.1").dev("a0")).build();
        Interface.Builder b0 = Topologies.veth("b0", "10.0.2.2/24", "r", "rb").mac("02:00:00:00:02:02");
        if (bAddress6 != null) {
            b0.address(bAddress6);
        }
        Namespace.Builder b = Namespace.builder("b").iface(b0)
                .route(Route.to("default").via("10.0.2.1").dev("b0"))
                .listener(Listener.udp(53)).listener(Listener.tcp(80));
        if (bRoutesBack) {
            b.route(Route.defaultV6().via("2001:db8:2::1").dev("b0"));
        }
        return NetworkView.builder().namespace(a).namespace(r.build()).namespace(b.build()).build();
    }

    ProbeResult probe(String from, Packet p) {
        return new Simulation(build()).probe(Probe.from(from, p));
    }

    static NfTable.Builder table(Family f, String name) {
        return NfTable.builder(f, name);
    }
}
