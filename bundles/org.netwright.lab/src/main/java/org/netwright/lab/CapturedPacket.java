package org.netwright.lab;

/**
 * One IPv4 packet line of a tcpdump capture. {@code iface}/{@code direction} ("In", "Out", ...) are set for
 * captures on {@code any}. Ports are -1 when the protocol has none; for ICMP echo {@code icmpId} is the
 * identifier; for ICMP errors {@code icmpCode} is derived from tcpdump's wording and {@code innerDst}/
 * {@code innerDport} name the embedded packet's destination when tcpdump prints it. {@code length} is the
 * last "length N" tcpdump printed (-1 when none). {@code tcpFlags} is
 * tcpdump's flag text ("S", "S.", "R.", ...). {@code line} is the original text.
 */
public record CapturedPacket(String iface, String direction, String proto, String src, int sport, String dst,
        int dport, int icmpType, int icmpCode, int icmpId, String tcpFlags, String innerDst, int innerDport,
        int length, String line) {

    public static final int NONE = -1;

    public boolean inbound() {
        return "In".equals(direction);
    }

    public boolean outbound() {
        return "Out".equals(direction);
    }

    public boolean isIcmpEcho() {
        return "icmp".equals(proto) && (icmpType == 8 || icmpType == 0);
    }

    public boolean isIcmpError() {
        return "icmp".equals(proto) && (icmpType == 3 || icmpType == 11 || icmpType == 12);
    }

    /** A TCP segment with SYN and without ACK (a connection attempt). */
    public boolean isTcpSyn() {
        return "tcp".equals(proto) && tcpFlags != null && tcpFlags.contains("S") && !tcpFlags.contains(".");
    }

    public boolean isTcpRst() {
        return "tcp".equals(proto) && tcpFlags != null && tcpFlags.contains("R");
    }

}
