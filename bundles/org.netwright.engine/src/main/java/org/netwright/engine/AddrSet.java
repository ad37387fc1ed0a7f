package org.netwright.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * A set of IPv4 addresses kept as disjoint, merged intervals: membership is a floor lookup (O(log n)),
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

    private AddrSet(TreeMap<Long, Long> intervals, String text) {
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

    public boolean contains(int addr) {
        long a = Ip4.unsigned(addr);
        if (onlyLo <= onlyHi) {
            return a >= onlyLo && a <= onlyHi;
        }
        int i = floor(los, a);
        return i >= 0 && his[i] >= a;
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
        return los.length;
    }

    /** The first address (unsigned) of interval {@code i}, intervals ascending: for analyses over whole sets. */
    public long intervalLow(int i) {
        return los[i];
    }

    /** The last address (unsigned, inclusive) of interval {@code i}. */
    public long intervalHigh(int i) {
        return his[i];
    }

    /** Lowest address, or 0 when empty. */
    public int first() {
        return los.length == 0 ? 0 : (int) los[0];
    }

    @Override
    public String toString() {
        return text;
    }

    /** Builder that merges overlapping and adjacent intervals. */
    public static final class Builder {
        private final TreeMap<Long, Long> iv = new TreeMap<>();
        private final StringBuilder text = new StringBuilder();

        public Builder add(String element) {
            String e = element.trim();
            int dash = e.indexOf('-');
            if (dash > 0) {
                addRange(Ip4.unsigned(Ip4.parse(e.substring(0, dash))), Ip4.unsigned(Ip4.parse(e.substring(dash + 1))));
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
            return new AddrSet(new TreeMap<>(iv), text.toString());
        }
    }
}
