package org.netwright.engine.diagnostics;

import java.util.List;

import org.netwright.engine.Chain;
import org.netwright.engine.ChainRef;
import org.netwright.engine.CtState;
import org.netwright.engine.Disposition;
import org.netwright.engine.Hook;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Namespace;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.SourceRef;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.TraceStep;
import org.netwright.engine.TraceText;
import org.netwright.engine.Verdict;
import org.netwright.engine.WhatIf;

/**
 * Why the walk was dropped, when the cause is configuration rather than a rule: a base chain's drop policy
 * (no rule accepts the packet; an accept that needs an established connection is named), reverse-path
 * filtering, and ip_forward off. {@code what} names the walk ("the packet", "the reply").
 */
final class DropCheck implements Check {
    private final String what;

    DropCheck(String what) {
        this.what = what;
    }

    @Override
    public void run(TraceFacts f, List<Diagnostic> out) {
        Disposition d = f.trace.disposition();
        if (d.fate() != Disposition.Fate.DROPPED || f.hops.isEmpty()) {
            return;
        }
        TraceFacts.HopFacts hop = f.hop(f.hops.size() - 1);
        Namespace ns = f.namespace(d.namespace());
        if (ns == null) {
            return;
        }
        if (d.reason() == Disposition.Reason.FORWARDING_DISABLED) {
            Packet p = last(hop, TraceStep.Kind.ROUTE);
            out.add(new Diagnostic(Code.IP_FORWARD_OFF, Severity.ERROR,
                    what + (p == null ? "" : " " + TraceFacts.flow(p)) + " must be forwarded by " + d.namespace()
                            + " (it is not for a local address), but net.ipv4.ip_forward is 0 there",
                    List.of(d.namespace()), List.of(), List.of(), "sysctl -w net.ipv4.ip_forward=1 in " + d.namespace()
                            + " (in the model: sysctl net.ipv4.ip_forward = 1)"));
            return;
        }
        for (TraceStep s : hop.steps()) {
            if (s.event() instanceof TraceEvent.SourceRejected rejected) {
                rpFilter(ns, s, rejected, out);
                return;
            }
        }
        if (d.reason() == Disposition.Reason.CHAIN_POLICY) {
            policyDrop(hop, ns, out);
        }
    }

    private void rpFilter(Namespace ns, TraceStep s, TraceEvent.SourceRejected rejected, List<Diagnostic> out) {
        String dev = s.device();
        boolean martian = rejected.failure() == TraceEvent.SourceRejected.Failure.MARTIAN;
        String fix = martian ? "the source is an address of " + ns.name() + " itself; find what sends it with that source "
                : "route the source back through " + dev + ", or relax the check: sysctl -w net.ipv4.conf." + dev
                        + ".rp_filter=2 (loose; the effective value is the maximum of conf.all and conf." + dev + ")";
        out.add(new Diagnostic(Code.RP_FILTER_DROP, Severity.ERROR,
                what + " " + TraceFacts.flow(s.packet()) + " was dropped by reverse-path filtering in " + ns.name()
                        + " on " + dev + ": " + TraceText.detail(s) + " (rp_filter on " + dev + " is "
                        + ns.sysctls().effectiveRpFilter(dev) + ")",
                List.of(ns.name()), List.of(), List.of(), fix));
    }

    private void policyDrop(TraceFacts.HopFacts hop, Namespace ns, List<Diagnostic> out) {
        TraceStep pol = null;
        ChainRef ref = null;
        for (TraceStep s : hop.steps()) {
            if (s.event() instanceof TraceEvent.ChainPolicy p && p.policy() == Verdict.DROP) {
                pol = s;
                ref = p.chain();
            }
        }
        if (pol == null) {
            return;
        }
        NfTable table = null;
        Chain chain = null;
        for (NfTable t : ns.nfTables()) {
            if (t.family() == ref.family() && t.name().equals(ref.table()) && t.chain(ref.chain()) != null) {
                table = t;
                chain = t.chain(ref.chain());
            }
        }
        Packet p = pol.packet();
        String oif = pol.hook() == Hook.INPUT ? null : hop.oif() != null ? hop.oif() : routeDevice(hop);
        String iif = hop.iif();
        String chainName = ref.toString();
        String needsEst = "";
        List<SourceRef> rules = List.of();
        if (table != null && chain != null) {
            WhatIf.ChainEnd est = WhatIf.chainEnd(ns, table, chain, p, iif, oif, CtState.ESTABLISHED);
            if (est != null && est.verdict().equals("accept")) {
                needsEst = "; " + est.rule().text() + " would accept it only as part of a known connection, and this "
                        + "packet starts a new one";
                rules = List.of(est.rule());
            }
        }
        boolean ipt = ref.chain().equals(ref.chain().toUpperCase());
        out.add(new Diagnostic(Code.POLICY_DROP, Severity.INFO,
                what + " " + TraceFacts.flow(p) + " was dropped by the drop policy of " + chainName + " ("
                        + pol.hook().nft() + ") in " + ns.name() + ": no rule of the chain accepts it" + needsEst,
                List.of(ns.name()), List.of(), rules,
                "if this traffic is wanted, accept it in " + ref.chain() + ": " + acceptRule(ipt, ref.chain(), pol.hook(), p,
                        iif, oif)));
    }

    private static String routeDevice(TraceFacts.HopFacts hop) {
        String dev = null;
        for (TraceStep s : hop.steps()) {
            if (s.event() instanceof TraceEvent.Routed && s.device() != null && !"lo".equals(s.device())) {
                dev = s.device();
            }
        }
        return dev;
    }

    private static Packet last(TraceFacts.HopFacts hop, TraceStep.Kind kind) {
        Packet p = null;
        for (TraceStep s : hop.steps()) {
            if (s.kind() == kind) {
                p = s.packet();
            }
        }
        return p;
    }

    private static String acceptRule(boolean ipt, String chain, Hook hook, Packet p, String iif, String oif) {
        String proto = p.proto() == Packet.TCP ? "tcp" : p.proto() == Packet.UDP ? "udp" : p.proto() == Packet.ICMP ? "icmp"
                : p.proto() == Packet.ICMPV6 ? (ipt ? "ipv6-icmp" : "icmpv6")
                : p.proto() == Packet.ESP ? "esp" : String.valueOf(p.proto());
        String ip = p.isV6() ? "ip6" : "ip";
        boolean in = iif != null && hook != Hook.OUTPUT;
        boolean out = oif != null && hook != Hook.INPUT && hook != Hook.PREROUTING;
        if (ipt) {
            return "-A " + chain + (in ? " -i " + iif : "") + (out ? " -o " + oif : "") + " -p " + proto + " -s "
                    + String.valueOf(p.src()) + " -d " + p.dst() + (p.hasPorts() ? " --dport " + p.dport() : "")
                    + " -j ACCEPT";
        }
        return (in ? "iifname \"" + iif + "\" " : "") + (out ? "oifname \"" + oif + "\" " : "") + ip + " saddr "
                + String.valueOf(p.src()) + " " + ip + " daddr " + p.dst() + (p.hasPorts() ? " " + proto + " dport " + p.dport()
                        : " meta l4proto " + proto) + " accept";
    }
}
