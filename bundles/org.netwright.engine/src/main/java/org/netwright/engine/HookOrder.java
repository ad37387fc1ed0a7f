package org.netwright.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the ordered list of functions attached to one hook of one namespace: the base chains of the
 * families that see the packet, plus the kernel's internal operations:
 * conntrack lookup at -200 (prerouting, output), the NAT operation at -100 (prerouting, output: dst manip)
 * and 100 (postrouting, input: src manip), conntrack confirm at INT_MAX (postrouting, input).
 *
 * <p>Ordering: ascending priority; at equal priority the function registered last runs first
 * (nf_hook_entries_grow inserts a new entry before the existing ones of its priority). {@link Registration}
 * says when each was registered. Pinned by KernelPinsTest for chains of one table, of two tables, of nft and
 * iptables (nft and legacy), and chains tied with conntrack and NAT.
 *
 * <p>nat-type chains are not hooked directly: as in the kernel (nf_nat_register_fn) they run inside the
 * NAT operation of their hook, ordered among themselves the same way, and only for packets whose
 * connection has no binding of that manip type yet.
 */
final class HookOrder {
    private HookOrder() {
    }

    /** Internal operations. */
    enum Internal {
        CONNTRACK_IN, NAT_DST, NAT_SRC, CONFIRM
    }

    /** One function on a hook: a base chain or an internal operation; {@code registered}: when (see {@link Registration}). */
    record Entry(int priority, NfTable table, Chain chain, Internal internal, int registered) {
        String describe() {
            if (chain != null) {
                return table.family().nft() + " " + table.name() + " " + chain.name() + " (prio " + priority + ")";
            }
            return internal.name().toLowerCase() + " (prio " + priority + ")";
        }
    }

    /**
     * When the kernel registers each hook function while the namespace's ruleset is loaded, as a sequence number.
     * {@code nft -f} (and iptables-restore after it, the order of the namespace's tables) sends table by table
     * its base chains in declaration order, each registering its hook when added, then the table's rules. The
     * NAT core registers with the first nat chain; conntrack with the first rule that needs it (a ct expression or
     * a NAT statement; a nat chain alone does not: pinned). Conntrack that a setting enables without such a rule
     * counts as registered before the ruleset.
     */
    static final class Registration {
        private final Map<Chain, Integer> chains = new IdentityHashMap<>();
        private int nat = -1;
        private int conntrack = -1;

        Registration(Namespace ns) {
            int seq = 0;
            // a setting that enables conntrack stands for conntrack loaded before the ruleset
            boolean ct = ns.sysctls().conntrack() != null;
            for (NfTable t : ns.nfTables()) {
                for (Chain c : t.chains()) {
                    if (c.base() != null) {
                        if (c.base().type() == ChainType.NAT && nat < 0 && IP_FAMILIES.contains(t.family())) {
                            nat = seq;
                        }
                        chains.put(c, seq++);
                    }
                }
                for (Chain c : t.chains()) {
                    for (Rule r : c.rules()) {
                        if (!ct && Namespace.registersConntrack(r)) {
                            conntrack = seq++;
                            ct = true;
                        }
                    }
                }
                if (!ct && nat >= 0) {
                    // conntrack enabled by the nat chain: with the nat rules that follow it
                    conntrack = seq++;
                    ct = true;
                }
            }
        }

        int chain(Chain c) {
            return chains.getOrDefault(c, -1);
        }
    }

    static final Set<Family> IP_FAMILIES = EnumSet.of(Family.IP, Family.INET);
    static final Set<Family> IP6_FAMILIES = EnumSet.of(Family.IP6, Family.INET);

    /** The table families an IPv4 ({@code v6} false) or IPv6 packet meets at the ip-layer hooks. */
    static Set<Family> families(boolean v6) {
        return v6 ? IP6_FAMILIES : IP_FAMILIES;
    }

    /** Entries of an IPv4 ip-layer hook (families ip and inet). */
    static List<Entry> ipHook(Namespace ns, Registration reg, Hook hook) {
        return ipHook(ns, reg, hook, false);
    }

    /** Entries of an ip-layer hook of one family (ip and inet, or ip6 and inet). */
    static List<Entry> ipHook(Namespace ns, Registration reg, Hook hook, boolean v6) {
        List<Entry> out = new ArrayList<>();
        for (NfTable t : ns.nfTables()) {
            if (!families(v6).contains(t.family())) {
                continue;
            }
            for (Chain c : t.chains()) {
                BaseChainSpec b = c.base();
                if (b != null && b.hook() == hook && b.type() != ChainType.NAT) {
                    out.add(new Entry(b.priority(), t, c, null, reg.chain(c)));
                }
            }
        }
        if (ns.conntrackEnabled()) {
            if (hook == Hook.PREROUTING || hook == Hook.OUTPUT) {
                out.add(new Entry(-200, null, null, Internal.CONNTRACK_IN, reg.conntrack));
            }
            if (ns.hasNatChains(v6)) {
                if (hook == Hook.PREROUTING || hook == Hook.OUTPUT) {
                    out.add(new Entry(-100, null, null, Internal.NAT_DST, reg.nat));
                } else if (hook == Hook.POSTROUTING || hook == Hook.INPUT) {
                    out.add(new Entry(100, null, null, Internal.NAT_SRC, reg.nat));
                }
            }
            if (hook == Hook.POSTROUTING || hook == Hook.INPUT) {
                out.add(new Entry(Integer.MAX_VALUE, null, null, Internal.CONFIRM, reg.conntrack));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** nat-type chains of a hook, ordered by their own priority (ties: the one registered last first). */
    static List<Entry> natChains(Namespace ns, Registration reg, Hook hook, boolean v6) {
        List<Entry> out = new ArrayList<>();
        for (NfTable t : ns.nfTables()) {
            if (!families(v6).contains(t.family())) {
                continue;
            }
            for (Chain c : t.chains()) {
                BaseChainSpec b = c.base();
                if (b != null && b.hook() == hook && b.type() == ChainType.NAT) {
                    out.add(new Entry(b.priority(), t, c, null, reg.chain(c)));
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** netdev ingress/egress chains bound to {@code dev}. */
    static List<Entry> netdevHook(Namespace ns, Registration reg, Hook hook, String dev) {
        List<Entry> out = new ArrayList<>();
        for (NfTable t : ns.nfTables()) {
            if (t.family() != Family.NETDEV && !(t.family() == Family.INET && hook == Hook.INGRESS)) {
                continue;
            }
            for (Chain c : t.chains()) {
                BaseChainSpec b = c.base();
                if (b != null && b.hook() == hook && b.devices().contains(dev)) {
                    out.add(new Entry(b.priority(), t, c, null, reg.chain(c)));
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** bridge-family chains of a hook. */
    static List<Entry> bridgeHook(Namespace ns, Registration reg, Hook hook) {
        return familyHook(ns, reg, Family.BRIDGE, hook);
    }

    /** arp-family base chains of a hook (the ARP frames of neighbour resolution). */
    static List<Entry> arpHook(Namespace ns, Registration reg, Hook hook) {
        return familyHook(ns, reg, Family.ARP, hook);
    }

    /** The base chains of one family at a hook, in priority order (no iptables tables, no conntrack). */
    private static List<Entry> familyHook(Namespace ns, Registration reg, Family family, Hook hook) {
        List<Entry> out = new ArrayList<>();
        for (NfTable t : ns.nfTables()) {
            if (t.family() != family) {
                continue;
            }
            for (Chain c : t.chains()) {
                BaseChainSpec b = c.base();
                if (b != null && b.hook() == hook) {
                    out.add(new Entry(b.priority(), t, c, null, reg.chain(c)));
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** Ascending priority; at equal priority the later registration first. */
    static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::priority)
            .thenComparing(Comparator.comparingInt(Entry::registered).reversed());
}
