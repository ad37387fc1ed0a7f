package org.netwright.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named map keyed by an address (IPv4 or IPv6) or port interval, by an interface name, or by a concatenation of
 * fields. Values are NAT targets (address[:port]) or verdicts. Lookup is a floor search over the sorted interval starts
 * (O(log n)), a hash lookup of a name or of an exact concatenated key, else a scan of the concatenated intervals.
 */
public final class NamedMap {
    /** A map value: NAT target ({@code addr}, optional {@code port}) or a verdict statement. */
    public record Value(IpAddr addr, Integer port, Statement verdict) {
        public static Value addr(String a) {
            return new Value(IpAddr.parse(a), null, null);
        }

        public static Value addrPort(String a, int port) {
            return new Value(IpAddr.parse(a), port, null);
        }

        public static Value verdict(Statement v) {
            return new Value(null, null, v);
        }

        @Override
        public String toString() {
            if (verdict != null) {
                return verdict.toString();
            }
            return (addr.isV6() && port != null ? "[" + addr + "]" : addr.toString()) + (port == null ? "" : ":" + port);
        }
    }

    private record Entry(long lo, long hi, Value value) {
    }

    private final String name;
    // compiled once into sorted primitive keys + parallel entries: the lookup runs on the walk's hot path
    // (verdict maps, nat maps) and a binary search over long[] needs no boxing
    private final long[] los;
    private final Entry[] entries;
    /** IPv6 address keys: starts ascending, ends, values. */
    private final IpAddr[] los6;
    private final IpAddr[] his6;
    private final Value[] values6;
    private final Map<String, Value> byName;
    /** Concatenated keys: the elements without intervals by their key, the others scanned in order. */
    private final Map<ConcatKey, Value> exact;
    private final java.util.List<ConcatEntry> intervals;

    /** A concatenated key's values, one per field (IPv4 addresses and numbers unsigned). */
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

    private NamedMap(String name, TreeMap<Long, Entry> sorted, TreeMap<IpAddr, Object[]> sorted6, Map<String, Value> byName,
            Map<ConcatKey, Value> exact, java.util.List<ConcatEntry> intervals) {
        this.byName = Map.copyOf(byName);
        this.exact = Map.copyOf(exact);
        this.intervals = java.util.List.copyOf(intervals);
        this.los6 = sorted6.keySet().toArray(new IpAddr[0]);
        this.his6 = sorted6.values().stream().map(e -> (IpAddr) e[0]).toArray(IpAddr[]::new);
        this.values6 = sorted6.values().stream().map(e -> (Value) e[1]).toArray(Value[]::new);
        this.name = name;
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

    /** Looks an address up (IPv4 by its bits, IPv6 in the IPv6 keys); {@code null} when absent. */
    public Value lookup(IpAddr a) {
        if (!a.isV6()) {
            return lookup(a.lo());
        }
        int i = AddrSet.floor(los6, a);
        return i >= 0 && his6[i].compareTo(a) >= 0 ? values6[i] : null;
    }

    /** Looks an IPv4 address key (its bits, unsigned) or a port up; {@code null} when absent. */
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

    /** The value for the packet field {@code key} has in {@code s}; {@code null} when absent. */
    static Value lookup(NamedMap map, MapKey key, Skb s) {
        if (map == null) {
            return null;
        }
        if (key.isName()) {
            return map.lookup(key == MapKey.IIFNAME ? s.iif : s.oif);
        }
        if (key == MapKey.SADDR || key == MapKey.DADDR) {
            return map.lookup(key == MapKey.SADDR ? s.pkt.src() : s.pkt.dst());
        }
        long k = Matches.keyValue(key, s);
        return k < 0 ? null : map.lookup(k);
    }

    /**
     * The value for the concatenation of {@code keys} in {@code s}; {@code null} when absent or a field is missing (an
     * IPv6 address among IPv4 keys included).
     */
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

    /** Number of elements with an IPv4 address or number key (key intervals). */
    public int size() {
        return entries.length;
    }

    /** The lowest key (unsigned) of element {@code i}, elements ascending: for analyses over whole maps. */
    public long keyLow(int i) {
        return entries[i].lo();
    }

    /** The highest key (unsigned, inclusive) of element {@code i}. */
    public long keyHigh(int i) {
        return entries[i].hi();
    }

    /** The value of element {@code i}. */
    public Value value(int i) {
        return entries[i].value();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder; intervals must not overlap. */
    public static final class Builder {
        private final String name;
        private final TreeMap<Long, Entry> entries = new TreeMap<>();
        private final TreeMap<IpAddr, Object[]> entries6 = new TreeMap<>();
        private final Map<String, Value> byName = new LinkedHashMap<>();
        private final Map<ConcatKey, Value> exact = new LinkedHashMap<>();
        private final java.util.List<ConcatEntry> intervals = new java.util.ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Address key: {@code a.b.c.d}, prefix or range. */
        public Builder addr(String key, Value v) {
            int dash = key.indexOf('-');
            IpAddr lo;
            IpAddr hi;
            if (dash > 0) {
                lo = IpAddr.parse(key.substring(0, dash));
                hi = IpAddr.parse(key.substring(dash + 1));
            } else {
                Prefix p = Prefix.parse(key);
                lo = p.first();
                hi = p.last();
            }
            if (lo.isV6()) {
                entries6.put(lo, new Object[] {hi, v});
            } else {
                entries.put(lo.lo(), new Entry(lo.lo(), hi.lo(), v));
            }
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
         * Concatenated key: field {@code i} spans {@code lo[i]..hi[i]} (IPv4 addresses and numbers unsigned; equal bounds
         * for a single value).
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
            return new NamedMap(name, new TreeMap<>(entries), new TreeMap<>(entries6), byName, exact, intervals);
        }
    }
}
