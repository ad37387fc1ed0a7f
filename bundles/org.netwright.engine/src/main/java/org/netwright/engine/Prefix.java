package org.netwright.engine;

/** An IPv4 or IPv6 prefix; the address is normalised to the network address. */
public record Prefix(IpAddr addr, int len) {
    /** 0.0.0.0/0 and ::/0. */
    public static final Prefix ANY = new Prefix(IpAddr.ANY4, 0);
    public static final Prefix ANY6 = new Prefix(IpAddr.ANY6, 0);

    public Prefix {
        if (len < 0 || len > addr.bits()) {
            throw new IllegalArgumentException("bad prefix length " + len);
        }
        addr = addr.masked(len);
    }

    /** IPv4 netmask for a prefix length. */
    public static int mask(int len) {
        return len == 0 ? 0 : (int) (0xffffffffL << (32 - len));
    }

    /** Parses {@code ADDR/n} or a bare address (a /32 or /128), either family. */
    public static Prefix parse(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return host(IpAddr.parse(s));
        }
        return new Prefix(IpAddr.parse(s.substring(0, slash)), Integer.parseInt(s.substring(slash + 1).trim()));
    }

    /** The default route's prefix of a family. */
    public static Prefix any(boolean v6) {
        return v6 ? ANY6 : ANY;
    }

    public static Prefix host(IpAddr a) {
        return new Prefix(a, a.bits());
    }

    public boolean isV6() {
        return addr.isV6();
    }

    public boolean contains(IpAddr a) {
        return a.inPrefix(addr, len);
    }

    /** First address. */
    public IpAddr first() {
        return addr;
    }

    /** Last address. */
    public IpAddr last() {
        return addr.last(len);
    }

    @Override
    public String toString() {
        return len == addr.bits() ? addr.toString() : addr + "/" + len;
    }
}
