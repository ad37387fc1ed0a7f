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
    /** Prefix lengths present, longest first; null when the table is scanned. */
    private final int[] lengths;
    private final int[] masks;
    private final Bucket[] byLength;

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

    RouteIndex(List<Route> routes) {
        this.routes = routes;
        if (routes.size() <= SCAN_MAX) {
            lengths = null;
            masks = null;
            byLength = null;
            return;
        }
        List<Map<Integer, List<Route>>> perLen = new ArrayList<>();
        for (int l = 0; l <= 32; l++) {
            perLen.add(null);
        }
        for (Route r : routes) {
            int l = r.dst().len();
            if (perLen.get(l) == null) {
                perLen.set(l, new LinkedHashMap<>());
            }
            perLen.get(l).computeIfAbsent(r.dst().addr(), k -> new ArrayList<>()).add(r);
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

    /** The best route to {@code dst}; {@code oif} (a bound socket's device, or null) restricts unicast routes. */
    Route lookup(int dst, String oif) {
        if (lengths == null) {
            return Routing.longestMatch(routes, dst, oif);
        }
        for (int i = 0; i < lengths.length; i++) {
            Route[] cands = byLength[i].get(dst & masks[i]);
            if (cands == null) {
                continue;
            }
            Route best = null;
            for (Route rt : cands) {
                if (Routing.usable(rt, oif) && (best == null || rt.metric() < best.metric())) {
                    best = rt;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }
}
