package org.netwright.engine;

/** Packet field used as the key of a map lookup ({@code ip daddr map @m}, {@code tcp dport vmap {...}}). */
public enum MapKey {
    SADDR, DADDR, SPORT, DPORT, L4PROTO, MARK,
    /** {@code iifname}/{@code iif}: the input interface's name (Docker's per-bridge jump maps). */
    IIFNAME,
    /** {@code oifname}/{@code oif}: the output interface's name. */
    OIFNAME;

    /** Whether the key is an interface name rather than a number. */
    public boolean isName() {
        return this == IIFNAME || this == OIFNAME;
    }
}
