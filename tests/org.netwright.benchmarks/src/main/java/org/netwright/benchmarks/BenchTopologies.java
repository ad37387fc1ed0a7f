package org.netwright.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.AddrSet;
import org.netwright.engine.ChainType;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.Iptables;
import org.netwright.engine.Listener;
import org.netwright.engine.MapKey;
import org.netwright.engine.Match;
import org.netwright.engine.NamedMap;
import org.netwright.engine.NamedSet;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.PolicyRule;
import org.netwright.engine.Route;
import org.netwright.engine.Rule;
import org.netwright.engine.Statement;
import org.netwright.engine.Sysctls;
import org.netwright.engine.Verdict;

/** The topologies the benchmarks walk, built with the engine's public builders only. */
public final class BenchTopologies {
    private BenchTopologies() {
    }

    static Interface.Builder veth(String name, String cidr, String peerNs, String peerIf) {
        return Interface.builder(name).kind(Interface.Kind.VETH).peer(peerNs, peerIf).address(cidr);
    }

    static Sysctls router() {
        return Sysctls.builder().ipForward(true).build();
    }

    static Rule rule(String text, List<Match> ms, Statement... ss) {
        return Rule.builder().match(ms.toArray(Match[]::new)).then(ss).text(text).build();
    }

    /**
     * Seed 001: client and proxy namespaces hang off a host that policy-routes the client's traffic through
     * the proxy, so it crosses the host's netfilter twice; MASQUERADE on the uplink, and with
     * {@code zoneFix} separate conntrack zones for the two passes.
     */
    static NetworkView seed001(boolean zoneFix) {
        Iptables ipt = new Iptables();
        ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o enp4s0 -j MASQUERADE",
                List.of(Match.saddr("10.10.1.0/24"), Match.not(Match.daddr("10.10.1.0/24")), Match.oif("enp4s0")),
                Statement.masquerade()));
        if (zoneFix) {
            ipt.append("raw", "PREROUTING", rule("-A PREROUTING -i client-veth0 -j CT --zone 1",
                    List.of(Match.iif("client-veth0")), Statement.ctZone(1)));
            ipt.append("raw", "PREROUTING", rule("-A PREROUTING -i proxy-veth0 -d 10.10.1.0/24 -j CT --zone 1",
                    List.of(Match.iif("proxy-veth0"), Match.daddr("10.10.1.0/24")), Statement.ctZone(1)));
        }
        Namespace host = Namespace.builder("host").sysctls(router())
                .iface(veth("client-veth0", "10.10.1.2/24", "client", "veth0"))
                .iface(veth("proxy-veth0", "10.10.2.2/24", "proxy", "veth0"))
                .iface(Interface.builder("enp4s0").address("172.16.202.30/24").peer("internet", "eth0"))
                .route(Route.to("default").via("172.16.202.1").dev("enp4s0").metric(100))
                .route(Route.to("default").via("10.10.2.1").dev("proxy-veth0").table(100))
                .route(Route.to("default").via("10.10.1.1").dev("client-veth0").table(101))
                .rule(PolicyRule.priority(100).from("10.10.1.0/24").iif("client-veth0").lookup(100))
                .rule(PolicyRule.priority(101).to("10.10.1.0/24").iif("proxy-veth0").lookup(101))
                .rule(PolicyRule.priority(102).to("10.10.1.0/24").iif("enp4s0").lookup(100))
                .nfTables(ipt.build())
                .build();
        Namespace client = Namespace.builder("client")
                .iface(veth("veth0", "10.10.1.1/24", "host", "client-veth0"))
                .route(Route.to("default").via("10.10.1.2").dev("veth0")).build();
        Namespace proxy = Namespace.builder("proxy").sysctls(router())
                .iface(veth("veth0", "10.10.2.1/24", "host", "proxy-veth0"))
                .route(Route.to("default").via("10.10.2.2").dev("veth0")).build();
        Namespace internet = Namespace.builder("internet")
                .iface(Interface.builder("eth0").address("172.16.202.1/24").peer("host", "enp4s0"))
                .iface(Interface.builder("dns").kind(Interface.Kind.DUMMY).address("8.8.8.8/32"))
                .build();
        return NetworkView.builder().namespace(host).namespace(client).namespace(proxy).namespace(internet).build();
    }

    /** Shapes of the FORWARD chain of the rule-scaling benchmark. */
    public enum Shape {
        /** N rules {@code ip saddr P accept}; the probe's source is in the last one. */
        LINEAR_LAST,
        /** N rules {@code ip saddr P accept}; the probe matches none (chain policy accept). */
        LINEAR_NONE,
        /** One rule {@code ip saddr { P1, ..., PN } accept} (anonymous interval set). */
        ANON_SET,
        /** One rule {@code ip saddr @allowed accept}, a named interval set of N prefixes. */
        NAMED_SET,
        /** One rule {@code ip saddr vmap @verdicts}, a verdict map of N prefixes. */
        VMAP,
        /** No rules; N prefix routes in r's main table (longest prefix match), the server's subnet among them. */
        ROUTES
    }

    /** The client's subnet: the prefix that the probe hits. */
    static final String CLIENT_NET = "10.0.1.0/24";

    /**
     * The N-1 prefixes that the probe does not hit: every other /24 of 11.0.0.0/8 (never adjacent, so
     * an interval set cannot merge them), then (when {@code withHit}) the client's subnet last.
     */
    static List<String> prefixes(int n, boolean withHit) {
        List<String> out = new ArrayList<>(n);
        int base = (11 << 24);
        for (int i = 0; i < n - (withHit ? 1 : 0); i++) {
            int a = base + i * 512;
            out.add(((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + ".0/24");
        }
        if (withHit) {
            out.add(CLIENT_NET);
        }
        return out;
    }

    /**
     * client (10.0.1.2) -- router r (10.0.1.1 | 10.0.2.1) -- server (10.0.2.2, udp 53), with a FORWARD
     * base chain {@code table ip filter, chain forward (filter, prio 0, policy accept)} on r in the given
     * shape with N prefixes.
     */
    static NetworkView ruleLab(Shape shape, int n) {
        NfTable.Builder t = NfTable.builder(Family.IP, "filter");
        var fwd = t.baseChain("forward", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT);
        switch (shape) {
            case LINEAR_LAST, LINEAR_NONE -> {
                for (String p : prefixes(n, shape == Shape.LINEAR_LAST)) {
                    fwd.rule(rule("ip saddr " + p + " accept", List.of(Match.saddr(p)), Statement.accept()));
                }
            }
            case ANON_SET -> {
                AddrSet.Builder b = new AddrSet.Builder();
                prefixes(n, true).forEach(b::add);
                fwd.rule(rule("ip saddr { ... " + n + " prefixes } accept", List.of(new Match.Saddr(b.build())),
                        Statement.accept()));
            }
            case NAMED_SET -> {
                AddrSet.Builder b = new AddrSet.Builder();
                prefixes(n, true).forEach(b::add);
                t.set(NamedSet.addresses("allowed", b.build()));
                fwd.rule(rule("ip saddr @allowed accept", List.of(new Match.SaddrInSet("allowed")), Statement.accept()));
            }
            case VMAP -> {
                NamedMap.Builder m = NamedMap.builder("verdicts");
                for (String p : prefixes(n, true)) {
                    m.addr(p, NamedMap.Value.verdict(Statement.accept()));
                }
                t.map(m.build());
                fwd.rule(rule("ip saddr vmap @verdicts", List.of(), new Statement.VerdictMap(MapKey.SADDR, "verdicts")));
            }
            case ROUTES -> {
                // the routes are the variable part; the chain stays empty (policy accept)
            }
        }
        Namespace.Builder rb = Namespace.builder("r").sysctls(router())
                .iface(veth("eth0", "10.0.1.1/24", "client", "eth0"))
                .iface(veth("eth1", "10.0.2.1/24", "server", "eth0"))
                .nfTable(t.build());
        if (shape == Shape.ROUTES) {
            // N-1 /24 routes the probe does not hit, via the server side (never the best match for 10.0.2.2)
            for (String p : prefixes(n - 1, false)) {
                rb.route(Route.to(p).via("10.0.2.2").dev("eth1"));
            }
            rb.route(Route.to("10.0.2.0/25").dev("eth1"));
        }
        Namespace r = rb.build();
        Namespace client = Namespace.builder("client")
                .iface(veth("eth0", "10.0.1.2/24", "r", "eth0"))
                .route(Route.to("default").via("10.0.1.1").dev("eth0")).build();
        Namespace server = Namespace.builder("server")
                .iface(veth("eth0", "10.0.2.2/24", "r", "eth1"))
                .route(Route.to("default").via("10.0.2.1").dev("eth0"))
                .listener(Listener.udp(53)).build();
        return NetworkView.builder().namespace(r).namespace(client).namespace(server).build();
    }
}
