package org.netwright.model.semantics;

import static org.netwright.model.IptBuiltinChain.FORWARD;
import static org.netwright.model.IptBuiltinChain.INPUT;
import static org.netwright.model.IptBuiltinChain.OUTPUT;
import static org.netwright.model.IptBuiltinChain.POSTROUTING;
import static org.netwright.model.IptBuiltinChain.PREROUTING;

import java.util.EnumSet;
import java.util.Set;

import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptCtTarget;
import org.netwright.model.IptMasqueradeTarget;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptRedirectTarget;
import org.netwright.model.IptRejectTarget;
import org.netwright.model.IptSimpleTarget;
import org.netwright.model.IptSimpleTargetKind;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptTarget;
import org.netwright.model.NftChainType;

/**
 * The built-in chains of each iptables table, the fixed netfilter priority each table hooks in at (as nft shows the
 * iptables-nft chains), the chain type it behaves as, and where iptables-restore accepts the targets that have a place.
 */
public final class IptFacts {

    private IptFacts() {
    }

    public static Set<IptBuiltinChain> builtinChains(IptTableKind table) {
        return switch (table) {
        case FILTER, SECURITY -> EnumSet.of(INPUT, FORWARD, OUTPUT);
        case NAT -> EnumSet.of(PREROUTING, INPUT, OUTPUT, POSTROUTING);
        case MANGLE -> EnumSet.of(PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING);
        case RAW -> EnumSet.of(PREROUTING, OUTPUT);
        };
    }

    /** Priority of the table at its hooks, as nft shows the iptables-nft chains (nat: dstnat -100 / srcnat 100). */
    public static int priority(IptTableKind table, IptBuiltinChain chain) {
        return switch (table) {
        case RAW -> -300;
        case MANGLE -> -150;
        case NAT -> chain == PREROUTING || chain == OUTPUT ? -100 : 100;
        case FILTER -> 0;
        case SECURITY -> 50;
        };
    }

    /** Chains on the receive path before routing decides (no output interface yet). */
    public static boolean hasNoOutputInterface(IptBuiltinChain chain) {
        return chain == PREROUTING || chain == INPUT;
    }

    /** Chains of locally generated or leaving packets (no input interface). */
    public static boolean hasNoInputInterface(IptBuiltinChain chain) {
        return chain == POSTROUTING || chain == OUTPUT;
    }

    /** The nft chain type a built-in chain behaves as: nat chains, mangle OUTPUT reroutes (route), else filter. */
    public static NftChainType chainType(IptTableKind table, IptBuiltinChain chain) {
        if (table == IptTableKind.NAT) {
            return NftChainType.NAT;
        }
        return table == IptTableKind.MANGLE && chain == OUTPUT ? NftChainType.ROUTE : NftChainType.FILTER;
    }

    /** The tables and built-in chains (directly or through user chains) a target may be used in. */
    public record Placement(Set<IptTableKind> tables, Set<IptBuiltinChain> chains) {
    }

    /** Where iptables-restore accepts the target; null for a target allowed everywhere. */
    public static Placement placement(IptTarget target) {
        Set<IptTableKind> nat = EnumSet.of(IptTableKind.NAT);
        if (target instanceof IptNatTarget n) {
            return switch (n.getKind()) {
            case SNAT -> new Placement(nat, EnumSet.of(POSTROUTING, INPUT));
            case DNAT -> new Placement(nat, EnumSet.of(PREROUTING, OUTPUT));
            case NETMAP -> new Placement(nat, EnumSet.of(PREROUTING, INPUT, OUTPUT, POSTROUTING));
            };
        }
        if (target instanceof IptMasqueradeTarget) {
            return new Placement(nat, EnumSet.of(POSTROUTING));
        }
        if (target instanceof IptRedirectTarget) {
            return new Placement(nat, EnumSet.of(PREROUTING, OUTPUT));
        }
        if (target instanceof IptCtTarget || target instanceof IptSimpleTarget s && s.getKind() == IptSimpleTargetKind.NOTRACK) {
            return new Placement(EnumSet.of(IptTableKind.RAW), EnumSet.of(PREROUTING, OUTPUT));
        }
        if (target instanceof IptRejectTarget) {
            return new Placement(EnumSet.of(IptTableKind.FILTER, IptTableKind.MANGLE, IptTableKind.SECURITY),
                    EnumSet.of(INPUT, FORWARD, OUTPUT));
        }
        return null;
    }
}
