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

    private final Map<Key, Hit> index = new HashMap<>();
    private final Map<Long, CtEntry> entries = new LinkedHashMap<>();
    final CtStats stats = new CtStats();

    public Hit lookup(int zone, Tuple t) {
        return index.get(new Key(zone, t));
    }

    /** Whether a confirmed entry other than {@code ignore} uses tuple {@code t} in either direction. */
    boolean taken(int zone, Tuple t, CtEntry ignore) {
        Hit h = index.get(new Key(zone, t));
        return h != null && h.entry() != ignore;
    }

    /** Inserts at confirm time; false on a clash of either tuple. */
    boolean insert(CtEntry e) {
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
