package org.netwright.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code -m recent} table (xt_recent, per name and namespace): entries keyed by the masked address, each with
 * its number of timestamps (at most {@link #STAMPS}) and the TTL last seen, the least recently updated first. At most
 * {@link #MAX_ENTRIES} entries ({@code ip_list_tot}), the least recently updated is evicted. The probes of a run
 * happen within one second, so every timestamp is within any {@code --seconds} and {@code --reap} removes nothing.
 */
final class RecentTable {
    static final int MAX_ENTRIES = 100;
    static final int STAMPS = 32;

    private static final class Entry {
        int stamps;
        int ttl;
    }

    private final LinkedHashMap<IpAddr, Entry> entries = new LinkedHashMap<>();

    RecentTable copy() {
        RecentTable t = new RecentTable();
        for (Map.Entry<IpAddr, Entry> e : entries.entrySet()) {
            Entry c = new Entry();
            c.stamps = e.getValue().stamps;
            c.ttl = e.getValue().ttl;
            t.entries.put(e.getKey(), c);
        }
        return t;
    }

    /** Evaluates {@code m} for address {@code addr} (already chosen by the rule's side) of a packet with {@code ttl}. */
    boolean test(Match.Recent m, IpAddr addr, int ttl) {
        // --mask is an IPv4 netmask; IPv6 addresses are kept whole
        IpAddr key = addr.isV6() ? addr : IpAddr.v4(addr.v4bits() & m.mask());
        Entry e = entries.get(key);
        switch (m.mode()) {
            case SET -> {
                if (e == null) {
                    if (entries.size() >= MAX_ENTRIES) {
                        entries.remove(entries.keySet().iterator().next());
                    }
                    e = new Entry();
                }
                update(key, e, ttl);
                return true;
            }
            case REMOVE -> {
                return entries.remove(key) != null;
            }
            default -> {
                if (e == null || (m.ttl() && e.ttl != ttl) || e.stamps < Math.max(1, m.hitcount())) {
                    return false;
                }
                if (m.mode() == Match.RecentMode.UPDATE) {
                    update(key, e, ttl);
                }
                return true;
            }
        }
    }

    private void update(IpAddr key, Entry e, int ttl) {
        entries.remove(key);
        e.stamps = Math.min(STAMPS, e.stamps + 1);
        e.ttl = ttl;
        entries.put(key, e);
    }
}
