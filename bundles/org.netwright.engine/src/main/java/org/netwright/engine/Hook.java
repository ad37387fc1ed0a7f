package org.netwright.engine;

/** Netfilter hooks. Bridge-family chains use the same five names as ip. */
public enum Hook {
    INGRESS, PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING, EGRESS;

    private final String nft = name().toLowerCase();

    public String nft() {
        return nft;
    }
}
