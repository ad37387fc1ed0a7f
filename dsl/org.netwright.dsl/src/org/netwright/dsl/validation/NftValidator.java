package org.netwright.dsl.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.netwright.dsl.util.ChainGraph;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftCtKey;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftMap;
import org.netwright.model.NftMapElement;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftNat;
import org.netwright.model.NftNotrack;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftPayloadField;
import org.netwright.model.NftPayloadProto;
import org.netwright.model.NftPolicy;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftReject;
import org.netwright.model.NftRule;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetFlag;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftValue;
import org.netwright.model.NftVariableRef;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftVerdictKind;
import org.netwright.model.semantics.Namespaces;
import org.netwright.model.semantics.NftFacts;

/** nftables: base chain declarations, NAT placement, jumps, statement order, sets, family limits. */
public class NftValidator extends AbstractNetwrightCheck {

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;

    // ------------------------------------------------------------------ base chains

    @Check
    public void checkHookPresent(NftHookSpec spec) {
        if (!spec.isSetHook()) {
            error("A base chain needs a hook: 'type " + spec.getType().getLiteral() + " hook HOOK priority PRIORITY;'",
                    spec, P.getNftHookSpec_Type(), IssueCodes.NFT_BASE_CHAIN_NO_HOOK, spec.getType().getLiteral());
        }
    }

    @Check
    public void checkPriorityPresent(NftHookSpec spec) {
        if (spec.getPriority() == null) {
            String usual = spec.isSetHook() ? NftFacts.usualPriority(family(spec), spec.getType(), spec.getHook()) : "filter";
            error("A base chain needs a priority (nft refuses it without one); the usual one here is " + usual, spec,
                    spec.isSetHook() ? P.getNftHookSpec_Hook() : P.getNftHookSpec_Type(),
                    IssueCodes.NFT_BASE_CHAIN_NO_PRIORITY, usual);
        }
    }

    @Check
    public void checkChainTypeInFamily(NftHookSpec spec) {
        NftFamily family = family(spec);
        if (family != null && !NftFacts.hasChainType(family, spec.getType())) {
            error("The " + family.getLiteral() + " family has no chains of type " + spec.getType().getLiteral()
                    + (spec.getType() == NftChainType.NAT ? " (NAT exists in the ip, ip6 and inet families)" : ""), spec,
                    P.getNftHookSpec_Type(), IssueCodes.NFT_CHAIN_TYPE_FAMILY);
        }
    }

    @Check
    public void checkHookValid(NftHookSpec spec) {
        NftFamily family = family(spec);
        if (family == null || !spec.isSetHook() || !NftFacts.hasChainType(family, spec.getType())) {
            return;
        }
        Set<NftHook> hooks = NftFacts.hooks(family, spec.getType());
        if (!hooks.contains(spec.getHook())) {
            error("A " + spec.getType().getLiteral() + " chain in the " + family.getLiteral() + " family cannot hook "
                    + spec.getHook().getLiteral() + "; it can hook " + literals(hooks), spec, P.getNftHookSpec_Hook(),
                    IssueCodes.NFT_HOOK_INVALID);
        }
    }

    @Check
    public void checkDevices(NftHookSpec spec) {
        NftFamily family = family(spec);
        if (family == null || !spec.isSetHook()) {
            return;
        }
        boolean needs = NftFacts.needsDevice(family, spec.getHook());
        if (needs && spec.getDevices().isEmpty()) {
            error("A " + family.getLiteral() + " " + spec.getHook().getLiteral()
                    + " chain must be bound to a device: 'device NAME' or 'devices = { A, B }'", spec,
                    P.getNftHookSpec_Hook(), IssueCodes.NFT_DEVICE_MISSING);
        } else if (!needs && !spec.getDevices().isEmpty()) {
            error("Only netdev chains and inet ingress chains are bound to devices", spec, P.getNftHookSpec_Devices(),
                    IssueCodes.NFT_DEVICE_NOT_ALLOWED);
        }
    }

    /** "invalid priority expression value in this context" */
    @Check
    public void checkPriorityName(NftHookSpec spec) {
        NftFamily family = family(spec);
        if (family == null || !spec.isSetHook() || spec.getPriority() == null
                || spec.getPriority().getKeyword() == NftPriorityName.NUMERIC) {
            return;
        }
        NftPriorityName name = spec.getPriority().getKeyword();
        if (!NftFacts.priorityNameAllowed(family, spec.getHook(), name)) {
            Integer value = NftFacts.standardPriority(family, name);
            error("Priority " + name.getLiteral() + " is not defined for a " + family.getLiteral() + " "
                    + spec.getHook().getLiteral() + " chain" + (value == null ? "" : "; write the number " + value)
                    + " (nft: invalid priority expression value in this context)", spec, P.getNftHookSpec_Priority(),
                    IssueCodes.NFT_PRIORITY_NAME, value == null ? "" : String.valueOf(value));
        }
    }

    @Check
    public void checkPolicyOnRegularChain(NftChain chain) {
        if (chain.getHook() == null && chain.getPolicy() != NftPolicy.UNSPECIFIED) {
            error("Only base chains have a policy; " + q(chain.getName()) + " has no hook", chain, P.getNftChain_Policy(),
                    IssueCodes.NFT_POLICY_REGULAR_CHAIN);
        }
    }

    // ------------------------------------------------------------------ jumps

    @Check
    public void checkJumpTarget(NftVerdict verdict) {
        NftChain target = verdict.getChain();
        if (isJump(verdict) && target != null && !target.eIsProxy() && target.getHook() != null) {
            error("Cannot " + verdict.getKind().getLiteral() + " to base chain " + q(target.getName())
                    + " (the kernel refuses it); jump to a regular chain", verdict, P.getNftVerdict_Chain(),
                    IssueCodes.NFT_JUMP_TO_BASE_CHAIN);
        }
    }

    /** The kernel refuses a loop of jumps that a base chain reaches ("Too many links"); an unreached one is dead. */
    @Check
    public void checkJumpLoops(NftTable table) {
        ChainGraph<NftChain> graph = graph(table);
        for (NftChain chain : table.getChains()) {
            for (NftVerdict v : verdicts(chain)) {
                if (!graph.closesLoop(chain, v.getChain())) {
                    continue;
                }
                boolean reached = table.getChains().stream().anyMatch(
                        b -> b.getHook() != null && (b == chain || graph.reachableFrom(b).contains(chain)));
                String message = v.getKind().getLiteral() + " " + v.getChain().getName() + " closes a loop of chains ("
                        + chain.getName() + " -> " + v.getChain().getName() + " -> ... -> " + chain.getName() + ")";
                if (reached) {
                    error(message + "; the kernel refuses it", v, P.getNftVerdict_Chain(), IssueCodes.NFT_JUMP_LOOP);
                } else {
                    warning(message + "; no base chain reaches it yet, the kernel refuses it once one does", v,
                            P.getNftVerdict_Chain(), IssueCodes.NFT_JUMP_LOOP);
                }
            }
        }
    }

    /** The kernel refuses a chain more than {@link NftFacts#MAX_JUMP_NESTING} jumps or gotos below a base chain. */
    @Check
    public void checkJumpDepth(NftTable table) {
        ChainGraph<NftChain> graph = graph(table);
        Set<NftVerdict> reported = new HashSet<>();
        for (NftChain base : table.getChains()) {
            if (base.getHook() == null) {
                continue;
            }
            graph.deepest(base).forEach((chain, depth) -> {
                for (NftVerdict v : verdicts(chain)) {
                    if (depth + 1 > NftFacts.MAX_JUMP_NESTING && reported.add(v)) {
                        error(v.getKind().getLiteral() + " " + v.getChain().getName() + " puts " + q(v.getChain().getName()) + " "
                                + (depth + 1) + " jumps below base chain " + q(base.getName()) + "; the kernel allows "
                                + NftFacts.MAX_JUMP_NESTING + " (its jump stack has " + (NftFacts.MAX_JUMP_NESTING + 1)
                                + " entries) and refuses the ruleset (Too many links)", v, P.getNftVerdict_Chain(),
                                IssueCodes.NFT_JUMP_TOO_DEEP);
                    }
                }
            });
        }
    }

    // ------------------------------------------------------------------ statements

    @Check
    public void checkNatPlacement(NftNat nat) {
        NftChain chain = EcoreUtil2.getContainerOfType(nat, NftChain.class);
        if (chain == null) {
            return;
        }
        String what = nat.getKind().getLiteral();
        for (NftChain base : contexts(chain)) {
            NftHookSpec spec = base.getHook();
            String via = base == chain ? "" : " (" + q(chain.getName()) + " is reached from base chain " + q(base.getName()) + ")";
            if (spec.getType() != NftChainType.NAT) {
                error(what + " is only valid in a chain of type nat; " + q(base.getName()) + " is of type "
                        + spec.getType().getLiteral() + via, nat, P.getNftNat_Kind(), IssueCodes.NFT_NAT_CHAIN_TYPE);
                return;
            }
            Set<NftHook> hooks = NftFacts.natHooks(nat.getKind());
            if (spec.isSetHook() && !hooks.contains(spec.getHook())) {
                error(what + " is only valid at " + literals(hooks) + "; " + q(base.getName()) + " hooks "
                        + spec.getHook().getLiteral() + via, nat, P.getNftNat_Kind(), IssueCodes.NFT_NAT_HOOK);
                return;
            }
        }
    }

    /** "transport protocol mapping is only valid after transport protocol match" */
    @Check
    public void checkNatPortNeedsProtocol(NftNat nat) {
        if (nat.getPorts() == null || !(nat.eContainer() instanceof NftRule rule)) {
            return;
        }
        for (NftStatement s : rule.getStatements()) {
            if (s == nat) {
                break;
            }
            if (isTransportMatch(s)) {
                return;
            }
        }
        error(nat.getKind().getLiteral() + " to a port needs a transport protocol match before it (tcp dport ..., "
                + "udp dport ..., meta l4proto tcp)", nat, P.getNftNat_Ports(), IssueCodes.NFT_NAT_PORT_WITHOUT_PROTOCOL);
    }

    @Check
    public void checkRejectHook(NftReject reject) {
        NftChain chain = EcoreUtil2.getContainerOfType(reject, NftChain.class);
        if (chain == null) {
            return;
        }
        for (NftChain base : contexts(chain)) {
            if (base.getHook().isSetHook() && base.getHook().getHook() == NftHook.POSTROUTING) {
                error("reject is not valid at postrouting (" + q(base.getName()) + "); reject in input, forward or output",
                        reject, null, IssueCodes.NFT_REJECT_HOOK);
                return;
            }
        }
    }

    /** "Statement after terminal statement has no effect" */
    @Check
    public void checkNothingAfterTerminal(NftRule rule) {
        List<NftStatement> statements = rule.getStatements();
        for (int i = 0; i < statements.size() - 1; i++) {
            NftStatement s = statements.get(i);
            if (s instanceof NftVerdict || s instanceof NftReject || s instanceof NftNat) {
                error("Nothing runs after " + terminalName(s) + ": move it to the end of the rule", rule,
                        P.getNftRule_Statements(), i + 1, IssueCodes.NFT_STATEMENT_AFTER_VERDICT, String.valueOf(i));
                return;
            }
        }
    }

    @Check
    public void checkSetIntervals(NftSet set) {
        if (!set.getFlags().contains(NftSetFlag.INTERVAL) && set.getElements().stream().anyMatch(NftValidator::isInterval)) {
            error("Set " + q(set.getName()) + " has prefix or range elements: it needs 'flags interval'", set,
                    P.getNamedElement_Name(), IssueCodes.NFT_SET_NEEDS_INTERVAL);
        }
    }

    @Check
    public void checkMapIntervals(NftMap map) {
        boolean intervals = map.getElements().stream().map(NftMapElement::getKey).anyMatch(NftValidator::isInterval);
        if (!map.getFlags().contains(NftSetFlag.INTERVAL) && intervals) {
            error("Map " + q(map.getName()) + " has prefix or range keys: it needs 'flags interval'", map,
                    P.getNamedElement_Name(), IssueCodes.NFT_SET_NEEDS_INTERVAL);
        }
    }

    @Check
    public void checkCtFamily(NftCtExpr ct) {
        NftFamily family = family(ct);
        if (family == NftFamily.NETDEV || family == NftFamily.ARP) {
            error("The " + family.getLiteral() + " family has no connection tracking: 'ct " + ct.getKey().getLiteral()
                    + "' is refused (set a meta mark here and copy it to the ct mark later, as in seed 003)", ct,
                    P.getNftCtExpr_Key(), IssueCodes.NFT_CT_FAMILY);
        }
    }

    /** nft resolves only some meta keys without the keyword ("No symbol type information" otherwise). */
    @Check
    public void checkMetaShorthand(NftMetaExpr meta) {
        if (!meta.isExplicitMeta() && !shorthandAllowed(meta.getKey())) {
            error("nft needs 'meta " + meta.getKey().getLiteral() + "' here (only mark, iif, oif, iifname, oifname, "
                    + "iiftype, oiftype, pkttype, skuid, skgid, nftrace and ipsec may drop 'meta')", meta,
                    P.getNftMetaExpr_Key(), IssueCodes.NFT_META_SHORTHAND, meta.getKey().getLiteral());
        }
    }

    @Check
    public void checkMetaIpsecHook(NftMetaExpr meta) {
        NftChain chain = EcoreUtil2.getContainerOfType(meta, NftChain.class);
        if (meta.getKey() != NftMetaKey.IPSEC || chain == null) {
            return;
        }
        for (NftChain base : contexts(chain)) {
            NftHook hook = base.getHook().isSetHook() ? base.getHook().getHook() : null;
            if (hook == NftHook.OUTPUT || hook == NftHook.POSTROUTING) {
                error("meta ipsec (did the packet arrive decrypted?) is refused at " + hook.getLiteral()
                        + "; on the way out use 'rt ipsec exists' (will the route encrypt it?)", meta,
                        P.getNftMetaExpr_Key(), IssueCodes.NFT_META_IPSEC_HOOK);
                return;
            }
        }
    }

    @Check
    public void checkArpSubfield(NftPayloadExpr payload) {
        if (payload.getProtocol() == NftPayloadProto.ARP && payload.getSubField() == org.netwright.model.NftArpAddrKind.NONE
                && payload.getField() != NftPayloadField.OPERATION) {
            error("arp saddr/daddr need 'ip' or 'ether' (arp saddr ip 10.0.0.1)", payload,
                    P.getNftPayloadExpr_SubField(), IssueCodes.NFT_ARP_SUBFIELD);
        }
    }

    /**
     * ct zone set, notrack and stateless address rewriting act on a packet conntrack has not seen yet: at
     * prerouting and output conntrack runs at -200, so they need a lower priority (raw, -300).
     */
    @Check
    public void checkBeforeConntrack(NftStatement statement) {
        String what = beforeConntrackStatement(statement);
        NftChain chain = EcoreUtil2.getContainerOfType(statement, NftChain.class);
        NftFamily family = family(statement);
        if (what == null || chain == null || chain.getHook() == null || !chain.getHook().isSetHook()
                || family == NftFamily.BRIDGE || family == NftFamily.NETDEV || family == NftFamily.ARP) {
            return;
        }
        NftHookSpec spec = chain.getHook();
        Integer priority = NftFacts.value(family, spec.getPriority());
        if ((spec.getHook() == NftHook.PREROUTING || spec.getHook() == NftHook.OUTPUT) && priority != null
                && priority >= NftFacts.CONNTRACK_PRIORITY) {
            warning(what + " at priority " + priority + " runs after conntrack (" + NftFacts.CONNTRACK_PRIORITY + ") at "
                    + spec.getHook().getLiteral() + ": the connection is already tracked, so it has no effect on "
                    + "conntrack; use a priority below " + NftFacts.CONNTRACK_PRIORITY + " (raw)", statement, null,
                    IssueCodes.NFT_AFTER_CONNTRACK, spec.getHook().getLiteral());
        }
    }

    private static final Set<String> CT_STATES = Set.of("new", "established", "related", "invalid", "untracked");
    private static final Set<String> CT_DIRECTIONS = Set.of("original", "reply");

    @Check
    public void checkCtValues(NftMatch match) {
        if (!(match.getLeft() instanceof NftCtExpr ct)) {
            return;
        }
        Set<String> allowed = ct.getKey() == NftCtKey.STATE ? CT_STATES : ct.getKey() == NftCtKey.DIRECTION ? CT_DIRECTIONS : null;
        if (allowed == null) {
            return;
        }
        for (NftLiteral literal : literals(match.getRight())) {
            String value = literal.getValue();
            if (value != null && value.matches("[a-zA-Z]+") && !allowed.contains(value)) {
                error("ct " + ct.getKey().getLiteral() + " is one of " + String.join(", ", allowed.stream().sorted().toList())
                        + "; not " + q(value), match, P.getNftMatch_Right(), IssueCodes.NFT_CT_VALUE, value);
            }
        }
    }

    /** iif/oif name existing interfaces (nft resolves them when it loads: "Interface does not exist"). */
    @Check
    public void checkInterfaceMatch(NftMatch match) {
        if (!(match.getLeft() instanceof NftMetaExpr meta)) {
            return;
        }
        boolean byIndex = meta.getKey() == NftMetaKey.IIF || meta.getKey() == NftMetaKey.OIF;
        boolean byName = meta.getKey() == NftMetaKey.IIFNAME || meta.getKey() == NftMetaKey.OIFNAME;
        if (!byIndex && !byName) {
            return;
        }
        Namespace ns = Namespaces.namespaceOf(match);
        for (NftLiteral literal : literals(resolve(match.getRight()))) {
            String name = unquote(literal.getValue());
            if (name == null) {
                continue;
            }
            String bare = byName && name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
            if (bare.length() > TopologyValidator.MAX_INTERFACE_NAME) {
                error("Interface name " + q(bare) + " is longer than " + TopologyValidator.MAX_INTERFACE_NAME
                        + " characters", match, P.getNftMatch_Right(), IssueCodes.INTERFACE_NAME_TOO_LONG, bare);
            } else if (byIndex && ns != null && !"lo".equals(name) && !index().hasInterface(ns, name, match)) {
                error("Namespace " + q(ns.getName()) + " has no interface " + q(name) + " (" + meta.getKey().getLiteral()
                        + " needs an existing interface; iifname/oifname match by name)", match, P.getNftMatch_Right(),
                        IssueCodes.UNKNOWN_INTERFACE, name);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The base chains whose packets reach {@code chain}: itself, or the base chains that jump to it. */
    private List<NftChain> contexts(NftChain chain) {
        return index().memo(List.of("nftContexts", chain), () -> computeContexts(chain));
    }

    private List<NftChain> computeContexts(NftChain chain) {
        List<NftChain> result = new ArrayList<>();
        if (chain.getHook() != null) {
            result.add(chain);
            return result;
        }
        if (!(chain.eContainer() instanceof NftTable table)) {
            return result;
        }
        ChainGraph<NftChain> graph = graph(table);
        for (NftChain c : table.getChains()) {
            if (c.getHook() != null && graph.reachableFrom(c).contains(chain)) {
                result.add(c);
            }
        }
        return result;
    }

    private ChainGraph<NftChain> graph(NftTable table) {
        return index().memo(List.of("nftGraph", table), () -> buildGraph(table));
    }

    private static ChainGraph<NftChain> buildGraph(NftTable table) {
        ChainGraph<NftChain> graph = new ChainGraph<>();
        for (NftChain c : table.getChains()) {
            graph.node(c);
            for (NftVerdict v : verdicts(c)) {
                graph.edge(c, v.getChain());
            }
        }
        return graph;
    }

    private static List<NftVerdict> verdicts(NftChain chain) {
        List<NftVerdict> result = new ArrayList<>();
        for (NftRule r : chain.getRules()) {
            for (NftStatement s : r.getStatements()) {
                if (s instanceof NftVerdict v && isJump(v) && v.getChain() != null && !v.getChain().eIsProxy()
                        && v.getChain().eContainer() == chain.eContainer()) {
                    result.add(v);
                }
            }
        }
        return result;
    }

    private static boolean isJump(NftVerdict v) {
        return v.getKind() == NftVerdictKind.JUMP || v.getKind() == NftVerdictKind.GOTO;
    }

    static NftFamily family(EObject o) {
        NftTable table = EcoreUtil2.getContainerOfType(o, NftTable.class);
        return table == null ? null : table.getFamily();
    }

    private static boolean isTransportMatch(NftStatement s) {
        if (!(s instanceof NftMatch m)) {
            return false;
        }
        if (m.getLeft() instanceof NftPayloadExpr p) {
            return p.getProtocol() == NftPayloadProto.TCP || p.getProtocol() == NftPayloadProto.UDP
                    || p.getProtocol() == NftPayloadProto.TH
                    || (p.getProtocol() == NftPayloadProto.IP || p.getProtocol() == NftPayloadProto.IP6)
                            && (p.getField() == NftPayloadField.PROTOCOL || p.getField() == NftPayloadField.NEXTHDR);
        }
        return m.getLeft() instanceof NftMetaExpr meta && meta.getKey() == NftMetaKey.L4PROTO;
    }

    private static String beforeConntrackStatement(NftStatement s) {
        if (s instanceof NftNotrack) {
            return "notrack";
        }
        if (s instanceof NftSetStatement set) {
            if (set.getTarget() instanceof NftCtExpr ct && ct.getKey() == NftCtKey.ZONE) {
                return "ct zone set";
            }
            if (set.getTarget() instanceof NftPayloadExpr p
                    && (p.getProtocol() == NftPayloadProto.IP || p.getProtocol() == NftPayloadProto.IP6)
                    && (p.getField() == NftPayloadField.SADDR || p.getField() == NftPayloadField.DADDR)) {
                return p.getProtocol().getLiteral() + " " + p.getField().getLiteral() + " set (stateless NAT)";
            }
        }
        return null;
    }

    private static boolean shorthandAllowed(NftMetaKey key) {
        return switch (key) {
        case L4PROTO, NFPROTO, PROTOCOL, LENGTH -> false;
        default -> true;
        };
    }

    private static String terminalName(NftStatement s) {
        if (s instanceof NftVerdict v) {
            return "'" + v.getKind().getLiteral() + "'";
        }
        if (s instanceof NftNat n) {
            return "'" + n.getKind().getLiteral() + "'";
        }
        return "'reject'";
    }

    private static boolean isInterval(NftLiteral literal) {
        return literal != null && (literal.getRangeEnd() != null || literal.getValue() != null && literal.getValue().contains("/"));
    }

    private static NftValue resolve(NftValue value) {
        if (value instanceof NftVariableRef ref && ref.getVariable() != null && !ref.getVariable().eIsProxy()) {
            return ref.getVariable().getValue();
        }
        return value;
    }

    static List<NftLiteral> literals(NftValue value) {
        if (value instanceof NftLiteral l) {
            return List.of(l);
        }
        if (value instanceof NftListValue list) {
            return list.getElements();
        }
        if (value instanceof NftAnonymousSet set) {
            return set.getElements();
        }
        return List.of();
    }

    static String unquote(String s) {
        if (s == null) {
            return null;
        }
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String literals(Set<NftHook> hooks) {
        return String.join(", ", hooks.stream().map(NftHook::getLiteral).toList());
    }

    /** Data type names nft 1.0 knows for set and map keys and values. */
    static final List<String> DATA_TYPES = List.of("ipv4_addr", "ipv6_addr", "ether_addr", "inet_proto", "inet_service", "mark",
            "ifname", "iface_index", "iface_type", "verdict", "ct_state", "ct_status", "ct_dir", "ct_label", "nf_proto", "ether_type",
            "icmp_type", "icmp_code", "icmpv6_type", "icmpv6_code", "icmpx_code", "tcp_flag", "dscp", "ecn", "pkt_type", "uid", "gid",
            "realm", "classid", "day", "hour", "time", "devgroup", "cgroupv2", "boolean", "integer", "string", "arp_op", "ipsec_spi",
            "fib_addrtype", "counter", "quota", "limit");

    @Check
    public void checkSetDataTypes(NftSet set) {
        checkDataTypes(set, set.getTypes(), P.getNftSet_Types());
    }

    @Check
    public void checkMapDataTypes(NftMap map) {
        checkDataTypes(map, map.getKeyTypes(), P.getNftMap_KeyTypes());
        checkDataTypes(map, map.getValueTypes(), P.getNftMap_ValueTypes());
    }

    private void checkDataTypes(EObject owner, List<String> types, org.eclipse.emf.ecore.EStructuralFeature feature) {
        for (int i = 0; i < types.size(); i++) {
            String t = types.get(i);
            if (!DATA_TYPES.contains(t)) {
                warning("nft has no data type " + q(t) + " (known: ipv4_addr, inet_proto, inet_service, mark, ifname, verdict, ...)",
                        owner, feature, i, IssueCodes.NFT_DATA_TYPE, closest(t, DATA_TYPES));
            }
        }
    }

    /** The known name with the fewest edits from {@code s}. */
    static String closest(String s, List<String> names) {
        String best = names.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int[] prev = new int[n.length() + 1];
            for (int j = 0; j <= n.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= s.length(); i++) {
                int[] cur = new int[n.length() + 1];
                cur[0] = i;
                for (int j = 1; j <= n.length(); j++) {
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (s.charAt(i - 1) == n.charAt(j - 1) ? 0 : 1));
                }
                prev = cur;
            }
            if (prev[n.length()] < bestDistance) {
                bestDistance = prev[n.length()];
                best = n;
            }
        }
        return best;
    }

    /** Every element of a typed set or map has as many concatenated parts as the key type (and the value type). */
    @Check
    public void checkConcatenationArity(NftSet set) {
        if (set.getTypeof() == null) {
            for (NftLiteral l : set.getElements()) {
                checkArity(l, set.getTypes().size(), l);
            }
        }
    }

    @Check
    public void checkMapConcatenationArity(NftMap map) {
        for (NftMapElement e : map.getElements()) {
            if (map.getKeyTypeof() == null) {
                checkArity(e.getKey(), map.getKeyTypes().size(), e);
            }
            if (e.getValue() != null && map.getValueTypeof() == null) {
                checkArity(e.getValue(), map.getValueTypes().size(), e);
            }
        }
    }

    private void checkArity(NftLiteral l, int expected, EObject where) {
        int parts = 0;
        for (NftLiteral p = l; p != null && parts <= expected; p = p.getNext()) {
            parts++;
        }
        if (expected > 0 && parts != expected) {
            error("This element has " + parts + " part" + (parts == 1 ? "" : "s") + " but the type has " + expected
                    + " (concatenate them with ' . ')", where, null, IssueCodes.NFT_CONCAT_ARITY, String.valueOf(expected));
        }
    }

    @Check
    public void checkVmapTarget(org.netwright.model.NftVmap vmap) {
        NftMap m = vmap.getMap();
        if (m != null && !m.eIsProxy() && m.getValueTypeof() == null && !m.getValueTypes().equals(List.of("verdict"))) {
            error("vmap needs a map of verdicts; " + q(m.getName()) + " maps to " + String.join(" . ", m.getValueTypes()), vmap,
                    P.getNftVmap_Map(), IssueCodes.NFT_VMAP_NOT_VERDICT, m.getName());
        }
    }

    @Check
    public void checkNumgenModulus(org.netwright.model.NftNumgenExpr e) {
        if (e.getModulus() == 0) {
            error("numgen mod 0 has no values (nft refuses it)", e, P.getNftNumgenExpr_Modulus(), IssueCodes.NFT_MODULUS_ZERO);
        }
    }

    @Check
    public void checkHashModulus(org.netwright.model.NftHashExpr e) {
        if (e.getModulus() == 0) {
            error(e.getKind().getLiteral() + " mod 0 has no values (nft refuses it)", e, P.getNftHashExpr_Modulus(),
                    IssueCodes.NFT_MODULUS_ZERO);
        }
    }

    @Check
    public void checkDynsetTarget(org.netwright.model.NftDynset d) {
        NftSet s = d.getSet();
        if (s != null && !s.eIsProxy() && !s.getFlags().contains(NftSetFlag.DYNAMIC) && !s.getFlags().contains(NftSetFlag.TIMEOUT)
                && s.getTimeout() == null) {
            warning("Set " + q(s.getName()) + " is updated from the packet path: nft makes it 'flags dynamic' (size 65535 unless"
                    + " given), so write that", d, P.getNftDynset_Set(),
                    IssueCodes.NFT_DYNSET_NOT_DYNAMIC, s.getName());
        }
    }

    /** Values compared with or set to an expression have as many concatenated parts as it ("1.2.3" is no address). */
    @Check
    public void checkMatchConcatenation(NftMatch m) {
        checkValueArity(m.getRight(), parts(m.getLeft()), m);
    }

    @Check
    public void checkSetStatementConcatenation(NftSetStatement s) {
        checkValueArity(s.getValue(), parts(s.getTarget()), s);
    }

    @Check
    public void checkVmapConcatenation(org.netwright.model.NftVmap v) {
        for (NftMapElement e : v.getElements()) {
            checkArity(e.getKey(), parts(v.getKey()), e);
        }
    }

    private static int parts(org.netwright.model.NftExpr e) {
        return e instanceof org.netwright.model.NftConcatExpr c ? c.getParts().size() : 1;
    }

    private void checkValueArity(NftValue v, int expected, EObject where) {
        if (v instanceof NftLiteral l) {
            checkArity(l, expected, where);
        } else if (v instanceof NftListValue list) {
            list.getElements().forEach(l -> checkArity(l, expected, where));
        } else if (v instanceof NftAnonymousSet set) {
            set.getElements().forEach(l -> checkArity(l, expected, where));
        }
    }
}
