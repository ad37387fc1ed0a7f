package org.netwright.engine.diagnostics;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.Hook;
import org.netwright.engine.IfAddress;
import org.netwright.engine.Interface;
import org.netwright.engine.Ip4;
import org.netwright.engine.Namespace;
import org.netwright.engine.SourceRef;
import org.netwright.engine.TraceStep;

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
            TraceStep at = f.step(c.hop(), c.step());
            SourceRef rule = f.natRuleIn(c.hop(), Hook.POSTROUTING);
            if (rule == null) {
                rule = f.natRuleIn(c.hop(), Hook.PREROUTING);
            }
            List<SourceRef> rules = rule == null ? List.of() : List.of(rule);
            String[] mine = TraceFacts.tupleAddrs(c.orig());
            String[] other = TraceFacts.tupleAddrs(c.otherOrig());
            String[] reply = TraceFacts.tupleAddrs(c.reply());
            if (c.generic() && mine != null && other != null && reply != null) {
                out.add(new Diagnostic(Code.GENERIC_TRACKING_CLASH, Severity.ERROR,
                        mine[0] + " has no ports, so conntrack in " + hop.ns() + " tracks it by addresses only: "
                                + mine[1] + " -> " + mine[2] + " (entry #" + c.entry() + ") was translated"
                                + (rule == null ? "" : " by " + rule.text()) + " to the reply tuple " + reply[1] + " -> "
                                + reply[2] + ", which entry #" + c.other() + " (" + other[1] + " -> " + other[2]
                                + ") already holds; the insert failed and the packet was dropped (two hosts' flows "
                                + "cannot share one public address towards " + mine[2] + ")",
                        List.of(hop.ns()), rules, perClientSnat(f.namespace(hop.ns()), at, mine, reply[2])));
            } else {
                out.add(new Diagnostic(Code.NAT_CLASH, Severity.ERROR,
                        "in " + hop.ns() + " the translated tuple [" + c.reply() + "] of entry #" + c.entry() + " ["
                                + c.orig() + "] is already taken by entry #" + c.other() + " [" + c.otherOrig()
                                + "]: conntrack insert failed and the packet was dropped",
                        List.of(hop.ns()), rules,
                        "widen the NAT range (more addresses or ports) or translate this flow to another address"));
            }
        }
    }

    private static String perClientSnat(Namespace ns, TraceStep at, String[] mine, String used) {
        List<String> spare = new ArrayList<>();
        Interface oif = ns == null || at.device() == null ? null : ns.iface(at.device());
        if (oif != null) {
            for (IfAddress a : oif.addresses()) {
                if (!Ip4.str(a.addr()).equals(used)) {
                    spare.add(Ip4.str(a.addr()));
                }
            }
        }
        String to = spare.isEmpty() ? "<another public address>" : spare.get(0);
        return "give each inside host its own public address with SNAT rules ordered before the masquerade: iptables -t nat "
                + "-I POSTROUTING -s " + mine[1] + " -d " + mine[2] + " -j SNAT --to-source " + to
                + (spare.isEmpty() ? " (add the address to " + (oif == null ? "the output device" : oif.name()) + ")"
                        : " (" + String.join(", ", spare) + " " + (spare.size() == 1 ? "is" : "are") + " also on "
                                + oif.name() + ")")
                + "; or use NAT traversal (ESP in UDP 4500) so ports tell the flows apart";
    }
}
