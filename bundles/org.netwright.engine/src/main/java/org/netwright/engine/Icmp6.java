package org.netwright.engine;

/**
 * The ICMPv6 errors Linux sends where the IPv4 stack sends an ICMP error (RFC 4443; every pair pinned in the IPv6
 * research, e03/e05/e06): the walk decides about errors in IPv4 terms (type/code of {@link Packet#ICMP_DEST_UNREACH}
 * and {@link Packet#ICMP_TIME_EXCEEDED}) and an IPv6 packet's error is translated here.
 */
final class Icmp6 {
    /** Destination unreachable codes. */
    static final int NO_ROUTE = 0, ADMIN_PROHIBITED = 1, ADDRESS_UNREACHABLE = 3, PORT_UNREACHABLE = 4;
    /** Parameter problem code "unrecognized next header". */
    static final int UNKNOWN_NEXT_HEADER = 1;

    private Icmp6() {
    }

    /** The ICMPv6 type of the error IPv4 would send as {@code type}/{@code code}. */
    static int type(int type, int code) {
        if (type == Packet.ICMP_TIME_EXCEEDED) {
            return Packet.ICMP6_TIME_EXCEEDED;
        }
        return code == 2 ? Packet.ICMP6_PARAM_PROBLEM : Packet.ICMP6_DEST_UNREACH;
    }

    /** The ICMPv6 code of the error IPv4 would send as {@code type}/{@code code}. */
    static int code(int type, int code) {
        if (type == Packet.ICMP_TIME_EXCEEDED) {
            return 0;
        }
        return unreachCode(code);
    }

    /**
     * The destination-unreachable code matching an IPv4 one (as nft's {@code icmpx} pairs them): net unreachable is
     * no route, host unreachable is address unreachable, the prohibited ones administratively prohibited, port
     * unreachable port unreachable; protocol unreachable becomes parameter problem "unrecognized next header".
     */
    static int unreachCode(int v4code) {
        return switch (v4code) {
            case 0, 6 -> NO_ROUTE;
            case 1, 7 -> ADDRESS_UNREACHABLE;
            case 9, 10, 13 -> ADMIN_PROHIBITED;
            case 2 -> UNKNOWN_NEXT_HEADER;
            default -> PORT_UNREACHABLE;
        };
    }

    /** nft's name of an ICMPv6 destination-unreachable code ({@code reject with icmpv6 NAME}). */
    static String unreachName(int code) {
        return switch (code) {
            case NO_ROUTE -> "no-route";
            case ADMIN_PROHIBITED -> "admin-prohibited";
            case 2 -> "beyond-scope";
            case ADDRESS_UNREACHABLE -> "addr-unreachable";
            case PORT_UNREACHABLE -> "port-unreachable";
            case 5 -> "policy-fail";
            case 6 -> "reject-route";
            default -> String.valueOf(code);
        };
    }
}
