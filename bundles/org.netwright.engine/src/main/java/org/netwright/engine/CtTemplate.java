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
            Actions.info(c, "ct zone set " + zone + ": " + why(skb) + ", ignored");
            return;
        }
        skb.zoneTemplate = zone;
        skb.ctTemplate = true;
    }

    static void notrack(EvalContext c) {
        Skb skb = c.skb();
        if (skb.ct != null || skb.untracked || skb.ctTemplate) {
            Actions.info(c, "notrack: " + why(skb) + ", ignored");
            return;
        }
        skb.untracked = true;
        skb.ctState = CtState.UNTRACKED;
    }

    private static String why(Skb skb) {
        if (skb.ct != null) {
            return "conntrack already attached (priority after -200)";
        }
        return skb.untracked ? "packet already untracked" : "a zone template (zone " + skb.zoneTemplate + ") is already attached";
    }
}
