package org.netwright.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulation session over one {@link NetworkView}: owns the per-namespace conntrack tables and
 * statistics and the rule counters, so probes run one after another shape each other (a probe's
 * confirmed connections are seen by later probes). Deterministic: same view and probes, same results.
 */
public final class Simulation {
    private final NetworkView view;
    private final Map<String, ConntrackTable> tables = new LinkedHashMap<>();
    /**
     * Per-rule counters, a mutable cell each so that counting a match does not box a Long; small at first (a
     * simulation often runs a few probes, which match a handful of rules).
     */
    private final Map<Rule, long[]> counters = new IdentityHashMap<>(4);
    private long ctIds;
    /** The neighbour (ARP) table, kept across probes like the kernel's. */
    final Neighbours.Cache neighbours = new Neighbours.Cache();

    public Simulation(NetworkView view) {
        this.view = view;
        // keys now, in view order (results list namespaces in it); a table is made when first used
        // (computeIfAbsent fills a null value in place, keeping the order)
        for (String ns : view.namespaces().keySet()) {
            tables.put(ns, null);
        }
    }

    public NetworkView view() {
        return view;
    }

    public ConntrackTable conntrack(String ns) {
        return tables.computeIfAbsent(ns, k -> new ConntrackTable());
    }

    /** Packets that matched {@code r} so far. */
    public long counter(Rule r) {
        long[] c = counters.get(r);
        return c == null ? 0L : c[0];
    }

    void count(Rule r) {
        counters.computeIfAbsent(r, k -> new long[1])[0]++;
    }

    long nextCtId() {
        return ++ctIds;
    }

    /** Walks a probe, its ICMP errors and its reply. */
    public ProbeResult probe(Probe p) {
        // snapshots in table order; a table made during the probe has none (it started at zero)
        CtStats[] before = new CtStats[tables.size()];
        int n = 0;
        for (ConntrackTable v : tables.values()) {
            before[n++] = v == null ? null : v.stats.copy();
        }
        Namespace ns = view.namespace(p.namespace());
        Walker w = new Walker(this, true, null);
        Skb skb = new Skb(p.packet());
        skb.mark = p.mark();
        if (p.device() == null) {
            w.originate(ns, skb);
        } else {
            w.originHeader = p.packet();
            w.receive(ns, p.device(), skb);
        }
        Trace trace = w.rec.build();
        List<ProbeResult.IcmpError> errors = new ArrayList<>();
        walkErrors(w, errors);
        Trace replyTrace = null;
        boolean replyDelivered = false;
        List<ProbeResult.PathPoint> replyPath = List.of();
        if (p.followReply() && w.reply != null) {
            Walker rw = new Walker(this, true, w.originHeader);
            rw.originate(view.namespace(w.reply.ns()), new Skb(w.reply.pkt()));
            replyTrace = rw.rec.build();
            replyPath = List.copyOf(rw.rec.path);
            Disposition d = replyTrace.disposition();
            replyDelivered = p.device() == null
                    ? d.type() == Disposition.Type.DELIVERED && d.namespace().equals(p.namespace())
                    : d.type() == Disposition.Type.LEFT_NETWORK && d.namespace().equals(p.namespace())
                            && p.device().equals(d.device());
            walkErrors(rw, errors);
        }
        Map<String, List<CtEntryView>> ct = new LinkedHashMap<>();
        Map<String, CtStats> delta = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, ConntrackTable> t : tables.entrySet()) {
            String k = t.getKey();
            ConntrackTable v = t.getValue();
            CtStats b = i < before.length ? before[i] : null;
            i++;
            if (v == null) {
                continue;
            }
            if (v.size() > 0) {
                List<CtEntryView> views = new ArrayList<>();
                for (CtEntry e : v.entries()) {
                    views.add(e.view(k));
                }
                ct.put(k, List.copyOf(views));
            }
            if (b == null ? !v.stats.isZero() : !v.stats.sameAs(b)) {
                delta.put(k, v.stats.minus(b == null ? new CtStats() : b));
            }
        }
        Disposition d = trace.disposition();
        String deliveredTo = deliveredTo(d);
        return new ProbeResult(p, trace, deliveredTo, w.rec.observedAtDst, List.copyOf(w.rec.path), w.rec.lastSeenAt,
                List.copyOf(errors), replyTrace, replyDelivered, replyPath, ct, delta);
    }

    /** {@code ns/dev} of a delivery, null for any other disposition. */
    private String deliveredTo(Disposition d) {
        if (d.type() != Disposition.Type.DELIVERED) {
            return null;
        }
        Namespace n = view.namespaces().get(d.namespace());
        return n != null ? n.deviceLabel(d.device()) : d.namespace() + "/" + d.device();
    }

    private void walkErrors(Walker w, List<ProbeResult.IcmpError> out) {
        for (Walker.Pending e : w.errors) {
            Walker ew = new Walker(this, false, w.originHeader);
            Skb es = new Skb(e.pkt());
            if (e.ct() != null) {
                // nf_ct_attach: the reset carries the rejected packet's entry, related, in the other direction
                es.ct = e.ct();
                es.ctDir = e.dir();
                es.ctState = CtState.RELATED;
            }
            ew.originate(view.namespace(e.ns()), es);
            Trace t = ew.rec.build();
            Disposition d = t.disposition();
            out.add(new ProbeResult.IcmpError(e.ns(), e.pkt().icmpType(), e.pkt().icmpCode(),
                    ew.originHeader != null ? ew.originHeader : e.pkt(), t,
                    deliveredTo(d)));
        }
    }
}
