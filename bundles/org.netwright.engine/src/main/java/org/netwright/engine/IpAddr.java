package org.netwright.engine;

/**
 * An IPv4 or IPv6 address: 128 bits in two longs and the family. An IPv4 address keeps its 32 bits in the low
 * long ({@code hi == 0}), so comparing, hashing and masking never allocate. Instances are immutable and shared:
 * a packet rewrite (NAT, stateless rewrite) reuses the address objects of its rule, so an IPv4 walk allocates no
 * more than with bare ints. Maps 1:1 to the model's {@code IpAddress} (high/low longs).
 */
public final class IpAddr implements Comparable<IpAddr> {
    /** 0.0.0.0 and :: (a probe's "let routing choose the source"). */
    public static final IpAddr ANY4 = new IpAddr(false, 0, 0);
    public static final IpAddr ANY6 = new IpAddr(true, 0, 0);

    private final boolean v6;
    private final long hi;
    private final long lo;

    private IpAddr(boolean v6, long hi, long lo) {
        this.v6 = v6;
        this.hi = hi;
        this.lo = v6 ? lo : lo & 0xffffffffL;
    }

    public static IpAddr v4(int bits) {
        return bits == 0 ? ANY4 : new IpAddr(false, 0, bits & 0xffffffffL);
    }

    public static IpAddr v6(long hi, long lo) {
        return hi == 0 && lo == 0 ? ANY6 : new IpAddr(true, hi, lo);
    }

    /** The unspecified address of a family. */
    public static IpAddr any(boolean v6) {
        return v6 ? ANY6 : ANY4;
    }

    /** Parses dotted quad or RFC 4291 text (with {@code ::} and a trailing dotted quad). */
    public static IpAddr parse(String s) {
        String t = s.trim();
        if (t.indexOf(':') < 0) {
            return v4(Ip4.parse(t));
        }
        return parse6(t);
    }

    private static IpAddr parse6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            throw new IllegalArgumentException("not an IPv6 address: " + s);
        }
        int[] groups = new int[8];
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head, s);
        int[] t = groups(tail, s);
        if (dbl < 0 ? h.length != 8 : h.length + t.length > 7) {
            throw new IllegalArgumentException("not an IPv6 address: " + s);
        }
        System.arraycopy(h, 0, groups, 0, h.length);
        System.arraycopy(t, 0, groups, 8 - t.length, t.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        return v6(hi, lo);
    }

    /** The 16-bit groups of one side of {@code ::}; a trailing dotted quad counts as two. */
    private static int[] groups(String part, String whole) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] p = part.split(":", -1);
        boolean quad = p[p.length - 1].indexOf('.') >= 0;
        int[] g = new int[p.length + (quad ? 1 : 0)];
        for (int i = 0; i < p.length; i++) {
            if (quad && i == p.length - 1) {
                int q = Ip4.parse(p[i]);
                g[i] = q >>> 16;
                g[i + 1] = q & 0xffff;
                break;
            }
            if (p[i].isEmpty() || p[i].length() > 4) {
                throw new IllegalArgumentException("not an IPv6 address: " + whole);
            }
            try {
                g[i] = Integer.parseInt(p[i], 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv6 address: " + whole, e);
            }
            if (g[i] < 0) {
                throw new IllegalArgumentException("not an IPv6 address: " + whole);
            }
        }
        return g;
    }

    public boolean isV6() {
        return v6;
    }

    /** 32 or 128. */
    public int bits() {
        return v6 ? 128 : 32;
    }

    /** The high 64 bits (0 for IPv4). */
    public long hi() {
        return hi;
    }

    /** The low 64 bits (the 32 address bits, unsigned, for IPv4). */
    public long lo() {
        return lo;
    }

    /** The 32 bits of an IPv4 address. */
    public int v4bits() {
        return (int) lo;
    }

    public boolean isUnspecified() {
        return hi == 0 && lo == 0;
    }

    public boolean sameFamily(IpAddr o) {
        return o != null && o.v6 == v6;
    }

    /** 127.0.0.0/8 or ::1. */
    public boolean isLoopback() {
        return v6 ? hi == 0 && lo == 1 : (lo >>> 24) == 127;
    }

    /** fe80::/10. */
    public boolean isLinkLocal() {
        return v6 && (hi >>> 54) == (0xfe80L >>> 6);
    }

    /** 224.0.0.0/4 or ff00::/8. */
    public boolean isMulticast() {
        return v6 ? (hi >>> 56) == 0xff : (lo >>> 28) == 0xe;
    }

    /** Whether the first {@code len} bits equal those of {@code net} (same family). */
    public boolean inPrefix(IpAddr net, int len) {
        if (!v6 && !net.v6) {
            return len == 0 || ((lo ^ net.lo) >>> (32 - len)) == 0;
        }
        if (net.v6 != v6) {
            return false;
        }
        if (len <= 64) {
            return len == 0 || ((hi ^ net.hi) >>> (64 - len)) == 0;
        }
        return hi == net.hi && ((lo ^ net.lo) >>> (128 - len)) == 0;
    }

    /** This address with the bits after {@code len} cleared. */
    public IpAddr masked(int len) {
        if (!v6) {
            return len >= 32 ? this : v4((int) (len == 0 ? 0 : lo & (0xffffffffL << (32 - len))));
        }
        if (len >= 128) {
            return this;
        }
        long h = len >= 64 ? hi : len == 0 ? 0 : hi & (-1L << (64 - len));
        long l = len <= 64 ? 0 : lo & (-1L << (128 - len));
        return h == hi && l == lo ? this : v6(h, l);
    }

    /** This address with the bits after {@code len} set (the last address of its prefix). */
    public IpAddr last(int len) {
        if (!v6) {
            return len >= 32 ? this : v4((int) (lo | (len == 0 ? 0xffffffffL : (0xffffffffL >>> len))));
        }
        if (len >= 128) {
            return this;
        }
        long h = len >= 64 ? hi : hi | (len == 0 ? -1L : (-1L >>> len));
        long l = len <= 64 ? -1L : lo | (-1L >>> (len - 64));
        return v6(h, l);
    }

    /** {@code this + n} (wrapping within the family). */
    public IpAddr plus(long n) {
        if (!v6) {
            return v4((int) (lo + n));
        }
        long l = lo + n;
        long carry = Long.compareUnsigned(l, lo) < 0 ? 1 : 0;
        return v6(hi + carry, l);
    }

    /** {@code this - o} as an unsigned count, saturated at {@code Long.MAX_VALUE} (same family). */
    public long minus(IpAddr o) {
        if (!v6) {
            return lo - o.lo;
        }
        long dh = hi - o.hi - (Long.compareUnsigned(lo, o.lo) < 0 ? 1 : 0);
        long dl = lo - o.lo;
        return dh != 0 || dl < 0 ? Long.MAX_VALUE : dl;
    }

    /** IPv4 before IPv6; within a family, unsigned numeric order. */
    @Override
    public int compareTo(IpAddr o) {
        if (v6 != o.v6) {
            return v6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof IpAddr a && a.lo == lo && a.hi == hi && a.v6 == v6;
    }

    @Override
    public int hashCode() {
        if (!v6) {
            // as Integer.hashCode of the bits: IPv4 keys hash as they did as ints
            return (int) lo;
        }
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        return (int) (h ^ (h >>> 32)) + 1;
    }

    /** Dotted quad, or RFC 5952 text (lower case, longest run of two or more zero groups as {@code ::}). */
    @Override
    public String toString() {
        if (!v6) {
            return Ip4.str((int) lo);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
