package org.netwright.engine;

/** IPv4 address helpers. Addresses are carried as {@code int} holding the 32 address bits. */
public final class Ip4 {
    private Ip4() {
    }

    /** Parses dotted-quad notation. */
    public static int parse(String s) {
        String[] p = s.trim().split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        int v = 0;
        for (String part : p) {
            int o = Integer.parseInt(part);
            if (o < 0 || o > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            v = (v << 8) | o;
        }
        return v;
    }

    /** Formats as dotted quad. */
    public static String str(int a) {
        return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    /** The address as an unsigned value. */
    public static long unsigned(int a) {
        return a & 0xffffffffL;
    }

    /** Parses a MAC address {@code aa:bb:cc:dd:ee:ff} into the low 48 bits of a long. */
    public static long parseMac(String s) {
        String[] p = s.trim().split(":");
        if (p.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + s);
        }
        long v = 0;
        for (String part : p) {
            v = (v << 8) | Integer.parseInt(part, 16);
        }
        return v;
    }

    /** Formats the low 48 bits as a MAC address. */
    public static String macStr(long mac) {
        StringBuilder sb = new StringBuilder();
        for (int i = 5; i >= 0; i--) {
            sb.append(String.format("%02x", (mac >>> (i * 8)) & 0xff));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
