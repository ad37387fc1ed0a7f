package org.netwright.symbolic;

/**
 * The header fields of a connection's first packet that the symbolic engine keeps as BDD variables, in variable order
 * (most significant bit first within a field, which keeps prefixes and ranges small). {@link #FAMILY} is 0 for IPv4;
 * addresses are {@link #ADDRESS_BITS} wide, the one place that says so.
 */
public enum Field {
    FAMILY(1), PROTO(8), DST(Field.ADDRESS_BITS), SRC(Field.ADDRESS_BITS), DPORT(16), SPORT(16), ICMP_TYPE(8);

    /** Width of an address field: IPv4 now; IPv6 widens this (and the adapter) only. */
    public static final int ADDRESS_BITS = 32;

    private final int bits;

    Field(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** Largest value of the field. */
    public long max() {
        return bits >= 63 ? Long.MAX_VALUE : (1L << bits) - 1;
    }

    public boolean address() {
        return this == SRC || this == DST;
    }
}
