package org.netwright.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The confirmed conntrack entries of one namespace, hashed by (zone, tuple) for both directions. */
public final class ConntrackTable {
    /** A lookup hit: entry and the direction the looked-up tuple has in it. */
    public record Hit(CtEntry entry, CtDir dir) {
    }

    private record Key(int zone, Tuple tuple) {
    }

    /** A connection's source as find_appropriate_src compares it: zone, protocol, source address and port. */
    private record Source(int zone, int proto, IpAddr addr, int port) {
    }

    // created on the first insert: a simulation has a table per namespace, and most stay empty
    private Map<Key, Hit> index = Map.of();
    private Map<Long, CtEntry> entries = Map.of();
    /** Entries that had their source NAT set up (the null binding counts), by source, oldest first. */
    private Map<Source, List<CtEntry>> bySource = Map.of();
    final CtStats stats = new CtStats();

    /** A deep copy for another branch of a walk: the same entries (copied), index and source lists. */
    ConntrackTable copy() {
        ConntrackTable c = new ConntrackTable();
        c.stats.add(stats);
        if (entries.isEmpty()) {
            return c;
        }
        java.util.IdentityHashMap<CtEntry, CtEntry> same = new java.util.IdentityHashMap<>();
        c.index = new HashMap<>();
        c.entries = new LinkedHashMap<>();
        c.bySource = new HashMap<>();
        for (CtEntry e : entries.values()) {
            CtEntry x = e.copy();
            same.put(e, x);
            c.entries.put(x.id, x);
        }
        index.forEach((k, h) -> c.index.put(k, new Hit(same.get(h.entry()), h.dir())));
        bySource.forEach((k, l) -> {
            List<CtEntry> copy = new ArrayList<>(l.size());
            for (CtEntry e : l) {
                copy.add(same.get(e));
            }
            c.bySource.put(k, copy);
        });
        return c;
    }

    public Hit lookup(int zone, Tuple t) {
        return index.isEmpty() ? null : index.get(new Key(zone, t));
    }

    /** Whether a confirmed entry other than {@code ignore} uses tuple {@code t} in either direction. */
    boolean taken(int zone, Tuple t, CtEntry ignore) {
        Hit h = lookup(zone, t);
        return h != null && h.entry() != ignore;
    }

    /** Inserts at confirm time; false on a clash of either tuple. */
    boolean insert(CtEntry e) {
        if (index.isEmpty()) {
            index = new HashMap<>();
            entries = new LinkedHashMap<>();
            bySource = new HashMap<>();
        }
        Key o = new Key(e.zone, e.orig);
        Key r = new Key(e.zone, e.reply);
        if (index.containsKey(o) || index.containsKey(r)) {
            return false;
        }
        index.put(o, new Hit(e, CtDir.ORIGINAL));
        index.put(r, new Hit(e, CtDir.REPLY));
        entries.put(e.id, e);
        if (e.srcNatDone) {
            bySource.computeIfAbsent(source(e), k -> new ArrayList<>(1)).add(e);
        }
        e.confirmed = true;
        return true;
    }

    /** Deletes a confirmed entry (both tuples); false when it was not in the table. */
    boolean remove(CtEntry e) {
        if (entries.remove(e.id) == null) {
            return false;
        }
        index.remove(new Key(e.zone, e.orig));
        index.remove(new Key(e.zone, e.reply));
        List<CtEntry> same = bySource.get(source(e));
        if (same != null) {
            same.remove(e);
        }
        return true;
    }

    private static Source source(CtEntry e) {
        return new Source(e.zone, e.orig.proto(), e.orig.src(), e.orig.sport());
    }

    /**
     * The entries with source NAT set up whose original source is {@code t}'s (address, port, protocol) in
     * {@code zone}, the most recent first, as find_appropriate_src walks them.
     */
    List<CtEntry> mappedSources(int zone, Tuple t) {
        List<CtEntry> same = bySource.isEmpty() ? null : bySource.get(new Source(zone, t.proto(), t.src(), t.sport()));
        return same == null ? List.of() : same.reversed();
    }

    public List<CtEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    public int size() {
        return entries.size();
    }

    public CtStats stats() {
        return stats;
    }
}
