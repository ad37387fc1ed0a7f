package org.netwright.referee;

import org.netwright.engine.Packet;
import org.netwright.engine.Probe;

/**
 * One probe, sent the same way to the engine and to the kernel: from a socket of namespace {@code from},
 * protocol icmp (echo), udp or tcp (SYN), optional source address (null: routing chooses) and ports.
 */
record ProbeSpec(String from, String proto, String src, int sport, String dst, int dport) {

    static ProbeSpec ping(String from, String dst) {
        return new ProbeSpec(from, "icmp", null, -1, dst, -1);
    }

    static ProbeSpec udp(String from, String src, int sport, String dst, int dport) {
        return new ProbeSpec(from, "udp", src, sport, dst, dport);
    }

    static ProbeSpec tcp(String from, String src, int sport, String dst, int dport) {
        return new ProbeSpec(from, "tcp", src, sport, dst, dport);
    }

    /**
     * The engine's probe. The ICMP echo identifier only has to differ between probes, as the ids of
     * separate ping runs do (each is its own conntrack entry).
     */
    Probe engineProbe(int icmpId) {
        Packet p = switch (proto) {
            case "icmp" -> Packet.icmpEcho(src, dst, icmpId);
            case "udp" -> Packet.udp(src, dst, sport, dport);
            case "tcp" -> Packet.tcpSyn(src, dst, sport, dport);
            default -> throw new IllegalArgumentException(proto);
        };
        return Probe.from(from, p).named(toString());
    }

    @Override
    public String toString() {
        return proto + " from " + from + " " + (src == null ? "" : src) + (sport > 0 ? ":" + sport : "") + " to " + dst
                + (dport > 0 ? ":" + dport : "");
    }
}
