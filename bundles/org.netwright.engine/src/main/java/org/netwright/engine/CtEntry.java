package org.netwright.engine;

/**
 * A conntrack entry (mutable engine state, owned by a {@link ConntrackTable}). The reply tuple is altered
 * by NAT; {@code srcNat}/{@code dstNat} say that a translation is active, {@code *Done} that the nat
 * chains were consulted for that manip type (the null binding counts).
 */
public final class CtEntry {
    final long id;
    final int zone;
    final Tuple orig;
    Tuple reply;
    boolean confirmed;
    boolean seenReply;
    boolean srcNat;
    boolean dstNat;
    boolean srcNatDone;
    boolean dstNatDone;
    long mark;

    CtEntry(long id, int zone, Tuple orig) {
        this.id = id;
        this.zone = zone;
        this.orig = orig;
        this.reply = orig.invert();
    }

    /** A copy for another branch of a walk. */
    CtEntry copy() {
        CtEntry c = new CtEntry(id, zone, orig);
        c.reply = reply;
        c.confirmed = confirmed;
        c.seenReply = seenReply;
        c.srcNat = srcNat;
        c.dstNat = dstNat;
        c.srcNatDone = srcNatDone;
        c.dstNatDone = dstNatDone;
        c.mark = mark;
        return c;
    }

    public long id() {
        return id;
    }

    public int zone() {
        return zone;
    }

    public Tuple orig() {
        return orig;
    }

    public Tuple reply() {
        return reply;
    }

    public Tuple tuple(CtDir d) {
        return d == CtDir.ORIGINAL ? orig : reply;
    }

    public boolean confirmed() {
        return confirmed;
    }

    public boolean seenReply() {
        return seenReply;
    }

    public long mark() {
        return mark;
    }

    public boolean srcNat() {
        return srcNat;
    }

    public boolean dstNat() {
        return dstNat;
    }

    boolean natDone(boolean srcManip) {
        return srcManip ? srcNatDone : dstNatDone;
    }

    /** Immutable snapshot. */
    public CtEntryView view(String ns) {
        String nat = srcNat ? (dstNat ? "snat+dnat" : "snat") : dstNat ? "dnat" : null;
        return new CtEntryView(ns, Packet.protoName(orig.proto()), zone, mark, orig, reply, nat,
                seenReply ? "ESTABLISHED" : "NEW", confirmed);
    }

    @Override
    public String toString() {
        return view("").toString();
    }
}
