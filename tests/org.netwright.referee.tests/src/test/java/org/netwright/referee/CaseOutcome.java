package org.netwright.referee;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.netwright.engine.Packet;
import org.netwright.engine.ProbeResult;

/**
 * What a generated case compares per probe: the namespace whose socket (or ICMP echo responder) got the
 * request (null: none), the header it had there (after that namespace's own NAT), whether an answer reached
 * the sender ("answer": echo reply, UDP answer or SYN-ACK; "rst": a TCP reset, from a closed port or a
 * REJECT with tcp-reset; "none"), and the distinct ICMP errors that were delivered to a namespace
 * ("type/code@ns", sorted).
 */
record CaseOutcome(String deliveredTo, Hdr atDst, String reply, List<String> icmpErrors) {

    /** The engine's outcome of a probe. */
    static CaseOutcome of(ProbeResult r) {
        String delivered = r.deliveredTo() == null ? null : r.deliveredTo().substring(0, r.deliveredTo().indexOf('/'));
        String sender = r.probe().namespace();
        TreeSet<String> errors = new TreeSet<>();
        boolean rstError = false;
        for (ProbeResult.IcmpError e : r.icmpErrors()) {
            if (e.deliveredTo() == null) {
                continue;
            }
            String to = e.deliveredTo().substring(0, e.deliveredTo().indexOf('/'));
            if (e.header() != null && e.header().proto() == Packet.TCP) {
                rstError |= to.equals(sender);
            } else {
                errors.add(e.type() + "/" + e.code() + "@" + to);
            }
        }
        String reply = "none";
        if (r.replyDelivered()) {
            reply = r.probe().packet().proto() == Packet.TCP && delivered == null ? "rst" : "answer";
        } else if (rstError) {
            reply = "rst";
        }
        return new CaseOutcome(delivered, delivered == null ? null : Hdr.of(r.observedAtDst()), reply, List.copyOf(errors));
    }

    /**
     * Field-by-field differences, empty when both agree. A source port that NAT moved away from the probe's
     * own port is compared as "moved" only, unless it is one of {@code fixedPorts} (a single-port SNAT
     * target); ports of {@code rangePorts} (multi-port NAT ranges) are compared as "in the range" only: the
     * kernel picks a random port then (nf_nat_l4proto_unique_tuple starts at a random offset), the engine a
     * deterministic one.
     */
    List<String> diff(CaseOutcome kernel, int probeSport, Set<Integer> fixedPorts, Set<Integer> rangePorts) {
        List<String> d = new ArrayList<>();
        if (!Objects.equals(deliveredTo, kernel.deliveredTo)) {
            d.add("delivered: engine " + deliveredTo + ", kernel " + kernel.deliveredTo);
        }
        Hdr a = norm(atDst, probeSport, fixedPorts, rangePorts);
        Hdr b = norm(kernel.atDst, probeSport, fixedPorts, rangePorts);
        if (!Objects.equals(a, b)) {
            d.add("header at destination: engine " + atDst + ", kernel " + kernel.atDst);
        }
        if (!reply.equals(kernel.reply)) {
            d.add("answer back: engine " + reply + ", kernel " + kernel.reply);
        }
        if (!icmpErrors.equals(kernel.icmpErrors)) {
            d.add("icmp errors: engine " + icmpErrors + ", kernel " + kernel.icmpErrors);
        }
        return d;
    }

    private static Hdr norm(Hdr h, int probeSport, Set<Integer> fixedPorts, Set<Integer> rangePorts) {
        if (h == null || h.sport() < 0) {
            return h;
        }
        int dport = rangePorts.contains(h.dport()) ? -2 : h.dport();
        boolean keep = !rangePorts.contains(h.sport()) && (h.sport() == probeSport || fixedPorts.contains(h.sport()));
        return new Hdr(h.proto(), h.src(), keep ? h.sport() : -2, h.dst(), dport);
    }

    @Override
    public String toString() {
        return "delivered=" + deliveredTo + " atDst=" + atDst + " answer=" + reply + " icmpErrors=" + icmpErrors;
    }
}
