package org.netwright.engine;

/**
 * Target range of snat/dnat: addresses {@code addrLo..addrHi} (both {@code null} = keep the address,
 * as for redirect/masquerade which fill it at run time) and optional ports {@code portLo..portHi}
 * (0 = not specified).
 */
public record NatRange(Integer addrLo, Integer addrHi, int portLo, int portHi) {
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
        return s;
    }
}
