package org.netwright.engine;

/**
 * The final fate of a walked packet: where ({@code location}: namespace and device), why ({@code reason}), the
 * rule that dropped it (null when no rule did), and the step that decided it (its event has the details:
 * a {@link TraceEvent.Dropped}, {@link TraceEvent.Delivery}, {@link TraceEvent.TtlExceeded} or
 * {@link TraceEvent.LeftNetwork}).
 */
public record Disposition(Fate fate, Location location, Reason reason, SourceRef rule, TraceStep step) {
    /** Fates. */
    public enum Fate {
        DELIVERED, DROPPED, LEFT_NETWORK, TTL_EXPIRED;

        private final String lower = name().toLowerCase();

        public String lower() {
            return lower;
        }
    }

    /** Why the walk ended there. Stable: tools match on {@link #id()}. */
    public enum Reason {
        /** Delivered to a local socket or the kernel. */
        DELIVERED,
        /** Sent on a device with nothing modelled behind it. */
        LEFT_NETWORK,
        /** Forwarding would take the TTL to zero. */
        TTL_EXCEEDED,
        /** Received on a device the namespace does not have. */
        NO_SUCH_DEVICE,
        RECEIVE_DEVICE_DOWN,
        /** Source validation of the input route (martian source, rp_filter). */
        REVERSE_PATH_FILTER,
        /** Not for a local address, and ip_forward is 0. */
        FORWARDING_DISABLED,
        BLACKHOLE_ROUTE,
        UNREACHABLE_ROUTE,
        PROHIBIT_ROUTE,
        NO_ROUTE,
        /** An output route that is not usable: an error route, or one without a device. */
        OUTPUT_ROUTE_ERROR,
        ESP_WITHOUT_INNER,
        /** The inbound xfrm policy check (dir in or fwd) refused the packet. */
        XFRM_POLICY_CHECK,
        XFRM_BLOCKED,
        XFRM_NO_STATE,
        /** Local delivery refused it: closed port, no SA, protocol unreachable, echo ignored. */
        NOT_DELIVERED,
        /** The route's output device does not exist. */
        NO_OUTPUT_DEVICE,
        TRANSMIT_DEVICE_DOWN,
        DUMMY_DEVICE,
        /** The far end of a wire does not exist. */
        NO_SUCH_PEER,
        NEIGHBOUR_UNREACHABLE,
        /** No port of the bridge leads to the destination (flooding is not modelled). */
        BRIDGE_NO_PORT,
        RULE_DROP,
        RULE_REJECT,
        RULE_QUEUE,
        /** A jump or goto to a chain that does not exist. */
        MISSING_CHAIN,
        CHAIN_POLICY,
        NAT_FAILED,
        RULESET_LOOP,
        /** Conntrack confirm: the entry's tuples clash with another entry's. */
        CONNTRACK_CLASH,
        /** The walk crossed more devices than any path needs. */
        LOOP_GUARD,
        /** The walk ended without deciding (an engine error). */
        NO_DISPOSITION;

        private final String id = name().toLowerCase().replace('_', '-');

        /** Lower case with dashes, as in JSON. */
        public String id() {
            return id;
        }

        /** Whether a netfilter chain decided it (the drop names the chain and, unless a policy, the rule). */
        public boolean byChain() {
            return switch (this) {
                case RULE_DROP, RULE_REJECT, RULE_QUEUE, MISSING_CHAIN, CHAIN_POLICY, NAT_FAILED, RULESET_LOOP -> true;
                default -> false;
            };
        }
    }

    public String namespace() {
        return location.namespace();
    }

    public String device() {
        return location.device();
    }

    public boolean dropped() {
        return fate == Fate.DROPPED || fate == Fate.TTL_EXPIRED;
    }

    @Override
    public String toString() {
        return TraceText.disposition(this);
    }
}
