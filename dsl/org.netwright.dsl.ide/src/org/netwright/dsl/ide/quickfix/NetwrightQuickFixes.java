package org.netwright.dsl.ide.quickfix;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.netwright.dsl.validation.IssueCodes;
import org.netwright.model.Address;
import org.netwright.model.Header;
import org.netwright.model.Interface;
import org.netwright.model.IptChain;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptRule;
import org.netwright.model.IptablesTable;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftMap;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftNat;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.IptIcmpMatch;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftRule;
import org.netwright.model.NftSet;
import org.netwright.model.NftStatement;
import org.netwright.model.NftTable;
import org.netwright.model.Probe;
import org.netwright.model.Route;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;
import org.netwright.model.semantics.Namespaces;
import org.netwright.model.semantics.NftFacts;

import com.google.inject.Inject;

/**
 * Quick fixes for the issues with an obvious fix, as plain text edits (no UI, no LSP types): the desktop editor
 * applies them to its document, the language server sends them as code actions. Keyed on {@link IssueCodes};
 * everything a fix needs is in the issue's data or in the node model at the issue's offset.
 */
public class NetwrightQuickFixes {

    /** Replace {@code length} characters at {@code offset} by {@code text} (offsets of the document as parsed). */
    public record Edit(int offset, int length, String text) {
    }

    /** A fix: its label and the edits that make it (applied together). */
    public record Fix(String label, List<Edit> edits) {
    }

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;

    @Inject
    private EObjectAtOffsetHelper offsetHelper;
    @Inject
    private IScopeProvider scopeProvider;
    @Inject
    private IQualifiedNameConverter nameConverter;

    /** Whether some fix exists for issues with this code (the LSP code action service asks first). */
    public boolean handles(String code) {
        return code != null && switch (code) {
        case IssueCodes.VETH_PEER_NOT_MUTUAL, IssueCodes.NFT_BASE_CHAIN_NO_PRIORITY, IssueCodes.NFT_BASE_CHAIN_NO_HOOK,
                IssueCodes.NFT_PRIORITY_NAME, IssueCodes.NFT_META_SHORTHAND, IssueCodes.NFT_SET_NEEDS_INTERVAL,
                IssueCodes.NFT_POLICY_REGULAR_CHAIN, IssueCodes.NFT_STATEMENT_AFTER_VERDICT, IssueCodes.NFT_AFTER_CONNTRACK,
                IssueCodes.NFT_NAT_CHAIN_TYPE, IssueCodes.NFT_DATA_TYPE, IssueCodes.PREFIX_HOST_BITS, IssueCodes.IPT_PORT_WITHOUT_PROTOCOL,
                IssueCodes.IPT_ICMP_WITHOUT_PROTOCOL, IssueCodes.IPT_USER_CHAIN_POLICY, IssueCodes.IPT_NAT_OPTION,
                IssueCodes.ADDRESS_LABEL_INVALID,
                IssueCodes.SYSCTL_NEEDS_MODULE, IssueCodes.PROBE_PORTS, IssueCodes.IMPORT_NOT_FOUND,
                IssueCodes.UNKNOWN_NAMESPACE, IssueCodes.UNKNOWN_INTERFACE, IssueCodes.UNKNOWN_CHAIN,
                IssueCodes.UNKNOWN_ROUTING_TABLE, IssueCodes.UNKNOWN_NFT_OBJECT, IssueCodes.UNKNOWN_PROBE, IssueCodes.NFT_MATCH_FAMILY,
                IssueCodes.NAT_FAMILY_MISSING, IssueCodes.IPT_ICMP_FAMILY -> true;
        default -> false;
        };
    }

    /** The fixes for an issue with {@code code} and {@code data} that starts at {@code offset}. */
    public List<Fix> fixes(XtextResource resource, String code, String[] data, int offset, int length) {
        List<Fix> fixes = new ArrayList<>();
        if (code == null || resource.getParseResult() == null) {
            return fixes;
        }
        String[] d = data == null ? new String[0] : data;
        EObject at = offsetHelper.resolveContainedElementAt(resource, offset);
        switch (code) {
        case IssueCodes.VETH_PEER_NOT_MUTUAL -> addPeer(fixes, up(at, VethInterface.class), d);
        case IssueCodes.NFT_BASE_CHAIN_NO_PRIORITY -> addPriority(fixes, up(at, NftHookSpec.class), d);
        case IssueCodes.NFT_BASE_CHAIN_NO_HOOK -> addHook(fixes, up(at, NftHookSpec.class));
        case IssueCodes.NFT_PRIORITY_NAME -> numericPriority(fixes, up(at, NftHookSpec.class), d);
        case IssueCodes.NFT_META_SHORTHAND -> addMeta(fixes, up(at, NftMetaExpr.class));
        case IssueCodes.NFT_SET_NEEDS_INTERVAL -> addIntervalFlag(fixes, resource, at);
        case IssueCodes.NFT_POLICY_REGULAR_CHAIN -> removePolicy(fixes, up(at, NftChain.class));
        case IssueCodes.NFT_STATEMENT_AFTER_VERDICT -> moveTerminal(fixes, up(at, NftRule.class), d);
        case IssueCodes.NFT_AFTER_CONNTRACK -> rawPriority(fixes, up(at, NftChain.class));
        case IssueCodes.NFT_NAT_CHAIN_TYPE -> natChainType(fixes, up(at, NftNat.class));
        case IssueCodes.NFT_DATA_TYPE -> {
            if (d.length > 0) {
                // the issue's region is the unknown type name itself
                fixes.add(new Fix("Use the data type " + d[0], List.of(new Edit(offset, length, d[0]))));
            }
        }
        case IssueCodes.PREFIX_HOST_BITS -> replaceFeature(fixes, up(at, Route.class), P.getRoute_Destination(),
                d.length > 0 ? d[0] : null, "Use " + (d.length > 0 ? d[0] : ""));
        case IssueCodes.NFT_MATCH_FAMILY -> {
            if (d.length > 0 && !d[0].isEmpty()) {
                replaceFeature(fixes, up(at, NftPayloadExpr.class), P.getNftPayloadExpr_Protocol(), d[0], "Match '" + d[0] + "'");
            }
        }
        case IssueCodes.NAT_FAMILY_MISSING -> addNatFamily(fixes, up(at, NftNat.class), d);
        case IssueCodes.IPT_ICMP_FAMILY -> icmpOfTheFamily(fixes, up(at, IptIcmpMatch.class), d);
        case IssueCodes.IPT_PORT_WITHOUT_PROTOCOL -> addIptProtocol(fixes, up(at, IptRule.class), "tcp", "udp");
        case IssueCodes.IPT_ICMP_WITHOUT_PROTOCOL -> addIptProtocol(fixes, up(at, IptRule.class),
                up(at, IptIcmpMatch.class) != null && up(at, IptIcmpMatch.class).isIcmpv6() ? "ipv6-icmp" : "icmp");
        case IssueCodes.IPT_USER_CHAIN_POLICY -> replaceFeature(fixes, up(at, IptChain.class), P.getIptChain_Policy(), "-",
                "Write '-' (user chains have no policy)");
        case IssueCodes.IPT_NAT_OPTION -> removeNatOption(fixes, up(at, IptNatTarget.class), d);
        case IssueCodes.ADDRESS_LABEL_INVALID -> fixLabel(fixes, up(at, Address.class), d);
        case IssueCodes.SYSCTL_NEEDS_MODULE -> addModprobe(fixes, resource, up(at, Sysctl.class), d);
        case IssueCodes.PROBE_PORTS -> removePort(fixes, at);
        case IssueCodes.IMPORT_NOT_FOUND -> similarFiles(fixes, resource, offset, d);
        case IssueCodes.UNKNOWN_CHAIN -> {
            similarNames(fixes, resource, offset);
            createChain(fixes, resource, offset, d);
        }
        case IssueCodes.UNKNOWN_ROUTING_TABLE -> {
            similarNames(fixes, resource, offset);
            declareRoutingTable(fixes, resource, offset, d);
        }
        case IssueCodes.UNKNOWN_INTERFACE -> {
            if (!similarNames(fixes, resource, offset)) {
                similarInterfaces(fixes, up(at, NftMatch.class), d);
            }
        }
        case IssueCodes.UNKNOWN_NAMESPACE, IssueCodes.UNKNOWN_NFT_OBJECT, IssueCodes.UNKNOWN_PROBE -> similarNames(fixes,
                resource, offset);
        default -> {
            // no obvious fix
        }
        }
        return fixes;
    }

    // ------------------------------------------------------------------ fixes

    private void addPeer(List<Fix> fixes, VethInterface veth, String[] d) {
        INode name = node(veth, P.getNamedElement_Name());
        if (name != null && d.length > 0) {
            fixes.add(insert("Add '<-> " + d[0] + "'", name.getEndOffset(), " <-> " + d[0]));
        }
    }

    private void addPriority(List<Fix> fixes, NftHookSpec spec, String[] d) {
        INode semicolon = keyword(spec, ";");
        String priority = d.length > 0 ? d[0] : "filter";
        if (semicolon != null) {
            fixes.add(insert("Add 'priority " + priority + "'", semicolon.getOffset(), " priority " + priority));
        }
    }

    private void addHook(List<Fix> fixes, NftHookSpec spec) {
        INode type = node(spec, P.getNftHookSpec_Type());
        if (type == null || !(spec.eContainer() instanceof NftChain chain) || !(chain.eContainer() instanceof NftTable t)) {
            return;
        }
        for (NftHook hook : NftFacts.hooks(t.getFamily(), spec.getType())) {
            fixes.add(insert("Add 'hook " + hook.getLiteral() + "'", type.getEndOffset(), " hook " + hook.getLiteral()));
        }
    }

    private void numericPriority(List<Fix> fixes, NftHookSpec spec, String[] d) {
        if (d.length > 0 && !d[0].isEmpty()) {
            replaceFeature(fixes, spec, P.getNftHookSpec_Priority(), d[0], "Write the number " + d[0]);
        }
    }

    private void addMeta(List<Fix> fixes, NftMetaExpr meta) {
        ICompositeNode node = meta == null ? null : NodeModelUtils.findActualNodeFor(meta);
        if (node != null) {
            fixes.add(insert("Write 'meta " + meta.getKey().getLiteral() + "'", node.getOffset(), "meta "));
        }
    }

    private void addIntervalFlag(List<Fix> fixes, XtextResource resource, EObject at) {
        EObject set = up(at, NftSet.class) != null ? up(at, NftSet.class) : up(at, NftMap.class);
        if (set == null) {
            return;
        }
        List<INode> flags = NodeModelUtils.findNodesForFeature(set, P.getNftSetDecl_Flags());
        if (!flags.isEmpty()) {
            fixes.add(insert("Add the interval flag", flags.get(flags.size() - 1).getEndOffset(), ", interval"));
            return;
        }
        org.eclipse.emf.ecore.EStructuralFeature typeFeature = set instanceof NftSet s
                ? s.getTypeof() != null ? P.getNftSet_Typeof() : P.getNftSet_Types()
                : ((NftMap) set).getValueTypeof() != null ? P.getNftMap_ValueTypeof() : P.getNftMap_ValueTypes();
        List<INode> typeNodes = NodeModelUtils.findNodesForFeature(set, typeFeature);
        if (typeNodes.isEmpty()) {
            return;
        }
        INode type = typeNodes.get(typeNodes.size() - 1);
        INode after = type;
        INode next = nextToken(type);
        if (next != null && ";".equals(next.getText())) {
            after = next;
        }
        String indent = indentation(resource, type.getOffset());
        fixes.add(insert("Add 'flags interval;'", after.getEndOffset(), "\n" + indent + "flags interval;"));
    }

    private void removePolicy(List<Fix> fixes, NftChain chain) {
        INode policy = keyword(chain, "policy");
        INode end = policy == null ? null : nextToken(nextToken(policy));
        INode previous = policy == null ? null : previousToken(policy);
        if (policy != null && end != null && ";".equals(end.getText()) && previous != null) {
            fixes.add(new Fix("Remove the policy (regular chains have none)",
                    List.of(new Edit(previous.getEndOffset(), end.getEndOffset() - previous.getEndOffset(), ""))));
        }
    }

    private void moveTerminal(List<Fix> fixes, NftRule rule, String[] d) {
        if (rule == null || d.length == 0) {
            return;
        }
        int index = Integer.parseInt(d[0]);
        List<NftStatement> statements = rule.getStatements();
        if (index < 0 || index >= statements.size() - 1) {
            return;
        }
        ICompositeNode terminal = NodeModelUtils.findActualNodeFor(statements.get(index));
        ICompositeNode next = NodeModelUtils.findActualNodeFor(statements.get(index + 1));
        ICompositeNode last = NodeModelUtils.findActualNodeFor(statements.get(statements.size() - 1));
        if (terminal == null || next == null || last == null) {
            return;
        }
        String text = NodeModelUtils.getTokenText(terminal);
        fixes.add(new Fix("Move '" + text + "' to the end of the rule",
                List.of(new Edit(terminal.getOffset(), next.getOffset() - terminal.getOffset(), ""),
                        new Edit(last.getEndOffset(), 0, " " + text))));
    }

    private void rawPriority(List<Fix> fixes, NftChain chain) {
        if (chain != null && chain.getHook() != null) {
            replaceFeature(fixes, chain.getHook(), P.getNftHookSpec_Priority(), "raw", "Run the chain at priority raw ("
                    + NftFacts.standardPriority(NftFamily.IP, NftPriorityName.RAW) + ")");
        }
    }

    private void addNatFamily(List<Fix> fixes, NftNat nat, String[] d) {
        INode kind = nat == null ? null : node(nat, P.getNftNat_Kind());
        if (kind != null && d.length > 0) {
            fixes.add(insert("Write '" + nat.getKind().getLiteral() + " " + d[0] + "'", kind.getEndOffset(), " " + d[0]));
        }
    }

    /** --icmp-type and -m icmp in an ip6tables block become --icmpv6-type and -m icmp6 (and back). */
    private void icmpOfTheFamily(List<Fix> fixes, IptIcmpMatch match, String[] d) {
        INode option = match == null ? null : keyword(match, match.isIcmpv6() ? "--icmpv6-type" : "--icmp-type");
        if (option == null || d.length == 0) {
            return;
        }
        List<Edit> edits = new ArrayList<>();
        INode module = node(match, P.getIptIcmpMatch_Module());
        if (module != null) {
            edits.add(new Edit(module.getOffset(), module.getLength(), "--icmpv6-type".equals(d[0]) ? "icmp6" : "icmp"));
        }
        edits.add(new Edit(option.getOffset(), option.getLength(), d[0]));
        fixes.add(new Fix("Write " + d[0], edits));
    }

    private void natChainType(List<Fix> fixes, NftNat nat) {
        NftChain chain = nat == null ? null : EcoreUtil2.getContainerOfType(nat, NftChain.class);
        NftHookSpec spec = chain == null ? null : chain.getHook();
        if (spec != null && spec.getType() != NftChainType.NAT && chain.eContainer() instanceof NftTable t
                && spec.isSetHook() && NftFacts.hooks(t.getFamily(), NftChainType.NAT).contains(spec.getHook())) {
            replaceFeature(fixes, spec, P.getNftHookSpec_Type(), "nat", "Make '" + chain.getName() + "' a nat chain");
        }
    }

    private void addIptProtocol(List<Fix> fixes, IptRule rule, String... protocols) {
        if (rule == null) {
            return;
        }
        EObject first = !rule.getMatches().isEmpty() ? rule.getMatches().get(0) : rule.getTarget();
        ICompositeNode node = first == null ? null : NodeModelUtils.findActualNodeFor(first);
        if (node == null) {
            return;
        }
        for (String p : protocols) {
            fixes.add(insert("Add '-p " + p + "'", node.getOffset(), "-p " + p + " "));
        }
    }

    private void fixLabel(List<Fix> fixes, Address address, String[] d) {
        if (address == null || d.length == 0 || address.getLabel() == null) {
            return;
        }
        String old = address.getLabel();
        String suffix = old.contains(":") ? old.substring(old.indexOf(':') + 1) : old;
        String label = d[0] + ":" + suffix;
        if (label.length() > 15) {
            label = label.substring(0, 15);
        }
        replaceFeature(fixes, address, P.getAddress_Label(), "\"" + label + "\"", "Use label '" + label + "'");
    }

    private void addModprobe(List<Fix> fixes, XtextResource resource, Sysctl sysctl, String[] d) {
        ICompositeNode node = sysctl == null ? null : NodeModelUtils.findActualNodeFor(sysctl);
        if (node != null && d.length > 0) {
            fixes.add(insert("Add 'modprobe " + d[0] + "'", node.getOffset(),
                    "modprobe " + d[0] + "\n" + indentation(resource, node.getOffset())));
        }
    }

    /** ":PORT" after an address of a protocol without ports. */
    private void removePort(List<Fix> fixes, EObject at) {
        EObject owner = up(at, Header.class) != null ? up(at, Header.class) : up(at, Probe.class);
        if (owner == null) {
            return;
        }
        List<EStructuralFeature> features = owner instanceof Probe ? List.of(P.getProbe_Sport(), P.getProbe_Dport())
                : List.of(P.getHeader_Sport(), P.getHeader_Dport());
        List<Edit> edits = new ArrayList<>();
        for (EStructuralFeature f : features) {
            INode port = node(owner, f);
            INode colon = port == null ? null : previousToken(port);
            if (colon != null && ":".equals(colon.getText())) {
                edits.add(new Edit(colon.getOffset(), port.getEndOffset() - colon.getOffset(), ""));
            }
        }
        if (!edits.isEmpty()) {
            fixes.add(new Fix("Remove the port" + (edits.size() > 1 ? "s" : ""), edits));
        }
    }

    private void similarFiles(List<Fix> fixes, XtextResource resource, int offset, String[] d) {
        URI base = resource.getURI();
        if (d.length == 0 || base == null || !base.isFile()) {
            return;
        }
        File dir = new File(base.toFileString()).getParentFile();
        String[] names = dir == null ? null : dir.list((f, n) -> n.endsWith(".nwp") && !n.equals(base.lastSegment()));
        INode node = leafAt(resource, offset);
        if (names == null || node == null) {
            return;
        }
        for (String candidate : closest(d[0], List.of(names))) {
            fixes.add(new Fix("Change to '" + candidate + "'", List.of(new Edit(node.getOffset(), node.getLength(),
                    "\"" + candidate + "\""))));
        }
    }

    /** "Change to 'x'" for names in scope that look like the unresolved one; false when not at a reference. */
    private boolean similarNames(List<Fix> fixes, XtextResource resource, int offset) {
        INode leaf = leafAt(resource, offset);
        INode ref = leaf;
        while (ref != null && !(ref.getGrammarElement() instanceof CrossReference)) {
            ref = ref.getParent();
        }
        if (ref == null) {
            return false;
        }
        EObject owner = NodeModelUtils.findActualSemanticObjectFor(ref);
        EReference reference = GrammarUtil.getReference((CrossReference) ref.getGrammarElement());
        if (owner == null || reference == null) {
            return true;
        }
        String written = NodeModelUtils.getTokenText(ref);
        Set<String> names = new LinkedHashSet<>();
        for (IEObjectDescription e : scopeProvider.getScope(owner, reference).getAllElements()) {
            String name = nameConverter.toString(e.getName());
            boolean qualified = name.contains(":");
            // only the forms the reference can be written in: a simple name, or ns:name where the grammar allows it
            if (!qualified || written.contains(":") || reference == P.getVethInterface_Peer()
                    || reference == P.getLink_A() || reference == P.getLink_B()) {
                names.add(name);
            }
        }
        for (String candidate : closest(written, names)) {
            fixes.add(new Fix("Change to '" + candidate + "'",
                    List.of(new Edit(ref.getOffset(), ref.getLength(), candidate))));
        }
        return true;
    }

    private void similarInterfaces(List<Fix> fixes, NftMatch match, String[] d) {
        Namespace ns = match == null ? null : Namespaces.namespaceOf(match);
        if (ns == null || d.length == 0) {
            return;
        }
        List<String> names = Namespaces.interfaces(ns, match).stream().map(Interface::getName).toList();
        for (ILeafNode leaf : NodeModelUtils.findActualNodeFor(match).getLeafNodes()) {
            if (!leaf.isHidden() && leaf.getText().equals(d[0])) {
                for (String candidate : closest(d[0], names)) {
                    fixes.add(new Fix("Change to '" + candidate + "'",
                            List.of(new Edit(leaf.getOffset(), leaf.getLength(), candidate))));
                }
                return;
            }
        }
    }

    private void createChain(List<Fix> fixes, XtextResource resource, int offset, String[] d) {
        EObject at = offsetHelper.resolveContainedElementAt(resource, offset);
        if (d.length == 0) {
            return;
        }
        NftTable table = up(at, NftTable.class);
        if (table != null) {
            List<INode> closes = keywords(table, "}");
            if (!closes.isEmpty()) {
                INode close = closes.get(closes.size() - 1);
                String indent = indentation(resource, close.getOffset());
                fixes.add(insert("Create chain '" + d[0] + "'", lineStart(resource, close.getOffset()),
                        indent + "\tchain " + d[0] + " {\n" + indent + "\t}\n"));
            }
            return;
        }
        IptablesTable ipt = up(at, IptablesTable.class);
        if (ipt != null) {
            EObject before = !ipt.getRules().isEmpty() ? ipt.getRules().get(0) : null;
            INode anchor = before != null ? NodeModelUtils.findActualNodeFor(before) : keyword(ipt, "COMMIT");
            if (anchor != null) {
                String indent = indentation(resource, anchor.getOffset());
                fixes.add(insert("Create chain '" + d[0] + "'", anchor.getOffset(), ":" + d[0] + " - [0:0]\n" + indent));
            }
        }
    }

    private void declareRoutingTable(List<Fix> fixes, XtextResource resource, int offset, String[] d) {
        EObject at = offsetHelper.resolveContainedElementAt(resource, offset);
        EObject line = up(at, org.netwright.model.RoutingRule.class) != null ? up(at, org.netwright.model.RoutingRule.class)
                : up(at, Route.class);
        ICompositeNode node = line == null ? null : NodeModelUtils.findActualNodeFor(line);
        if (node != null && d.length > 0) {
            fixes.add(insert("Declare 'routing-table " + d[0] + "'", node.getOffset(),
                    "routing-table " + d[0] + "\n" + indentation(resource, node.getOffset())));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Removes the option the target does not have (data: the option), with the space before it. */
    private void removeNatOption(List<Fix> fixes, IptNatTarget target, String[] d) {
        if (target == null || d.length == 0) {
            return;
        }
        EStructuralFeature feature = switch (d[0]) {
        case "--random" -> P.getIptNatTarget_Random();
        case "--random-fully" -> P.getIptNatTarget_RandomFully();
        case "--persistent" -> P.getIptNatTarget_Persistent();
        default -> null;
        };
        INode node = feature == null ? null : node(target, feature);
        if (node != null) {
            fixes.add(new Fix("Remove " + d[0], List.of(new Edit(node.getOffset() - 1, node.getLength() + 1, ""))));
        }
    }

    private void replaceFeature(List<Fix> fixes, EObject owner, EStructuralFeature feature, String text, String label) {
        INode node = owner == null || text == null ? null : node(owner, feature);
        if (node != null) {
            fixes.add(new Fix(label, List.of(new Edit(node.getOffset(), node.getLength(), text))));
        }
    }

    private static Fix insert(String label, int offset, String text) {
        return new Fix(label, List.of(new Edit(offset, 0, text)));
    }

    private static <T extends EObject> T up(EObject o, Class<T> type) {
        return o == null ? null : EcoreUtil2.getContainerOfType(o, type);
    }

    private static INode node(EObject owner, EStructuralFeature feature) {
        if (owner == null) {
            return null;
        }
        List<INode> nodes = NodeModelUtils.findNodesForFeature(owner, feature);
        return nodes.isEmpty() ? null : nodes.get(0);
    }

    private static INode keyword(EObject owner, String keyword) {
        List<INode> all = keywords(owner, keyword);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The keywords of {@code owner} itself (not of the elements it contains). */
    private static List<INode> keywords(EObject owner, String keyword) {
        List<INode> result = new ArrayList<>();
        ICompositeNode node = owner == null ? null : NodeModelUtils.findActualNodeFor(owner);
        if (node == null) {
            return result;
        }
        for (ILeafNode leaf : node.getLeafNodes()) {
            if (leaf.getGrammarElement() instanceof Keyword k && keyword.equals(k.getValue())
                    && NodeModelUtils.findActualSemanticObjectFor(leaf) == owner) {
                result.add(leaf);
            }
        }
        return result;
    }

    private static INode nextToken(INode node) {
        if (node == null) {
            return null;
        }
        for (ILeafNode leaf : node.getRootNode().getLeafNodes()) {
            if (leaf.getOffset() >= node.getEndOffset() && !leaf.isHidden()) {
                return leaf;
            }
        }
        return null;
    }

    private static INode previousToken(INode node) {
        ILeafNode previous = null;
        for (ILeafNode leaf : node.getRootNode().getLeafNodes()) {
            if (leaf.getOffset() >= node.getOffset()) {
                break;
            }
            if (!leaf.isHidden()) {
                previous = leaf;
            }
        }
        return previous;
    }

    private static INode leafAt(XtextResource resource, int offset) {
        return NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
    }

    private static String indentation(XtextResource resource, int offset) {
        String text = resource.getParseResult().getRootNode().getText();
        int start = lineStart(text, offset);
        int end = start;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(start, end);
    }

    private static int lineStart(XtextResource resource, int offset) {
        return lineStart(resource.getParseResult().getRootNode().getText(), offset);
    }

    private static int lineStart(String text, int offset) {
        int start = Math.min(offset, text.length());
        while (start > 0 && text.charAt(start - 1) != '\n') {
            start--;
        }
        return start;
    }

    /** Up to three candidates close to {@code written} (edit distance, then a shared prefix), best first. */
    static List<String> closest(String written, Iterable<String> candidates) {
        String w = written == null ? "" : written.replace("\"", "");
        List<String> result = new ArrayList<>();
        for (String c : candidates) {
            if (!c.equals(w) && (distance(w, c) <= Math.max(2, w.length() / 3) || c.startsWith(w) && !w.isEmpty())) {
                result.add(c);
            }
        }
        result.sort(Comparator.comparingInt((String c) -> distance(w, c)).thenComparing(c -> c));
        return result.subList(0, Math.min(3, result.size()));
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
