package org.netwright.engine;

import java.util.BitSet;

/** A set of 16-bit values (ports) kept as a bitmap: constant-time membership. */
public final class PortSet {
    private final BitSet bits;
    private final String text;

    private PortSet(BitSet bits, String text) {
        this.bits = bits;
        this.text = text;
    }

    public static PortSet of(int... ports) {
        BitSet b = new BitSet(65536);
        StringBuilder sb = new StringBuilder();
        for (int p : ports) {
            b.set(p);
            sb.append(sb.length() == 0 ? "" : ", ").append(p);
        }
        return new PortSet(b, sb.toString());
    }

    public static PortSet range(int lo, int hi) {
        BitSet b = new BitSet(65536);
        b.set(lo, hi + 1);
        return new PortSet(b, lo + "-" + hi);
    }

    /** Parses {@code 80,443,1000-2000} (also accepts ':' as range separator, iptables style). */
    public static PortSet parse(String s) {
        BitSet b = new BitSet(65536);
        for (String part : s.split(",")) {
            String p = part.trim().replace(':', '-');
            int dash = p.indexOf('-');
            if (dash > 0) {
                b.set(Integer.parseInt(p.substring(0, dash).trim()), Integer.parseInt(p.substring(dash + 1).trim()) + 1);
            } else {
                b.set(Integer.parseInt(p));
            }
        }
        return new PortSet(b, s);
    }

    public boolean contains(int port) {
        return port >= 0 && port < 65536 && bits.get(port);
    }

    @Override
    public String toString() {
        return text;
    }
}
