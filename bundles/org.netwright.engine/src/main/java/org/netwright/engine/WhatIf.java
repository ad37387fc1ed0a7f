package org.netwright.engine;

import java.util.List;

/**
 * Counterfactual replays for explanations: what the ruleset of one namespace would do with a packet under
 * conditions the walk did not give it (first packet of its connection, another conntrack state, another
 * hook). Each replay runs the real rule evaluation on a throwaway simulation, so the answer follows the
 * engine's semantics (rule order, accept/return, jumps) and never touches the caller's conntrack state.
 */
public final class WhatIf {
    private WhatIf() {
    }

    /** The nat rule that would translate the packet, and the packet after that translation. */
    public record NatOutcome(SourceRef rule, Packet translated) {
    }

    /**
     * The nat chains of {@code hook} (ip and inet families) replayed for {@code p} as the first packet of
     * a new connection with output device {@code oif} and input device {@code iif} (either may be null).
     * {@code ipsecOut} makes {@code rt ipsec exists} / {@code -m policy --dir out --pol ipsec} hold.
     * Null when no nat rule translates it (a rule that accepts first, or none matching).
     */
    public static NatOutcome firstPacketNat(Namespace ns, Hook hook, Packet p, String iif, String oif, boolean ipsecOut) {
        if (!ns.hasNatChains()) {
            return null;
        }
        Simulation sim = new Simulation(NetworkView.builder().namespace(ns).build());
        TraceRecorder rec = new TraceRecorder();
        Skb skb = skb(p, iif, oif, CtState.NEW);
        if (ipsecOut) {
            skb.xfrm = new Xfrm.Bundle(null, null);
        }
        boolean src = hook == Hook.POSTROUTING || hook == Hook.INPUT;
        Nat.hook(new EvalContext(sim, ns, hook, Family.IP, skb, rec, src ? oif : iif), src);
        if (!skb.ct.natDone(src) || !(src ? skb.ct.srcNat : skb.ct.dstNat)) {
            return null;
        }
        SourceRef rule = null;
        for (Hop h : rec.build().hops()) {
            for (TraceStep s : h.steps()) {
                if (s.event() instanceof TraceEvent.RuleMatched m && m.verdict() == TraceEvent.RuleVerdict.NAT) {
                    rule = m.rule();
                }
            }
        }
        return rule == null ? null : new NatOutcome(rule, skb.pkt);
    }

    /**
     * The rule that ends base chain {@code chain} of table {@code table} for {@code p} in conntrack state
     * {@code state}, with its verdict ("accept", "drop", ...), or null when the chain ends with its policy.
     */
    public static ChainEnd chainEnd(Namespace ns, NfTable table, Chain chain, Packet p, String iif, String oif,
            CtState state) {
        if (chain.base() == null) {
            return null;
        }
        Simulation sim = new Simulation(NetworkView.builder().namespace(ns).build());
        TraceRecorder rec = new TraceRecorder();
        Skb skb = skb(p, iif, oif, state);
        ChainEvaluator.Outcome o = ChainEvaluator.evaluate(new EvalContext(sim, ns, chain.base().hook(), table.family(),
                skb, rec, iif != null ? iif : oif), table, chain);
        if (o.rule() == null) {
            return null;
        }
        return new ChainEnd(o.rule().sourceRef(), o.verdict() == Verdict.ACCEPT ? "accept" : "drop");
    }

    /** The deciding rule of a chain replay and its verdict. */
    public record ChainEnd(SourceRef rule, String verdict) {
    }

    /** The source reference a trace step shows for {@code r}. */
    public static SourceRef ref(Rule r) {
        return r.sourceRef();
    }

    /** Whether one of the rule's statements is a NAT statement. */
    public static boolean isNatRule(Rule r) {
        for (Statement s : r.statements()) {
            if (s instanceof Statement.Masquerade || s instanceof Statement.Snat || s instanceof Statement.Dnat
                    || s instanceof Statement.NatMap || s instanceof Statement.Redirect || s instanceof Statement.Netmap) {
                return true;
            }
        }
        return false;
    }

    /** The base chains of type nat (ip/inet) attached to {@code hook}, with their tables. */
    public static List<NatChain> natChains(Namespace ns, Hook hook) {
        List<NatChain> out = new java.util.ArrayList<>();
        for (NfTable t : ns.nfTables()) {
            if (t.family() != Family.IP && t.family() != Family.INET) {
                continue;
            }
            for (Chain c : t.chains()) {
                if (c.base() != null && c.base().type() == ChainType.NAT && c.base().hook() == hook) {
                    out.add(new NatChain(t, c));
                }
            }
        }
        return out;
    }

    /** A nat base chain and its table. */
    public record NatChain(NfTable table, Chain chain) {
    }

    private static Skb skb(Packet p, String iif, String oif, CtState state) {
        Skb skb = new Skb(p);
        skb.iif = iif;
        skb.oif = oif;
        skb.ct = new CtEntry(0, 0, Tuple.of(p));
        skb.ctState = state;
        skb.ctDir = CtDir.ORIGINAL;
        return skb;
    }
}
