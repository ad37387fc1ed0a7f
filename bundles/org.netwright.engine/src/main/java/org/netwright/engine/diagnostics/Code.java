package org.netwright.engine.diagnostics;

/** The situations the diagnostics recognise in a walk. Codes are stable: tools match on {@link #id()}. */
public enum Code {
    /** The same connection crossed one namespace's netfilter twice in one zone: nat saw only the first pass. */
    NAT_SECOND_PASS_SAME_ZONE,
    /** A nat rule would translate the packet, but its connection already existed (nat sees first packets only). */
    NAT_NOT_FIRST_PACKET,
    /** A nat rule would translate the packet, but sits at a hook the packet does not pass. */
    NAT_HOOK_NOT_TRAVERSED,
    /** A nat rule meant for the plaintext packet only ever saw the ESP packet the xfrm transform made. */
    NAT_SAW_ONLY_ESP,
    /** NAT rewrote a packet an xfrm policy had selected; after NAT no policy matched, it left unencrypted. */
    XFRM_POLICY_LOST_BY_NAT,
    /** Inbound traffic to a NAT box's own address matched no connection: nothing maps it to an inside host. */
    NO_CONNTRACK_ASSOCIATION,
    /** An address carried in the payload was translated in the header only. */
    PAYLOAD_ADDRESS_NOT_TRANSLATED,
    /** Protocols without ports (ESP, GRE) are tracked by addresses only: two inside hosts clash on one address. */
    GENERIC_TRACKING_CLASH,
    /** The translated tuple was already taken: conntrack insert failed and the packet was dropped. */
    NAT_CLASH,
    /** A base chain's drop policy dropped the packet: no rule accepts it. */
    POLICY_DROP,
    /** Reverse-path filtering dropped the packet. */
    RP_FILTER_DROP,
    /** The packet needed forwarding in a namespace with ip_forward off. */
    IP_FORWARD_OFF;

    /** Lower case with dashes, as printed and in JSON. */
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }
}
