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

    // created on the first insert: a simulation has a table per namespace, and most stay empty
    private Map<Key, Hit> index = Map.of();
    private Map<Long, CtEntry> entries = Map.of();
    final CtStats stats = new CtStats();

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
        }
        Key o = new Key(e.zone, e.orig);
        Key r = new Key(e.zone, e.reply);
        if (index.containsKey(o) || index.containsKey(r)) {
            return false;
        }
        index.put(o, new Hit(e, CtDir.ORIGINAL));
        index.put(r, new Hit(e, CtDir.REPLY));
        entries.put(e.id, e);
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
        return true;
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
