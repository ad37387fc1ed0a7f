package org.netwright.referee;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.netwright.engine.CtEntryView;
import org.netwright.engine.Disposition;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Location;
import org.netwright.engine.Packet;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Tuple;
import org.netwright.lab.ConntrackEntry;

/**
 * One probe of an example as either side saw it, in terms both can observe: where the request was delivered
 * (namespace, or null) and its header on arrival there; where it was dropped (the last namespace that had it and
 * neither delivered nor sent it on) and whether that namespace refused it (ICMP error or TCP reset); whether the
 * answer reached the sender and its header there; whether a reset reached the sender; the ICMP errors that reached a
 * namespace ("type/code@ns", sorted); the conntrack entries of every namespace after the probe ({@link #ct}).
 * {@code lastHeader} (the request's header where it was last seen arriving) serves the verdict only.
 */
record Observed(String deliveredTo, Hdr atDst, String droppedAt, boolean refused, Hdr lastHeader, boolean replied,
        Hdr replyHeader, boolean reset, List<String> icmpErrors, Map<String, List<String>> conntrack) {

    /** The fields that must agree, as "field: engine X, kernel Y" lines; empty when they do. */
    List<String> diff(Observed kernel) {
        List<String> d = new ArrayList<>();
        field(d, "delivered to", deliveredTo, kernel.deliveredTo);
        field(d, "header at destination", atDst, kernel.atDst);
        field(d, "dropped at", droppedAt, kernel.droppedAt);
        if (droppedAt != null && Objects.equals(droppedAt, kernel.droppedAt)) {
            field(d, "refused (icmp error / reset sent)", refused, kernel.refused);
        }
        field(d, "reply back at the sender", replied, kernel.replied);
        field(d, "reply header at the sender", replyHeader, kernel.replyHeader);
        field(d, "reset back at the sender", reset, kernel.reset);
        field(d, "icmp errors", icmpErrors, kernel.icmpErrors);
        for (String ns : new java.util.TreeSet<>(union(conntrack.keySet(), kernel.conntrack.keySet()))) {
            field(d, "conntrack in " + ns, conntrack.getOrDefault(ns, List.of()), kernel.conntrack.getOrDefault(ns, List.of()));
        }
        return d;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static void field(List<String> d, String what, Object engine, Object kernel) {
        if (!Objects.equals(engine, kernel)) {
            d.add(what + ": engine " + engine + ", kernel " + kernel);
        }
    }

    /** The same with conntrack entries and the header at the destination read through the given translations. */
    Observed translated(java.util.function.BinaryOperator<String> entry, java.util.function.UnaryOperator<Hdr> atDestination) {
        Map<String, List<String>> ct = new TreeMap<>();
        conntrack.forEach((ns, es) -> ct.put(ns, es.stream().map(e -> entry.apply(ns, e)).sorted().toList()));
        return new Observed(deliveredTo, atDestination.apply(atDst), droppedAt, refused, lastHeader, replied, replyHeader, reset,
                icmpErrors, ct);
    }

    /** Every conntrack entry as "ns: entry". */
    Set<String> entries() {
        Set<String> out = new LinkedHashSet<>();
        conntrack.forEach((ns, es) -> es.forEach(e -> out.add(ns + ": " + e)));
        return out;
    }

    /** The same without the given "ns: entry" conntrack entries. */
    Observed without(Set<String> excluded) {
        Map<String, List<String>> ct = new TreeMap<>();
        conntrack.forEach((ns, es) -> {
            List<String> kept = es.stream().filter(e -> !excluded.contains(ns + ": " + e)).toList();
            if (!kept.isEmpty()) {
                ct.put(ns, kept);
            }
        });
        return new Observed(deliveredTo, atDst, droppedAt, refused, lastHeader, replied, replyHeader, reset, icmpErrors, ct);
    }

    /** The engine's walk in these terms; {@code namespaces} are the model's (conntrack is compared for them). */
    static Observed of(ProbeResult r, List<String> namespaces) {
        String sender = r.probe().namespace();
        String delivered = nsOf(r.deliveredTo());
        Disposition d = r.disposition();
        boolean dropped = d.dropped();
        String droppedAt = dropped ? d.namespace() : null;
        Packet firstReply = r.replyPath().isEmpty() ? null : r.replyPath().get(0).header();
        boolean resetReply = firstReply != null && firstReply.proto() == Packet.TCP && (firstReply.tcpFlags() & Packet.RST) != 0;
        boolean reset = resetReply && r.replyDelivered();
        boolean refused = resetReply && droppedAt != null;
        List<String> errors = new ArrayList<>();
        for (ProbeResult.IcmpError e : r.icmpErrors()) {
            boolean rst = e.header() != null && e.header().proto() == Packet.TCP;
            if (rst) {
                refused |= e.from().equals(droppedAt);
                reset |= sender.equals(nsOf(e.deliveredTo()));
                continue;
            }
            refused |= e.from().equals(droppedAt);
            if (e.deliveredTo() != null) {
                errors.add(e.type() + "/" + e.code() + "@" + nsOf(e.deliveredTo()));
            }
        }
        errors.sort(null);
        boolean replied = r.replyDelivered() && !resetReply;
        Hdr replyHeader = replied ? Hdr.of(r.replyPath().get(r.replyPath().size() - 1).header()) : null;
        Hdr last = r.path().isEmpty() ? null : Hdr.of(r.path().get(r.path().size() - 1).header());
        Map<String, List<String>> ct = new TreeMap<>();
        for (String ns : namespaces) {
            List<String> entries = new ArrayList<>();
            for (CtEntryView v : r.conntrack().getOrDefault(ns, List.of())) {
                entries.add(ct(v.zone(), v.mark(), v.orig(), v.reply()));
            }
            if (!entries.isEmpty()) {
                entries.sort(null);
                ct.put(ns, List.copyOf(entries));
            }
        }
        return new Observed(delivered, delivered == null ? null : Hdr.of(r.observedAtDst()), droppedAt, refused, last,
                replied, replyHeader, reset, List.copyOf(errors), ct);
    }

    static String nsOf(Location at) {
        return at == null ? null : at.namespace();
    }

    /** A conntrack entry as compared: protocol, zone, mark, both tuples (ports for tcp/udp only; no ICMP ids). */
    static String ct(int zone, long mark, Tuple orig, Tuple reply) {
        return Packet.protoName(orig.proto()) + " zone=" + zone + " mark=0x" + Long.toHexString(mark) + " "
                + tuple(orig.proto(), String.valueOf(orig.src()), orig.sport(), String.valueOf(orig.dst()), orig.dport()) + " / "
                + tuple(reply.proto(), String.valueOf(reply.src()), reply.sport(), String.valueOf(reply.dst()), reply.dport());
    }

    static String ct(ConntrackEntry e) {
        return Packet.protoName(e.protonum()) + " zone=" + e.zone() + " mark=0x" + Long.toHexString(e.mark()) + " "
                + tuple(e.protonum(), e.orig().src(), e.orig().sport(), e.orig().dst(), e.orig().dport()) + " / "
                + tuple(e.protonum(), e.reply().src(), e.reply().sport(), e.reply().dst(), e.reply().dport());
    }

    private static String tuple(int proto, String src, int sport, String dst, int dport) {
        boolean ports = proto == Packet.TCP || proto == Packet.UDP;
        return src + (ports ? ":" + sport : "") + ">" + dst + (ports ? ":" + dport : "");
    }

    @Override
    public String toString() {
        return "delivered=" + deliveredTo + (atDst == null ? "" : " [" + atDst + "]") + " dropped=" + droppedAt
                + (refused ? " (refused)" : "") + " replied=" + replied + (replyHeader == null ? "" : " [" + replyHeader + "]")
                + " reset=" + reset + " icmp=" + icmpErrors + " ct=" + conntrack;
    }
}
