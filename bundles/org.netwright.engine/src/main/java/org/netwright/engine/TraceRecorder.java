package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects hops/steps, the device path and the disposition while one packet is walked.
 *
 * <p>Recording a step allocates the step and its event, both immutable values; nothing is formatted (that was
 * most of a walk's cost): {@link TraceText} words the events when somebody reads them.
 */
final class TraceRecorder {
    /**
     * A recorder whose steps nobody reads (ARP frames of neighbour resolution): steps are not kept. Shared, so
     * only ever handed to rule evaluation, which only records steps (never entered, finished or built).
     */
    static TraceRecorder discarding() {
        return DISCARD;
    }

    private static final TraceRecorder DISCARD = new TraceRecorder(true);

    private final boolean discard;
    private final ArrayList<Hop> hops = new ArrayList<>();
    private String curNs;
    private ArrayList<TraceStep> cur;
    final List<ProbeResult.PathPoint> path = new ArrayList<>();
    Disposition disposition;
    Packet observedAtDst;
    Location lastSeenAt;

    TraceRecorder() {
        this(false);
    }

    private TraceRecorder(boolean discard) {
        this.discard = discard;
    }

    /** Whether steps are thrown away: callers skip building events nobody reads. */
    boolean discards() {
        return discard;
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
            hops.add(new Hop(curNs, new FrozenList<>(cur)));
        }
    }

    /** Records {@code e} with the packet and mark after it; returns the step (null when discarding). */
    TraceStep record(String ns, String dev, Hook hook, TraceEvent e, Packet packet, long mark) {
        if (discard) {
            return null;
        }
        enter(ns);
        TraceStep s = new TraceStep(ns, dev, hook, e, packet, mark);
        cur.add(s);
        return s;
    }

    TraceStep record(String ns, String dev, Hook hook, TraceEvent e, Skb skb) {
        return record(ns, dev, hook, e, skb == null ? null : skb.pkt, skb == null ? 0 : skb.mark);
    }

    /** An event of rule evaluation or of a hook function: where the context is. */
    TraceStep record(EvalContext c, TraceEvent e) {
        return record(c.ns().name(), c.device(), c.hook(), e, c.skb());
    }

    void point(Namespace ns, String dev, boolean in, Packet p) {
        Location at = ns.crossing(dev, in);
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
        Disposition d = disposition;
        if (d == null) {
            TraceStep s = new TraceStep("?", null, null, new TraceEvent.Dropped(Disposition.Reason.NO_DISPOSITION, null,
                    null, null, null, null), null, 0);
            d = new Disposition(Disposition.Fate.DROPPED, Location.of("?"), Disposition.Reason.NO_DISPOSITION, null, s);
        }
        return new Trace(d, new FrozenList<>(hops));
    }
}
