package org.netwright.engine;

/**
 * One event of a packet walk. Fields that do not apply are null. {@code packet}/{@code mark} are the
 * header and meta mark after the step.
 */
public record TraceStep(Kind kind, String namespace, String device, Hook hook, Family family, String table,
        String chain, Integer priority, SourceRef rule, String verdict, String detail, Packet packet, long mark) {
    /** Event kinds. */
    public enum Kind {
        /** packet received on / sent from a device. */
        LINK,
        /** a rule matched (with its verdict, "continue" for non-terminal statements). */
        RULE,
        /** a base chain ended with its policy. */
        POLICY,
        /** conntrack lookup/new/confirm/clash. */
        CONNTRACK,
        /** NAT binding made or applied. */
        NAT,
        /** routing decision. */
        ROUTE,
        /** reverse-path filter / martian source. */
        RPFILTER,
        /** TTL handling. */
        TTL,
        /** xfrm policy/state events. */
        XFRM,
        /** bridge forwarding decision. */
        BRIDGE,
        /** local delivery. */
        DELIVER,
        /** packet dropped. */
        DROP,
        /** an ICMP error or reply generated. */
        ICMP,
        /** informational. */
        INFO
    }
}
