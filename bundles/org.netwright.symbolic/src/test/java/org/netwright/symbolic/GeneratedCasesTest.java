package org.netwright.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.netwright.engine.ChainType;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.Match;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.PolicyRule;
import org.netwright.engine.PortSet;
import org.netwright.engine.Route;
import org.netwright.engine.RouteType;
import org.netwright.engine.Rule;
import org.netwright.engine.Statement;
import org.netwright.engine.Sysctls;
import org.netwright.engine.Verdict;

/**
 * The symbolic answer against the concrete engine on generated networks: a client, a router and two servers, the
 * router's forward, prerouting and postrouting chains filled with random rules (overlapping prefixes, port sets,
 * protocols, negations, jumps, gotos, returns, marks, DNAT, SNAT, masquerade), random policy routing on marks and
 * sources, blackhole and throw routes, rp_filter. Seeds 1..60; every class from every namespace, 15 packets each.
 */
class GeneratedCasesTest {
    private static final String[] PREFIXES = {"10.0.2.0/24", "10.0.2.0/25", "10.0.2.10", "10.0.3.0/24", "10.0.0.0/8",
        "10.0.1.0/24", "0.0.0.0/1", "10.0.3.128/25", "192.0.2.0/24", "10.0.2.2", "10.0.3.3"};

    static Interface.Builder veth(String name, String cidr, String peerNs, String peerIf) {
        return Interface.builder(name).kind(Interface.Kind.VETH).peer(peerNs, peerIf).address(cidr);
    }

    private static Match randomMatch(Random r) {
        Match m = switch (r.nextInt(9)) {
            case 0 -> Match.daddr(PREFIXES[r.nextInt(PREFIXES.length)]);
            case 1 -> Match.saddr(PREFIXES[r.nextInt(PREFIXES.length)]);
            case 2 -> Match.proto(new int[] {Packet.TCP, Packet.UDP, Packet.ICMP}[r.nextInt(3)]);
            case 3 -> new Match.Dport(r.nextBoolean() ? PortSet.of(22, 80, 443) : PortSet.range(1000 + r.nextInt(100), 2000));
            case 4 -> new Match.Sport(PortSet.range(0, r.nextInt(65536)));
            case 5 -> Match.iif(new String[] {"c0", "s1", "s2", "up"}[r.nextInt(4)]);
            case 6 -> Match.oif(new String[] {"c0", "s1", "s2", "up"}[r.nextInt(4)]);
            case 7 -> Match.mark(r.nextInt(3));
            default -> new Match.IcmpType(java.util.Set.of(8));
        };
        return r.nextInt(5) == 0 ? Match.not(m) : m;
    }

    private static Statement randomStatement(Random r, boolean nat, boolean src, boolean regular) {
        int k = r.nextInt(nat ? 4 : regular ? 6 : 7);
        if (nat) {
            return switch (k) {
                case 0 -> src ? Statement.snat("192.0.2.1") : Statement.dnat("10.0.2.2", 8080);
                case 1 -> src ? Statement.masquerade() : Statement.dnat("10.0.3.3");
                case 2 -> Statement.accept();
                default -> Statement.setMark(1);
            };
        }
        return switch (k) {
            case 0 -> Statement.accept();
            case 1 -> Statement.drop();
            case 2 -> Statement.setMark(r.nextInt(3));
            case 3 -> Statement.reject();
            case 4 -> Statement.counter();
            case 5 -> Statement.ret();
            default -> r.nextBoolean() ? Statement.jump("sub") : Statement.goTo("sub");
        };
    }

    private static List<Rule> rules(Random r, int n, boolean nat, boolean src, boolean regular, String chain) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Rule.Builder b = Rule.builder().text(chain + " rule " + i);
            for (int j = r.nextInt(3); j > 0; j--) {
                b.match(randomMatch(r));
            }
            b.then(randomStatement(r, nat, src, regular));
            out.add(b.build());
        }
        return out;
    }

    static NetworkView generate(long seed) {
        Random r = new Random(seed);
        NfTable.Builder filter = NfTable.builder(Family.INET, "filter");
        org.netwright.engine.Chain.Builder sub = filter.chain("sub");
        rules(r, 1 + r.nextInt(4), false, false, true, "sub").forEach(sub::rule);
        org.netwright.engine.Chain.Builder fwd = filter.baseChain("forward", ChainType.FILTER, Hook.FORWARD, 0,
                r.nextBoolean() ? Verdict.ACCEPT : Verdict.DROP);
        rules(r, 3 + r.nextInt(8), false, false, false, "forward").forEach(fwd::rule);
        org.netwright.engine.Chain.Builder mangle = filter.baseChain("mangle", ChainType.ROUTE, Hook.OUTPUT, -150, Verdict.ACCEPT);
        rules(r, r.nextInt(3), false, false, true, "output").forEach(mangle::rule);
        NfTable.Builder nat = NfTable.builder(Family.IP, "nat");
        org.netwright.engine.Chain.Builder pre = nat.baseChain("pre", ChainType.NAT, Hook.PREROUTING, -100, Verdict.ACCEPT);
        rules(r, r.nextInt(4), true, false, false, "pre").forEach(pre::rule);
        org.netwright.engine.Chain.Builder post = nat.baseChain("post", ChainType.NAT, Hook.POSTROUTING, 100, Verdict.ACCEPT);
        rules(r, r.nextInt(4), true, true, false, "post").forEach(post::rule);
        Namespace.Builder router = Namespace.builder("router")
                .sysctls(Sysctls.builder().ipForward(r.nextInt(6) != 0).rpFilterAll(r.nextInt(3)).build())
                .iface(veth("c0", "10.0.1.1/24", "client", "eth0"))
                .iface(veth("s1", "10.0.2.1/24", "s1", "eth0"))
                .iface(veth("s2", "10.0.3.1/24", "s2", "eth0"))
                .iface(veth("up", "192.0.2.1/24", "inet", "eth0"))
                .route(Route.to("default").via("192.0.2.2").dev("up"))
                .nfTable(filter.build()).nfTable(nat.build());
        if (r.nextBoolean()) {
            router.route(Route.to("10.0.2.0/25").via("10.0.3.3").dev("s2").table(100));
            router.route(Route.to("10.0.2.128/25").type(RouteType.THROW).table(100));
            router.rule(PolicyRule.priority(100).fwmark(1).lookup(100));
        }
        if (r.nextBoolean()) {
            router.route(Route.to("10.0.3.128/25").type(RouteType.BLACKHOLE));
        }
        if (r.nextBoolean()) {
            router.rule(PolicyRule.priority(50).from("10.0.1.0/24").to("192.0.2.0/24").action(PolicyRule.Action.PROHIBIT));
        }
        Namespace client = Namespace.builder("client").iface(veth("eth0", "10.0.1.2/24", "router", "c0"))
                .route(Route.to("default").via("10.0.1.1").dev("eth0")).build();
        Namespace s1 = Namespace.builder("s1").iface(veth("eth0", "10.0.2.2/24", "router", "s1"))
                .route(Route.to("default").via("10.0.2.1").dev("eth0")).build();
        Namespace s2 = Namespace.builder("s2").sysctls(Sysctls.builder().ipForward(true).build())
                .iface(veth("eth0", "10.0.3.3/24", "router", "s2"))
                .route(Route.to("default").via("10.0.3.1").dev("eth0")).build();
        Namespace inet = Namespace.builder("inet").iface(veth("eth0", "192.0.2.2/24", "router", "up"))
                .route(Route.to("10.0.0.0/8").via("192.0.2.1").dev("eth0")).build();
        return NetworkView.builder().namespace(router.build()).namespace(client).namespace(s1).namespace(s2).namespace(inet)
                .build();
    }

    @Test
    void randomPacketsOfGeneratedNetworksGetTheFateOfTheirClass() {
        List<String> failures = new ArrayList<>();
        int packets = 0;
        int inexact = 0;
        for (long seed = 1; seed <= 60; seed++) {
            NetworkView view = generate(seed);
            for (String from : view.namespaces().keySet()) {
                Reach.Query q = new Reach.Query(from, null, null, seed % 2 == 0 ? "0.0.0.0/0" : null, null, null);
                ReachCheck.Result res = ReachCheck.run(view, q, seed, 15);
                packets += res.packets();
                inexact += res.inexact();
                for (String d : res.disagreements()) {
                    failures.add("seed " + seed + ": " + d);
                }
            }
        }
        System.out.println("generated cases: " + packets + " packets walked, " + inexact + " in inexact classes");
        assertTrue(packets > 5_000, "packets " + packets);
        assertTrue(inexact < packets / 10, "inexact " + inexact + " of " + packets);
        assertEquals(List.of(), failures.stream().limit(10).toList(), failures.size() + " disagreements");
    }
}
