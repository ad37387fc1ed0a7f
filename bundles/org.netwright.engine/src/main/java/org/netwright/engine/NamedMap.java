package org.netwright.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * A named map keyed by an address or port interval. Values are NAT targets (address[:port]) or verdicts.
 * Lookup is a floor search in a sorted map (O(log n)).
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
    private final TreeMap<Long, Entry> entries;

    private NamedMap(String name, TreeMap<Long, Entry> entries) {
        this.name = name;
        this.entries = entries;
    }

    public String name() {
        return name;
    }

    /** Looks a key (address bits or port, as unsigned) up; {@code null} when absent. */
    public Value lookup(long key) {
        Map.Entry<Long, Entry> e = entries.floorEntry(key);
        if (e == null || e.getValue().hi < key) {
            return null;
        }
        return e.getValue().value;
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
