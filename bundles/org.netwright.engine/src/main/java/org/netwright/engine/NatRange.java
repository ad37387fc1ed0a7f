package org.netwright.engine;

/**
 * Target range of snat/dnat: addresses {@code addrLo..addrHi} (both {@code null} = keep the address,
 * as for redirect/masquerade which fill it at run time), optional ports {@code portLo..portHi}
 * (0 = not specified) and the statement's {@link NatFlags}.
 */
public record NatRange(Integer addrLo, Integer addrHi, int portLo, int portHi, NatFlags flags) {
    public NatRange {
        flags = flags == null ? NatFlags.NONE : flags;
    }

    public NatRange(Integer addrLo, Integer addrHi, int portLo, int portHi) {
        this(addrLo, addrHi, portLo, portHi, NatFlags.NONE);
    }

    public static NatRange addr(String a) {
        int v = Ip4.parse(a);
        return new NatRange(v, v, 0, 0);
    }

    public static NatRange addrRange(String lo, String hi) {
        return new NatRange(Ip4.parse(lo), Ip4.parse(hi), 0, 0);
    }

    public static NatRange addrPort(String a, int port) {
        int v = Ip4.parse(a);
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

    @Override
    public String toString() {
        String s = addrLo == null ? "" : Ip4.str(addrLo) + (addrHi.equals(addrLo) ? "" : "-" + Ip4.str(addrHi));
        if (portLo != 0) {
            s += ":" + portLo + (portHi != portLo ? "-" + portHi : "");
        }
        return flags == NatFlags.NONE || flags.equals(NatFlags.NONE) ? s : s + " " + flags;
    }
}
