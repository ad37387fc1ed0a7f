package org.netwright.dsl.validation;

import static org.netwright.model.IptBuiltinChain.INPUT;
import static org.netwright.model.IptBuiltinChain.OUTPUT;
import static org.netwright.model.IptBuiltinChain.POSTROUTING;
import static org.netwright.model.IptBuiltinChain.PREROUTING;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;
import org.netwright.dsl.util.ChainGraph;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
import org.netwright.model.IptChainPolicy;
import org.netwright.model.IptIcmpMatch;
import org.netwright.model.IptInterfaceMatch;
import org.netwright.model.IptJumpTarget;
import org.netwright.model.IptMasqueradeTarget;
import org.netwright.model.IptMatch;
import org.netwright.model.IptMultiportMatch;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptNatTargetKind;
import org.netwright.model.IptPolicyMatch;
import org.netwright.model.IptPortMatch;
import org.netwright.model.IptProtocolMatch;
import org.netwright.model.IptRedirectTarget;
import org.netwright.model.IptRule;
import org.netwright.model.IptSimpleTarget;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptTarget;
import org.netwright.model.IptablesTable;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.XfrmDir;
import org.netwright.model.semantics.IptFacts;
import org.netwright.model.semantics.NftFacts;
import org.netwright.model.semantics.PortRange;

/**
 * iptables-save syntax: what iptables-restore and the kernel refuse (targets in the wrong table or chain,
 * interfaces on the wrong side, ports without a protocol, loops of user chains).
 */
public class IptablesValidator extends AbstractNetwrightCheck {

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;
    private static final Set<String> PORT_PROTOCOLS = Set.of("tcp", "udp", "udplite", "sctp", "dccp", "6", "17");

    @Check
    public void checkDeclaredBuiltinChain(IptChain chain) {
        IptablesTable table = (IptablesTable) chain.eContainer();
        if (chain.getName() == null && chain.getBuiltin() != IptBuiltinChain.NONE
                && !IptFacts.builtinChains(table.getTable()).contains(chain.getBuiltin())) {
            error(tableName(table) + " has no built-in chain " + chain.getBuiltin().getLiteral() + " (it has "
                    + chains(IptFacts.builtinChains(table.getTable())) + ")", chain, P.getIptChain_Builtin(),
                    IssueCodes.IPT_CHAIN_NOT_IN_TABLE);
        }
    }

    @Check
    public void checkRuleBuiltinChain(IptRule rule) {
        IptablesTable table = (IptablesTable) rule.eContainer();
        if (rule.getBuiltinChain() != IptBuiltinChain.NONE
                && !IptFacts.builtinChains(table.getTable()).contains(rule.getBuiltinChain())) {
            error(tableName(table) + " has no built-in chain " + rule.getBuiltinChain().getLiteral() + " (it has "
                    + chains(IptFacts.builtinChains(table.getTable())) + ")", rule, P.getIptRule_BuiltinChain(),
                    IssueCodes.IPT_CHAIN_NOT_IN_TABLE);
        }
    }

    @Check
    public void checkUserChainPolicy(IptChain chain) {
        if (chain.getName() != null && chain.getPolicy() != IptChainPolicy.NONE) {
            warning("A user-defined chain has no policy (write '-'); packets that fall off its end return to the caller",
                    chain, P.getIptChain_Policy(), IssueCodes.IPT_USER_CHAIN_POLICY);
        }
    }

    /** "Can't use -i with POSTROUTING" and friends. */
    @Check
    public void checkInterfaceDirection(IptInterfaceMatch match) {
        IptRule rule = (IptRule) match.eContainer();
        IptBuiltinChain chain = rule.getBuiltinChain();
        boolean in = match.getOption() == org.netwright.model.IptIfOption.IN;
        if (in && IptFacts.hasNoInputInterface(chain) || !in && IptFacts.hasNoOutputInterface(chain)) {
            error("Can't use " + (in ? "-i" : "-o") + " with " + chain.getLiteral() + ": "
                    + (in ? "locally generated or leaving packets have no input interface there"
                            : "the output interface is not known before routing"),
                    match, P.getIptInterfaceMatch_Option(), IssueCodes.IPT_INTERFACE_DIRECTION);
        }
        String name = match.getInterfaceName();
        String bare = name != null && name.endsWith("+") ? name.substring(0, name.length() - 1) : name;
        if (bare != null && bare.length() > TopologyValidator.MAX_INTERFACE_NAME) {
            error("Interface name " + q(bare) + " is longer than " + TopologyValidator.MAX_INTERFACE_NAME + " characters",
                    match, P.getIptInterfaceMatch_InterfaceName(), IssueCodes.INTERFACE_NAME_TOO_LONG, bare);
        }
    }

    @Check
    public void checkPortMatchProtocol(IptPortMatch match) {
        requirePortProtocol(match, P.getIptPortMatch_Option(), (match.getOption() == org.netwright.model.IptPortOption.SPORT
                ? "--sport" : "--dport"));
    }

    @Check
    public void checkMultiportProtocol(IptMultiportMatch match) {
        requirePortProtocol(match, P.getIptMultiportMatch_Option(), "multiport");
    }

    @Check
    public void checkIcmpProtocol(IptIcmpMatch match) {
        IptRule rule = (IptRule) match.eContainer();
        boolean v6 = match.isIcmpv6();
        if (!hasProtocol(rule, v6 ? Set.of("ipv6-icmp", "icmpv6", "58") : Set.of("icmp", "1"))) {
            String option = v6 ? "--icmpv6-type" : "--icmp-type";
            error(option + " needs '-p " + (v6 ? "ipv6-icmp" : "icmp") + "' before it (" + (v6 ? "ip6tables" : "iptables")
                    + ": unknown option \"" + option + "\")", match, P.getIptIcmpMatch_IcmpType(), IssueCodes.IPT_ICMP_WITHOUT_PROTOCOL);
        }
    }

    /** "Need TCP, UDP, SCTP or DCCP with port specification" */
    @Check
    public void checkTargetPortProtocol(IptTarget target) {
        PortRange ports = target instanceof IptNatTarget n ? n.getPorts()
                : target instanceof IptMasqueradeTarget m ? m.getPorts()
                        : target instanceof IptRedirectTarget r ? r.getPorts() : null;
        IptRule rule = (IptRule) target.eContainer();
        if (ports != null && !hasProtocol(rule, PORT_PROTOCOLS)) {
            error(targetName(target) + " to a port needs '-p tcp' or '-p udp' in the rule (iptables: Need TCP, UDP, SCTP "
                    + "or DCCP with port specification)", target, null, IssueCodes.IPT_PORT_WITHOUT_PROTOCOL);
        }
    }

    /** NAT targets live in nat, CT/NOTRACK in raw; each also only at certain hooks. */
    @Check
    public void checkTargetPlacement(IptTarget target) {
        IptRule rule = (IptRule) target.eContainer();
        IptablesTable table = (IptablesTable) rule.eContainer();
        IptFacts.Placement allowed = IptFacts.placement(target);
        if (allowed == null) {
            return;
        }
        if (!allowed.tables().contains(table.getTable())) {
            error(targetName(target) + " is only valid in the " + tables(allowed.tables()) + " table"
                    + (allowed.tables().size() > 1 ? "s" : "") + ", not in " + tableName(table), target, null,
                    IssueCodes.IPT_TARGET_TABLE);
            return;
        }
        for (IptBuiltinChain chain : contexts(rule)) {
            if (!allowed.chains().contains(chain)) {
                String via = rule.getBuiltinChain() == IptBuiltinChain.NONE
                        ? " (chain " + q(rule.getChain() == null ? "?" : rule.getChain().getName()) + " is reached from " + chain.getLiteral() + ")" : "";
                error(targetName(target) + " is only valid in " + chains(allowed.chains()) + ", not in " + chain.getLiteral()
                        + via, target, null, IssueCodes.IPT_TARGET_CHAIN);
                return;
            }
        }
    }

    /** The policy match sees the decryption on the way in and the encryption on the way out. */
    /** iptables refuses --random-fully on DNAT and every flag on NETMAP ("unknown option"). */
    @Check
    public void checkNatFlags(IptNatTarget target) {
        boolean netmap = target.getKind() == IptNatTargetKind.NETMAP;
        if (netmap && target.isRandom()) {
            natOption(target, "--random", P.getIptNatTarget_Random());
        }
        if ((netmap || target.getKind() == IptNatTargetKind.DNAT) && target.isRandomFully()) {
            natOption(target, "--random-fully", P.getIptNatTarget_RandomFully());
        }
        if (netmap && target.isPersistent()) {
            natOption(target, "--persistent", P.getIptNatTarget_Persistent());
        }
    }

    private void natOption(IptNatTarget target, String option, EStructuralFeature feature) {
        error(target.getKind().getLiteral() + " has no option " + option + " (iptables: unknown option)", target, feature,
                IssueCodes.IPT_NAT_OPTION, option);
    }

    @Check
    public void checkPolicyDirection(IptPolicyMatch match) {
        IptRule rule = (IptRule) match.eContainer();
        for (IptBuiltinChain chain : contexts(rule)) {
            boolean wrong = match.getDir() == XfrmDir.IN ? chain == OUTPUT || chain == POSTROUTING
                    : chain == PREROUTING || chain == INPUT;
            if (wrong) {
                error("-m policy --dir " + match.getDir().getLiteral() + " is not valid in " + chain.getLiteral() + " (use --dir "
                        + (match.getDir() == XfrmDir.IN ? "out" : "in") + " there)", match, P.getIptPolicyMatch_Dir(),
                        IssueCodes.IPT_POLICY_DIRECTION);
                return;
            }
        }
    }

    /** The kernel refuses a loop of user chains reached from a built-in chain ("Too many links"). */
    @Check
    public void checkJumpLoops(IptablesTable table) {
        ChainGraph<Object> graph = graph(table);
        for (IptRule rule : table.getRules()) {
            if (!(rule.getTarget() instanceof IptJumpTarget jump) || jump.getChain() == null || jump.getChain().eIsProxy()) {
                continue;
            }
            Object from = source(rule);
            if (from == null || !graph.closesLoop(from, jump.getChain())) {
                continue;
            }
            boolean reached = from instanceof IptBuiltinChain
                    || IptFacts.builtinChains(table.getTable()).stream().anyMatch(b -> graph.reachableFrom(b).contains(from));
            String message = "-j " + jump.getChain().getName() + " closes a loop of chains";
            if (reached) {
                error(message + "; the kernel refuses it", jump, P.getIptJumpTarget_Chain(), IssueCodes.IPT_JUMP_LOOP);
            } else {
                warning(message + "; no built-in chain reaches it yet, the kernel refuses it once one does", jump,
                        P.getIptJumpTarget_Chain(), IssueCodes.IPT_JUMP_LOOP);
            }
        }
    }

    /**
     * iptables-nft turns user chains into nft chains, so the kernel refuses a chain more than
     * {@link NftFacts#MAX_JUMP_NESTING} jumps below a built-in chain; iptables-legacy loads it: a warning.
     */
    @Check
    public void checkJumpDepth(IptablesTable table) {
        ChainGraph<Object> graph = graph(table);
        Set<IptRule> reported = new java.util.HashSet<>();
        for (IptBuiltinChain builtin : IptFacts.builtinChains(table.getTable())) {
            Map<Object, Integer> depths = graph.deepest(builtin);
            for (IptRule rule : table.getRules()) {
                Integer depth = depths.get(source(rule));
                if (depth == null || depth + 1 <= NftFacts.MAX_JUMP_NESTING
                        || !(rule.getTarget() instanceof IptJumpTarget jump) || jump.getChain() == null
                        || jump.getChain().eIsProxy() || !reported.add(rule)) {
                    continue;
                }
                warning("-j " + jump.getChain().getName() + " puts it " + (depth + 1) + " jumps below "
                        + builtin.getLiteral() + "; iptables-nft (the default back end) refuses the ruleset (Too many links: "
                        + "the kernel allows " + NftFacts.MAX_JUMP_NESTING + "), iptables-legacy loads it", jump,
                        P.getIptJumpTarget_Chain(), IssueCodes.IPT_JUMP_TOO_DEEP);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The built-in chains whose packets reach this rule: its own, or those that jump to its user chain. */
    private Set<IptBuiltinChain> contexts(IptRule rule) {
        Set<IptBuiltinChain> result = new LinkedHashSet<>();
        if (rule.getBuiltinChain() != IptBuiltinChain.NONE) {
            result.add(rule.getBuiltinChain());
            return result;
        }
        if (rule.getChain() == null || rule.getChain().eIsProxy()) {
            return result;
        }
        IptablesTable table = (IptablesTable) rule.eContainer();
        ChainGraph<Object> graph = graph(table);
        for (IptBuiltinChain b : IptFacts.builtinChains(table.getTable())) {
            if (graph.reachableFrom(b).contains(rule.getChain())) {
                result.add(b);
            }
        }
        return result;
    }

    private ChainGraph<Object> graph(IptablesTable table) {
        return index().memo(java.util.List.of("iptGraph", table), () -> buildGraph(table));
    }

    private static ChainGraph<Object> buildGraph(IptablesTable table) {
        ChainGraph<Object> graph = new ChainGraph<>();
        for (IptRule r : table.getRules()) {
            Object from = source(r);
            if (from != null && r.getTarget() instanceof IptJumpTarget j && j.getChain() != null && !j.getChain().eIsProxy()) {
                graph.edge(from, j.getChain());
            }
        }
        return graph;
    }

    private static Object source(IptRule r) {
        if (r.getBuiltinChain() != IptBuiltinChain.NONE) {
            return r.getBuiltinChain();
        }
        return r.getChain() == null || r.getChain().eIsProxy() ? null : r.getChain();
    }

    private void requirePortProtocol(IptMatch match, EStructuralFeature feature, String what) {
        IptRule rule = (IptRule) match.eContainer();
        if (!hasProtocol(rule, PORT_PROTOCOLS)) {
            error(what + " needs '-p tcp' or '-p udp' before it (iptables: unknown option)", match, feature,
                    IssueCodes.IPT_PORT_WITHOUT_PROTOCOL);
        }
    }

    private static boolean hasProtocol(IptRule rule, Set<String> protocols) {
        for (IptMatch m : rule.getMatches()) {
            if (m instanceof IptProtocolMatch p && !p.isNegated() && p.getProtocol() != null
                    && protocols.contains(p.getProtocol().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    static String targetName(EObject target) {
        if (target instanceof IptNatTarget n) {
            return n.getKind() == IptNatTargetKind.SNAT ? "SNAT" : n.getKind() == IptNatTargetKind.DNAT ? "DNAT" : "NETMAP";
        }
        if (target instanceof IptSimpleTarget s) {
            return s.getKind().getLiteral();
        }
        return target.eClass().getName().replace("Ipt", "").replace("Target", "").toUpperCase(Locale.ROOT);
    }

    private static String tableName(IptablesTable table) {
        return "*" + table.getTable().getLiteral();
    }

    private static String tables(Set<IptTableKind> tables) {
        return String.join(", ", tables.stream().map(IptTableKind::getLiteral).toList());
    }

    private static String chains(Set<IptBuiltinChain> chains) {
        return String.join(", ", chains.stream().map(IptBuiltinChain::getLiteral).toList());
    }
}
