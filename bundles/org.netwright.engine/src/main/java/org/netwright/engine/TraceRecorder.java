package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects hops/steps, the device path and the disposition while one packet is walked.
 *
 * <p>Steps are kept in a compact recorded form and turned into {@link TraceStep}s (with their detail
 * text) only when the trace is read: formatting addresses, tuples and routes for every step was most of
 * the cost of a walk. A detail is a {@code String} or a {@code Supplier<String>}; a supplier must capture
 * the values as they are when the step is recorded (packets, tuples and routes are immutable; never
 * read a mutable {@link Skb} or {@link CtEntry} field inside it).
 */
final class TraceRecorder {
    /**
     * A recorded step, without its namespace (its hop's). Two shapes so that the many steps outside chains do
     * not carry the chain fields. {@code detail} is a String, a Supplier of one, or null.
     */
    private sealed interface Rec permits Step, ChainRec, Built {
        TraceStep build(String ns);

        static String text(Object detail) {
            return detail instanceof Supplier<?> s ? (String) s.get() : (String) detail;
        }
    }

    private record Step(TraceStep.Kind kind, String dev, Hook hook, SourceRef rule, String verdict, Object detail,
            Packet packet, long mark) implements Rec {
        @Override
        public TraceStep build(String ns) {
            return new TraceStep(kind, ns, dev, hook, null, null, null, null, rule, verdict, Rec.text(detail), packet,
                    mark);
        }
    }

    private record ChainRec(TraceStep.Kind kind, String dev, Hook hook, Family family, String table, String chain,
            int priority, SourceRef rule, String verdict, String detail, Packet packet, long mark) implements Rec {
        @Override
        public TraceStep build(String ns) {
            return new TraceStep(kind, ns, dev, hook, family, table, chain, priority, rule, verdict, detail, packet,
                    mark);
        }
    }

    /** A step handed in already built. */
    private record Built(TraceStep step) implements Rec {
        @Override
        public TraceStep build(String ns) {
            return step;
        }
    }

    private record RecHop(String ns, List<Rec> steps) {
        Hop build() {
            List<TraceStep> out = new ArrayList<>(steps.size());
            for (Rec r : steps) {
                out.add(r.build(ns));
            }
            return new Hop(ns, out);
        }
    }

    /**
     * A recorder whose steps nobody reads (ARP frames of neighbour resolution): steps are not kept. Shared, so
     * only ever handed to rule evaluation, which only records steps (never entered, finished or built).
     */
    static TraceRecorder discarding() {
        return DISCARD;
    }

    private static final TraceRecorder DISCARD = new TraceRecorder(true);

    private final boolean discard;
    private final List<RecHop> hops = new ArrayList<>();
    private String curNs;
    private List<Rec> cur;
    final List<ProbeResult.PathPoint> path = new ArrayList<>();
    Disposition disposition;
    Packet observedAtDst;
    String lastSeenAt;

    TraceRecorder() {
        this(false);
    }

    private TraceRecorder(boolean discard) {
        this.discard = discard;
    }

    void enter(String ns) {
        if (!ns.equals(curNs)) {
            flush();
            curNs = ns;
            cur = new ArrayList<>();
        }
    }

    private void flush() {
        if (curNs != null) {
            hops.add(new RecHop(curNs, cur));
        }
    }

    private void add(String ns, Rec r) {
        enter(ns);
        cur.add(r);
    }

    void add(TraceStep s) {
        if (discard) {
            return;
        }
        add(s.namespace(), new Built(s));
    }

    /** A step of a chain evaluation (rule, policy, loop guard). */
    void chainStep(TraceStep.Kind kind, String ns, String dev, Hook hook, Family family, String table, String chain,
            int priority, SourceRef rule, String verdict, String detail, Packet packet, long mark) {
        if (discard) {
            return;
        }
        add(ns, new ChainRec(kind, dev, hook, family, table, chain, priority, rule, verdict, detail, packet, mark));
    }

    /** A drop step. */
    void dropStep(String ns, String dev, SourceRef by, Supplier<String> detail, Skb skb) {
        if (discard) {
            return;
        }
        add(ns, new Step(TraceStep.Kind.DROP, dev, null, by, "drop", detail, skb.pkt, skb.mark));
    }

    void step(TraceStep.Kind kind, String ns, String dev, Hook hook, String verdict, String detail, Skb skb) {
        stepObj(kind, ns, dev, hook, verdict, detail, skb);
    }

    /** As {@link #step(TraceStep.Kind, String, String, Hook, String, String, Skb)}, detail formatted lazily. */
    void step(TraceStep.Kind kind, String ns, String dev, Hook hook, String verdict, Supplier<String> detail, Skb skb) {
        stepObj(kind, ns, dev, hook, verdict, detail, skb);
    }

    private void stepObj(TraceStep.Kind kind, String ns, String dev, Hook hook, String verdict, Object detail, Skb skb) {
        if (discard) {
            return;
        }
        add(ns, new Step(kind, dev, hook, null, verdict, detail, skb == null ? null : skb.pkt,
                skb == null ? 0 : skb.mark));
    }

    void point(Namespace ns, String dev, boolean in, Packet p) {
        String at = ns.pathLabel(dev, in);
        path.add(new ProbeResult.PathPoint(at, p));
        lastSeenAt = at;
    }

    boolean finished() {
        return disposition != null;
    }

    void finish(Disposition d) {
        if (disposition == null) {
            disposition = d;
        }
    }

    Trace build() {
        flush();
        curNs = null;
        Disposition d = disposition != null ? disposition
                : new Disposition(Disposition.Type.DROPPED, "?", null, null, "walk ended without disposition", null);
        List<RecHop> recorded = List.copyOf(hops);
        return new Trace(d, new LazyList<>(() -> {
            List<Hop> out = new ArrayList<>(recorded.size());
            for (RecHop h : recorded) {
                out.add(h.build());
            }
            return out;
        }));
    }
}
