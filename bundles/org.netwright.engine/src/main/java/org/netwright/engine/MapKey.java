package org.netwright.engine;

/** Packet field used as the key of a map lookup ({@code ip daddr map @m}, {@code tcp dport vmap {...}}). */
public enum MapKey {
    SADDR, DADDR, SPORT, DPORT, L4PROTO, MARK
}
