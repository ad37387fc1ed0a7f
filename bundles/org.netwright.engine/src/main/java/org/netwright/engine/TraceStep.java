package org.netwright.engine;

/**
 * One step of a packet walk: where it happened (namespace, device, hook; null when they do not apply), the
 * {@link TraceEvent}, and the packet header and meta mark after the step.
 */
public record TraceStep(String namespace, String device, Hook hook, TraceEvent event, Packet packet, long mark) {
    /** Coarse event kinds (each {@link TraceEvent} belongs to one). */
    public enum Kind {
        /** packet received on / sent from a device, neighbour resolution. */
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
        /** statements without effect, logging. */
        INFO,
        /** a choice point: a random or hashed choice, or a match the engine does not evaluate. */
        BRANCH,
        /** a statement the engine does not execute: the walk goes on as if it did nothing. */
        OPAQUE;

        private final String lower = name().toLowerCase();

        public String lower() {
            return lower;
        }
    }

    public Kind kind() {
        return event.kind();
    }

    /** Where the step happened: the namespace, and the device when the step has one. */
    public Location location() {
        return new Location(namespace, device, null);
    }

    /** The chain of a rule, policy, loop or netfilter drop event; null for other events. */
    public ChainRef chain() {
        return switch (event) {
            case TraceEvent.RuleMatched r -> r.chain();
            case TraceEvent.ChainPolicy p -> p.chain();
            case TraceEvent.RulesetLoop l -> l.chain();
            case TraceEvent.Dropped d -> d.chain();
            default -> null;
        };
    }

    /** The rule of a rule event or of a drop by a rule; null for other events. */
    public SourceRef rule() {
        return switch (event) {
            case TraceEvent.RuleMatched r -> r.rule();
            case TraceEvent.Dropped d -> d.rule();
            default -> null;
        };
    }
}
