package org.netwright.engine;

/**
 * An immutable IPv4 packet header as the engine sees it. For ICMP echo request/reply, {@code sport}
 * carries the echo identifier (conntrack's view); for ICMP errors {@code inner} is the embedded
 * original header; for ESP {@code inner} is the protected packet (visible to the simulator only) and
 * {@code spi} the SPI. {@code src == 0} on a locally generated probe means "let routing choose".
 */
public record Packet(int src, int dst, int proto, int sport, int dport, int icmpType, int icmpCode, int ttl,
        int dscp, int tcpFlags, long etherSrc, long spi, Packet inner) {
    public static final int ICMP = 1, TCP = 6, UDP = 17, GRE = 47, ESP = 50;
    public static final int FIN = 1, SYN = 2, RST = 4, ACK = 16;
    public static final int ICMP_ECHO_REPLY = 0, ICMP_DEST_UNREACH = 3, ICMP_ECHO = 8, ICMP_TIME_EXCEEDED = 11;
    /**
     * Not an IP protocol: marks an ARP frame (its ethertype), walked only by neighbour resolution. {@code src}/{@code dst}
     * are the sender/target protocol addresses, {@code icmpType} the operation, {@code etherSrc} the sender's MAC.
     */
    public static final int ARP = 0x806;
    public static final int ARP_REQUEST = 1, ARP_REPLY = 2;

    /** An ARP request or reply ({@link #ARP_REQUEST}, {@link #ARP_REPLY}). */
    public static Packet arp(int op, int senderIp, long senderMac, int targetIp) {
        return new Packet(senderIp, targetIp, ARP, 0, 0, op, 0, 0, 0, 0, senderMac, 0, null);
    }

    public boolean isArp() {
        return proto == ARP;
    }

    public static Packet udp(String src, String dst, int sport, int dport) {
        return new Packet(addr(src), Ip4.parse(dst), UDP, sport, dport, 0, 0, 64, 0, 0, 0, 0, null);
    }

    public static Packet tcpSyn(String src, String dst, int sport, int dport) {
        return new Packet(addr(src), Ip4.parse(dst), TCP, sport, dport, 0, 0, 64, 0, SYN, 0, 0, null);
    }

    public static Packet icmpEcho(String src, String dst, int id) {
        return new Packet(addr(src), Ip4.parse(dst), ICMP, id, 0, ICMP_ECHO, 0, 64, 0, 0, 0, 0, null);
    }

    /** A bare packet of another IP protocol (ESP, GRE, ...), tracked generically by conntrack. */
    public static Packet ip(String src, String dst, int proto) {
        return new Packet(addr(src), Ip4.parse(dst), proto, 0, 0, 0, 0, 64, 0, 0, 0, 0, null);
    }

    /** An ICMP error of {@code type/code} about {@code about}, sent from {@code src}. */
    public static Packet icmpError(int src, int type, int code, Packet about) {
        return new Packet(src, about.src(), ICMP, 0, 0, type, code, 64, 0, 0, 0, 0, about.withInner(null));
    }

    private static int addr(String s) {
        return s == null || s.isEmpty() ? 0 : Ip4.parse(s);
    }

    public boolean isIcmpError() {
        return proto == ICMP && (icmpType == ICMP_DEST_UNREACH || icmpType == ICMP_TIME_EXCEEDED || icmpType == 4
                || icmpType == 5 || icmpType == 12) && inner != null;
    }

    public boolean isIcmpEcho() {
        return proto == ICMP && (icmpType == ICMP_ECHO || icmpType == ICMP_ECHO_REPLY);
    }

    public boolean hasPorts() {
        return proto == TCP || proto == UDP;
    }

    public Packet withSrc(int a) {
        return new Packet(a, dst, proto, sport, dport, icmpType, icmpCode, ttl, dscp, tcpFlags, etherSrc, spi, inner);
    }

    public Packet withDst(int a) {
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
            case TCP -> "tcp";
            case UDP -> "udp";
            case GRE -> "gre";
            case ESP -> "esp";
            case ARP -> "arp";
            default -> String.valueOf(p);
        };
    }

    private static String icmpTypeName(int t) {
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
                    .append(Ip4.str(src)).append(" arp daddr ip ").append(Ip4.str(dst)).toString();
        }
        sb.append("ip saddr ").append(Ip4.str(src)).append(" ip daddr ").append(Ip4.str(dst));
        if (dscp != 0) {
            sb.append(" ip dscp ").append(dscp);
        }
        sb.append(" ip ttl ").append(ttl).append(" ip protocol ").append(protoName(proto));
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
