package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The functions a namespace runs at a hook, in the order the walk runs them ({@link HookOrder}), for analyses that
 * follow the same order without walking a packet (the symbolic engine): one ordering, one source.
 */
public final class HookFunctions {
    private HookFunctions() {
    }

    /** What a function is: a base chain, or one of the kernel's internal operations. */
    public enum Kind {
        CHAIN, CONNTRACK_IN, NAT_DST, NAT_SRC, CONFIRM
    }

    /** One function: its kind, priority, and for a chain its table and chain (null otherwise). */
    public record Function(Kind kind, int priority, NfTable table, Chain chain) {
    }

    /** The IPv4 functions of {@code hook} (families ip and inet, conntrack, NAT, confirm). */
    public static List<Function> ip(Namespace ns, Hook hook) {
        return of(ns.hooks().ip(hook, false));
    }

    /** The nat-type chains the IPv4 NAT operation of {@code hook} consults, in order. */
    public static List<Function> nat(Namespace ns, Hook hook) {
        return of(ns.hooks().nat(hook, false));
    }

    /** The netdev chains of {@code hook} ({@link Hook#INGRESS} or {@link Hook#EGRESS}) bound to {@code dev}. */
    public static List<Function> netdev(Namespace ns, Hook hook, String dev) {
        return of(ns.hooks().netdev(hook, dev));
    }

    private static List<Function> of(List<HookOrder.Entry> entries) {
        List<Function> out = new ArrayList<>(entries.size());
        for (HookOrder.Entry e : entries) {
            Kind k = e.chain() != null ? Kind.CHAIN : switch (e.internal()) {
                case CONNTRACK_IN -> Kind.CONNTRACK_IN;
                case NAT_DST -> Kind.NAT_DST;
                case NAT_SRC -> Kind.NAT_SRC;
                case CONFIRM -> Kind.CONFIRM;
            };
            out.add(new Function(k, e.priority(), e.table(), e.chain()));
        }
        return List.copyOf(out);
    }
}
