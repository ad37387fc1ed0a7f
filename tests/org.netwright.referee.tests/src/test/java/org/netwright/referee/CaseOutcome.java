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
        String delivered = r.deliveredTo() == null ? null : r.deliveredTo().namespace();
        String sender = r.probe().namespace();
        TreeSet<String> errors = new TreeSet<>();
        boolean rstError = false;
        for (ProbeResult.IcmpError e : r.icmpErrors()) {
            if (e.deliveredTo() == null) {
                continue;
            }
            String to = e.deliveredTo().namespace();
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
     * Field-by-field differences, empty when both agree. A port the case does not name ({@code known}: probe
     * ports, service ports, single-port NAT targets) was chosen by NAT and is compared as "moved" only: the
     * kernel picks such ports at random (nf_nat_l4proto_unique_tuple starts at a random offset), the engine
     * deterministically.
     */
    List<String> diff(CaseOutcome kernel, Set<Integer> known) {
        List<String> d = new ArrayList<>();
        if (!Objects.equals(deliveredTo, kernel.deliveredTo)) {
            d.add("delivered: engine " + deliveredTo + ", kernel " + kernel.deliveredTo);
        }
        if (!Objects.equals(norm(atDst, known), norm(kernel.atDst, known))) {
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

    private static Hdr norm(Hdr h, Set<Integer> known) {
        if (h == null || h.sport() < 0) {
            return h;
        }
        return new Hdr(h.proto(), h.src(), known.contains(h.sport()) ? h.sport() : -2, h.dst(),
                known.contains(h.dport()) ? h.dport() : -2);
    }

    @Override
    public String toString() {
        return "delivered=" + deliveredTo + " atDst=" + atDst + " answer=" + reply + " icmpErrors=" + icmpErrors;
    }
}
