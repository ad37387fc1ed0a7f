package org.netwright.engine;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hook orderings of one namespace, compiled once when the namespace is built. A namespace is
 * immutable, so its orderings never change; {@link HookOrder} would otherwise collect, sort and allocate
 * them again at every hook of every walk (the walk's largest fixed cost). Lists are immutable.
 */
final class HookPlan {
    // by Hook.ordinal(): read at every hook of every walk
    private final List<HookOrder.Entry>[] ip = lists();
    private final List<HookOrder.Entry>[] nat = lists();
    private final List<HookOrder.Entry>[] ip6 = lists();
    private final List<HookOrder.Entry>[] nat6 = lists();
    private final List<HookOrder.Entry>[] bridge = lists();
    private final List<HookOrder.Entry>[] arp = lists();
    /** netdev chains by hook, then device; devices without chains are absent. */
    private final Map<Hook, Map<String, List<HookOrder.Entry>>> netdev = new EnumMap<>(Hook.class);

    private HookPlan(Namespace ns) {
        HookOrder.Registration reg = new HookOrder.Registration(ns);
        for (Hook h : Hook.values()) {
            ip[h.ordinal()] = List.copyOf(HookOrder.ipHook(ns, reg, h, false));
            nat[h.ordinal()] = List.copyOf(HookOrder.natChains(ns, reg, h, false));
            ip6[h.ordinal()] = List.copyOf(HookOrder.ipHook(ns, reg, h, true));
            nat6[h.ordinal()] = List.copyOf(HookOrder.natChains(ns, reg, h, true));
            bridge[h.ordinal()] = List.copyOf(HookOrder.bridgeHook(ns, reg, h));
            arp[h.ordinal()] = List.copyOf(HookOrder.arpHook(ns, reg, h));
        }
        for (Hook h : new Hook[] {Hook.INGRESS, Hook.EGRESS}) {
            Map<String, List<HookOrder.Entry>> byDev = new HashMap<>();
            for (NfTable t : ns.nfTables()) {
                for (Chain c : t.chains()) {
                    if (c.base() != null) {
                        for (String d : c.base().devices()) {
                            byDev.computeIfAbsent(d, k -> List.copyOf(HookOrder.netdevHook(ns, reg, h, k)));
                        }
                    }
                }
            }
            byDev.values().removeIf(List::isEmpty);
            netdev.put(h, Map.copyOf(byDev));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<HookOrder.Entry>[] lists() {
        return new List[Hook.values().length];
    }

    static HookPlan compile(Namespace ns) {
        return new HookPlan(ns);
    }

    /** {@link HookOrder#ipHook}. */
    List<HookOrder.Entry> ip(Hook hook, boolean v6) {
        return (v6 ? ip6 : ip)[hook.ordinal()];
    }

    /** {@link HookOrder#natChains}. */
    List<HookOrder.Entry> nat(Hook hook, boolean v6) {
        return (v6 ? nat6 : nat)[hook.ordinal()];
    }

    /** {@link HookOrder#bridgeHook}. */
    List<HookOrder.Entry> bridge(Hook hook) {
        return bridge[hook.ordinal()];
    }

    /** {@link HookOrder#arpHook}. */
    List<HookOrder.Entry> arp(Hook hook) {
        return arp[hook.ordinal()];
    }

    /** {@link HookOrder#netdevHook}. */
    List<HookOrder.Entry> netdev(Hook hook, String dev) {
        Map<String, List<HookOrder.Entry>> m = netdev.get(hook);
        List<HookOrder.Entry> l = m == null || dev == null ? null : m.get(dev);
        return l == null ? List.of() : l;
    }
}
