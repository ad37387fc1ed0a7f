package org.netwright.engine;

/**
 * A static (permanent) neighbour entry of a namespace, as {@code ip neigh replace ADDR lladdr MAC dev DEV nud
 * permanent} installs it: packets to {@code addr} on {@code dev} go to {@code lladdr} without ARP.
 */
public record Neighbour(IpAddr addr, long lladdr, String dev) {
    public static Neighbour of(String addr, String lladdr, String dev) {
        return new Neighbour(IpAddr.parse(addr), Ip4.parseMac(lladdr), dev);
    }
}
