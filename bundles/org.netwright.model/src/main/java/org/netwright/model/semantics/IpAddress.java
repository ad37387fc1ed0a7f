package org.netwright.model.semantics;

import java.util.Objects;

/**
 * An IPv4 or IPv6 address: the value of the model's {@code IpAddress} data type. Parsed strictly (dotted decimal
 * without leading zeros, as glibc's inet_pton reads it; RFC 4291 text for IPv6, without zone) and printed in the
 * canonical form (RFC 5952 for IPv6, with a dotted tail where inet_ntop writes one), so equal addresses print alike.
 * Immutable.
 */
public final class IpAddress implements Comparable<IpAddress> {

    /** The address family, with its address length in bits. */
    public enum Family {
        IPV4(32), IPV6(128);

        private final int bits;

        Family(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }
    }

    private final Family family;
    /** IPv6: the upper 64 bits; IPv4: 0. */
    private final long high;
    /** IPv6: the lower 64 bits; IPv4: the 32-bit value. */
    private final long low;

    private IpAddress(Family family, long high, long low) {
        this.family = family;
        this.high = high;
        this.low = low;
    }

    /** An IPv4 address from its 32-bit value (as an unsigned number in a long). */
    public static IpAddress ipv4(long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("not a 32-bit IPv4 address value: " + value);
        }
        return new IpAddress(Family.IPV4, 0, value);
    }

    /**
     * The address written in {@code text}.
     *
     * @throws IllegalArgumentException when the text is not an IPv4 or IPv6 address; the message says why
     */
    public static IpAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an address is required");
        }
        IpAddress a = text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
        if (a == null) {
            throw new IllegalArgumentException("'" + text + "' is not an " + (text.indexOf(':') >= 0 ? "IPv6" : "IPv4") + " address");
        }
        return a;
    }

    /** The address written in {@code text}, or null when it is not one. */
    public static IpAddress tryParse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    }

    private static IpAddress parseIpv4(String text) {
        long v = ipv4Value(text, 0, text.length());
        return v < 0 ? null : new IpAddress(Family.IPV4, 0, v);
    }

    /** Dotted decimal between {@code from} and {@code to}: the 32-bit value, or -1. */
    private static long ipv4Value(String s, int from, int to) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int octet = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = value << 8 | octet;
            octets++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return -1;
            }
            i++;
        }
        return octets == 4 ? value : -1;
    }

    private static IpAddress parseIpv6(String s) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new IpAddress(Family.IPV6, 0, 0);
            }
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < n && hexDigit(s.charAt(i)) >= 0) {
                value = value << 4 | hexDigit(s.charAt(i));
                i++;
                if (i - start > 4) {
                    return null;
                }
            }
            if (i < n && s.charAt(i) == '.') {
                // a dotted IPv4 tail fills the last two groups
                long v4 = ipv4Value(s, start, n);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null;
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count == 8) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = high << 16 | full[g];
            low = low << 16 | full[g + 4];
        }
        return new IpAddress(Family.IPV6, high, low);
    }

    /** ASCII hex digits only (Character.digit would also take other scripts' digits). */
    private static int hexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    public Family family() {
        return family;
    }

    public boolean isIpv4() {
        return family == Family.IPV4;
    }

    public boolean isIpv6() {
        return family == Family.IPV6;
    }

    /** Address length in bits: 32 or 128. */
    public int bits() {
        return family.bits();
    }

    /** The 32-bit value of an IPv4 address, as an unsigned number. */
    public long ipv4Value() {
        if (family != Family.IPV4) {
            throw new IllegalStateException(this + " is not an IPv4 address");
        }
        return low;
    }

    /** This address with every bit after the first {@code length} cleared (the network of a prefix). */
    public IpAddress masked(int length) {
        if (length < 0 || length > bits()) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range 0.." + bits());
        }
        if (family == Family.IPV4) {
            long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
            return new IpAddress(family, 0, low & mask);
        }
        long highMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return new IpAddress(family, high & highMask, low & lowMask);
    }

    /** 127.0.0.0/8 or ::1. */
    public boolean isLoopback() {
        return family == Family.IPV4 ? (low >>> 24) == 127 : high == 0 && low == 1;
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = family.compareTo(o.family);
        if (c == 0) {
            c = Long.compareUnsigned(high, o.high);
        }
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.family == family && a.high == high && a.low == low;
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, high, low);
    }

    /** The canonical text: dotted decimal, or RFC 5952 IPv6 text. */
    @Override
    public String toString() {
        if (family == Family.IPV4) {
            return ipv4Text(low);
        }
        int[] w = new int[8];
        for (int g = 0; g < 4; g++) {
            w[g] = (int) (high >>> (48 - 16 * g)) & 0xFFFF;
            w[g + 4] = (int) (low >>> (48 - 16 * g)) & 0xFFFF;
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int g = 0; g < 8;) {
            if (w[g] != 0) {
                g++;
                continue;
            }
            int start = g;
            while (g < 8 && w[g] == 0) {
                g++;
            }
            if (g - start > bestLen) {
                bestBase = start;
                bestLen = g - start;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            if (g == bestBase) {
                b.append(g == 0 ? "::" : ":");
                g += bestLen - 1;
                continue;
            }
            // ::a.b.c.d and ::ffff:a.b.c.d keep their IPv4 tail in dotted form, as inet_ntop writes them
            if (g == 6 && bestBase == 0 && (bestLen == 6 || bestLen == 5 && w[5] == 0xFFFF)) {
                b.append(ipv4Text((long) w[6] << 16 | w[7]));
                break;
            }
            b.append(Integer.toHexString(w[g]));
            if (g < 7) {
                b.append(':');
            }
        }
        return b.toString();
    }

    private static String ipv4Text(long v) {
        return (v >>> 24 & 255) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
    }
}
