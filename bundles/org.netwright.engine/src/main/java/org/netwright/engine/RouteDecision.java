package org.netwright.engine;

/**
 * A routing decision: its kind, the policy rule and the route that made it (null when none; the route names its
 * table, gateway and type), the output device ({@code lo} for a local destination), the next hop (the gateway, or
 * the destination itself when directly connected) and the route's preferred source address (null when it has
 * none).
 */
public record RouteDecision(Kind kind, PolicyRule rule, Route route, String dev, IpAddr nextHop, IpAddr prefSrc) {
    /** Decision kinds. NO_ROUTE: no rule produced a route (ENETUNREACH). */
    public enum Kind {
        LOCAL, UNICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, NO_ROUTE;

        private final String lower = name().toLowerCase();

        /** The lower-case name, as trace verdicts show it. */
        public String lower() {
            return lower;
        }
    }
}
