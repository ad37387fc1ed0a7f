package org.netwright.engine;

/**
 * The conntrack template a packet gets before the conntrack lookup: {@code ct zone set} / {@code CT --zone}
 * attach a template with a zone, {@code notrack} / {@code CT --notrack} mark the packet untracked. Whichever
 * comes first wins: the kernel's statements (nft_ct_set_zone_eval, nft_notrack_eval, xt_ct_target) all return
 * early when the packet already carries a conntrack or template. Pinned by the generated referee cases
 * (seed 20260135: CT --zone 2, then CT --notrack on the same packet, leaves a zone-2 entry).
 */
final class CtTemplate {
    private CtTemplate() {
    }

    static void zone(EvalContext c, int zone) {
        Skb skb = c.skb();
        if (skb.ct != null || skb.untracked || skb.ctTemplate) {
            Actions.ignored(c, TraceEvent.StatementIgnored.What.CT_ZONE_SET, why(skb), zone, templateZone(skb));
            return;
        }
        skb.zoneTemplate = zone;
        skb.ctTemplate = true;
    }

    static void notrack(EvalContext c) {
        Skb skb = c.skb();
        if (skb.ct != null || skb.untracked || skb.ctTemplate) {
            Actions.ignored(c, TraceEvent.StatementIgnored.What.NOTRACK, why(skb), 0, templateZone(skb));
            return;
        }
        skb.untracked = true;
        skb.ctState = CtState.UNTRACKED;
    }

    /** The zone of the template that made the statement ineffective, 0 when another cause did. */
    private static int templateZone(Skb skb) {
        return why(skb) == TraceEvent.StatementIgnored.Cause.ZONE_TEMPLATE ? skb.zoneTemplate : 0;
    }

    private static TraceEvent.StatementIgnored.Cause why(Skb skb) {
        if (skb.ct != null) {
            return TraceEvent.StatementIgnored.Cause.CONNTRACK_ATTACHED;
        }
        return skb.untracked ? TraceEvent.StatementIgnored.Cause.UNTRACKED : TraceEvent.StatementIgnored.Cause.ZONE_TEMPLATE;
    }
}
