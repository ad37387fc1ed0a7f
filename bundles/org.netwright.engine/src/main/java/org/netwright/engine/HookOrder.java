package org.netwright.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the ordered list of functions attached to one hook of one namespace: the base chains of the
 * families that see the packet, plus the kernel's internal operations:
 * conntrack lookup at -200 (prerouting, output), the NAT operation at -100 (prerouting, output: dst manip)
 * and 100 (postrouting, input: src manip), conntrack confirm at INT_MAX (postrouting, input).
 *
 * <p>Ordering: ascending priority. Ties keep registration order (tables in configuration order, chains in
 * declaration order), and a base chain tied with an internal operation runs first (its hook is
 * registered before the conntrack/NAT hooks that its rules pull in).
 *
 * <p>nat-type chains are not hooked directly: as in the kernel (nf_nat_register_fn) they run inside the
 * NAT operation of their hook, ordered among themselves by their priority, and only for packets whose
 * connection has no binding of that manip type yet.
 */
final class HookOrder {
    private HookOrder() {
    }

    /** Internal operations. */
    enum Internal {
        CONNTRACK_IN, NAT_DST, NAT_SRC, CONFIRM
    }

    /** One function on a hook: a base chain or an internal operation. */
    record Entry(int priority, NfTable table, Chain chain, Internal internal, int order) {
        String describe() {
            if (chain != null) {
                return table.family().nft() + " " + table.name() + " " + chain.name() + " (prio " + priority + ")";
            }
            return internal.name().toLowerCase() + " (prio " + priority + ")";
        }
    }

    static final Set<Family> IP_FAMILIES = EnumSet.of(Family.IP, Family.INET);

    /** Entries of an ip-layer hook (families ip and inet). */
    static List<Entry> ipHook(Namespace ns, Hook hook) {
        List<Entry> out = new ArrayList<>();
        int order = 0;
        for (NfTable t : ns.nfTables()) {
            if (!IP_FAMILIES.contains(t.family())) {
                continue;
            }
            for (Chain c : t.chains()) {
                BaseChainSpec b = c.base();
                if (b != null && b.hook() == hook && b.type() != ChainType.NAT) {
                    out.add(new Entry(b.priority(), t, c, null, order++));
                }
            }
        }
        if (ns.conntrackEnabled()) {
            if (hook == Hook.PREROUTING || hook == Hook.OUTPUT) {
                out.add(new Entry(-200, null, null, Internal.CONNTRACK_IN, order++));
            }
            if (ns.hasNatChains()) {
                if (hook == Hook.PREROUTING || hook == Hook.OUTPUT) {
                    out.add(new Entry(-100, null, null, Internal.NAT_DST, order++));
                } else if (hook == Hook.POSTROUTING || hook == Hook.INPUT) {
                    out.add(new Entry(100, null, null, Internal.NAT_SRC, order++));
                }
            }
            if (hook == Hook.POSTROUTING || hook == Hook.INPUT) {
                out.add(new Entry(Integer.MAX_VALUE, null, null, Internal.CONFIRM, order++));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** nat-type chains of a hook, ordered by their own priority (ties: registration order). */
    static List<Entry> natChains(Namespace ns, Hook hook) {
        List<Entry> out = new ArrayList<>();
        int order = 0;
        for (NfTable t : ns.nfTables()) {
            if (!IP_FAMILIES.contains(t.family())) {
                continue;
            }
            for (Chain c : t.chains()) {
                BaseChainSpec b = c.base();
                if (b != null && b.hook() == hook && b.type() == ChainType.NAT) {
                    out.add(new Entry(b.priority(), t, c, null, order++));
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** netdev ingress/egress chains bound to {@code dev}. */
    static List<Entry> netdevHook(Namespace ns, Hook hook, String dev) {
        List<Entry> out = new ArrayList<>();
        int order = 0;
        for (NfTable t : ns.nfTables()) {
            if (t.family() != Family.NETDEV && !(t.family() == Family.INET && hook == Hook.INGRESS)) {
                continue;
            }
            for (Chain c : t.chains()) {
                BaseChainSpec b = c.base();
                if (b != null && b.hook() == hook && b.devices().contains(dev)) {
                    out.add(new Entry(b.priority(), t, c, null, order++));
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** bridge-family chains of a hook. */
    static List<Entry> bridgeHook(Namespace ns, Hook hook) {
        return familyHook(ns, Family.BRIDGE, hook);
    }

    /** arp-family base chains of a hook (the ARP frames of neighbour resolution). */
    static List<Entry> arpHook(Namespace ns, Hook hook) {
        return familyHook(ns, Family.ARP, hook);
    }

    /** The base chains of one family at a hook, in priority order (no iptables tables, no conntrack). */
    private static List<Entry> familyHook(Namespace ns, Family family, Hook hook) {
        List<Entry> out = new ArrayList<>();
        int order = 0;
        for (NfTable t : ns.nfTables()) {
            if (t.family() != family) {
                continue;
            }
            for (Chain c : t.chains()) {
                BaseChainSpec b = c.base();
                if (b != null && b.hook() == hook) {
                    out.add(new Entry(b.priority(), t, c, null, order++));
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::priority)
            .thenComparing(e -> e.internal() == null ? 0 : 1)
            .thenComparingInt(Entry::order);
}
