package org.netwright.referee;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.netwright.engine.Verdict;

/**
 * Seeded small cases: a chain of 2-4 namespaces, random NAT/filter rules on the middle nodes from
 * {@link Vocabulary}, and 2-4 random probes between the ends (and to DNAT'ed addresses). Same seed, same case.
 */
final class CaseGenerator {
    record Case(long seed, ChainTopo topo, List<ProbeSpec> probes) {
        String describe() {
            StringBuilder sb = new StringBuilder("case seed " + seed + ": " + topo.describe() + "\n  probes:");
            probes.forEach(p -> sb.append("\n    ").append(p));
            return sb.toString();
        }
    }

    private static final String[] PROTOS = {"icmp", "udp", "tcp"};

    private CaseGenerator() {
    }

    static Case generate(long seed) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(3);
        ChainTopo t = new ChainTopo(n);
        t.lastHasDefault = r.nextInt(3) != 0;
        List<String[]> dnats = new ArrayList<>();
        for (int m = 1; m < n - 1; m++) {
            if (r.nextInt(10) == 0) {
                t.forward[m] = false;
            }
            String out = "eth1";
            switch (r.nextInt(4)) {
                case 0 -> t.rule(m, Vocabulary.masquerade(out));
                case 1 -> t.rule(m, Vocabulary.masquerade(out, PROTOS[1 + r.nextInt(2)]));
                case 2 -> t.rule(m, Vocabulary.snat(out, ChainTopo.right(m)));
                default -> {
                }
            }
            if (r.nextInt(3) == 0) {
                String proto = r.nextBoolean() ? "udp" : "tcp";
                int port = proto.equals("udp") ? 8001 : 8002;
                t.rule(m, Vocabulary.dnat("eth1", ChainTopo.right(m), proto, port, ChainTopo.right(m - 1),
                        proto.equals("udp") ? ChainTopo.UDP_PORT : ChainTopo.TCP_PORT));
                dnats.add(new String[] {proto, ChainTopo.right(m), String.valueOf(port)});
            }
            switch (r.nextInt(5)) {
                case 0 -> {
                    t.policy(m, "filter/FORWARD", Verdict.DROP);
                    t.rule(m, Vocabulary.acceptEstablished("FORWARD"));
                    t.rule(m, Vocabulary.acceptIifOif("FORWARD", "eth0", "eth1"));
                }
                case 1 -> t.rule(m, Vocabulary.dropProto("FORWARD", PROTOS[r.nextInt(3)]));
                case 2 -> t.rule(m, Vocabulary.dropProtoFrom("FORWARD", "eth1", PROTOS[r.nextInt(3)]));
                case 3 -> t.rule(m, Vocabulary.rejectProto("FORWARD", PROTOS[1 + r.nextInt(2)]));
                default -> {
                }
            }
            if (r.nextInt(6) == 0) {
                t.rule(m, Vocabulary.notrack(PROTOS[r.nextInt(3)]));
            }
        }
        List<ProbeSpec> probes = new ArrayList<>();
        int count = 2 + r.nextInt(3);
        String last = "h" + (n - 1);
        for (int i = 0; i < count; i++) {
            String proto = PROTOS[r.nextInt(3)];
            int sport = 30000 + r.nextInt(9000) + i;
            int kind = r.nextInt(dnats.isEmpty() ? 2 : 3);
            if (kind == 2) {
                String[] dn = dnats.get(r.nextInt(dnats.size()));
                probes.add(dn[0].equals("udp") ? ProbeSpec.udp(last, t.last(), sport, dn[1], Integer.parseInt(dn[2]))
                        : ProbeSpec.tcp(last, t.last(), sport, dn[1], Integer.parseInt(dn[2])));
                continue;
            }
            boolean forward = kind == 0;
            String from = forward ? "h0" : last;
            String src = forward ? t.first() : t.last();
            String dst = forward ? t.last() : t.first();
            probes.add(switch (proto) {
                case "icmp" -> ProbeSpec.ping(from, dst);
                case "udp" -> ProbeSpec.udp(from, src, sport, dst, ChainTopo.UDP_PORT);
                default -> ProbeSpec.tcp(from, src, sport, dst, ChainTopo.TCP_PORT);
            });
        }
        return new Case(seed, t, probes);
    }
}
