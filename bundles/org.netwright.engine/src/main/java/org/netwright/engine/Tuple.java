package org.netwright.engine;

/**
 * A conntrack tuple. tcp/udp: ports; ICMP echo: {@code sport} = identifier, {@code dport} = ICMP type;
 * every other protocol (ESP, GRE, ...) is tracked generically: addresses and protocol only.
 */
public record Tuple(IpAddr src, IpAddr dst, int proto, int sport, int dport) {
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
        if (Packet.isIcmpProto(proto)) {
            int t = switch (dport) {
                case Packet.ICMP_ECHO -> proto == Packet.ICMP ? Packet.ICMP_ECHO_REPLY : dport;
                case Packet.ICMP_ECHO_REPLY -> proto == Packet.ICMP ? Packet.ICMP_ECHO : dport;
                case Packet.ICMP6_ECHO_REQUEST -> Packet.ICMP6_ECHO_REPLY;
                case Packet.ICMP6_ECHO_REPLY -> Packet.ICMP6_ECHO_REQUEST;
                default -> dport;
            };
            return new Tuple(dst, src, proto, sport, t);
        }
        return new Tuple(dst, src, proto, dport, sport);
    }

    public boolean generic() {
        return proto != Packet.TCP && proto != Packet.UDP && !Packet.isIcmpProto(proto);
    }

    @Override
    public String toString() {
        String p = Packet.protoName(proto);
        if (proto == Packet.TCP || proto == Packet.UDP) {
            return p + " src=" + src + " dst=" + dst + " sport=" + sport + " dport=" + dport;
        }
        if (Packet.isIcmpProto(proto)) {
            return p + " src=" + src + " dst=" + dst + " type=" + dport + " id=" + sport;
        }
        return p + " src=" + src + " dst=" + dst;
    }
}
