package org.netwright.model.semantics;

import static org.netwright.model.NftHook.EGRESS;
import static org.netwright.model.NftHook.FORWARD;
import static org.netwright.model.NftHook.INGRESS;
import static org.netwright.model.NftHook.INPUT;
import static org.netwright.model.NftHook.OUTPUT;
import static org.netwright.model.NftHook.POSTROUTING;
import static org.netwright.model.NftHook.PREROUTING;

import java.util.EnumSet;
import java.util.Set;

import org.netwright.model.NftChainType;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftPriority;
import org.netwright.model.NftPriorityName;

/**
 * What nftables and the kernel accept, as checked against nft 1.0.6 and kernel 6.18 in a scratch namespace:
 * which hooks each family and chain type offers, which standard priority names are defined where and what
 * they are worth (nft(8), "Standard priority names"; {@code nft -j list ruleset} shows the numbers), and at which
 * hooks each NAT statement may run. The one table of these facts: validators, the engine mapping, exporters,
 * importers and hovers ask here.
 */
public final class NftFacts {

    private NftFacts() {
    }

    /** Conntrack (nf_conntrack_in) runs at this priority at prerouting and output. */
    public static final int CONNTRACK_PRIORITY = -200;

    /**
     * The deepest nesting of jumps (and gotos) from a base chain that the kernel loads: nf_tables checks every
     * path when the ruleset is committed and refuses a chain 16 jumps deep ("Too many links", its jump stack has
     * 16 entries). iptables-nft is refused the same way; iptables-legacy has no such limit. Pinned by
     * JumpDepthPinsTest.
     */
    public static final int MAX_JUMP_NESTING = 15;

    private static final Set<NftHook> INET_HOOKS = EnumSet.of(PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING);
    private static final Set<NftHook> NAT_HOOKS = EnumSet.of(PREROUTING, INPUT, OUTPUT, POSTROUTING);

    /** The hooks a chain of this type may attach to in this family; empty when the family lacks the type. */
    public static Set<NftHook> hooks(NftFamily family, NftChainType type) {
        boolean ipLike = family == NftFamily.IP || family == NftFamily.IP6 || family == NftFamily.INET;
        return switch (type) {
        case NAT -> ipLike ? NAT_HOOKS : EnumSet.noneOf(NftHook.class);
        case ROUTE -> ipLike ? EnumSet.of(OUTPUT) : EnumSet.noneOf(NftHook.class);
        case FILTER -> switch (family) {
            case IP, IP6, BRIDGE -> INET_HOOKS;
            case INET -> {
                Set<NftHook> s = EnumSet.copyOf(INET_HOOKS);
                s.add(INGRESS);
                yield s;
            }
            case ARP -> EnumSet.of(INPUT, OUTPUT);
            case NETDEV -> EnumSet.of(INGRESS, EGRESS);
        };
        };
    }

    public static boolean hasChainType(NftFamily family, NftChainType type) {
        return !hooks(family, type).isEmpty();
    }

    /** netdev chains and inet ingress chains are bound to devices; no other chain may name one. */
    public static boolean needsDevice(NftFamily family, NftHook hook) {
        return family == NftFamily.NETDEV || family == NftFamily.INET && hook == INGRESS;
    }

    /** Value of a standard priority name in a family, or null when the family does not define the name. */
    public static Integer standardPriority(NftFamily family, NftPriorityName name) {
        if (family == NftFamily.BRIDGE) {
            return switch (name) {
            case DSTNAT -> -300;
            case FILTER -> -200;
            case OUT -> 100;
            case SRCNAT -> 300;
            default -> null;
            };
        }
        return switch (name) {
        case RAW -> -300;
        case MANGLE -> -150;
        case DSTNAT -> -100;
        case FILTER -> 0;
        case SECURITY -> 50;
        case SRCNAT -> 100;
        default -> null;
        };
    }

    /** Whether nft accepts the standard priority name in this family at this hook. */
    public static boolean priorityNameAllowed(NftFamily family, NftHook hook, NftPriorityName name) {
        switch (family) {
        case ARP, NETDEV:
            return name == NftPriorityName.FILTER;
        case BRIDGE:
            return switch (name) {
            case FILTER -> true;
            case DSTNAT -> hook == PREROUTING;
            case SRCNAT -> hook == POSTROUTING;
            case OUT -> hook == OUTPUT;
            default -> false;
            };
        default:
            return switch (name) {
            case RAW, MANGLE, FILTER, SECURITY -> true;
            case DSTNAT -> hook == PREROUTING;
            case SRCNAT -> hook == POSTROUTING;
            default -> false;
            };
        }
    }

    /**
     * The standard name nft accepts for {@code value} at this hook in this family, {@link NftPriorityName#NUMERIC}
     * when there is none (how an importer turns the number {@code nft -j} prints back into what a user writes).
     */
    public static NftPriorityName priorityName(NftFamily family, NftHook hook, int value) {
        for (NftPriorityName name : NftPriorityName.VALUES) {
            if (name != NftPriorityName.NUMERIC && Integer.valueOf(value).equals(standardPriority(family, name))
                    && (hook == null || priorityNameAllowed(family, hook, name))) {
                return name;
            }
        }
        return NftPriorityName.NUMERIC;
    }

    /** A priority as nft writes it: {@code srcnat}, {@code srcnat + 10}, {@code raw - 5} or a number. */
    public static String text(NftPriority priority) {
        NftPriorityName name = priority.getKeyword() == null ? NftPriorityName.NUMERIC : priority.getKeyword();
        int value = priority.getValue();
        if (name == NftPriorityName.NUMERIC) {
            return Integer.toString(value);
        }
        if (value == 0) {
            return name.getLiteral();
        }
        return name.getLiteral() + (value > 0 ? " + " : " - ") + Math.abs((long) value);
    }

    /** The numeric priority, or null when a standard name is not defined in the family. */
    public static Integer value(NftFamily family, NftPriority priority) {
        if (priority == null) {
            return null;
        }
        int offset = priority.isSetValue() ? priority.getValue() : 0;
        if (priority.getKeyword() == NftPriorityName.NUMERIC) {
            return offset;
        }
        Integer base = standardPriority(family, priority.getKeyword());
        return base == null ? null : base + offset;
    }

    /** The standard priority a new chain of this type at this hook would usually get (for quick fixes). */
    public static String usualPriority(NftFamily family, NftChainType type, NftHook hook) {
        if (family == NftFamily.BRIDGE || family == NftFamily.ARP || family == NftFamily.NETDEV) {
            return "filter";
        }
        if (type == NftChainType.NAT) {
            return hook == PREROUTING || hook == OUTPUT ? (hook == PREROUTING ? "dstnat" : "-100")
                    : hook == POSTROUTING ? "srcnat" : "100";
        }
        return "filter";
    }

    /**
     * Hooks at which the kernel accepts each NAT statement, in a chain of type nat of the ip, ip6 or inet family (in
     * any other chain it refuses every NAT statement). Checked by loading ({@code nft -f}): {@code nft -c} accepts
     * e.g. masquerade at input or snat in a filter chain, the kernel then refuses them ("Operation not supported").
     */
    public static Set<NftHook> natHooks(NftNatKind kind) {
        return switch (kind) {
        case SNAT -> EnumSet.of(POSTROUTING, INPUT);
        case DNAT, REDIRECT -> EnumSet.of(PREROUTING, OUTPUT);
        case MASQUERADE -> EnumSet.of(POSTROUTING);
        };
    }

    /** Whether the kernel accepts this NAT statement in a chain of this family, type and hook. */
    public static boolean natAllowed(NftFamily family, NftChainType type, NftHook hook, NftNatKind kind) {
        return type == NftChainType.NAT && hasChainType(family, NftChainType.NAT) && natHooks(kind).contains(hook);
    }
}
