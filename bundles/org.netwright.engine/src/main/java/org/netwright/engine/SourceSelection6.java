package org.netwright.engine;

/**
 * IPv6 source address selection as Linux does it (RFC 6724, {@code ipv6_dev_get_saddr}) for a route without a
 * preferred source: candidates of every interface, the same scope as the destination first (a link-local destination
 * takes a link-local source), then the outgoing interface's addresses before others', then the longest prefix in
 * common with the destination counted at most up to the address's own prefix length (so every address of one /64 ties),
 * and on a tie the most recently added address (the last one configured). Deprecated and tentative addresses, address
 * labels and temporary addresses are not modelled.
 */
final class SourceSelection6 {
    private SourceSelection6() {
    }

    /** The chosen source towards {@code dst} leaving by {@code out} (may be null), or {@code ::} when none. */
    static IpAddr select(Namespace ns, Interface out, IpAddr dst) {
        IfAddress best = null;
        boolean bestOnOut = false;
        for (Interface i : ns.interfaces().values()) {
            if (!i.up()) {
                continue;
            }
            boolean onOut = out != null && i.name().equals(out.name());
            for (IfAddress a : i.addresses()) {
                if (!a.isV6() || a.addr().isLoopback() && !dst.isLoopback()) {
                    continue;
                }
                if (best == null || better(a, onOut, best, bestOnOut, dst) >= 0) {
                    best = a;
                    bestOnOut = onOut;
                }
            }
        }
        return best == null ? IpAddr.ANY6 : best.addr();
    }

    /** Positive when {@code a} is preferred to {@code b}, 0 on a full tie (then the later one wins). */
    static int better(IfAddress a, boolean aOnOut, IfAddress b, boolean bOnOut, IpAddr dst) {
        boolean aScope = a.addr().isLinkLocal() == dst.isLinkLocal();
        boolean bScope = b.addr().isLinkLocal() == dst.isLinkLocal();
        if (aScope != bScope) {
            return aScope ? 1 : -1;
        }
        if (aOnOut != bOnOut) {
            return aOnOut ? 1 : -1;
        }
        return Integer.compare(commonPrefix(a, dst), commonPrefix(b, dst));
    }

    /** Bits {@code a} shares with {@code dst}, at most {@code a}'s prefix length. */
    static int commonPrefix(IfAddress a, IpAddr dst) {
        long x = a.addr().hi() ^ dst.hi();
        int n = x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(a.addr().lo() ^ dst.lo());
        return Math.min(n, a.len());
    }
}
