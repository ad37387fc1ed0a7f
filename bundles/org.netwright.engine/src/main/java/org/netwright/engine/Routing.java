package org.netwright.engine;

import java.util.List;

/**
 * FIB lookups: policy rules in priority order with all selectors (from, to, iif, oif, fwmark/mask, not),
 * then longest-prefix match in the selected table (ties: lowest metric, then configuration order).
 * A table without a match, or a {@code throw} route, continues with the next rule.
 */
final class Routing {
    private Routing() {
    }

    /**
     * Looks {@code dst} up. {@code iif} is the input device ("lo" for locally generated packets),
     * {@code oif} the bound output device of a local socket or null.
     */
    static RouteDecision lookup(Namespace ns, int dst, int src, String iif, String oif, long mark) {
        List<PolicyRule> rules = ns.policyRules();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule r = rules.get(i);
            if (!ruleMatches(r, dst, src, iif, oif, mark)) {
                continue;
            }
            switch (r.action()) {
                case BLACKHOLE:
                    return new RouteDecision(RouteDecision.Kind.BLACKHOLE, r, null, null, 0, null);
                case UNREACHABLE:
                    return new RouteDecision(RouteDecision.Kind.UNREACHABLE, r, null, null, 0, null);
                case PROHIBIT:
                    return new RouteDecision(RouteDecision.Kind.PROHIBIT, r, null, null, 0, null);
                default:
                    break;
            }
            Route best = ns.routeIndex(r.table()).lookup(dst, oif);
            if (best == null || best.type() == RouteType.THROW) {
                continue;
            }
            RouteDecision.Kind k = switch (best.type()) {
                case LOCAL -> RouteDecision.Kind.LOCAL;
                case BLACKHOLE -> RouteDecision.Kind.BLACKHOLE;
                case UNREACHABLE -> RouteDecision.Kind.UNREACHABLE;
                case PROHIBIT -> RouteDecision.Kind.PROHIBIT;
                default -> RouteDecision.Kind.UNICAST;
            };
            String dev = k == RouteDecision.Kind.LOCAL ? "lo" : best.dev();
            int nh = best.via() != null ? best.via() : dst;
            return new RouteDecision(k, r, best, dev, nh, best.src());
        }
        return new RouteDecision(RouteDecision.Kind.NO_ROUTE, null, null, null, 0, null);
    }

    static boolean ruleMatches(PolicyRule r, int dst, int src, String iif, String oif, long mark) {
        boolean m = (r.from() == null || r.from().contains(src))
                && (r.to() == null || r.to().contains(dst))
                && (r.iif() == null || r.iif().equals(iif))
                && (r.oif() == null || r.oif().equals(oif))
                && (r.fwmark() == null || (mark & r.fwmask()) == r.fwmark());
        return r.not() != m;
    }

    static Route longestMatch(List<Route> routes, int dst, String oif) {
        Route best = null;
        for (int i = 0; i < routes.size(); i++) {
            Route rt = routes.get(i);
            if (!rt.dst().contains(dst)) {
                continue;
            }
            if (!usable(rt, oif)) {
                continue;
            }
            if (best == null || rt.dst().len() > best.dst().len()
                    || (rt.dst().len() == best.dst().len() && rt.metric() < best.metric())) {
                best = rt;
            }
        }
        return best;
    }

    /** A socket bound to {@code oif} (null: not bound) only uses unicast routes through that device. */
    static boolean usable(Route rt, String oif) {
        return oif == null || rt.dev() == null || rt.type() != RouteType.UNICAST || rt.dev().equals(oif);
    }

    /**
     * Source address selection for a locally generated packet: the route's {@code src}, else the
     * primary address of the output device in the subnet of the next hop, else the device's first
     * address, else any non-loopback address of the namespace.
     */
    static int selectSource(Namespace ns, RouteDecision r, int dst) {
        if (r.prefSrc() != null) {
            return r.prefSrc();
        }
        if (r.kind() == RouteDecision.Kind.LOCAL) {
            return dst;
        }
        Interface dev = r.dev() == null ? null : ns.iface(r.dev());
        int sel = dev == null ? 0 : deviceAddress(dev, r.nextHop());
        if (sel != 0) {
            return sel;
        }
        for (Interface i : ns.interfaces().values()) {
            if (i.kind() != Interface.Kind.LOOPBACK && !i.addresses().isEmpty()) {
                return i.addresses().get(0).addr();
            }
        }
        return 0;
    }

    /** inet_select_addr: primary address of {@code dev} whose subnet holds {@code nh}, else the first one. */
    static int deviceAddress(Interface dev, int nh) {
        for (IfAddress a : dev.addresses()) {
            if (a.prefix().contains(nh)) {
                return a.addr();
            }
        }
        return dev.addresses().isEmpty() ? 0 : dev.addresses().get(0).addr();
    }

    /**
     * Source validation of an input route (fib_validate_source): martian local source, then rp_filter
     * 1 (strict: best reverse route must leave via {@code dev}) or 2 (loose: any unicast reverse route).
     * The reverse lookup uses iif {@code lo} and mark 0 (src_valid_mark=0). Returns null when valid.
     */
    static TraceEvent.SourceRejected validateSource(Namespace ns, Packet p, String dev) {
        if ("lo".equals(dev)) {
            return null;
        }
        int mode = ns.sysctls().effectiveRpFilter(dev);
        if (ns.isLocalAddress(p.src()) && (p.src() >>> 24) != 127) {
            return new TraceEvent.SourceRejected(TraceEvent.SourceRejected.Failure.MARTIAN, p.src(), mode, null);
        }
        if (mode == 0) {
            return null;
        }
        RouteDecision rev = lookup(ns, p.src(), p.dst(), "lo", null, 0);
        if (rev.kind() != RouteDecision.Kind.UNICAST) {
            return new TraceEvent.SourceRejected(TraceEvent.SourceRejected.Failure.NO_ROUTE_BACK, p.src(), mode, null);
        }
        if (mode == 1 && !dev.equals(rev.dev())) {
            return new TraceEvent.SourceRejected(TraceEvent.SourceRejected.Failure.STRICT_MISMATCH, p.src(), mode,
                    rev.dev());
        }
        return null;
    }
}
