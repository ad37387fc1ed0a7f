package org.netwright.dsl.ide.hover;

import org.netwright.model.semantics.InterfaceKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EnumLiteralDeclaration;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.netwright.model.Address;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.IptChain;
import org.netwright.model.IptablesTable;
import org.netwright.model.NamedElement;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NftChain;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftPriority;
import org.netwright.model.NftTable;
import org.netwright.model.RoutingTable;
import org.netwright.model.VethInterface;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.Namespaces;
import org.netwright.model.semantics.NftFacts;

/**
 * Hover text (markdown) for a position in a .nwp file, without UI or LSP types: the meaning of a keyword (a hook,
 * a priority, a verdict, a NAT statement, an iptables target, ...), a summary of the element a name refers to,
 * and which interface owns an address.
 */
public class NetwrightHover {

    /** The markdown and the range of text it explains. */
    public record Hover(String markdown, int offset, int length) {
    }

    public Optional<Hover> hover(XtextResource resource, int offset) {
        if (resource.getParseResult() == null) {
            return Optional.empty();
        }
        ICompositeNode root = resource.getParseResult().getRootNode();
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, offset);
        if (leaf != null && leaf.isHidden() && leaf.getOffset() == offset && offset > 0) {
            leaf = NodeModelUtils.findLeafNodeAtOffset(root, offset - 1); // the cursor just after a word
        }
        if (leaf == null || leaf.isHidden()) {
            return Optional.empty();
        }
        INode crossRef = enclosing(leaf, CrossReference.class);
        if (crossRef != null) {
            EObject owner = NodeModelUtils.findActualSemanticObjectFor(crossRef);
            EReference ref = GrammarUtil.getReference((CrossReference) crossRef.getGrammarElement());
            Object target = owner == null || ref == null ? null : owner.eGet(ref, true);
            if (target instanceof List<?> list) {
                int index = NodeModelUtils.findNodesForFeature(owner, ref).indexOf(crossRef);
                target = index >= 0 && index < list.size() ? list.get(index) : null;
            }
            if (target instanceof EObject t && !t.eIsProxy()) {
                return Optional.of(new Hover(summary(t), crossRef.getOffset(), crossRef.getLength()));
            }
            return Optional.empty();
        }
        INode name = enclosingNameAssignment(leaf);
        EObject semantic = NodeModelUtils.findActualSemanticObjectFor(leaf);
        if (name != null && semantic != null) {
            return Optional.of(new Hover(summary(semantic), name.getOffset(), name.getLength()));
        }
        INode address = enclosingRule(leaf, "IPV4", "IPV6", "IpAddr", "Prefix", "Prefix4", "Prefix6", "HostPrefix", "HostPrefix6");
        if (address != null) {
            String owners = owners(semantic, NodeModelUtils.getTokenText(address));
            if (owners != null) {
                return Optional.of(new Hover(owners, address.getOffset(), address.getLength()));
            }
        }
        if (leaf.getGrammarElement() instanceof Keyword || leaf.getGrammarElement() instanceof EnumLiteralDeclaration
                || leaf.getGrammarElement() instanceof RuleCall) {
            String context = semantic == null ? "" : semantic.eClass().getName();
            String text = NetwrightGlossary.lookup(context, leaf.getText());
            if (text != null) {
                return Optional.of(new Hover(text + priorityValue(semantic), leaf.getOffset(), leaf.getLength()));
            }
        }
        return Optional.empty();
    }

    /** "In this ip table, srcnat is 100." */
    private static String priorityValue(EObject semantic) {
        if (semantic instanceof NftPriority p && p.eContainer() instanceof NftHookSpec spec
                && spec.eContainer() instanceof NftChain chain && chain.eContainer() instanceof NftTable table) {
            Integer value = NftFacts.value(table.getFamily(), p);
            return value == null ? "\n\nNot defined in the " + table.getFamily().getLiteral() + " family."
                    : "\n\nHere (" + table.getFamily().getLiteral() + " family): **" + value + "**.";
        }
        return "";
    }

    /** A short description of a declared element. */
    protected String summary(EObject e) {
        if (e instanceof Namespace ns) {
            StringBuilder sb = new StringBuilder("**namespace " + ns.getName() + "**");
            if (ns.getDescription() != null) {
                sb.append(" — ").append(ns.getDescription());
            }
            List<String> ifaces = Namespaces.interfaces(ns, ns).stream().map(NetwrightHover::interfaceLine).toList();
            if (!ifaces.isEmpty()) {
                sb.append("\n\n").append(ifaces.stream().map(s -> "- " + s).collect(Collectors.joining("\n")));
            }
            sb.append(file(e));
            return sb.toString();
        }
        if (e instanceof Interface i) {
            Namespace ns = Namespaces.namespaceOf(i);
            return "**" + interfaceLine(i) + "**" + (ns == null ? "" : " in namespace " + ns.getName()) + file(e);
        }
        if (e instanceof NftChain c) {
            NftHookSpec h = c.getHook();
            if (h == null) {
                return "**chain " + c.getName() + "** — regular chain (" + c.getRules().size() + " rules), reached by jump/goto";
            }
            String prio = "";
            if (h.getPriority() != null && c.eContainer() instanceof NftTable t) {
                Integer v = NftFacts.value(t.getFamily(), h.getPriority());
                prio = v == null ? "" : " (priority " + v + ")";
            }
            return "**chain " + c.getName() + "** — base chain: type " + h.getType().getLiteral()
                    + (h.isSetHook() ? ", hook " + h.getHook().getLiteral() : "") + prio + ", " + c.getRules().size() + " rules";
        }
        if (e instanceof IptChain c) {
            String table = c.eContainer() instanceof IptablesTable t ? " in *" + t.getTable().getLiteral() : "";
            return "**chain " + (c.getName() != null ? c.getName() : c.getBuiltin().getLiteral()) + "**" + table;
        }
        if (e instanceof RoutingTable t) {
            return "**routing table " + t.getName() + "**" + (t.getId() != 0 ? " (id " + t.getId() + ")" : "");
        }
        String text = NodeModelUtils.findActualNodeFor(e) == null ? null : NodeModelUtils.getTokenText(NodeModelUtils.findActualNodeFor(e));
        String title = e instanceof NamedElement n && n.getName() != null ? n.getName() : e.eClass().getName();
        return "**" + title + "**" + (text == null ? "" : "\n\n`" + text.strip() + "`") + file(e);
    }

    private static String interfaceLine(Interface i) {
        StringBuilder sb = new StringBuilder(InterfaceKinds.keyword(i)).append(' ').append(i.getName());
        if (i instanceof VethInterface v && v.getPeer() != null && !v.getPeer().eIsProxy()) {
            sb.append(" <-> ").append(Namespaces.qualifiedName(v.getPeer()));
        }
        for (Address a : i.getAddresses()) {
            sb.append(' ').append(a.getAddress()).append('/').append(a.getPrefixLength());
        }
        return sb.toString();
    }

    /** Which interfaces of the visible namespaces hold the address, or whose connected prefix contains it. */
    private static String owners(EObject context, String text) {
        IpPrefix p = IpPrefix.tryParse(text == null ? null : text.strip());
        if (p == null || context == null) {
            return null;
        }
        List<String> exact = new ArrayList<>();
        List<String> onLink = new ArrayList<>();
        for (Network n : Namespaces.visibleNetworks(context)) {
            for (ConfigContainer c : n.getNamespaces()) {
                for (Interface i : c.getInterfaces()) {
                    for (Address a : i.getAddresses()) {
                        IpPrefix own = IpPrefix.tryOf(a.getAddress(), a.getPrefixLength());
                        if (own == null || p.isAny()) {
                            continue;
                        }
                        if (p.isHost() && own.address().equals(p.address())) {
                            exact.add(Namespaces.qualifiedName(i));
                        } else if (own.contains(p.address()) && own.length() <= p.length()) {
                            onLink.add(Namespaces.qualifiedName(i) + " (" + own.canonical() + ")");
                        }
                    }
                }
            }
        }
        if (exact.isEmpty() && onLink.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("**" + text.strip() + "**");
        if (!exact.isEmpty()) {
            sb.append(" — address of ").append(String.join(", ", exact));
        }
        if (!onLink.isEmpty()) {
            sb.append(exact.isEmpty() ? " — " : "; ").append("on the link of ").append(String.join(", ", onLink));
        }
        return sb.toString();
    }

    private static String file(EObject e) {
        return e.eResource() == null ? "" : "\n\n_" + e.eResource().getURI().lastSegment() + "_";
    }

    private static INode enclosing(INode node, Class<?> grammarType) {
        for (INode n = node; n != null; n = n.getParent()) {
            if (grammarType.isInstance(n.getGrammarElement())) {
                return n;
            }
        }
        return null;
    }

    private static INode enclosingNameAssignment(INode node) {
        for (INode n = node; n != null; n = n.getParent()) {
            if (n.getGrammarElement() instanceof RuleCall rc && rc.eContainer() instanceof Assignment a
                    && "name".equals(a.getFeature())) {
                return n;
            }
            if (n.getGrammarElement() instanceof Assignment || n.getSemanticElement() != null && n.hasDirectSemanticElement()) {
                return null;
            }
        }
        return null;
    }

    private static INode enclosingRule(INode node, String... rules) {
        INode found = null;
        for (INode n = node; n != null && !(n.getGrammarElement() instanceof Assignment); n = n.getParent()) {
            if (n.getGrammarElement() instanceof RuleCall rc && List.of(rules).contains(rc.getRule().getName())) {
                found = n; // outermost (Prefix around IPV4)
            }
            if (n.hasDirectSemanticElement()) {
                break;
            }
        }
        return found;
    }
}
