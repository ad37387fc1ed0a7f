package org.netwright.dsl.ide.outline;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.netwright.model.Expectation;
import org.netwright.model.Import;
import org.netwright.model.Interface;
import org.netwright.model.IptChain;
import org.netwright.model.IptRule;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.Link;
import org.netwright.model.Listener;
import org.netwright.model.NamedElement;
import org.netwright.model.Namespace;
import org.netwright.model.NamespaceExtension;
import org.netwright.model.Network;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftChain;
import org.netwright.model.NftDefine;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftMap;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSet;
import org.netwright.model.NftTable;
import org.netwright.model.Probe;
import org.netwright.model.Route;
import org.netwright.model.RoutingRule;
import org.netwright.model.RoutingTable;
import org.netwright.model.Scenario;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;
import org.netwright.model.XfrmPolicy;
import org.netwright.model.XfrmState;

/**
 * The outline of a .nwp file (no UI, no LSP types): namespaces with their interfaces, routing, nftables tables,
 * chains and rules, iptables tables, chains and rules, xfrm; links, probes, expectations and scenarios. The
 * language server turns it into document symbols, the desktop editor into its outline view.
 */
public class NetwrightOutline {

    /** What an outline node stands for (the editor picks an icon, the language server a symbol kind). */
    public enum Kind {
        IMPORT, NAMESPACE, EXTENSION, INTERFACE, ROUTING_TABLE, ROUTE, ROUTING_RULE, SYSCTL, LISTENER, RULESET, TABLE,
        CHAIN, SET, VARIABLE, RULE, XFRM, LINK, PROBE, EXPECTATION, SCENARIO
    }

    /**
     * One outline node: {@code offset/length} span the element, {@code selectionOffset/selectionLength} its name
     * (what an editor selects when the node is clicked).
     */
    public record Node(String label, String detail, Kind kind, int offset, int length, int selectionOffset,
            int selectionLength, List<Node> children) {
    }

    public List<Node> outline(XtextResource resource) {
        List<Node> result = new ArrayList<>();
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Network network)) {
            return result;
        }
        for (EObject e : network.eContents()) {
            Node n = node(e);
            if (n != null) {
                result.add(n);
            }
        }
        return result;
    }

    protected Node node(EObject e) {
        if (e instanceof Import i) {
            return leaf(e, "import " + i.getImportURI(), null, Kind.IMPORT);
        }
        if (e instanceof Namespace ns) {
            return withChildren(e, ns.getName(), ns.getDescription(), Kind.NAMESPACE, ns.eContents());
        }
        if (e instanceof NamespaceExtension ext) {
            String target = text(e, NetwrightPackage.Literals.NAMESPACE_EXTENSION__NAMESPACE);
            return withChildren(e, "extend " + target, null, Kind.EXTENSION, ext.eContents());
        }
        if (e instanceof Interface i) {
            return leaf(e, i.getName(), interfaceDetail(i), Kind.INTERFACE);
        }
        if (e instanceof RoutingTable t) {
            return leaf(e, "routing-table " + t.getName(), t.getId() != 0 ? "id " + t.getId() : null, Kind.ROUTING_TABLE);
        }
        if (e instanceof Route || e instanceof RoutingRule) {
            return leaf(e, text(e), null, e instanceof Route ? Kind.ROUTE : Kind.ROUTING_RULE);
        }
        if (e instanceof Sysctl s) {
            return leaf(e, s.getKey() + " = " + s.getValue(), null, Kind.SYSCTL);
        }
        if (e instanceof Listener) {
            return leaf(e, text(e), null, Kind.LISTENER);
        }
        if (e instanceof NftRuleset r) {
            return withChildren(e, "nftables", r.isFlushRuleset() ? "flush ruleset" : null, Kind.RULESET, r.eContents());
        }
        if (e instanceof NftDefine d) {
            return leaf(e, "$" + d.getName(), text(d.getValue()), Kind.VARIABLE);
        }
        if (e instanceof NftTable t) {
            return withChildren(e, "table " + t.getFamily().getLiteral() + " " + t.getName(), null, Kind.TABLE, t.eContents());
        }
        if (e instanceof NftChain c) {
            NftHookSpec h = c.getHook();
            String detail = h == null ? "regular chain" : text(h).replaceAll(";$", "");
            return withChildren(e, "chain " + c.getName(), detail, Kind.CHAIN, c.getRules());
        }
        if (e instanceof NftSet || e instanceof NftMap) {
            return leaf(e, (e instanceof NftSet ? "set " : "map ") + ((NamedElement) e).getName(), null, Kind.SET);
        }
        if (e instanceof NftRule || e instanceof IptRule) {
            return leaf(e, shorten(text(e)), null, Kind.RULE);
        }
        if (e instanceof IptablesRuleset r) {
            return withChildren(e, "iptables", null, Kind.RULESET, r.getTables());
        }
        if (e instanceof IptablesTable t) {
            return withChildren(e, "*" + t.getTable().getLiteral(), null, Kind.TABLE, t.eContents());
        }
        if (e instanceof IptChain c) {
            String name = c.getName() != null ? c.getName() : c.getBuiltin().getLiteral();
            return leaf(e, name, "policy " + c.getPolicy().getLiteral(), Kind.CHAIN);
        }
        if (e instanceof XfrmState || e instanceof XfrmPolicy) {
            return leaf(e, shorten(text(e)), null, Kind.XFRM);
        }
        if (e instanceof Link) {
            return leaf(e, text(e), null, Kind.LINK);
        }
        if (e instanceof Probe p) {
            return leaf(e, "probe " + p.getName(), null, Kind.PROBE);
        }
        if (e instanceof Expectation x) {
            String label = x.getDescription() != null ? x.getDescription() : "expect " + text(x.getProbe() != null ? x.getProbe() : x);
            return leaf(e, shorten(label), x.getOutcome().getLiteral(), Kind.EXPECTATION);
        }
        if (e instanceof Scenario s) {
            return withChildren(e, "scenario " + s.getName(), s.getDescription(), Kind.SCENARIO, s.getSteps());
        }
        return null;
    }

    private Node withChildren(EObject e, String label, String detail, Kind kind, List<? extends EObject> contents) {
        Node self = leaf(e, label, detail, kind);
        if (self == null) {
            return null;
        }
        for (EObject c : contents) {
            Node n = node(c);
            if (n != null) {
                self.children().add(n);
            }
        }
        return self;
    }

    private Node leaf(EObject e, String label, String detail, Kind kind) {
        ICompositeNode node = NodeModelUtils.findActualNodeFor(e);
        if (node == null) {
            return null;
        }
        INode name = e instanceof NamedElement ? first(NodeModelUtils.findNodesForFeature(e,
                NetwrightPackage.Literals.NAMED_ELEMENT__NAME)) : null;
        INode selection = name != null ? name : node;
        int selectionLength = name != null ? name.getLength() : Math.min(node.getLength(), firstLineLength(node));
        return new Node(label == null ? "" : label, detail, kind, node.getOffset(), node.getLength(), selection.getOffset(),
                selectionLength, new ArrayList<>());
    }

    private static String interfaceDetail(Interface i) {
        StringBuilder sb = new StringBuilder(i.eClass().getName().replace("Interface", "").toLowerCase(java.util.Locale.ROOT));
        // the peer's name as written: the outline is the parse tree, it resolves no cross-reference
        if (i instanceof VethInterface && i.eGet(NetwrightPackage.Literals.VETH_INTERFACE__PEER, false) != null) {
            sb.append(" <-> ").append(text(i, NetwrightPackage.Literals.VETH_INTERFACE__PEER));
        }
        i.getAddresses().forEach(a -> sb.append(' ').append(a.getAddress()).append('/').append(a.getPrefixLength()));
        return sb.toString();
    }

    private static int firstLineLength(INode node) {
        String text = node.getText().strip();
        int nl = text.indexOf('\n');
        return nl < 0 ? node.getLength() : nl;
    }

    private static INode first(List<INode> nodes) {
        return nodes.isEmpty() ? null : nodes.get(0);
    }

    /** The element's tokens joined by single spaces (comments and line breaks dropped). */
    static String text(EObject e) {
        ICompositeNode node = e == null ? null : NodeModelUtils.findActualNodeFor(e);
        String text = node == null ? "" : NodeModelUtils.getTokenText(node);
        return text == null ? "" : text.strip();
    }

    private static String text(EObject e, EStructuralFeature feature) {
        INode n = first(NodeModelUtils.findNodesForFeature(e, feature));
        return n == null ? "" : NodeModelUtils.getTokenText(n);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
