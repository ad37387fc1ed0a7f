package org.netwright.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Longest-prefix-match index of one routing table, built once with its {@link Namespace}: one hash table per
 * prefix length present, probed from the longest length down, so a lookup costs one probe per distinct length
 * instead of a scan of the table. Same answer as {@link Routing#longestMatch}: routes that contain an address
 * at one length all have the same network address, so the first length with a usable route wins, and among
 * its routes the lowest metric, then configuration order. Small tables keep the plain scan (it is cheaper).
 */
final class RouteIndex {
    /** Up to this many routes a scan beats hashing. */
    static final int SCAN_MAX = 8;

    static final RouteIndex EMPTY = new RouteIndex(List.of());

    private final List<Route> routes;
    /** The IPv4 and IPv6 routes apart: the kernel keeps one FIB per family, a lookup never crosses families. */
    private final List<Route> routes4;
    private final List<Route> routes6;
    /** IPv4 prefix lengths present, longest first; null when the table is scanned. */
    private final int[] lengths;
    private final int[] masks;
    private final Bucket[] byLength;
    /** IPv6 routes by prefix length (longest first) and network address; null when scanned. */
    private final int[] lengths6;
    private final Map<IpAddr, Route[]>[] byLength6;

    /** Routes of one prefix length, open addressing on the network address. */
    private static final class Bucket {
        private final int[] keys;
        private final Route[][] values;
        private final int mask;

        Bucket(Map<Integer, List<Route>> byAddr) {
            int cap = Integer.highestOneBit(Math.max(2, byAddr.size() * 2 - 1)) << 1;
            keys = new int[cap];
            values = new Route[cap][];
            mask = cap - 1;
            byAddr.forEach((addr, rs) -> {
                int i = slot(addr);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = addr;
                values[i] = rs.toArray(new Route[0]);
            });
        }

        private int slot(int addr) {
            int h = addr * 0x9E3779B1;
            return (h ^ (h >>> 16)) & mask;
        }

        Route[] get(int addr) {
            for (int i = slot(addr); values[i] != null; i = (i + 1) & mask) {
                if (keys[i] == addr) {
                    return values[i];
                }
            }
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    RouteIndex(List<Route> routes) {
        this.routes = routes;
        this.routes4 = routes.stream().filter(r -> !r.isV6()).toList();
        this.routes6 = routes.stream().filter(Route::isV6).toList();
        if (routes6.size() <= SCAN_MAX) {
            lengths6 = null;
            byLength6 = null;
        } else {
            Map<Integer, Map<IpAddr, List<Route>>> perLen = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
            for (Route r : routes6) {
                perLen.computeIfAbsent(r.dst().len(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.dst().addr(), k -> new ArrayList<>()).add(r);
            }
            lengths6 = perLen.keySet().stream().mapToInt(Integer::intValue).toArray();
            byLength6 = new Map[lengths6.length];
            int i = 0;
            for (Map<IpAddr, List<Route>> m : perLen.values()) {
                Map<IpAddr, Route[]> frozen = new java.util.HashMap<>();
                m.forEach((k, v) -> frozen.put(k, v.toArray(new Route[0])));
                byLength6[i++] = frozen;
            }
        }
        if (routes4.size() <= SCAN_MAX) {
            lengths = null;
            masks = null;
            byLength = null;
            return;
        }
        List<Map<Integer, List<Route>>> perLen = new ArrayList<>();
        for (int l = 0; l <= 32; l++) {
            perLen.add(null);
        }
        for (Route r : routes4) {
            int l = r.dst().len();
            if (perLen.get(l) == null) {
                perLen.set(l, new LinkedHashMap<>());
            }
            perLen.get(l).computeIfAbsent(r.dst().addr().v4bits(), k -> new ArrayList<>()).add(r);
        }
        int n = 0;
        for (Map<Integer, List<Route>> m : perLen) {
            n += m == null ? 0 : 1;
        }
        lengths = new int[n];
        masks = new int[n];
        byLength = new Bucket[n];
        int i = 0;
        for (int l = 32; l >= 0; l--) {
            if (perLen.get(l) != null) {
                lengths[i] = l;
                masks[i] = Prefix.mask(l);
                byLength[i] = new Bucket(perLen.get(l));
                i++;
            }
        }
    }

    /** The routes, in configuration order. */
    List<Route> routes() {
        return routes;
    }

    /**
     * The best route of {@code dst}'s family to {@code dst}; {@code oif} (a bound socket's device, or null) restricts
     * unicast routes.
     */
    Route lookup(IpAddr dst, String oif) {
        if (dst.isV6()) {
            return lookup6(dst, oif);
        }
        if (lengths == null) {
            return Routing.longestMatch(routes4, dst, oif);
        }
        int d = dst.v4bits();
        for (int i = 0; i < lengths.length; i++) {
            Route best = best(byLength[i].get(d & masks[i]), oif);
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    private Route lookup6(IpAddr dst, String oif) {
        if (lengths6 == null) {
            return Routing.longestMatch(routes6, dst, oif);
        }
        for (int i = 0; i < lengths6.length; i++) {
            Route best = best(byLength6[i].get(dst.masked(lengths6[i])), oif);
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    private static Route best(Route[] cands, String oif) {
        if (cands == null) {
            return null;
        }
        Route best = null;
        for (Route rt : cands) {
            if (Routing.usable(rt, oif) && (best == null || rt.metric() < best.metric())) {
                best = rt;
            }
        }
        return best;
    }
}
