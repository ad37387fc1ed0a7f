package org.netwright.engine;

/** Packet field used as the key of a map lookup ({@code ip daddr map @m}, {@code tcp dport vmap {...}}). */
public enum MapKey {
    SADDR, DADDR,
    /** {@code th sport}/{@code th dport}: the transport header's ports, whatever the protocol. */
    SPORT, DPORT,
    /** {@code tcp dport} and the like: the port, and no key at all for a packet of another protocol (nft's implied dependency). */
    TCP_SPORT, TCP_DPORT, UDP_SPORT, UDP_DPORT,
    L4PROTO, MARK,
    /** {@code iifname}/{@code iif}: the input interface's name (Docker's per-bridge jump maps). */
    IIFNAME,
    /** {@code oifname}/{@code oif}: the output interface's name. */
    OIFNAME;

    /** Whether the key is an interface name rather than a number. */
    public boolean isName() {
        return this == IIFNAME || this == OIFNAME;
    }
}
