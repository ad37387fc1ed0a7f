package org.netwright.engine;

import java.util.List;

/**
 * FIB lookups: policy rules of the destination's family ({@code ip rule} or {@code ip -6 rule}) in priority order with all selectors (from, to, iif, oif, fwmark/mask, not),
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
    static RouteDecision lookup(Namespace ns, IpAddr dst, IpAddr src, String iif, String oif, long mark) {
        PolicyRule[] rules = ns.policyRules(dst.isV6());
        for (int i = 0; i < rules.length; i++) {
            PolicyRule r = rules[i];
            if (!ruleMatches(r, dst, src, iif, oif, mark)) {
                continue;
            }
            switch (r.action()) {
                case BLACKHOLE:
                    return new RouteDecision(RouteDecision.Kind.BLACKHOLE, r, null, null, null, null);
                case UNREACHABLE:
                    return new RouteDecision(RouteDecision.Kind.UNREACHABLE, r, null, null, null, null);
                case PROHIBIT:
                    return new RouteDecision(RouteDecision.Kind.PROHIBIT, r, null, null, null, null);
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
            IpAddr nh = best.via() != null ? best.via() : dst;
            return new RouteDecision(k, r, best, dev, nh, best.src());
        }
        return new RouteDecision(RouteDecision.Kind.NO_ROUTE, null, null, null, null, null);
    }

    static boolean ruleMatches(PolicyRule r, IpAddr dst, IpAddr src, String iif, String oif, long mark) {
        boolean m = (r.from() == null || r.from().contains(src))
                && (r.to() == null || r.to().contains(dst))
                && (r.iif() == null || r.iif().equals(iif))
                && (r.oif() == null || r.oif().equals(oif))
                && (r.fwmark() == null || (mark & r.fwmask()) == r.fwmark());
        return r.not() != m;
    }

    static Route longestMatch(List<Route> routes, IpAddr dst, String oif) {
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
     * Source address selection for a locally generated packet: the route's {@code src}, else (IPv4) the
     * primary address of the output device in the subnet of the next hop, else the device's first
     * address, else any non-loopback address of the namespace; IPv6 as {@link SourceSelection6}. The
     * unspecified address when there is none.
     */
    static IpAddr selectSource(Namespace ns, RouteDecision r, IpAddr dst) {
        if (r.prefSrc() != null) {
            return r.prefSrc();
        }
        if (r.kind() == RouteDecision.Kind.LOCAL) {
            return dst;
        }
        Interface dev = r.dev() == null ? null : ns.iface(r.dev());
        if (dst.isV6()) {
            return SourceSelection6.select(ns, dev, dst);
        }
        IpAddr sel = dev == null ? null : deviceAddress(dev, r.nextHop());
        if (sel != null) {
            return sel;
        }
        for (Interface i : ns.interfaces().values()) {
            if (i.kind() != Interface.Kind.LOOPBACK) {
                for (IfAddress a : i.addresses()) {
                    if (!a.isV6()) {
                        return a.addr();
                    }
                }
            }
        }
        return IpAddr.ANY4;
    }

    /**
     * inet_select_addr: primary address of {@code dev} whose subnet holds {@code nh}, else its first one of
     * {@code nh}'s family; null when it has none.
     */
    static IpAddr deviceAddress(Interface dev, IpAddr nh) {
        IpAddr first = null;
        for (IfAddress a : dev.addresses()) {
            if (a.prefix().contains(nh)) {
                return a.addr();
            }
            if (first == null && a.isV6() == nh.isV6()) {
                first = a.addr();
            }
        }
        return first;
    }

    /**
     * Source validation of an input route (fib_validate_source): martian local source, then rp_filter
     * 1 (strict: best reverse route must leave via {@code dev}) or 2 (loose: any unicast reverse route).
     * The reverse lookup uses iif {@code lo} and mark 0 (src_valid_mark=0). Returns null when valid.
     */
    static TraceEvent.SourceRejected validateSource(Namespace ns, Packet p, String dev) {
        if ("lo".equals(dev) || p.isV6()) {
            // IPv6 has neither rp_filter nor this martian check: only nft fib / ip6tables rpfilter filter sources
            return null;
        }
        int mode = ns.sysctls().effectiveRpFilter(dev);
        if (ns.isLocalAddress(p.src()) && !p.src().isLoopback()) {
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
