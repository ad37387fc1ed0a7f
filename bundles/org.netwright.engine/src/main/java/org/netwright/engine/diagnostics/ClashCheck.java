package org.netwright.engine.diagnostics;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.Hook;
import org.netwright.engine.IfAddress;
import org.netwright.engine.Interface;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Namespace;
import org.netwright.engine.Packet;
import org.netwright.engine.SourceRef;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.TraceStep;
import org.netwright.engine.Tuple;

/**
 * A conntrack insert that failed because the translated tuple was taken. For ESP/GRE (seed 002) conntrack
 * tracks by addresses only, so two inside hosts masqueraded to one address towards one server share the
 * reply tuple and the second is dropped: each needs its own public address, by SNAT before the masquerade.
 */
final class ClashCheck implements Check {
    @Override
    public void run(TraceFacts f, List<Diagnostic> out) {
        for (TraceFacts.Clash c : f.clashes) {
            TraceFacts.HopFacts hop = f.hop(c.hop());
            TraceEvent.CtClash e = c.event();
            SourceRef rule = f.natRuleIn(c.hop(), Hook.POSTROUTING);
            if (rule == null) {
                rule = f.natRuleIn(c.hop(), Hook.PREROUTING);
            }
            List<SourceRef> rules = rule == null ? List.of() : List.of(rule);
            List<Long> entries = List.of(e.entry(), e.other());
            Tuple mine = e.orig();
            if (e.generic()) {
                Tuple other = e.otherOrig();
                Tuple reply = e.reply();
                out.add(new Diagnostic(Code.GENERIC_TRACKING_CLASH, Severity.ERROR,
                        Packet.protoName(mine.proto()) + " has no ports, so conntrack in " + hop.ns()
                                + " tracks it by addresses only: " + mine.src() + " -> " + mine.dst()
                                + " (entry #" + e.entry() + ") was translated" + (rule == null ? "" : " by " + rule.text())
                                + " to the reply tuple " + reply.src() + " -> " + reply.dst()
                                + ", which entry #" + e.other() + " (" + other.src() + " -> "
                                + String.valueOf(other.dst()) + ") already holds; the insert failed and the packet was dropped "
                                + "(two hosts' flows cannot share one public address towards " + mine.dst() + ")",
                        List.of(hop.ns()), entries, rules, perClientSnat(f.namespace(hop.ns()), c.at(), mine, reply.dst())));
            } else {
                out.add(new Diagnostic(Code.NAT_CLASH, Severity.ERROR,
                        "in " + hop.ns() + " the translated tuple [" + e.reply() + "] of entry #" + e.entry() + " ["
                                + e.orig() + "] is already taken by entry #" + e.other() + " [" + e.otherOrig()
                                + "]: conntrack insert failed and the packet was dropped",
                        List.of(hop.ns()), entries, rules,
                        "widen the NAT range (more addresses or ports) or translate this flow to another address"));
            }
        }
    }

    private static String perClientSnat(Namespace ns, TraceStep at, Tuple mine, IpAddr used) {
        List<String> spare = new ArrayList<>();
        Interface oif = ns == null || at.device() == null ? null : ns.iface(at.device());
        if (oif != null) {
            for (IfAddress a : oif.addresses()) {
                if (!a.addr().equals(used) && a.isV6() == used.isV6()) {
                    spare.add(String.valueOf(a.addr()));
                }
            }
        }
        String to = spare.isEmpty() ? "<another public address>" : spare.get(0);
        return "give each inside host its own public address with SNAT rules ordered before the masquerade: iptables -t nat "
                + "-I POSTROUTING -s " + mine.src() + " -d " + mine.dst() + " -j SNAT --to-source " + to
                + (spare.isEmpty() ? " (add the address to " + (oif == null ? "the output device" : oif.name()) + ")"
                        : " (" + String.join(", ", spare) + " " + (spare.size() == 1 ? "is" : "are") + " also on "
                                + oif.name() + ")")
                + "; or use NAT traversal (ESP in UDP 4500) so ports tell the flows apart";
    }
}
