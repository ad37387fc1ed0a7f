package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/** Collects hops/steps, the device path and the disposition while one packet is walked. */
final class TraceRecorder {
    private final List<Hop> hops = new ArrayList<>();
    private String curNs;
    private List<TraceStep> cur;
    final List<ProbeResult.PathPoint> path = new ArrayList<>();
    Disposition disposition;
    Packet observedAtDst;
    String lastSeenAt;

    void enter(String ns) {
        if (!ns.equals(curNs)) {
            flush();
            curNs = ns;
            cur = new ArrayList<>();
        }
    }

    private void flush() {
        if (curNs != null) {
            hops.add(new Hop(curNs, cur));
        }
    }

    void add(TraceStep s) {
        enter(s.namespace());
        cur.add(s);
    }

    void step(TraceStep.Kind kind, String ns, String dev, Hook hook, String verdict, String detail, Skb skb) {
        add(new TraceStep(kind, ns, dev, hook, null, null, null, null, null, verdict, detail,
                skb == null ? null : skb.pkt, skb == null ? 0 : skb.mark));
    }

    void point(String ns, String dev, boolean in, Packet p) {
        String at = ns + "/" + dev + "/" + (in ? "in" : "out");
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
        return new Trace(d, hops);
    }
}
