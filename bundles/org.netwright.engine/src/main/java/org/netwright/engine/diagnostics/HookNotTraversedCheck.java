package org.netwright.engine.diagnostics;

import java.util.List;

import org.netwright.engine.Hook;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Namespace;
import org.netwright.engine.Packet;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.WhatIf;

/**
 * A nat rule that would translate the packet, in a chain whose hook the packet's path through the namespace
 * does not pass: prerouting/input for locally generated packets, output for forwarded or received ones,
 * postrouting for locally delivered ones. Only for visits that ended normally (forwarded or delivered) and
 * when the packet was not translated the same way elsewhere in that namespace.
 */
final class HookNotTraversedCheck implements Check {
    private static final List<Hook> NAT_HOOKS = List.of(Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING);

    @Override
    public void run(TraceFacts f, List<Diagnostic> out) {
        for (TraceFacts.HopFacts hop : f.hops) {
            Namespace ns = f.namespace(hop.ns());
            Packet p = hop.entering();
            // looped-back packets (to the namespace's own address) pass all four hooks: not this situation
            if (ns == null || p == null || !ns.hasNatChains() || !hop.completed() || hasEncapsulation(hop)
                    || "lo".equals(hop.oif()) || (hop.originated() && hop.delivered())) {
                continue;
            }
            List<Hook> path = hop.pathHooks();
            for (Hook h : NAT_HOOKS) {
                boolean source = h == Hook.POSTROUTING || h == Hook.INPUT;
                if (path.contains(h) || f.translatedIn(hop.index(), source)) {
                    continue;
                }
                WhatIf.NatOutcome would = WhatIf.firstPacketNat(ns, h, p, hop.iif(), hop.oif(), false);
                if (would == null) {
                    continue;
                }
                Packet t = would.translated();
                out.add(new Diagnostic(Code.NAT_HOOK_NOT_TRAVERSED, Severity.WARNING,
                        "in " + hop.ns() + ", " + would.rule().text() + " (nat " + h.nft() + ") would translate "
                                + TraceFacts.flow(p) + " (" + (source ? "source -> " + t.src()
                                        : "destination -> " + t.dst()) + "), but this packet "
                                + describe(hop) + " and never passes " + h.nft(),
                        List.of(hop.ns()), List.of(), List.of(would.rule()), "put the rule in the nat chain of a hook the packet passes: "
                                + String.join(", ", path.stream().filter(NAT_HOOKS::contains)
                                        .filter(x -> (x == Hook.POSTROUTING || x == Hook.INPUT) == source)
                                        .map(Hook::nft).toList())
                                + (source ? " (source NAT)" : " (destination NAT)")));
            }
        }
    }

    private static boolean hasEncapsulation(TraceFacts.HopFacts hop) {
        return hop.steps().stream().anyMatch(s -> s.event() instanceof TraceEvent.XfrmEncapsulated);
    }

    private static String describe(TraceFacts.HopFacts hop) {
        if (hop.originated()) {
            return "is generated locally (output, postrouting)";
        }
        return hop.delivered() ? "is delivered locally (prerouting, input)" : "is forwarded (prerouting, forward, postrouting)";
    }
}
