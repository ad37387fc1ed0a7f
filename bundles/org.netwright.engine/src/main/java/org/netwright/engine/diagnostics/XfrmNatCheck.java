package org.netwright.engine.diagnostics;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.Hook;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Namespace;
import org.netwright.engine.Packet;
import org.netwright.engine.SourceRef;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.TraceStep;
import org.netwright.engine.WhatIf;
import org.netwright.engine.XfrmPolicy;

/**
 * Seed 004, NAT and policy IPsec. Without an ipsec0 device the plaintext packet for the tunnel and the ESP
 * packet made from it pass the same interface: (a) a nat rule that rewrites the plaintext packet before
 * encryption can take it out of the xfrm policy's selector, and it leaves unencrypted; (b) a nat rule meant
 * for the plaintext packet at a hook only the ESP packet passes (output, for forwarded traffic) never sees it.
 */
final class XfrmNatCheck implements Check {
    private static final String EXEMPT = "match the packets for the tunnel before encryption and leave them alone, ahead "
            + "of the general NAT: iptables -t nat -I POSTROUTING -m policy --dir out --pol ipsec -j ACCEPT (nftables: "
            + "rt ipsec exists accept in the srcnat chain; meta ipsec exists / -m policy --dir in --pol ipsec for what "
            + "arrives decrypted)";

    @Override
    public void run(TraceFacts f, List<Diagnostic> out) {
        for (TraceFacts.HopFacts hop : f.hops) {
            lostByNat(f, hop, out);
            onlyEsp(f, hop, out);
        }
    }

    private static void lostByNat(TraceFacts f, TraceFacts.HopFacts hop, List<Diagnostic> out) {
        List<TraceStep> steps = hop.steps();
        XfrmPolicy policy = null;
        Packet selected = null;
        for (int i = 0; i < steps.size(); i++) {
            TraceStep s = steps.get(i);
            if (s.event() instanceof TraceEvent.XfrmSelected x && policy == null) {
                policy = x.policy();
                selected = s.packet();
            }
            if (policy != null && s.event() instanceof TraceEvent.XfrmNatRelookup) {
                // any later xfrm event (a policy selecting it again, encapsulation, a block) is another story
                for (int j = i + 1; j < steps.size(); j++) {
                    if (steps.get(j).kind() == TraceStep.Kind.XFRM) {
                        return;
                    }
                }
                Packet after = s.packet();
                SourceRef rule = f.natRuleIn(hop.index(), Hook.POSTROUTING);
                String fate = hop.oif() != null ? "it left " + hop.ns() + " unencrypted on " + hop.oif()
                        : "it was not sent through the tunnel";
                out.add(new Diagnostic(Code.XFRM_POLICY_LOST_BY_NAT, Severity.ERROR,
                        "in " + hop.ns() + " xfrm policy " + policy + " selected " + TraceFacts.flow(selected)
                                + " for the tunnel, but " + (rule == null ? "NAT" : rule.text()) + " rewrote it to "
                                + TraceFacts.flow(after) + " before encryption; no policy selects the rewritten packet, so "
                                + fate,
                        List.of(hop.ns()), List.of(), rule == null ? List.of() : List.of(rule), EXEMPT));
                return;
            }
        }
    }

    private static void onlyEsp(TraceFacts f, TraceFacts.HopFacts hop, List<Diagnostic> out) {
        List<TraceStep> steps = hop.steps();
        int enc = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).event() instanceof TraceEvent.XfrmEncapsulated) {
                enc = i;
                break;
            }
        }
        Namespace ns = f.namespace(hop.ns());
        if (enc <= 0 || ns == null || hop.originated()) {
            return;
        }
        // a forwarded plaintext packet passes prerouting, forward and postrouting; only the ESP packet passes output
        Packet inner = steps.get(enc - 1).packet();
        String oif = steps.get(enc).device();
        WhatIf.NatOutcome would = WhatIf.firstPacketNat(ns, Hook.OUTPUT, inner, hop.iif(), oif, true);
        if (would == null || f.translatedIn(hop.index(), false)) {
            return;
        }
        Packet outer = steps.get(enc).packet();
        List<String> nss = new ArrayList<>(List.of(hop.ns()));
        out.add(new Diagnostic(Code.NAT_SAW_ONLY_ESP, Severity.ERROR,
                "in " + hop.ns() + ", " + would.rule().text() + " (nat output) would translate the plaintext packet "
                        + TraceFacts.flow(inner) + " to destination " + would.translated().dst()
                        + ", but the plaintext packet is forwarded and never passes output: only the ESP packet "
                        + TraceFacts.flow(outer) + " made by the xfrm transform does, and nat on output sees only it",
                nss, List.of(), List.of(would.rule()),
                "translate the plaintext packet where it passes before encryption: a dnat rule in prerouting, or in "
                        + "postrouting an snat rule with -m policy --dir out --pol ipsec (nftables: rt ipsec exists)"));
    }
}
