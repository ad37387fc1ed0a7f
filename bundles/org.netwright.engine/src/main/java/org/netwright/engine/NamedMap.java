package org.netwright.engine;

import java.util.TreeMap;

/**
 * A named map keyed by an address or port interval. Values are NAT targets (address[:port]) or verdicts.
 * Lookup is a floor search over the sorted interval starts (O(log n)).
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

    private NamedMap(String name, TreeMap<Long, Entry> sorted) {
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

    /** Looks a key (address bits or port, as unsigned) up; {@code null} when absent. */
    public Value lookup(long key) {
        int i = AddrSet.floor(los, key);
        if (i < 0 || entries[i].hi < key) {
            return null;
        }
        return entries[i].value;
    }

    /** Number of elements (key intervals). */
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

        public NamedMap build() {
            return new NamedMap(name, new TreeMap<>(entries));
        }
    }
}
