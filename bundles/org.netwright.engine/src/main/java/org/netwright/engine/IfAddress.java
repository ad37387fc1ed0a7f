package org.netwright.engine;

/** An address configured on an interface, with its prefix length ({@code ip addr add A/len}). */
public record IfAddress(IpAddr addr, int len) {
    public IfAddress {
        if (len < 0 || len > addr.bits()) {
            throw new IllegalArgumentException("bad prefix length " + len);
        }
    }

    public static IfAddress parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            IpAddr a = IpAddr.parse(cidr);
            return new IfAddress(a, a.bits());
        }
        return new IfAddress(IpAddr.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    public boolean isV6() {
        return addr.isV6();
    }

    /** The connected subnet. */
    public Prefix prefix() {
        return new Prefix(addr, len);
    }

    @Override
    public String toString() {
        return addr + "/" + len;
    }
}
