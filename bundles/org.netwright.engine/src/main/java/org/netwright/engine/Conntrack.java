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
            c.rec().record(c, TraceEvent.CtUntracked.INSTANCE);
            return;
        }
        if (s.ct != null) {
            c.rec().record(c, new TraceEvent.CtAttached(s.ct.id));
            return;
        }
        int zone = s.zoneTemplate;
        Packet p = s.pkt;
        if (p.isIcmpError()) {
            ConntrackTable.Hit h = tab.lookup(zone, Tuple.of(p.inner()).invert());
            if (h == null) {
                tab.stats.invalid++;
                s.ctState = CtState.INVALID;
                c.rec().record(c, new TraceEvent.CtInvalid(TraceEvent.CtInvalid.Cause.UNKNOWN_ICMP_ERROR, zone));
                return;
            }
            s.ct = h.entry();
            s.ctDir = h.dir();
            s.ctState = CtState.RELATED;
            tab.stats.found++;
            c.rec().record(c, new TraceEvent.CtRelated(h.entry().id, zone, h.dir()));
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
            c.rec().record(c, new TraceEvent.CtHit(e.id, zone, h.dir(), s.ctState, e.orig, e.reply));
            return;
        }
        if (!canStart(p)) {
            tab.stats.invalid++;
            s.ctState = CtState.INVALID;
            c.rec().record(c, new TraceEvent.CtInvalid(TraceEvent.CtInvalid.Cause.CANNOT_START, zone));
            return;
        }
        CtEntry e = new CtEntry(c.sim().nextCtId(), zone, t);
        s.ct = e;
        s.ctDir = CtDir.ORIGINAL;
        s.ctState = CtState.NEW;
        c.rec().record(c, new TraceEvent.CtCreated(e.id, zone, e.orig));
    }

    private static boolean canStart(Packet p) {
        if (p.proto() == Packet.ICMP) {
            return p.icmpType() == Packet.ICMP_ECHO || p.icmpType() == 13 || p.icmpType() == 15 || p.icmpType() == 17;
        }
        if (p.proto() == Packet.ICMPV6) {
            // nf_conntrack_proto_icmpv6: echo request and node information query start a connection
            return p.icmpType() == Packet.ICMP6_ECHO_REQUEST || p.icmpType() == 139;
        }
        if (p.proto() == Packet.TCP) {
            return TcpTracking.canStart(p);
        }
        return true;
    }

    /** Confirm: inserts the unconfirmed entry of the packet; returns the clash that drops it, else null. */
    static TraceEvent.CtClash confirm(EvalContext c) {
        Skb s = c.skb();
        if (s.ct == null || s.ct.confirmed) {
            return null;
        }
        if (s.ctDir != CtDir.ORIGINAL) {
            // __nf_conntrack_confirm: only a packet of the original direction confirms (a REJECT's reset does not)
            return null;
        }
        ConntrackTable tab = c.sim().conntrack(c.ns().name());
        if (tab.insert(s.ct)) {
            tab.stats.inserted++;
            CtEntry e = s.ct;
            c.rec().record(c, new TraceEvent.CtConfirmed(e.id, e.zone, e.orig, e.reply));
            return null;
        }
        tab.stats.insertFailed++;
        tab.stats.drop++;
        ConntrackTable.Hit o = tab.lookup(s.ct.zone, s.ct.orig);
        ConntrackTable.Hit r = tab.lookup(s.ct.zone, s.ct.reply);
        ConntrackTable.Hit other = r != null ? r : o;
        CtEntry o2 = other.entry();
        TraceEvent.CtClash clash = new TraceEvent.CtClash(s.ct.id, s.ct.orig, s.ct.reply, o2.id, o2.orig, o2.reply,
                s.ct.orig.generic());
        c.rec().record(c, clash);
        return clash;
    }
}
