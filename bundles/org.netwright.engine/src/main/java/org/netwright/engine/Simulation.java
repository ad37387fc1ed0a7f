package org.netwright.engine;

import java.util.ArrayList;
import java.util.HashMap;
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
    /** At most this many outcomes of one probe are explored; more are reported as capped. */
    public static final int MAX_OUTCOMES = 64;

    private final NetworkView view;
    /** The state the engine walks in: the first world's. */
    private State state;
    /**
     * The worlds the run is in, one per outcome of the last probe (with its state, probability and what was not
     * executed on its way); a single certain world until a walk meets a choice point or an opaque element.
     */
    private List<World> worlds;
    /** The choices of the walk under way. */
    Branching branching = Branching.first();

    /**
     * Everything probes leave behind for later probes: conntrack tables, rule counters, the neighbour table,
     * {@code recent} tables and {@code statistic nth} counters. Copied for every branch a walk explores.
     */
    static final class State {
        /** Conntrack tables by the view's namespace order, each made when first used. */
        final ConntrackTable[] tables;
        /** Tables of names the view does not have, in creation order (after the view's in results); rarely any. */
        Map<String, ConntrackTable> otherTables;
        /**
         * Per-rule counters, a mutable cell each so that counting a match does not box a Long; small at first (a
         * simulation often runs a few probes, which match a handful of rules).
         */
        final Map<Rule, long[]> counters = new IdentityHashMap<>(4);
        long ctIds;
        /** The neighbour (ARP) table, kept across probes like the kernel's. */
        final Neighbours.Cache neighbours;
        /** {@code recent} tables by namespace and name. */
        final Map<String, RecentTable> recent = new HashMap<>(0);
        /** {@code statistic nth} counters, one per match (each rule has its own). */
        final Map<Match.Nth, int[]> nth = new IdentityHashMap<>(0);

        State(int size, Neighbours.Cache neighbours) {
            this.tables = new ConntrackTable[size];
            this.neighbours = neighbours;
        }

        State copy() {
            State c = new State(tables.length, neighbours.copy());
            for (int i = 0; i < tables.length; i++) {
                c.tables[i] = tables[i] == null ? null : tables[i].copy();
            }
            if (otherTables != null) {
                c.otherTables = new LinkedHashMap<>();
                otherTables.forEach((k, v) -> c.otherTables.put(k, v.copy()));
            }
            counters.forEach((k, v) -> c.counters.put(k, v.clone()));
            c.ctIds = ctIds;
            recent.forEach((k, v) -> c.recent.put(k, v.copy()));
            nth.forEach((k, v) -> c.nth.put(k, v.clone()));
            return c;
        }
    }

    /** A world: its state, its probability and the elements not executed on the way there. */
    private record World(State state, double probability, List<OpaqueElement> opaque) {
    }

    public Simulation(NetworkView view) {
        this.view = view;
        this.state = new State(view.size(), new Neighbours.Cache());
        this.worlds = List.of(new World(state, 1.0, List.of()));
    }

    public NetworkView view() {
        return view;
    }

    public ConntrackTable conntrack(String ns) {
        int i = view.indexOf(ns);
        if (i >= 0) {
            ConntrackTable t = state.tables[i];
            if (t == null) {
                t = new ConntrackTable();
                state.tables[i] = t;
            }
            return t;
        }
        if (state.otherTables == null) {
            state.otherTables = new LinkedHashMap<>();
        }
        return state.otherTables.computeIfAbsent(ns, k -> new ConntrackTable());
    }

    /** Packets that matched {@code r} so far. */
    public long counter(Rule r) {
        long[] c = state.counters.get(r);
        return c == null ? 0L : c[0];
    }

    void count(Rule r) {
        state.counters.computeIfAbsent(r, k -> new long[1])[0]++;
    }

    long nextCtId() {
        return ++state.ctIds;
    }

    Neighbours.Cache neighbours() {
        return state.neighbours;
    }

    /** The {@code recent} table {@code name} of namespace {@code ns}. */
    RecentTable recent(String ns, String name) {
        return state.recent.computeIfAbsent(ns + "\u0000" + name, k -> new RecentTable());
    }

    /** Advances the counter of an {@code nth} match; whether this packet is the one it matches. */
    boolean nth(Match.Nth m) {
        int[] c = state.nth.computeIfAbsent(m, k -> new int[] {m.every() - 1 - m.packet()});
        c[0] = c[0] == m.every() - 1 ? 0 : c[0] + 1;
        return c[0] == 0;
    }

    /** The branch to take at choice point {@code c} on the walk under way. */
    int choose(Choice c) {
        return branching.choose(c);
    }

    /**
     * Walks a probe in every world of the run, once per combination of branches at its choice points, and returns
     * every outcome; the run goes on in one world per outcome (so a later probe sees the state each outcome left).
     */
    public ProbeOutcomes explore(Probe p) {
        if (!view.hasChoices() && worlds.size() == 1) {
            return walkOnce(p, worlds.get(0));
        }
        List<ProbeResult> outcomes = new ArrayList<>();
        List<World> next = new ArrayList<>();
        boolean capped = false;
        for (int w = 0; w < worlds.size() && !capped; w++) {
            World world = worlds.get(w);
            java.util.ArrayDeque<int[]> todo = new java.util.ArrayDeque<>();
            todo.push(new int[0]);
            while (!todo.isEmpty()) {
                if (outcomes.size() >= MAX_OUTCOMES) {
                    capped = true;
                    break;
                }
                int[] prefix = todo.pop();
                // every branch starts from a copy of the world's state
                state = world.state().copy();
                branching = new Branching(prefix);
                ProbeResult r = walk(p);
                List<int[]> alternatives = branching.alternatives();
                for (int i = alternatives.size() - 1; i >= 0; i--) {
                    todo.push(alternatives.get(i));
                }
                World reached = reached(world);
                outcomes.add(withBranch(r, new ProbeResult.Branch(reached.probability(), branching.chosen, reached.opaque(), w)));
                next.add(reached);
            }
        }
        branching = Branching.first();
        worlds = List.copyOf(next);
        state = worlds.get(0).state();
        return new ProbeOutcomes(p, outcomes, capped);
    }

    /**
     * The common case, a view without choice points and a run in one world: one walk in the world's own state, and
     * no bookkeeping of worlds when it stays certain (the walk's hot path).
     */
    private ProbeOutcomes walkOnce(Probe p, World world) {
        state = world.state();
        branching = Branching.first();
        ProbeResult r = walk(p);
        if (branching.opaque.isEmpty() && world.opaque().isEmpty()) {
            return new ProbeOutcomes(p, List.of(r), false);
        }
        World reached = reached(world);
        worlds = List.of(reached);
        return new ProbeOutcomes(p, List.of(withBranch(r, new ProbeResult.Branch(reached.probability(), branching.chosen,
                reached.opaque(), 0))), false);
    }

    /** The world the walk just done leaves: its state, the probability of its branches, what was not executed. */
    private World reached(World from) {
        List<OpaqueElement> opaque = new ArrayList<>(from.opaque());
        for (OpaqueElement e : branching.opaque) {
            if (!opaque.contains(e)) {
                opaque.add(e);
            }
        }
        return new World(state, from.probability() * branching.probability(), List.copyOf(opaque));
    }

    /**
     * Keeps the worlds of the last probe's outcomes {@code keep} says (by index) and drops the others: what a
     * "possibly" expectation of a scenario does, so that later steps are checked in the outcomes where it held.
     */
    public void retain(java.util.function.IntPredicate keep) {
        List<World> kept = new ArrayList<>();
        for (int i = 0; i < worlds.size(); i++) {
            if (keep.test(i)) {
                kept.add(worlds.get(i));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no outcome kept");
        }
        worlds = List.copyOf(kept);
        state = worlds.get(0).state();
    }

    /**
     * Walks a probe and returns its first outcome (every choice point's first branch; the only one when the walk
     * meets none). {@link #explore} gives them all.
     */
    public ProbeResult probe(Probe p) {
        return explore(p).first();
    }

    private static ProbeResult withBranch(ProbeResult r, ProbeResult.Branch b) {
        return new ProbeResult(r.probe(), r.trace(), r.deliveredTo(), r.observedAtDst(), r.path(), r.lastSeenAt(),
                r.icmpErrors(), r.replyTrace(), r.replyDelivered(), r.replyPath(), r.conntrack(), r.ctStatsDelta(), b);
    }

    /** Walks a probe, its ICMP errors and its reply, in the current state with the current branching. */
    private ProbeResult walk(Probe p) {
        ConntrackTable[] tables = state.tables;
        Map<String, ConntrackTable> otherTables = state.otherTables;
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
        if (state.otherTables != null) {
            state.otherTables.forEach((k, v) -> report(k, v, otherBefore.get(k), ct, delta));
        }
        Location deliveredTo = deliveredTo(trace.disposition());
        return new ProbeResult(p, trace, deliveredTo, w.rec.observedAtDst, List.copyOf(w.rec.path), w.rec.lastSeenAt,
                List.copyOf(errors), replyTrace, replyDelivered, replyPath, ct, delta, ProbeResult.Branch.CERTAIN);
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
