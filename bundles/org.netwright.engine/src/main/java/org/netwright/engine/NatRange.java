package org.netwright.engine;

/**
 * Target range of snat/dnat: addresses {@code addrLo..addrHi} (both {@code null} = keep the address,
 * as for redirect/masquerade which fill it at run time), optional ports {@code portLo..portHi}
 * (0 = not specified) and the statement's {@link NatFlags}.
 */
public record NatRange(IpAddr addrLo, IpAddr addrHi, int portLo, int portHi, NatFlags flags) {
    public NatRange {
        flags = flags == null ? NatFlags.NONE : flags;
    }

    public NatRange(IpAddr addrLo, IpAddr addrHi, int portLo, int portHi) {
        this(addrLo, addrHi, portLo, portHi, NatFlags.NONE);
    }

    public static NatRange addr(String a) {
        IpAddr v = IpAddr.parse(a);
        return new NatRange(v, v, 0, 0);
    }

    public static NatRange addrRange(String lo, String hi) {
        return new NatRange(IpAddr.parse(lo), IpAddr.parse(hi), 0, 0);
    }

    public static NatRange addrPort(String a, int port) {
        IpAddr v = IpAddr.parse(a);
        return new NatRange(v, v, port, port);
    }

    public NatRange withFlags(NatFlags f) {
        return new NatRange(addrLo, addrHi, portLo, portHi, f);
    }

    public boolean protoSpecified() {
        return portLo != 0;
    }

    public boolean addrSpecified() {
        return addrLo != null;
    }

    /** Whether the range's addresses are of {@code pkt}'s family (a range without addresses fits both). */
    public boolean fits(Packet pkt) {
        return addrLo == null || addrLo.isV6() == pkt.isV6();
    }

    @Override
    public String toString() {
        String s = addrLo == null ? "" : addrLo + (addrHi.equals(addrLo) ? "" : "-" + addrHi);
        if (addrLo != null && addrLo.isV6() && portLo != 0) {
            s = "[" + s + "]";
        }
        if (portLo != 0) {
            s += ":" + portLo + (portHi != portLo ? "-" + portHi : "");
        }
        return flags == NatFlags.NONE || flags.equals(NatFlags.NONE) ? s : s + " " + flags;
    }
}
