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
    /** Conntrack tables by the view's namespace order, each made when first used. */
    private final ConntrackTable[] tables;
    /** Tables of names the view does not have, in creation order (after the view's in results); rarely any. */
    private Map<String, ConntrackTable> otherTables;
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
        this.tables = new ConntrackTable[view.size()];
    }

    public NetworkView view() {
        return view;
    }

    public ConntrackTable conntrack(String ns) {
        int i = view.indexOf(ns);
        if (i >= 0) {
            ConntrackTable t = tables[i];
            if (t == null) {
                t = new ConntrackTable();
                tables[i] = t;
            }
            return t;
        }
        if (otherTables == null) {
            otherTables = new LinkedHashMap<>();
        }
        return otherTables.computeIfAbsent(ns, k -> new ConntrackTable());
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
        // snapshots of the tables made so far; a table made during the probe has none (it started at zero)
        CtStats[] before = new CtStats[tables.length];
        for (int i = 0; i < tables.length; i++) {
            before[i] = tables[i] == null ? null : tables[i].stats.copy();
        }
        Map<String, CtStats> otherBefore = otherTables == null ? Map.of() : new LinkedHashMap<>();
        if (otherTables != null) {
            otherTables.forEach((k, v) -> otherBefore.put(k, v.stats.copy()));
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
                    ? d.fate() == Disposition.Fate.DELIVERED && d.namespace().equals(p.namespace())
                    : d.fate() == Disposition.Fate.LEFT_NETWORK && d.namespace().equals(p.namespace())
                            && p.device().equals(d.device());
            walkErrors(rw, errors);
        }
        Map<String, List<CtEntryView>> ct = new LinkedHashMap<>();
        Map<String, CtStats> delta = new LinkedHashMap<>();
        for (int i = 0; i < tables.length; i++) {
            if (tables[i] != null) {
                report(view.name(i), tables[i], before[i], ct, delta);
            }
        }
        if (otherTables != null) {
            otherTables.forEach((k, v) -> report(k, v, otherBefore.get(k), ct, delta));
        }
        Location deliveredTo = deliveredTo(trace.disposition());
        return new ProbeResult(p, trace, deliveredTo, w.rec.observedAtDst, List.copyOf(w.rec.path), w.rec.lastSeenAt,
                List.copyOf(errors), replyTrace, replyDelivered, replyPath, ct, delta);
    }

    /** Adds a table's entries and its statistics' change since {@code before} (null: since zero) to a result. */
    private static void report(String ns, ConntrackTable v, CtStats before, Map<String, List<CtEntryView>> ct,
            Map<String, CtStats> delta) {
        if (v.size() > 0) {
            List<CtEntryView> views = new ArrayList<>(v.size());
            for (CtEntry e : v.entries()) {
                views.add(e.view(ns));
            }
            ct.put(ns, List.copyOf(views));
        }
        if (before == null ? !v.stats.isZero() : !v.stats.sameAs(before)) {
            delta.put(ns, v.stats.minus(before == null ? new CtStats() : before));
        }
    }

    /** Namespace and device of a delivery, null for any other disposition. */
    private static Location deliveredTo(Disposition d) {
        return d.fate() == Disposition.Fate.DELIVERED ? d.location() : null;
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
