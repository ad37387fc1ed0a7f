package org.netwright.engine;

/**
 * The conntrack hook functions: lookup/creation at priority -200 (prerouting, output) and confirmation at
 * INT_MAX (postrouting, input). Entries are keyed by (zone, tuple). A packet in the original direction is
 * NEW until a reply has been seen, then ESTABLISHED; ICMP errors whose embedded header belongs to an
 * entry are RELATED; a packet that cannot start a connection (stray ICMP echo reply, TCP RST, unknown
 * ICMP error) is INVALID. New entries stay unconfirmed until the packet passes confirm; a clash of either
 * tuple at confirm drops the packet (insert_failed) — the kernel cannot resolve it for different flows.
 */
final class Conntrack {
    private Conntrack() {
    }

    static void lookup(EvalContext c) {
        Skb s = c.skb();
        ConntrackTable tab = c.sim().conntrack(c.ns().name());
        if (s.untracked) {
            tab.stats.ignore++;
            step(c, "untracked (notrack): no conntrack lookup");
            return;
        }
        if (s.ct != null) {
            long id = s.ct.id;
            step(c, () -> "entry #" + id + " already attached (looped back, or an icmp error / reset built from a"
                    + " packet of it), lookup skipped");
            return;
        }
        int zone = s.zoneTemplate;
        Packet p = s.pkt;
        if (p.isIcmpError()) {
            ConntrackTable.Hit h = tab.lookup(zone, Tuple.of(p.inner()).invert());
            if (h == null) {
                tab.stats.invalid++;
                s.ctState = CtState.INVALID;
                step(c, () -> "icmp error about an unknown connection (zone " + zone + "): state invalid");
                return;
            }
            s.ct = h.entry();
            s.ctDir = h.dir();
            s.ctState = CtState.RELATED;
            tab.stats.found++;
            step(c, () -> "related to entry #" + h.entry().id + " (zone " + zone + ", " + h.dir().name().toLowerCase()
                    + " direction): state related");
            return;
        }
        Tuple t = Tuple.of(p);
        ConntrackTable.Hit h = tab.lookup(zone, t);
        if (h != null) {
            tab.stats.found++;
            CtEntry e = h.entry();
            s.ct = e;
            s.ctDir = h.dir();
            if (h.dir() == CtDir.REPLY) {
                s.ctState = CtState.ESTABLISHED;
                boolean firstReply = !e.seenReply;
                e.seenReply = true;
                TcpTracking.afterHit(c, tab, e, h.dir(), firstReply);
            } else {
                s.ctState = e.seenReply ? CtState.ESTABLISHED : CtState.NEW;
            }
            CtState state = s.ctState;
            Tuple reply = e.reply;
            step(c, () -> "hit entry #" + e.id + " zone " + zone + " " + h.dir().name().toLowerCase() + " direction: state "
                    + state.nft() + (state == CtState.NEW ? " (existing entry, no reply seen yet)" : "")
                    + " [" + e.orig + "] [" + reply + "]");
            return;
        }
        if (!canStart(p)) {
            tab.stats.invalid++;
            s.ctState = CtState.INVALID;
            step(c, "no entry and the packet cannot start a connection: state invalid");
            return;
        }
        CtEntry e = new CtEntry(c.sim().nextCtId(), zone, t);
        s.ct = e;
        s.ctDir = CtDir.ORIGINAL;
        s.ctState = CtState.NEW;
        step(c, () -> "new entry #" + e.id + " zone " + zone + " [" + e.orig + "] (unconfirmed)");
    }

    private static boolean canStart(Packet p) {
        if (p.proto() == Packet.ICMP) {
            return p.icmpType() == Packet.ICMP_ECHO || p.icmpType() == 13 || p.icmpType() == 15 || p.icmpType() == 17;
        }
        if (p.proto() == Packet.TCP) {
            return TcpTracking.canStart(p);
        }
        return true;
    }

    /** Confirm: inserts the unconfirmed entry of the packet; returns DROP on a clash. */
    static Verdict confirm(EvalContext c) {
        Skb s = c.skb();
        if (s.ct == null || s.ct.confirmed) {
            return Verdict.ACCEPT;
        }
        if (s.ctDir != CtDir.ORIGINAL) {
            // __nf_conntrack_confirm: only a packet of the original direction confirms (a REJECT's reset does not)
            return Verdict.ACCEPT;
        }
        ConntrackTable tab = c.sim().conntrack(c.ns().name());
        if (tab.insert(s.ct)) {
            tab.stats.inserted++;
            CtEntry e = s.ct;
            Tuple reply = e.reply;
            step(c, () -> "confirmed entry #" + e.id + " zone " + e.zone + " [" + e.orig + "] [" + reply + "]");
            return Verdict.ACCEPT;
        }
        tab.stats.insertFailed++;
        tab.stats.drop++;
        ConntrackTable.Hit o = tab.lookup(s.ct.zone, s.ct.orig);
        ConntrackTable.Hit r = tab.lookup(s.ct.zone, s.ct.reply);
        ConntrackTable.Hit other = r != null ? r : o;
        step(c, "clash: entry #" + s.ct.id + " [" + s.ct.orig + "] [" + s.ct.reply + "] collides with entry #"
                + other.entry().id + " [" + other.entry().orig + "] [" + other.entry().reply + "]"
                + (s.ct.orig.generic() ? " (generic tracking: addresses only, no port to remap)" : "")
                + ": insert failed, packet dropped");
        return Verdict.DROP;
    }

    private static void step(EvalContext c, String text) {
        c.rec().step(TraceStep.Kind.CONNTRACK, c.ns().name(), c.device(), c.hook(), null, text, c.skb());
    }

    /** A step whose text is formatted when the trace is read: capture only values fixed at this point. */
    private static void step(EvalContext c, java.util.function.Supplier<String> text) {
        c.rec().step(TraceStep.Kind.CONNTRACK, c.ns().name(), c.device(), c.hook(), null, text, c.skb());
    }
}
