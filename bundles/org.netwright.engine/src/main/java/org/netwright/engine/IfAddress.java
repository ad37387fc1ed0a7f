package org.netwright.engine;

/** An address configured on an interface, with its prefix length ({@code ip addr add A/len}). */
public record IfAddress(int addr, int len) {
    public IfAddress {
        if (len < 0 || len > 32) {
            throw new IllegalArgumentException("bad prefix length " + len);
        }
    }

    public static IfAddress parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return new IfAddress(Ip4.parse(cidr), 32);
        }
        return new IfAddress(Ip4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    /** The connected subnet. */
    public Prefix prefix() {
        return new Prefix(addr, len);
    }

    @Override
    public String toString() {
        return Ip4.str(addr) + "/" + len;
    }
}
