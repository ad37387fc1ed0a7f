package org.netwright.engine;

/** Netfilter hooks. Bridge-family chains use the same five names as ip. */
public enum Hook {
    INGRESS, PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING, EGRESS;

    public String nft() {
        return name().toLowerCase();
    }
}
