package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A small lab for unit tests: client (10.0.1.2) -- router r (10.0.1.1 | 10.0.2.1) -- server (10.0.2.2).
 * Tables, rules, routes and sysctls of the router can be added before {@link #build()}.
 */
final class Lab {
    final List<NfTable> routerTables = new ArrayList<>();
    final List<Route> routerRoutes = new ArrayList<>();
    final List<PolicyRule> routerRules = new ArrayList<>();
    final List<Interface> routerExtraIfs = new ArrayList<>();
    final List<Listener> serverListeners = new ArrayList<>(List.of(Listener.udp(53), Listener.tcp(80)));
    final List<NfTable> serverTables = new ArrayList<>();
    final List<NfTable> clientTables = new ArrayList<>();
    Sysctls routerSysctls = Sysctls.builder().ipForward(true).build();
    String serverGateway = "10.0.2.1";

    Lab table(NfTable t) {
        routerTables.add(t);
        return this;
    }

    Lab tables(List<NfTable> ts) {
        routerTables.addAll(ts);
        return this;
    }

    NetworkView build() {
        Namespace.Builder r = Namespace.builder("r").sysctls(routerSysctls)
                .iface(Topologies.veth("eth0", "10.0.1.1/24", "client", "eth0"))
                .iface(Topologies.veth("eth1", "10.0.2.1/24", "server", "eth0"))
                .nfTables(routerTables);
        routerExtraIfs.forEach(r::iface);
        routerRoutes.forEach(r::route);
        routerRules.forEach(r::rule);
        Namespace client = Namespace.builder("client")
                .iface(Topologies.veth("eth0", "10.0.1.2/24", "r", "eth0"))
                .route(Route.to("default").via("10.0.1.1").dev("eth0")).nfTables(clientTables).build();
        Namespace.Builder server = Namespace.builder("server")
                .iface(Topologies.veth("eth0", "10.0.2.2/24", "r", "eth1"))
                .nfTables(serverTables);
        if (serverGateway != null) {
            server.route(Route.to("default").via(serverGateway).dev("eth0"));
        }
        serverListeners.forEach(server::listener);
        return NetworkView.builder().namespace(r).namespace(client).namespace(server.build()).build();
    }

    static Rule rule(Match[] ms, Statement... ss) {
        return Rule.builder().match(ms).then(ss).build();
    }

    static Match[] m(Match... ms) {
        return ms;
    }

    static IpAddr ip(String s) {
        return IpAddr.parse(s);
    }
}
