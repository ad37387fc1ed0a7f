package org.netwright.engine.diagnostics;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.Chain;
import org.netwright.engine.Disposition;
import org.netwright.engine.Hook;
import org.netwright.engine.IfAddress;
import org.netwright.engine.Interface;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Namespace;
import org.netwright.engine.Packet;
import org.netwright.engine.Rule;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Statement;
import org.netwright.engine.TraceText;
import org.netwright.engine.WhatIf;

/**
 * Seed 000: a packet from outside to a masquerading box's own address that belongs to no connection. Only
 * replies to connections an inside host started are mapped back; nothing sends this one to a client, so it
 * is dropped. Only when the walk ended in that namespace: dropped by a netfilter chain, or UDP that found no
 * socket on the box (a TCP connection attempt answered by a reset is ordinary closed-port traffic).
 */
final class UnsolicitedInboundCheck implements Check {
    @Override
    public void run(TraceFacts f, List<Diagnostic> out) {
        Disposition d = f.trace.disposition();
        if (d.fate() != Disposition.Fate.DROPPED) {
            return;
        }
        boolean byChain = d.reason().byChain();
        for (TraceFacts.CtEvent e : f.ct) {
            TraceFacts.HopFacts hop = f.hop(e.hop());
            if (!e.created() || hop.originated() || !hop.ns().equals(d.namespace()) || e.hop() != f.hops.size() - 1) {
                continue;
            }
            Namespace ns = f.namespace(hop.ns());
            Packet p = f.step(e.hop(), e.step()).packet();
            if (ns == null || p == null || !ns.isLocalAddress(p.dst()) || f.translatedIn(e.hop(), false)
                    || !(byChain || p.proto() == Packet.UDP)) {
                continue;
            }
            List<SourceRef> snat = sourceNatRules(ns);
            if (snat.isEmpty() || !isNatAddress(ns, hop.iif(), p)) {
                continue;
            }
            out.add(new Diagnostic(Code.NO_CONNTRACK_ASSOCIATION, Severity.WARNING,
                    TraceFacts.flow(p) + " arrived at " + hop.ns() + " (on " + hop.iif() + ") for its own address with no "
                            + "conntrack association: no inside host has a connection to " + p.src()
                            + (p.hasPorts() ? ":" + p.sport() : "") + ", so the masquerading NAT has nothing to map it "
                            + "back to, and it is not delivered (" + TraceText.where(d) + ": " + TraceText.reason(d) + ")",
                    List.of(hop.ns()), List.of(e.entry()), snat, fix(ns, hop.iif(), p)));
            return;
        }
    }

    /**
     * Whether {@code p.dst} is the address the box's source NAT gives inside traffic leaving through
     * {@code iif} towards {@code p.src}: only then is the packet "from outside, to the NAT's public address"
     * (traffic from the inside to the box's own addresses is not this situation).
     */
    private static boolean isNatAddress(Namespace ns, String iif, Packet p) {
        for (Interface i : ns.interfaces().values()) {
            if (i.name().equals(iif) || i.kind() == Interface.Kind.LOOPBACK) {
                continue;
            }
            for (IfAddress a : i.addresses()) {
                if (a.isV6() != p.isV6()) {
                    continue;
                }
                Packet out = new Packet(a.addr(), p.src(), p.proto(), p.dport(), p.sport(), p.icmpType(), p.icmpCode(), 64,
                        0, p.tcpFlags(), 0, p.spi(), null);
                WhatIf.NatOutcome n = WhatIf.firstPacketNat(ns, Hook.POSTROUTING, out, i.name(), iif, false);
                if (n != null && n.translated().src().equals(p.dst())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The masquerade/snat rules of the namespace's postrouting nat chains. */
    static List<SourceRef> sourceNatRules(Namespace ns) {
        List<SourceRef> out = new ArrayList<>();
        for (WhatIf.NatChain c : WhatIf.natChains(ns, Hook.POSTROUTING)) {
            collect(c.chain(), out);
        }
        return out;
    }

    private static void collect(Chain c, List<SourceRef> out) {
        for (Rule r : c.rules()) {
            for (Statement s : r.statements()) {
                if (s instanceof Statement.Masquerade || s instanceof Statement.Snat) {
                    out.add(WhatIf.ref(r));
                    break;
                }
            }
        }
    }

    private static String fix(Namespace ns, String iif, Packet p) {
        String inside = null;
        for (Interface i : ns.interfaces().values()) {
            if (i.name().equals(iif) || i.kind() == Interface.Kind.LOOPBACK || i.addresses().isEmpty()) {
                continue;
            }
            IfAddress a = i.addresses().get(0);
            inside = "an inside host of " + a.prefix() + " (" + i.name() + ")";
            break;
        }
        String proto = p.proto() == Packet.UDP ? "udp" : p.proto() == Packet.TCP ? "tcp" : null;
        String rule = "iptables -t nat -A PREROUTING -i " + iif + (proto == null ? "" : " -p " + proto) + " -s "
                + String.valueOf(p.src()) + " -d " + p.dst() + " -j DNAT --to-destination <inside host>";
        return "forward this server's traffic statically with a DNAT to " + (inside == null ? "the inside host" : inside)
                + ": " + rule + " (a filter drop policy then needs an accept for --ctstate DNAT); only one inside host "
                + "can receive it this way";
    }
}
