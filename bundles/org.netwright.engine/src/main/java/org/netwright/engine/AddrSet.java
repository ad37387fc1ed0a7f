package org.netwright.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * A set of IPv4 and/or IPv6 addresses kept as disjoint, merged intervals per family: membership is a floor lookup (O(log n)),
 * so big interval sets stay cheap.
 *
 * <p>The builder merges intervals in a sorted map; the built set is compiled once into two sorted
 * primitive arrays, because membership runs for every rule evaluation on the walk's hot path and a
 * binary search over {@code long[]} needs no boxing or tree walking (a one-interval set, the common
 * {@code ip saddr PREFIX}, is two comparisons).
 */
public final class AddrSet {
    /** Interval starts (unsigned addresses), ascending. */
    private final long[] los;
    /** Interval ends (inclusive), parallel to {@link #los}. */
    private final long[] his;
    private final String text;
    /** The only interval of a one-interval set (lo > hi when the set has several or none). */
    private final long onlyLo;
    private final long onlyHi;
    /** IPv6 interval starts, ascending, and their ends (inclusive); rarer, so objects rather than primitives. */
    private final IpAddr[] los6;
    private final IpAddr[] his6;

    private AddrSet(TreeMap<Long, Long> intervals, TreeMap<IpAddr, IpAddr> intervals6, String text) {
        this.los6 = intervals6.keySet().toArray(new IpAddr[0]);
        this.his6 = intervals6.values().toArray(new IpAddr[0]);
        this.los = new long[intervals.size()];
        this.his = new long[intervals.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : intervals.entrySet()) {
            los[i] = e.getKey();
            his[i] = e.getValue();
            i++;
        }
        this.text = text;
        this.onlyLo = los.length == 1 ? los[0] : 1;
        this.onlyHi = los.length == 1 ? his[0] : 0;
    }

    /** Elements: {@code a.b.c.d}, {@code a.b.c.d/n} or {@code a.b.c.d-e.f.g.h}. */
    public static AddrSet of(String... elements) {
        Builder b = new Builder();
        for (String e : elements) {
            b.add(e);
        }
        return b.build();
    }

    public static AddrSet of(Prefix p) {
        return new Builder().add(p).build();
    }

    public boolean contains(IpAddr addr) {
        if (addr.isV6()) {
            return contains6(addr);
        }
        long a = addr.lo();
        if (onlyLo <= onlyHi) {
            return a >= onlyLo && a <= onlyHi;
        }
        int i = floor(los, a);
        return i >= 0 && his[i] >= a;
    }

    private boolean contains6(IpAddr a) {
        int i = floor(los6, a);
        return i >= 0 && his6[i].compareTo(a) >= 0;
    }

    /** Index of the greatest element of sorted {@code keys} that is {@code <= key}, or -1. */
    static int floor(IpAddr[] keys, IpAddr key) {
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid].compareTo(key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** Whether the set holds IPv4 addresses. */
    public boolean hasV4() {
        return los.length > 0;
    }

    /** Whether the set holds IPv6 addresses. */
    public boolean hasV6() {
        return los6.length > 0;
    }

    /** Index of the greatest element of sorted {@code keys} that is {@code <= key}, or -1. */
    static int floor(long[] keys, long key) {
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    public int intervalCount() {
        return los.length + los6.length;
    }

    /** Lowest address (IPv4 before IPv6), or null when empty. */
    public IpAddr first() {
        return los.length > 0 ? IpAddr.v4((int) los[0]) : los6.length > 0 ? los6[0] : null;
    }

    /** The number of IPv4 intervals (the first ones), for analyses over whole sets. */
    public int intervalCount4() {
        return los.length;
    }

    /** The first address (unsigned) of IPv4 interval {@code i}, intervals ascending. */
    public long intervalLow(int i) {
        return los[i];
    }

    /** The last address (unsigned, inclusive) of IPv4 interval {@code i}. */
    public long intervalHigh(int i) {
        return his[i];
    }

    @Override
    public String toString() {
        return text;
    }

    /** Builder that merges overlapping and adjacent intervals. */
    public static final class Builder {
        private final TreeMap<Long, Long> iv = new TreeMap<>();
        private final TreeMap<IpAddr, IpAddr> iv6 = new TreeMap<>();
        private final StringBuilder text = new StringBuilder();

        public Builder add(String element) {
            String e = element.trim();
            int dash = e.indexOf('-');
            if (dash > 0) {
                addRange(IpAddr.parse(e.substring(0, dash)), IpAddr.parse(e.substring(dash + 1)));
            } else {
                Prefix p = Prefix.parse(e);
                addRange(p.first(), p.last());
            }
            appendText(e);
            return this;
        }

        public Builder add(Prefix p) {
            addRange(p.first(), p.last());
            appendText(p.toString());
            return this;
        }

        private void appendText(String s) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(s);
        }

        /** Adds {@code lo..hi} (one family). */
        public Builder addRange(IpAddr lo, IpAddr hi) {
            if (!lo.sameFamily(hi)) {
                throw new IllegalArgumentException("range of mixed families: " + lo + "-" + hi);
            }
            if (lo.isV6()) {
                addRange6(lo, hi);
            } else {
                addRange(lo.lo(), hi.lo());
            }
            return this;
        }

        private void addRange6(IpAddr lo, IpAddr hi) {
            if (hi.compareTo(lo) < 0) {
                throw new IllegalArgumentException("empty range");
            }
            Map.Entry<IpAddr, IpAddr> before = iv6.floorEntry(lo);
            if (before != null && touches(before.getValue(), lo)) {
                lo = before.getKey();
                hi = max(hi, before.getValue());
                iv6.remove(before.getKey());
            }
            while (true) {
                Map.Entry<IpAddr, IpAddr> next = iv6.ceilingEntry(lo);
                if (next == null || !touches(hi, next.getKey())) {
                    break;
                }
                hi = max(hi, next.getValue());
                iv6.remove(next.getKey());
            }
            iv6.put(lo, hi);
        }

        /** Whether an interval ending at {@code end} overlaps or abuts one starting at {@code start}. */
        private static boolean touches(IpAddr end, IpAddr start) {
            return end.compareTo(start) >= 0 || end.plus(1).equals(start);
        }

        private static IpAddr max(IpAddr a, IpAddr b) {
            return a.compareTo(b) >= 0 ? a : b;
        }

        private void addRange(long lo, long hi) {
            if (hi < lo) {
                throw new IllegalArgumentException("empty range");
            }
            Map.Entry<Long, Long> before = iv.floorEntry(lo);
            if (before != null && before.getValue() >= lo - 1) {
                lo = before.getKey();
                hi = Math.max(hi, before.getValue());
                iv.remove(before.getKey());
            }
            while (true) {
                Map.Entry<Long, Long> next = iv.ceilingEntry(lo);
                if (next == null || next.getKey() > hi + 1) {
                    break;
                }
                hi = Math.max(hi, next.getValue());
                iv.remove(next.getKey());
            }
            iv.put(lo, hi);
        }

        public AddrSet build() {
            return new AddrSet(new TreeMap<>(iv), new TreeMap<>(iv6), text.toString());
        }
    }
}
