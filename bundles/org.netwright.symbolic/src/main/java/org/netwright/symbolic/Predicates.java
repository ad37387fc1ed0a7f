package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.netwright.engine.AddrSet;
import org.netwright.engine.Packet;
import org.netwright.engine.PortSet;

/**
 * Tests of the <em>current</em> header of a {@link Flow} as BDDs over the original header: a field rewritten to a
 * constant is decided at once, one still original is a BDD of its ranges (cached per set, as a chain tests the same
 * sets again and again).
 */
final class Predicates {
    private final HeaderSpace hs;
    private final Bdd bdd;
    private final Map<Object, List<EngineValues.Range>> rangesOf = new IdentityHashMap<>();
    private final Map<Field, Map<Object, Integer>> cache = new java.util.EnumMap<>(Field.class);
    private int hasPorts = -1;

    Predicates(HeaderSpace hs) {
        this.hs = hs;
        this.bdd = hs.bdd();
    }

    HeaderSpace space() {
        return hs;
    }

    static int constant(boolean b) {
        return b ? Bdd.TRUE : Bdd.FALSE;
    }

    /** The current value of {@code f} lies in one of {@code ranges}. */
    int in(Flow flow, Field f, List<EngineValues.Range> ranges) {
        long v = flow.fixed(f);
        if (v != Flow.SYMBOLIC) {
            for (EngineValues.Range r : ranges) {
                if (r.contains(v)) {
                    return Bdd.TRUE;
                }
            }
            return Bdd.FALSE;
        }
        return original(f, ranges);
    }

    /** The original value of {@code f} lies in one of {@code ranges}. */
    int original(Field f, List<EngineValues.Range> ranges) {
        int r = Bdd.FALSE;
        for (EngineValues.Range x : ranges) {
            r = bdd.or(r, hs.range(f, x.lo(), x.hi()));
        }
        return r;
    }

    /** As {@link #in}, for a set object whose ranges {@code ranges} computes once. */
    private int inCached(Flow flow, Field f, Object set, java.util.function.Supplier<List<EngineValues.Range>> ranges) {
        List<EngineValues.Range> rs = rangesOf.computeIfAbsent(set, k -> ranges.get());
        if (flow.fixed(f) != Flow.SYMBOLIC) {
            return in(flow, f, rs);
        }
        return cache.computeIfAbsent(f, k -> new IdentityHashMap<>()).computeIfAbsent(set, k -> original(f, rs));
    }

    int in(Flow flow, Field f, long value) {
        return in(flow, f, List.of(new EngineValues.Range(value, value)));
    }

    int addresses(Flow flow, Field f, AddrSet set) {
        return inCached(flow, f, set, () -> EngineValues.ranges(set));
    }

    int ports(Flow flow, Field f, PortSet set) {
        return bdd.and(hasPorts(), inCached(flow, f, set, () -> portRanges(set)));
    }

    /** TCP or UDP: the protocols whose ports the engine reads. */
    int hasPorts() {
        if (hasPorts < 0) {
            hasPorts = bdd.or(hs.eq(Field.PROTO, Packet.TCP), hs.eq(Field.PROTO, Packet.UDP));
        }
        return hasPorts;
    }

    int proto(int p) {
        return hs.eq(Field.PROTO, p);
    }

    /** The ranges of a port set (it only answers membership: scanned once per set). */
    static List<EngineValues.Range> portRanges(PortSet set) {
        List<EngineValues.Range> out = new ArrayList<>();
        int start = -1;
        for (int p = 0; p <= 65536; p++) {
            boolean in = p < 65536 && set.contains(p);
            if (in && start < 0) {
                start = p;
            } else if (!in && start >= 0) {
                out.add(new EngineValues.Range(start, p - 1));
                start = -1;
            }
        }
        return out;
    }
}
