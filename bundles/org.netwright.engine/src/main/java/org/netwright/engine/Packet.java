package org.netwright.engine;

/**
 * An immutable IPv4 or IPv6 packet header as the engine sees it; its family is its addresses' family
 * ({@link #isV6()}), and {@code ttl} is the IPv6 hop limit. For ICMP/ICMPv6 echo request/reply, {@code sport}
 * carries the echo identifier (conntrack's view); for ICMP errors {@code inner} is the embedded
 * original header; for ESP {@code inner} is the protected packet (visible to the simulator only) and
 * {@code spi} the SPI. An unspecified {@code src} on a locally generated probe means "let routing choose".
 */
public record Packet(IpAddr src, IpAddr dst, int proto, int sport, int dport, int icmpType, int icmpCode, int ttl,
        int dscp, int tcpFlags, long etherSrc, long spi, Packet inner) {
    public static final int ICMP = 1, TCP = 6, UDP = 17, GRE = 47, ESP = 50;
    public static final int FIN = 1, SYN = 2, RST = 4, ACK = 16;
    public static final int ICMP_ECHO_REPLY = 0, ICMP_DEST_UNREACH = 3, ICMP_ECHO = 8, ICMP_TIME_EXCEEDED = 11;
    /** ICMPv6 (next header 58) and its types (RFC 4443, RFC 4861). */
    public static final int ICMPV6 = 58;
    public static final int ICMP6_DEST_UNREACH = 1, ICMP6_PACKET_TOO_BIG = 2, ICMP6_TIME_EXCEEDED = 3,
            ICMP6_PARAM_PROBLEM = 4, ICMP6_ECHO_REQUEST = 128, ICMP6_ECHO_REPLY = 129, ND_NEIGHBOUR_SOLICIT = 135,
            ND_NEIGHBOUR_ADVERT = 136;
    /** An ICMP(v6) protocol number of a family. */
    public static int icmpProto(boolean v6) {
        return v6 ? ICMPV6 : ICMP;
    }

    /** Whether {@code p} is ICMP or ICMPv6. */
    public static boolean isIcmpProto(int p) {
        return p == ICMP || p == ICMPV6;
    }

    public Packet {
        if (!src.sameFamily(dst)) {
            throw new IllegalArgumentException("mixed address families: " + src + " -> " + dst);
        }
    }
    /**
     * Not an IP protocol: marks an ARP frame (its ethertype), walked only by neighbour resolution. {@code src}/{@code dst}
     * are the sender/target protocol addresses, {@code icmpType} the operation, {@code etherSrc} the sender's MAC.
     */
    public static final int ARP = 0x806;
    public static final int ARP_REQUEST = 1, ARP_REPLY = 2;

    /** An ARP request or reply ({@link #ARP_REQUEST}, {@link #ARP_REPLY}). */
    public static Packet arp(int op, IpAddr senderIp, long senderMac, IpAddr targetIp) {
        return new Packet(senderIp, targetIp, ARP, 0, 0, op, 0, 0, 0, 0, senderMac, 0, null);
    }

    public boolean isArp() {
        return proto == ARP;
    }

    /** An IPv6 packet (its addresses are IPv6). */
    public boolean isV6() {
        return dst.isV6();
    }

    /** A neighbour solicitation or advertisement (RFC 4861): walked only by neighbour discovery, never tracked. */
    public boolean isNd() {
        return proto == ICMPV6 && (icmpType == ND_NEIGHBOUR_SOLICIT || icmpType == ND_NEIGHBOUR_ADVERT);
    }

    public static Packet udp(String src, String dst, int sport, int dport) {
        return new Packet(addr(src, dst), IpAddr.parse(dst), UDP, sport, dport, 0, 0, 64, 0, 0, 0, 0, null);
    }

    public static Packet tcpSyn(String src, String dst, int sport, int dport) {
        return new Packet(addr(src, dst), IpAddr.parse(dst), TCP, sport, dport, 0, 0, 64, 0, SYN, 0, 0, null);
    }

    public static Packet icmpEcho(String src, String dst, int id) {
        IpAddr d = IpAddr.parse(dst);
        return new Packet(addr(src, dst), d, icmpProto(d.isV6()), id, 0, d.isV6() ? ICMP6_ECHO_REQUEST : ICMP_ECHO, 0,
                64, 0, 0, 0, 0, null);
    }

    /** A bare packet of another IP protocol (ESP, GRE, ...), tracked generically by conntrack. */
    public static Packet ip(String src, String dst, int proto) {
        return new Packet(addr(src, dst), IpAddr.parse(dst), proto, 0, 0, 0, 0, 64, 0, 0, 0, 0, null);
    }

    /**
     * An ICMP (ICMPv6 for an IPv6 {@code about}) error of {@code type/code} about {@code about}, sent from
     * {@code src}; the type and code are already those of the family.
     */
    public static Packet icmpError(IpAddr src, int type, int code, Packet about) {
        return new Packet(src, about.src(), icmpProto(about.isV6()), 0, 0, type, code, 64, 0, 0, 0, 0,
                about.withInner(null));
    }

    /** The source address text, or the unspecified address of {@code dst}'s family when absent. */
    private static IpAddr addr(String s, String dst) {
        return s == null || s.isEmpty() ? IpAddr.any(dst.indexOf(':') >= 0) : IpAddr.parse(s);
    }

    public boolean isIcmpError() {
        if (inner == null) {
            return false;
        }
        if (proto == ICMPV6) {
            return icmpType >= ICMP6_DEST_UNREACH && icmpType <= ICMP6_PARAM_PROBLEM;
        }
        return proto == ICMP && (icmpType == ICMP_DEST_UNREACH || icmpType == ICMP_TIME_EXCEEDED || icmpType == 4
                || icmpType == 5 || icmpType == 12);
    }

    public boolean isIcmpEcho() {
        return proto == ICMP && (icmpType == ICMP_ECHO || icmpType == ICMP_ECHO_REPLY)
                || proto == ICMPV6 && (icmpType == ICMP6_ECHO_REQUEST || icmpType == ICMP6_ECHO_REPLY);
    }

    /** An echo request of either family. */
    public boolean isEchoRequest() {
        return proto == ICMP && icmpType == ICMP_ECHO || proto == ICMPV6 && icmpType == ICMP6_ECHO_REQUEST;
    }

    public boolean hasPorts() {
        return proto == TCP || proto == UDP;
    }

    public Packet withSrc(IpAddr a) {
        return new Packet(a, dst, proto, sport, dport, icmpType, icmpCode, ttl, dscp, tcpFlags, etherSrc, spi, inner);
    }

    public Packet withDst(IpAddr a) {
        return new Packet(src, a, proto, sport, dport, icmpType, icmpCode, ttl, dscp, tcpFlags, etherSrc, spi, inner);
    }

    public Packet withSport(int p) {
        return new Packet(src, dst, proto, p, dport, icmpType, icmpCode, ttl, dscp, tcpFlags, etherSrc, spi, inner);
    }

    public Packet withDport(int p) {
        return new Packet(src, dst, proto, sport, p, icmpType, icmpCode, ttl, dscp, tcpFlags, etherSrc, spi, inner);
    }

    public Packet withTtl(int t) {
        return new Packet(src, dst, proto, sport, dport, icmpType, icmpCode, t, dscp, tcpFlags, etherSrc, spi, inner);
    }

    public Packet withDscp(int d) {
        return new Packet(src, dst, proto, sport, dport, icmpType, icmpCode, ttl, d, tcpFlags, etherSrc, spi, inner);
    }

    public Packet withEtherSrc(long mac) {
        return new Packet(src, dst, proto, sport, dport, icmpType, icmpCode, ttl, dscp, tcpFlags, mac, spi, inner);
    }

    public Packet withInner(Packet in) {
        return new Packet(src, dst, proto, sport, dport, icmpType, icmpCode, ttl, dscp, tcpFlags, etherSrc, spi, in);
    }

    public Packet withTcpFlags(int f) {
        return new Packet(src, dst, proto, sport, dport, icmpType, icmpCode, ttl, dscp, f, etherSrc, spi, inner);
    }

    public static String protoName(int p) {
        return switch (p) {
            case ICMP -> "icmp";
            case ICMPV6 -> "icmpv6";
            case TCP -> "tcp";
            case UDP -> "udp";
            case GRE -> "gre";
            case ESP -> "esp";
            case ARP -> "arp";
            default -> String.valueOf(p);
        };
    }

    /** nft's name of an ICMPv6 type. */
    public static String icmp6TypeName(int t) {
        return switch (t) {
            case ICMP6_DEST_UNREACH -> "destination-unreachable";
            case ICMP6_PACKET_TOO_BIG -> "packet-too-big";
            case ICMP6_TIME_EXCEEDED -> "time-exceeded";
            case ICMP6_PARAM_PROBLEM -> "parameter-problem";
            case ICMP6_ECHO_REQUEST -> "echo-request";
            case ICMP6_ECHO_REPLY -> "echo-reply";
            case ND_NEIGHBOUR_SOLICIT -> "nd-neighbor-solicit";
            case ND_NEIGHBOUR_ADVERT -> "nd-neighbor-advert";
            default -> String.valueOf(t);
        };
    }

    /** nft's name of an ICMP type. */
    public static String icmpTypeName(int t) {
        return switch (t) {
            case ICMP_ECHO_REPLY -> "echo-reply";
            case ICMP_DEST_UNREACH -> "destination-unreachable";
            case ICMP_ECHO -> "echo-request";
            case ICMP_TIME_EXCEEDED -> "time-exceeded";
            default -> String.valueOf(t);
        };
    }

    /** nft-trace-like header text. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (proto == ARP) {
            return sb.append("arp operation ").append(icmpType == ARP_REPLY ? "reply" : "request").append(" arp saddr ip ")
                    .append(src).append(" arp daddr ip ").append(dst).toString();
        }
        String ip = isV6() ? "ip6" : "ip";
        sb.append(ip).append(" saddr ").append(src).append(' ').append(ip).append(" daddr ").append(dst);
        if (dscp != 0) {
            sb.append(' ').append(ip).append(" dscp ").append(dscp);
        }
        sb.append(isV6() ? " ip6 hoplimit " : " ip ttl ").append(ttl).append(isV6() ? " ip6 nexthdr " : " ip protocol ")
                .append(protoName(proto));
        switch (proto) {
            case TCP -> {
                sb.append(" tcp sport ").append(sport).append(" tcp dport ").append(dport).append(" tcp flags ");
                StringBuilder f = new StringBuilder();
                if ((tcpFlags & SYN) != 0) {
                    f.append("syn,");
                }
                if ((tcpFlags & ACK) != 0) {
                    f.append("ack,");
                }
                if ((tcpFlags & RST) != 0) {
                    f.append("rst,");
                }
                if ((tcpFlags & FIN) != 0) {
                    f.append("fin,");
                }
                sb.append(f.length() == 0 ? "0x0" : f.substring(0, f.length() - 1));
            }
            case UDP -> sb.append(" udp sport ").append(sport).append(" udp dport ").append(dport);
            case ICMP -> {
                sb.append(" icmp type ").append(icmpTypeName(icmpType));
                if (isIcmpEcho()) {
                    sb.append(" icmp id ").append(sport);
                } else {
                    sb.append(" icmp code ").append(icmpCode);
                }
            }
            case ICMPV6 -> {
                sb.append(" icmpv6 type ").append(icmp6TypeName(icmpType));
                if (isIcmpEcho()) {
                    sb.append(" icmpv6 id ").append(sport);
                } else {
                    sb.append(" icmpv6 code ").append(icmpCode);
                }
            }
            case ESP -> sb.append(" esp spi 0x").append(Long.toHexString(spi));
            default -> {
            }
        }
        if (inner != null) {
            sb.append(" [inner: ").append(inner.describe()).append(']');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
