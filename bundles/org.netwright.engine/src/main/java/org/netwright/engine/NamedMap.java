package org.netwright.engine;

import java.util.TreeMap;

/**
 * A named map keyed by an address (IPv4 or IPv6) or port interval. Values are NAT targets (address[:port]) or verdicts.
 * Lookup is a floor search over the sorted interval starts (O(log n)).
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

    private NamedMap(String name, TreeMap<Long, Entry> sorted, TreeMap<IpAddr, Object[]> sorted6) {
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

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder; intervals must not overlap. */
    public static final class Builder {
        private final String name;
        private final TreeMap<Long, Entry> entries = new TreeMap<>();
        private final TreeMap<IpAddr, Object[]> entries6 = new TreeMap<>();

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

        public NamedMap build() {
            return new NamedMap(name, new TreeMap<>(entries), new TreeMap<>(entries6));
        }
    }
}
