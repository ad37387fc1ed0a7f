package org.netwright.engine.diagnostics;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.Hook;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Namespace;
import org.netwright.engine.Packet;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.TraceStep;
import org.netwright.engine.WhatIf;

/**
 * NAT is decided on a connection's first packet only. When the nat chains were skipped for a packet of an
 * existing entry and a nat rule of that hook would have translated it, say why: the entry was made by an
 * earlier pass of the same walk through the same namespace and zone (seed 001: policy routing through a
 * proxy namespace and back), or by an earlier packet of the connection.
 */
final class NatFirstPacketCheck implements Check {
    @Override
    public void run(TraceFacts f, List<Diagnostic> out) {
        List<String> seen = new ArrayList<>();
        for (TraceFacts.NatSkipped s : f.natSkipped) {
            TraceFacts.HopFacts hop = f.hop(s.hop());
            Namespace ns = f.namespace(hop.ns());
            TraceEvent.NatNotConsulted e = s.event();
            boolean source = e.manip().source();
            if (ns == null || f.translatedIn(s.hop(), source) || !seen.add(e.entry() + "/" + source)) {
                continue;
            }
            TraceStep at = s.at();
            Hook hook = at.hook();
            String oif = hook == Hook.POSTROUTING ? at.device() : hop.oif();
            WhatIf.NatOutcome would = WhatIf.firstPacketNat(ns, hook, at.packet(), hop.iif(), oif, false);
            if (would == null) {
                continue;
            }
            TraceFacts.CtEvent created = f.creation(e.entry());
            Packet p = at.packet();
            String kind = source ? "source" : "destination";
            String translatedTo = String.valueOf(source ? would.translated().src() : would.translated().dst());
            String kept = String.valueOf(source ? p.src() : p.dst());
            if (created != null && created.hop() != s.hop() && f.hop(created.hop()).ns().equals(hop.ns())) {
                TraceFacts.HopFacts first = f.hop(created.hop());
                out.add(new Diagnostic(Code.NAT_SECOND_PASS_SAME_ZONE, Severity.ERROR,
                        "the flow " + TraceFacts.flow(p) + " crosses netfilter in " + hop.ns() + " twice in conntrack zone "
                                + e.zone() + " (first " + path(first) + ", then " + path(hop) + "): the second pass is "
                                + "not a new connection (entry #" + e.entry() + " was created on the first pass), the nat "
                                + "chains only see a connection's first packet, so " + would.rule().text() + " at "
                                + hook.nft() + " never ran and the " + kind + " stays " + kept + " instead of "
                                + translatedTo,
                        List.of(hop.ns()), List.of(e.entry()), List.of(would.rule()), zoneFix(first, hop, p)));
            } else {
                out.add(new Diagnostic(Code.NAT_NOT_FIRST_PACKET, Severity.WARNING,
                        "in " + hop.ns() + ", " + would.rule().text() + " would translate " + TraceFacts.flow(p) + " ("
                                + kind + " " + kept + " -> " + translatedTo + "), but the packet belongs to existing entry #"
                                + e.entry() + " (zone " + e.zone() + ") whose NAT binding was fixed by its first packet"
                                + (created == null ? ", before this probe" : "") + ": nat rules only see a connection's "
                                + "first packet",
                        List.of(hop.ns()), List.of(e.entry()), List.of(would.rule()),
                        "the binding of a connection cannot change: delete the entry (conntrack -D) so the next packet "
                                + "is a new connection, or make the rule match the connection's first packet"));
            }
        }
    }

    private static String path(TraceFacts.HopFacts h) {
        return (h.iif() == null ? "from a local socket" : "in on " + h.iif()) + (h.oif() == null ? "" : " out on " + h.oif());
    }

    private static String zoneFix(TraceFacts.HopFacts first, TraceFacts.HopFacts second, Packet p) {
        if (first.iif() == null) {
            return "give the first pass its own conntrack zone before conntrack runs (iptables -t raw ... -j CT --zone 1, "
                    + "nftables: ct zone set 1 in a chain at priority raw)";
        }
        String back = second.iif() == null ? "" : "; and the replies coming back the same way: iptables -t raw -A PREROUTING -i "
                + second.iif() + " -d " + p.src() + " -j CT --zone 1";
        return "give one pass its own conntrack zone before conntrack runs, so the other pass is a new connection that "
                + "the nat chains see: iptables -t raw -A PREROUTING -i " + first.iif() + " -j CT --zone 1 (nftables: "
                + "iif " + first.iif() + " ct zone set 1 in a chain of type filter hook prerouting priority raw)" + back;
    }
}
