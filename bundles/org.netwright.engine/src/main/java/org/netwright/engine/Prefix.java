package org.netwright.engine;

/** An IPv4 prefix; the address is normalised to the network address. */
public record Prefix(int addr, int len) {
    /** 0.0.0.0/0. */
    public static final Prefix ANY = new Prefix(0, 0);

    public Prefix {
        if (len < 0 || len > 32) {
            throw new IllegalArgumentException("bad prefix length " + len);
        }
        addr = addr & mask(len);
    }

    /** Netmask for a prefix length. */
    public static int mask(int len) {
        return len == 0 ? 0 : (int) (0xffffffffL << (32 - len));
    }

    /** Parses {@code a.b.c.d/n} or a bare address (a /32). */
    public static Prefix parse(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return new Prefix(Ip4.parse(s), 32);
        }
        return new Prefix(Ip4.parse(s.substring(0, slash)), Integer.parseInt(s.substring(slash + 1).trim()));
    }

    public static Prefix host(int a) {
        return new Prefix(a, 32);
    }

    public boolean contains(int a) {
        return (a & mask(len)) == addr;
    }

    /** First address, unsigned. */
    public long first() {
        return Ip4.unsigned(addr);
    }

    /** Last address, unsigned. */
    public long last() {
        return Ip4.unsigned(addr) | (~Ip4.unsigned(mask(len)) & 0xffffffffL);
    }

    @Override
    public String toString() {
        return len == 32 ? Ip4.str(addr) : Ip4.str(addr) + "/" + len;
    }
}
