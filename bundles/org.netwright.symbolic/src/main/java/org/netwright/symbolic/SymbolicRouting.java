package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.netwright.engine.Namespace;
import org.netwright.engine.PolicyRule;
import org.netwright.engine.Route;
import org.netwright.engine.RouteDecision;
import org.netwright.engine.RouteType;

/**
 * FIB lookups over a set of packets: the policy rules in priority order, each taking the packets its selector holds
 * for, then longest prefix match in the rule's table (ties: lowest metric, then configuration order); a table
 * without a route for some packets, or a {@code throw} route, passes them to the next rule, as the concrete lookup
 * does packet by packet.
 */
final class SymbolicRouting {
    private final Predicates p;
    private final Bdd bdd;

    SymbolicRouting(Predicates p) {
        this.p = p;
        this.bdd = p.space().bdd();
    }

    /** The decision for one part: kind, device, next hop (SYMBOLIC: the looked-up address), preferred source. */
    record Decision(int space, RouteDecision.Kind kind, String dev, long nextHop, long prefSrc) {
    }

    /**
     * Looks {@code key} up ({@link Field#DST}, or {@link Field#SRC} for a reverse lookup, with {@code from} the other
     * address), for packets of {@code f} in {@code space} with input device {@code iif}, no bound output device, and
     * meta mark {@code mark}.
     */
    List<Decision> lookup(Namespace ns, Flow f, int space, Field key, Field from, String iif, long mark) {
        List<Decision> out = new ArrayList<>();
        int rest = space;
        for (PolicyRule r : ns.policyRules()) {
            if (rest == Bdd.FALSE) {
                break;
            }
            if (EngineValues.isV6(r)) {
                continue;
            }
            int cond = selector(r, f, key, from, iif, mark);
            int part = bdd.and(rest, cond);
            rest = bdd.diff(rest, cond);
            if (part == Bdd.FALSE) {
                continue;
            }
            switch (r.action()) {
                case BLACKHOLE -> out.add(new Decision(part, RouteDecision.Kind.BLACKHOLE, null, 0, -1));
                case UNREACHABLE -> out.add(new Decision(part, RouteDecision.Kind.UNREACHABLE, null, 0, -1));
                case PROHIBIT -> out.add(new Decision(part, RouteDecision.Kind.PROHIBIT, null, 0, -1));
                default -> rest = bdd.or(rest, table(ns.table(r.table()), f, part, key, out));
            }
        }
        if (rest != Bdd.FALSE) {
            out.add(new Decision(rest, RouteDecision.Kind.NO_ROUTE, null, 0, -1));
        }
        return out;
    }

    /** Longest prefix match of {@code part} in one table; returns the packets it has no (or a throw) route for. */
    private int table(List<Route> routes, Flow f, int part, Field key, List<Decision> out) {
        List<Route> order = new ArrayList<>(routes);
        order.sort(Comparator.comparingInt((Route r) -> -r.dst().len()).thenComparingInt(Route::metric));
        int left = part;
        int passed = Bdd.FALSE;
        for (Route rt : order) {
            if (left == Bdd.FALSE) {
                break;
            }
            EngineValues.Range dst = EngineValues.routeDst(rt);
            if (dst == null) {
                continue;
            }
            int in = bdd.and(left, p.in(f, key, List.of(dst)));
            if (in == Bdd.FALSE) {
                continue;
            }
            left = bdd.diff(left, in);
            if (rt.type() == RouteType.THROW) {
                passed = bdd.or(passed, in);
                continue;
            }
            RouteDecision.Kind k = switch (rt.type()) {
                case LOCAL -> RouteDecision.Kind.LOCAL;
                case BLACKHOLE -> RouteDecision.Kind.BLACKHOLE;
                case UNREACHABLE -> RouteDecision.Kind.UNREACHABLE;
                case PROHIBIT -> RouteDecision.Kind.PROHIBIT;
                default -> RouteDecision.Kind.UNICAST;
            };
            String dev = k == RouteDecision.Kind.LOCAL ? "lo" : rt.dev();
            long via = EngineValues.via(rt);
            long nh = via >= 0 ? via : f.fixed(key);
            out.add(new Decision(in, k, dev, nh, EngineValues.prefSrc(rt)));
        }
        return bdd.or(passed, left);
    }

    private int selector(PolicyRule r, Flow f, Field key, Field from, String iif, long mark) {
        boolean concrete = (r.iif() == null || r.iif().equals(iif)) && r.oif() == null
                && (r.fwmark() == null || (mark & r.fwmask()) == r.fwmark());
        int m = Predicates.constant(concrete);
        EngineValues.Range fr = EngineValues.ruleFrom(r);
        if (fr != null) {
            m = bdd.and(m, p.in(f, from, List.of(fr)));
        }
        EngineValues.Range to = EngineValues.ruleTo(r);
        if (to != null) {
            m = bdd.and(m, p.in(f, key, List.of(to)));
        }
        return r.not() ? bdd.not(m) : m;
    }
}
