package org.netwright.engine;

/**
 * What TCP state tracking (nf_conntrack_proto_tcp) does to an entry beyond NEW/ESTABLISHED. Modelled: when the
 * first packet seen in the reply direction is a reset (a SYN to a closed port), the kernel deletes the entry
 * at once, since such a connection was never established; the reset itself is still
 * translated by the entry it carries. Which packets may create an entry: a SYN without ACK, or (pickup of an
 * existing connection, nf_conntrack_tcp_loose=1, the default) a bare ACK; a SYN-ACK, FIN, RST or a segment
 * without flags is invalid when no entry exists (the state table's sNO row). Not modelled: window tracking and
 * the state timeouts.
 */
final class TcpTracking {
    private TcpTracking() {
    }

    /** Whether a TCP segment without an entry starts one (else it is INVALID). */
    static boolean canStart(Packet p) {
        int f = p.tcpFlags();
        if ((f & (Packet.RST | Packet.FIN)) != 0) {
            return false;
        }
        boolean syn = (f & Packet.SYN) != 0;
        boolean ack = (f & Packet.ACK) != 0;
        return syn != ack;
    }

    /** Called after a lookup hit; {@code firstReply} is whether no reply had been seen before this packet. */
    static void afterHit(EvalContext c, ConntrackTable tab, CtEntry e, CtDir dir, boolean firstReply) {
        Packet p = c.skb().pkt;
        if (p.proto() != Packet.TCP || dir != CtDir.REPLY || !firstReply || (p.tcpFlags() & Packet.RST) == 0) {
            return;
        }
        if (tab.remove(e)) {
            c.rec().record(c, new TraceEvent.CtDeleted(e.id));
        }
    }
}
