package org.netwright.engine;

import java.util.List;

/** Per-packet metadata while walking one namespace (the engine's sk_buff). Mutable, engine-internal. */
final class Skb {
    Packet pkt;
    long mark;
    String iif;
    String oif;
    /** Conntrack entry attached to the packet, or null. */
    CtEntry ct;
    CtState ctState;
    CtDir ctDir;
    boolean untracked;
    /** Zone template set by ct zone set / CT --zone before the conntrack lookup. */
    int zoneTemplate;
    /** A zone template is attached (ct zone set / CT --zone ran): later zone or notrack statements are ignored. */
    boolean ctTemplate;
    /** States that decapsulated this packet (secpath), empty when none; replaced (never mutated) on decapsulation. */
    List<XfrmState> secpath = List.of();
    /** xfrm bundle of the current route, or null. */
    Xfrm.Bundle xfrm;
    RouteDecision route;
    /** A route-type/nat chain changed a routing key: reroute after the output hook. */
    boolean rerouteNeeded;
    /** Came from a local socket (output path) rather than a device. */
    boolean local;
    /** Set when br_netfilter already ran the ip prerouting hook on a bridged packet. */
    boolean brNfPrerouted;
    /** Next-hop address the sender resolved (L2 destination), used by bridges. */
    IpAddr nextHop;
    /** Nesting level of xfrm encapsulation (0 = plain packet). */
    int encapDepth;

    Skb(Packet pkt) {
        this.pkt = pkt;
    }

    /** The packet as it crosses a veth/wire into another namespace: metadata scrubbed, mark cleared. */
    Skb scrubbedCopy(boolean crossNamespace) {
        Skb s = new Skb(pkt);
        s.mark = crossNamespace ? 0 : mark;
        return s;
    }
}
