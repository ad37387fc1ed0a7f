package org.netwright.engine;

/**
 * What TCP state tracking (nf_conntrack_proto_tcp) does to an entry beyond NEW/ESTABLISHED. Modelled: when the
 * first packet seen in the reply direction is a reset (a SYN to a closed port), the kernel deletes the entry
 * at once, since such a connection was never established; the reset itself is still
 * translated by the entry it carries. Not modelled: window tracking and the state timeouts.
 */
final class TcpTracking {
    private TcpTracking() {
    }

    /** Called after a lookup hit; {@code firstReply} is whether no reply had been seen before this packet. */
    static void afterHit(EvalContext c, ConntrackTable tab, CtEntry e, CtDir dir, boolean firstReply) {
        Packet p = c.skb().pkt;
        if (p.proto() != Packet.TCP || dir != CtDir.REPLY || !firstReply || (p.tcpFlags() & Packet.RST) == 0) {
            return;
        }
        if (tab.remove(e)) {
            c.rec().step(TraceStep.Kind.CONNTRACK, c.ns().name(), c.device(), c.hook(), null,
                    () -> "entry #" + e.id + " deleted: its only reply is a tcp reset", c.skb());
        }
    }
}
