package org.netwright.engine;

/**
 * A conntrack tuple. tcp/udp: ports; ICMP echo: {@code sport} = identifier, {@code dport} = ICMP type;
 * every other protocol (ESP, GRE, ...) is tracked generically: addresses and protocol only.
 */
public record Tuple(int src, int dst, int proto, int sport, int dport) {
    public static Tuple of(Packet p) {
        if (p.hasPorts()) {
            return new Tuple(p.src(), p.dst(), p.proto(), p.sport(), p.dport());
        }
        if (p.isIcmpEcho()) {
            return new Tuple(p.src(), p.dst(), p.proto(), p.sport(), p.icmpType());
        }
        return new Tuple(p.src(), p.dst(), p.proto(), 0, 0);
    }

    /** The tuple of the answer. */
    public Tuple invert() {
        if (proto == Packet.ICMP) {
            int t = switch (dport) {
                case Packet.ICMP_ECHO -> Packet.ICMP_ECHO_REPLY;
                case Packet.ICMP_ECHO_REPLY -> Packet.ICMP_ECHO;
                default -> dport;
            };
            return new Tuple(dst, src, proto, sport, t);
        }
        return new Tuple(dst, src, proto, dport, sport);
    }

    public boolean generic() {
        return proto != Packet.TCP && proto != Packet.UDP && proto != Packet.ICMP;
    }

    @Override
    public String toString() {
        String p = Packet.protoName(proto);
        if (proto == Packet.TCP || proto == Packet.UDP) {
            return p + " src=" + Ip4.str(src) + " dst=" + Ip4.str(dst) + " sport=" + sport + " dport=" + dport;
        }
        if (proto == Packet.ICMP) {
            return p + " src=" + Ip4.str(src) + " dst=" + Ip4.str(dst) + " type=" + dport + " id=" + sport;
        }
        return p + " src=" + Ip4.str(src) + " dst=" + Ip4.str(dst);
    }
}
