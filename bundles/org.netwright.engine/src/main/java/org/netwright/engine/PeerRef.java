package org.netwright.engine;

/** The other end of a veth pair or point-to-point wire: a namespace and an interface name in it. */
public record PeerRef(String namespace, String ifname) {
    @Override
    public String toString() {
        return namespace + "/" + ifname;
    }
}
