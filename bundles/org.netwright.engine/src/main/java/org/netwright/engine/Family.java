package org.netwright.engine;

/** nftables families (iptables tables are {@link #IP} tables). */
public enum Family {
    IP, IP6, INET, ARP, BRIDGE, NETDEV;

    public String nft() {
        return name().toLowerCase();
    }
}
