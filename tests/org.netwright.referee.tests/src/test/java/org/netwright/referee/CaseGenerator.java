package org.netwright.referee;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.netwright.engine.Hook;
import org.netwright.engine.Route;
import org.netwright.engine.RouteType;
import org.netwright.engine.Verdict;
import org.netwright.referee.GenTopo.ExtraChain;
import org.netwright.referee.GenTopo.IpRule;
import org.netwright.referee.GenTopo.Node;
import org.netwright.referee.GenTopo.R;

/**
 * Seeded cases on the {@link GenTopo} wiring. Same seed, same case. The dimensions are the ones where the
 * engine's semantics are most at risk: source NAT (masquerade, SNAT, port ranges, a single-port SNAT that two
 * clients must share), DNAT, two clients with the same source port through one NAT, conntrack zones, notrack,
 * ct mark / meta mark, fwmark policy routing with a second table (and route types blackhole / unreachable /
 * prohibit), marks set before and after the routing decision and in OUTPUT (reroute), rp_filter strict and
 * loose with sources only some routes know, ip_forward off, ICMP errors (closed ports, REJECT, unreachable
 * routes, TTL expiry) and their un-NAT, TCP resets, stacked base chains (an accept in one, a drop in
 * another) and both iptables and nft flavours of the same rules.
 */
final class CaseGenerator {
    /** A probe with its TTL (ICMP only; 64 otherwise). */
    record Probe(ProbeSpec spec, int ttl) {
        @Override
        public String toString() {
            return spec + (ttl != 64 ? " ttl " + ttl : "");
        }
    }

    /**
     * {@code fixedPorts}: single-port NAT targets (compared exactly); {@code rangePorts}: ports of multi-port NAT
     * ranges, where the kernel's pick is random (compared as "some port of the range" wherever they appear).
     */
    record Case(long seed, GenTopo topo, List<Probe> probes, Set<Integer> fixedPorts, Set<Integer> rangePorts) {
        /**
         * Ports the case itself names (probe source ports, service ports, single-port NAT targets); any other
         * port seen is one the kernel chose (a moved source port), compared as "moved" only.
         */
        Set<Integer> knownPorts() {
            Set<Integer> k = new HashSet<>(fixedPorts);
            k.addAll(List.of(GenTopo.UDP_PORT, GenTopo.TCP_PORT, GenTopo.CLOSED_PORT, 8001, 8002));
            for (Probe p : probes) {
                if (p.spec().sport() > 0) {
                    k.add(p.spec().sport());
                }
            }
            k.removeAll(rangePorts);
            return k;
        }

        String describe() {
            StringBuilder sb = new StringBuilder("case seed " + seed + ": " + topo.describe() + "\n  probes:");
            probes.forEach(p -> sb.append("\n    ").append(p));
            return sb.toString();
        }
    }

    static final int SNAT_PORT = 40000;
    private static final String[] PROTOS = {"icmp", "udp", "tcp"};

    private CaseGenerator() {
    }

    private static String pick(Random r, String... xs) {
        return xs[r.nextInt(xs.length)];
    }

    static Case generate(long seed) {
        Random r = new Random(seed);
        // NAT flags come from a stream of their own, so that adding them left every earlier case as it was
        Random flagsRandom = new Random(seed * 31 + 7);
        // bitwise marks too (issue 12): every earlier case stays as it was
        Random bitsRandom = new Random(seed * 37 + 11);
        int n = 3 + r.nextInt(2);
        GenTopo t = new GenTopo(n);
        Set<Integer> fixed = new HashSet<>();
        Set<Integer> ranged = new HashSet<>();
        t.node("h0").routes.add(new R("default", "10.0.0.2", "eth1", null, Route.MAIN));
        t.node("c").routes.add(new R("default", "10.0.9.1", "eth0", null, Route.MAIN));
        List<String[]> dnats = new ArrayList<>();
        for (int m = 1; m <= n - 2; m++) {
            Node nd = t.node("h" + m);
            nd.forward = r.nextInt(12) != 0;
            nd.nft = r.nextBoolean();
            nd.routes.add(new R("default", "10.0." + m + ".2", "eth1", null, Route.MAIN));
            if (m == 1) {
                String a = pick(r, "10.0.0.1", "10.0.0.1", "10.0.9.2", null);
                String b = pick(r, "10.0.9.2", "10.0.9.2", "10.0.0.1", null);
                if (a != null) {
                    nd.routes.add(new R("10.99.0.0/24", a, a.equals("10.0.0.1") ? "eth0" : "eth2", null, Route.MAIN));
                }
                if (b != null) {
                    nd.routes.add(new R("10.99.9.0/24", b, b.equals("10.0.0.1") ? "eth0" : "eth2", null, Route.MAIN));
                }
            } else {
                String left = "10.0." + (m - 1) + ".1";
                nd.routes.add(new R("10.0.0.0/24", left, "eth0", null, Route.MAIN));
                nd.routes.add(new R("10.0.9.0/24", left, "eth0", null, Route.MAIN));
                if (r.nextInt(4) != 0) {
                    nd.routes.add(new R("10.99.0.0/16", left, "eth0", null, Route.MAIN));
                }
            }
            rpFilter(r, nd);
            middleRules(r, flagsRandom, t, nd, m, dnats, fixed, ranged);
            bitwiseMarks(bitsRandom, nd);
            stateRules(new Random(seed * 7919 + m), nd);
        }
        Node srv = t.node(t.server());
        String srvLeft = "10.0." + (n - 2) + ".1";
        if (r.nextInt(4) != 0) {
            srv.routes.add(new R("default", srvLeft, "eth0", null, Route.MAIN));
        } else {
            srv.routes.add(new R("10.0.0.0/16", srvLeft, "eth0", null, Route.MAIN));
        }
        if (r.nextInt(4) == 0) {
            rpFilter(r, srv);
        }
        if (r.nextInt(6) == 0) {
            srv.nft = r.nextBoolean();
            String p = PROTOS[r.nextInt(3)];
            srv.rules.add(r.nextBoolean() ? GenRule.dropProto(Hook.INPUT, p)
                    : GenRule.rejectProto(Hook.INPUT, p.equals("icmp") ? "udp" : p));
        }
        return new Case(seed, t, probes(r, t, dnats), Set.copyOf(fixed), Set.copyOf(ranged));
    }

    /**
     * statistic (nth and random) and recent, from their own random sequence so that the cases drawn before them stay
     * what they were.
     */
    private static void stateRules(Random r, Node nd) {
        String p = PROTOS[r.nextInt(3)];
        switch (r.nextInt(10)) {
            case 0 -> nd.rules.add(0, GenRule.dropEverySecond(Hook.FORWARD, p));
            case 1 -> nd.rules.add(0, GenRule.dropAtRandom(Hook.FORWARD, p));
            case 2 -> {
                if (!nd.nft) {
                    nd.rules.addAll(0, GenRule.dropSecondFromSource(Hook.FORWARD, p));
                }
            }
            default -> {
            }
        }
    }

    /** kube-proxy's mark bit: or-ed in prerouting, sometimes xor-ed away again, and a forward drop of one protocol on it. */
    private static void bitwiseMarks(Random r, Node nd) {
        if (r.nextInt(5) != 0) {
            return;
        }
        nd.rules.add(GenRule.orMark(Hook.PREROUTING, 0x4000));
        if (r.nextBoolean()) {
            nd.rules.add(GenRule.xorMark(Hook.PREROUTING, 0x4000));
        }
        nd.rules.add(GenRule.dropMarkBit(Hook.FORWARD, PROTOS[r.nextInt(3)], 0x4000));
    }

    private static void rpFilter(Random r, Node nd) {
        int[] modes = {0, 0, 1, 2};
        nd.rpAll = modes[r.nextInt(4)];
        for (String i : GenTopo.interfaces(nd.name)) {
            if (r.nextInt(3) == 0) {
                nd.rpIf.put(i, modes[r.nextInt(4)]);
            }
        }
    }

    /** A masquerade, its port picked at random in a third of the cases (random or fully-random). */
    private static GenRule maybeRandom(Random flags, GenRule masquerade) {
        int f = flags.nextInt(6);
        return f < 4 ? masquerade : GenRule.randomPort(masquerade, f == 5);
    }

    private static void middleRules(Random r, Random flags, GenTopo t, Node nd, int m, List<String[]> dnats,
            Set<Integer> fixed, Set<Integer> ranged) {
        String right = "10.0." + m + ".1";
        switch (r.nextInt(8)) {
            case 0, 1 -> nd.rules.add(maybeRandom(flags, GenRule.masquerade("eth1")));
            case 2 -> nd.rules.add(maybeRandom(flags, GenRule.masquerade("eth1", pick(r, "udp", "tcp", "icmp"))));
            case 3 -> nd.rules.add(GenRule.snat("eth1", right));
            case 4 -> {
                String p = pick(r, "udp", "tcp");
                nd.rules.add(GenRule.snatPort("eth1", p, right, CaseGenerator.SNAT_PORT));
                fixed.add(SNAT_PORT);
            }
            case 5 -> {
                nd.rules.add(maybeRandom(flags, GenRule.masqueradePorts("eth1", pick(r, "udp", "tcp"), SNAT_PORT + 10,
                        SNAT_PORT + 11)));
                ranged.add(SNAT_PORT + 10);
                ranged.add(SNAT_PORT + 11);
            }
            default -> {
            }
        }
        if (r.nextInt(3) == 0) {
            String proto = r.nextBoolean() ? "udp" : "tcp";
            int port = proto.equals("udp") ? 8001 : 8002;
            int to = r.nextInt(5) == 0 ? GenTopo.CLOSED_PORT : proto.equals("udp") ? GenTopo.UDP_PORT : GenTopo.TCP_PORT;
            nd.rules.add(GenRule.dnat("eth1", right, proto, port, "10.0." + (m - 1) + ".1", to));
            dnats.add(new String[] {proto, right, String.valueOf(port)});
        }
        switch (r.nextInt(9)) {
            case 0 -> {
                nd.policies.put("filter/FORWARD", Verdict.DROP);
                nd.rules.add(GenRule.acceptEstablished(Hook.FORWARD));
                nd.rules.add(GenRule.acceptIifOif(Hook.FORWARD, "eth0", "eth1"));
                if (m == 1 && r.nextBoolean()) {
                    nd.rules.add(GenRule.acceptIifOif(Hook.FORWARD, "eth2", "eth1"));
                }
            }
            case 1 -> {
                nd.policies.put("filter/FORWARD", Verdict.DROP);
                nd.rules.add(GenRule.acceptNew(Hook.FORWARD, m == 1 && r.nextBoolean() ? "eth2" : "eth0"));
                nd.rules.add(GenRule.acceptEstablished(Hook.FORWARD));
            }
            case 2 -> nd.rules.add(GenRule.dropProto(Hook.FORWARD, PROTOS[r.nextInt(3)]));
            case 3 -> nd.rules.add(GenRule.dropProtoFrom(Hook.FORWARD, "eth1", PROTOS[r.nextInt(3)]));
            case 4 -> nd.rules.add(GenRule.rejectProto(Hook.FORWARD, pick(r, "udp", "tcp", "icmp")));
            case 5 -> nd.rules.add(GenRule.rejectTcpReset(Hook.FORWARD));
            default -> {
            }
        }
        if (r.nextInt(6) == 0) {
            nd.rules.add(0, GenRule.dropInvalid(Hook.FORWARD));
        }
        if (r.nextInt(6) == 0) {
            switch (r.nextInt(3)) {
                case 0 -> nd.rules.add(GenRule.zone(m == 1 ? "eth2" : "eth0", 1));
                case 1 -> nd.rules.add(GenRule.zone("eth0", 1));
                default -> {
                    nd.rules.add(GenRule.zone("eth0", 2));
                    nd.rules.add(GenRule.zone("eth1", 2));
                }
            }
        }
        if (r.nextInt(8) == 0) {
            nd.rules.add(GenRule.notrack(PROTOS[r.nextInt(3)]));
        }
        if (r.nextInt(4) == 0) {
            switch (r.nextInt(3)) {
                case 0 -> {
                    nd.rules.add(GenRule.setCtMarkFrom(Hook.PREROUTING, m == 1 ? "eth2" : "eth0", 0x5));
                    nd.rules.add(GenRule.restoreMark(Hook.PREROUTING));
                    nd.rules.add(GenRule.dropMark(Hook.FORWARD, 0x5));
                }
                case 1 -> {
                    nd.rules.add(GenRule.setCtMarkFrom(Hook.PREROUTING, "eth1", 0x5));
                    nd.rules.add(GenRule.dropCtMark(Hook.FORWARD, 0x5));
                }
                default -> {
                    nd.rules.add(GenRule.setMarkFrom(Hook.PREROUTING, "eth0", 0x7));
                    nd.rules.add(GenRule.saveMark(Hook.POSTROUTING));
                }
            }
        }
        if (r.nextInt(4) == 0) {
            String p = PROTOS[r.nextInt(3)];
            Hook at = pick(r, "pre", "pre", "fwd", "out").equals("pre") ? Hook.PREROUTING : r.nextBoolean() ? Hook.FORWARD
                    : Hook.OUTPUT;
            nd.rules.add(GenRule.setMark(at, p, 0x2));
            nd.ipRules.add(new IpRule(100, 0x2L, null, 100));
            switch (r.nextInt(m == 1 ? 5 : 4)) {
                case 0 -> nd.routes.add(new R("default", null, null, RouteType.BLACKHOLE, 100));
                case 1 -> nd.routes.add(new R("default", null, null, RouteType.UNREACHABLE, 100));
                case 2 -> nd.routes.add(new R("default", null, null, RouteType.PROHIBIT, 100));
                case 3 -> nd.routes.add(new R("default", "10.0." + (m - 1) + ".1", "eth0", null, 100));
                default -> nd.routes.add(new R("default", "10.0.9.2", "eth2", null, 100));
            }
        }
        if (r.nextInt(8) == 0) {
            nd.ipRules.add(new IpRule(101, null, "10.99.0.0/16", 101));
            nd.routes.add(new R("default", null, null, RouteType.UNREACHABLE, 101));
        }
        if (r.nextInt(5) == 0) {
            String p = PROTOS[r.nextInt(3)];
            boolean accept = r.nextBoolean();
            List<GenRule> rs = List.of(accept ? acceptProto(p) : GenRule.dropProto(Hook.FORWARD, p));
            nd.extra.add(new ExtraChain(Hook.FORWARD, r.nextBoolean() ? -10 : 10, r.nextInt(4) == 0 ? Verdict.DROP
                    : Verdict.ACCEPT, rs));
        }
    }

    private static GenRule acceptProto(String p) {
        GenRule d = GenRule.dropProto(Hook.FORWARD, p);
        return new GenRule(d.table(), d.hook(), "-p " + p + " -j ACCEPT", "meta l4proto " + p + " accept",
                org.netwright.engine.Rule.builder().match(GenRule.proto(p)).then(org.netwright.engine.Statement.accept())
                        .text("meta l4proto " + p + " accept").build());
    }

    private static List<Probe> probes(Random r, GenTopo t, List<String[]> dnats) {
        List<Probe> probes = new ArrayList<>();
        int count = 2 + r.nextInt(4);
        int shared = 30000 + r.nextInt(9000);
        Set<String> tcpTuples = new HashSet<>();
        String srv = t.server();
        String srvAddr = t.serverAddr();
        for (int i = 0; i < count; i++) {
            String proto = PROTOS[r.nextInt(3)];
            int kind = r.nextInt(dnats.isEmpty() ? 9 : 11);
            String from;
            String src;
            String dst;
            int dport;
            if (kind >= 9) {
                String[] dn = dnats.get(r.nextInt(dnats.size()));
                proto = dn[0];
                from = srv;
                src = srvAddr;
                dst = dn[1];
                dport = Integer.parseInt(dn[2]);
            } else {
                switch (kind) {
                    case 0, 1, 2 -> {
                        from = "h0";
                        src = r.nextInt(4) == 0 ? "10.99.0.1" : "10.0.0.1";
                        dst = srvAddr;
                    }
                    case 3, 4, 5 -> {
                        from = "c";
                        src = r.nextInt(4) == 0 ? "10.99.9.1" : "10.0.9.2";
                        dst = srvAddr;
                    }
                    case 6 -> {
                        from = srv;
                        src = srvAddr;
                        dst = r.nextBoolean() ? "10.0.0.1" : "10.0.9.2";
                    }
                    case 7 -> {
                        from = "h1";
                        src = "10.0.1.1";
                        dst = srvAddr;
                    }
                    default -> {
                        from = "h0";
                        src = "10.0.0.1";
                        dst = "10.0.1.1";
                    }
                }
                dport = proto.equals("udp") ? GenTopo.UDP_PORT : GenTopo.TCP_PORT;
                if (r.nextInt(6) == 0) {
                    dport = GenTopo.CLOSED_PORT;
                }
            }
            int sport = r.nextBoolean() ? shared : shared + 1 + i;
            if (proto.equals("tcp")) {
                while (!tcpTuples.add(from + src + sport + dst + dport)) {
                    sport++;
                }
            }
            int ttl = 64;
            ProbeSpec p = switch (proto) {
                case "icmp" -> {
                    if (r.nextInt(5) == 0) {
                        ttl = 1 + r.nextInt(t.n - 1);
                    }
                    yield ProbeSpec.ping(from, dst);
                }
                case "udp" -> ProbeSpec.udp(from, src, sport, dst, dport);
                default -> ProbeSpec.tcp(from, src, sport, dst, dport);
            };
            probes.add(new Probe(p, ttl));
        }
        return probes;
    }
}
