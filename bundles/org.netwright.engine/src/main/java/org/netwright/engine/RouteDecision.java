package org.netwright.engine;

/**
 * A routing decision: its kind, the policy rule and the route that made it (null when none), the output device
 * ({@code lo} for a local destination), the next hop (the gateway, or the destination itself when directly
 * connected) and the route's preferred source address (null when it has none).
 */
public record RouteDecision(Kind kind, PolicyRule rule, Route route, String dev, int nextHop, Integer prefSrc) {
    /** Decision kinds. NO_ROUTE: no rule produced a route (ENETUNREACH). */
    public enum Kind {
        LOCAL, UNICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, NO_ROUTE;

        private final String lower = name().toLowerCase();

        /** The lower-case name, as trace verdicts show it. */
        public String lower() {
            return lower;
        }
    }

    /** The routing table the decision came from (the route's, else the policy rule's), or -1 when neither. */
    public int table() {
        return route != null ? route.table() : rule != null ? rule.table() : -1;
    }

    /** The gateway of the route, or 0 when the destination is directly connected (or there is no route). */
    public int gateway() {
        return route != null && route.via() != null ? route.via() : 0;
    }
}
