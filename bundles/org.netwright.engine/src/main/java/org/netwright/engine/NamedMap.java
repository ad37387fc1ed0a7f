package org.netwright.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named map keyed by an address or port interval, or by an interface name. Values are NAT targets
 * (address[:port]) or verdicts. Lookup is a floor search over the sorted interval starts (O(log n)), or a hash lookup
 * of the name.
 */
public final class NamedMap {
    /** A map value: NAT target ({@code addr}, optional {@code port}) or a verdict statement. */
    public record Value(Integer addr, Integer port, Statement verdict) {
        public static Value addr(String a) {
            return new Value(Ip4.parse(a), null, null);
        }

        public static Value addrPort(String a, int port) {
            return new Value(Ip4.parse(a), port, null);
        }

        public static Value verdict(Statement v) {
            return new Value(null, null, v);
        }

        @Override
        public String toString() {
            if (verdict != null) {
                return verdict.toString();
            }
            return Ip4.str(addr) + (port == null ? "" : ":" + port);
        }
    }

    private record Entry(long lo, long hi, Value value) {
    }

    private final String name;
    // compiled once into sorted primitive keys + parallel entries: the lookup runs on the walk's hot path
    // (verdict maps, nat maps) and a binary search over long[] needs no boxing
    private final long[] los;
    private final Entry[] entries;
    private final Map<String, Value> byName;
    /** Concatenated keys: the elements without intervals by their key, the others scanned in order. */
    private final Map<ConcatKey, Value> exact;
    private final java.util.List<ConcatEntry> intervals;

    /** A concatenated key's values, one per field (addresses and numbers unsigned). */
    private record ConcatKey(long[] parts) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ConcatKey k && java.util.Arrays.equals(parts, k.parts);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(parts);
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(parts);
        }
    }

    /** A concatenated element with an interval [lo, hi] per field. */
    private record ConcatEntry(long[] lo, long[] hi, Value value) {
        boolean contains(long[] key) {
            for (int i = 0; i < key.length; i++) {
                if (key[i] < lo[i] || key[i] > hi[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private NamedMap(String name, TreeMap<Long, Entry> sorted, Map<String, Value> byName, Map<ConcatKey, Value> exact,
            java.util.List<ConcatEntry> intervals) {
        this.name = name;
        this.byName = Map.copyOf(byName);
        this.exact = Map.copyOf(exact);
        this.intervals = java.util.List.copyOf(intervals);
        this.los = new long[sorted.size()];
        this.entries = new Entry[sorted.size()];
        int i = 0;
        for (Entry e : sorted.values()) {
            los[i] = e.lo();
            entries[i] = e;
            i++;
        }
    }

    public String name() {
        return name;
    }

    /** Looks a key (address bits or port, as unsigned) up; {@code null} when absent. */
    public Value lookup(long key) {
        int i = AddrSet.floor(los, key);
        if (i < 0 || entries[i].hi < key) {
            return null;
        }
        return entries[i].value;
    }

    /** Looks an interface name up; {@code null} when absent (or when the packet has no such interface). */
    public Value lookup(String interfaceName) {
        return interfaceName == null ? null : byName.get(interfaceName);
    }

    /** Looks a concatenated key up (one value per field); {@code null} when absent. */
    public Value lookup(long[] key) {
        Value v = exact.get(new ConcatKey(key));
        if (v != null) {
            return v;
        }
        for (ConcatEntry e : intervals) {
            if (e.lo.length == key.length && e.contains(key)) {
                return e.value;
            }
        }
        return null;
    }

    /** The value for the concatenation of {@code keys} in {@code s}; {@code null} when absent or a field is missing. */
    static Value lookup(NamedMap map, java.util.List<MapKey> keys, Skb s) {
        if (map == null) {
            return null;
        }
        long[] k = new long[keys.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = Matches.keyValue(keys.get(i), s);
            if (k[i] < 0) {
                return null;
            }
        }
        return map.lookup(k);
    }

    /** The value for the packet field {@code key} has in {@code s}; {@code null} when absent. */
    static Value lookup(NamedMap map, MapKey key, Skb s) {
        if (map == null) {
            return null;
        }
        if (key.isName()) {
            return map.lookup(key == MapKey.IIFNAME ? s.iif : s.oif);
        }
        long k = Matches.keyValue(key, s);
        return k < 0 ? null : map.lookup(k);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder; intervals must not overlap. */
    public static final class Builder {
        private final String name;
        private final TreeMap<Long, Entry> entries = new TreeMap<>();
        private final Map<String, Value> byName = new LinkedHashMap<>();
        private final Map<ConcatKey, Value> exact = new LinkedHashMap<>();
        private final java.util.List<ConcatEntry> intervals = new java.util.ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Address key: {@code a.b.c.d}, prefix or range. */
        public Builder addr(String key, Value v) {
            int dash = key.indexOf('-');
            long lo;
            long hi;
            if (dash > 0) {
                lo = Ip4.unsigned(Ip4.parse(key.substring(0, dash)));
                hi = Ip4.unsigned(Ip4.parse(key.substring(dash + 1)));
            } else {
                Prefix p = Prefix.parse(key);
                lo = p.first();
                hi = p.last();
            }
            entries.put(lo, new Entry(lo, hi, v));
            return this;
        }

        public Builder port(int lo, int hi, Value v) {
            entries.put((long) lo, new Entry(lo, hi, v));
            return this;
        }

        public Builder port(int p, Value v) {
            return port(p, p, v);
        }

        /** Interface name key (exact: nft's ifname maps hold no wildcards). */
        public Builder name(String interfaceName, Value v) {
            byName.put(interfaceName, v);
            return this;
        }

        /**
         * Concatenated key: field {@code i} spans {@code lo[i]..hi[i]} (addresses and numbers unsigned; equal bounds for
         * a single value).
         */
        public Builder concat(long[] lo, long[] hi, Value v) {
            if (lo.length != hi.length || lo.length < 2) {
                throw new IllegalArgumentException("a concatenated key has two fields or more, with a bound each");
            }
            if (java.util.Arrays.equals(lo, hi)) {
                exact.put(new ConcatKey(lo.clone()), v);
            } else {
                intervals.add(new ConcatEntry(lo.clone(), hi.clone(), v));
            }
            return this;
        }

        public NamedMap build() {
            return new NamedMap(name, new TreeMap<>(entries), byName, exact, intervals);
        }
    }
}
