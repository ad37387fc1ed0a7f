package org.netwright.dsl.ide.highlighting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EnumLiteralDeclaration;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.netwright.model.IptInterfaceMatch;
import org.netwright.model.IptMasqueradeTarget;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptRedirectTarget;
import org.netwright.model.IptRejectTarget;
import org.netwright.model.IptSimpleTarget;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftNat;
import org.netwright.model.NftReject;
import org.netwright.model.NftVerdict;

/**
 * Highlighted ranges of a .nwp file, lexical (keywords, comments, strings, numbers) and semantic (what a name
 * denotes, addresses, verdicts, NAT), sorted and non-overlapping. Style ids are {@link #NAMESPACE} etc.: LSP
 * semantic token types where one fits, plus three of our own that the language server adds to its legend.
 */
public class NetwrightHighlighting {

    public static final String KEYWORD = "keyword";
    public static final String COMMENT = "comment";
    public static final String STRING = "string";
    public static final String NUMBER = "number";
    public static final String NAMESPACE = "namespace";
    public static final String INTERFACE = "interface";
    /** nftables tables, iptables tables, routing tables. */
    public static final String TABLE = "type";
    public static final String CHAIN = "function";
    /** Sets, maps and variables. */
    public static final String SET = "variable";
    public static final String PROBE = "event";
    /** Addresses, prefixes, ranges and MACs. */
    public static final String ADDRESS = "netwrightAddress";
    /** accept, return, ACCEPT, policy accept. */
    public static final String ACCEPT = "netwrightAccept";
    /** drop, reject, DROP, REJECT, policy drop. */
    public static final String DROP = "netwrightDrop";
    /** masquerade, snat, dnat, redirect and their iptables targets. */
    public static final String NAT = "netwrightNat";
    /** Modifier on a name where it is declared. */
    public static final String DECLARATION = "declaration";

    /** Our own token types, for the language server's legend. */
    public static final List<String> CUSTOM_TYPES = List.of(ADDRESS, ACCEPT, DROP, NAT);

    public record Highlight(int offset, int length, List<String> styles) {
    }

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;

    public List<Highlight> highlight(XtextResource resource, CancelIndicator cancel) {
        TreeMap<Integer, Highlight> lexical = new TreeMap<>();
        TreeMap<Integer, Highlight> semantic = new TreeMap<>();
        if (resource.getParseResult() == null) {
            return List.of();
        }
        ICompositeNode root = resource.getParseResult().getRootNode();
        for (ILeafNode leaf : root.getLeafNodes()) {
            if (cancel.isCanceled()) {
                return List.of();
            }
            String style = lexicalStyle(leaf);
            if (style != null && leaf.getLength() > 0) {
                lexical.put(leaf.getOffset(), new Highlight(leaf.getOffset(), leaf.getLength(), List.of(style)));
            }
        }
        for (INode node : root.getAsTreeIterable()) {
            if (cancel.isCanceled()) {
                return List.of();
            }
            String[] styles = semanticStyles(node);
            if (styles != null && node.getLength() > 0) {
                semantic.put(node.getOffset(), new Highlight(node.getOffset(), node.getLength(), List.of(styles)));
            }
        }
        return merge(lexical, semantic);
    }

    /** Semantic ranges win over the lexical ones they cover. */
    private static List<Highlight> merge(TreeMap<Integer, Highlight> lexical, TreeMap<Integer, Highlight> semantic) {
        TreeMap<Integer, Highlight> all = new TreeMap<>(lexical);
        int coveredUntil = -1;
        for (Highlight s : semantic.values()) {
            if (s.offset() < coveredUntil) {
                continue; // nested in a semantic range already taken
            }
            all.subMap(s.offset(), true, s.offset() + s.length(), false).clear();
            Map.Entry<Integer, Highlight> before = all.lowerEntry(s.offset());
            if (before != null && before.getKey() + before.getValue().length() > s.offset()) {
                all.remove(before.getKey());
            }
            all.put(s.offset(), s);
            coveredUntil = s.offset() + s.length();
        }
        return new ArrayList<>(all.values());
    }

    private static String lexicalStyle(ILeafNode leaf) {
        EObject g = leaf.getGrammarElement();
        if (g instanceof Keyword || g instanceof EnumLiteralDeclaration) {
            return Character.isLetter(leaf.getText().charAt(0)) || leaf.getText().startsWith("-") ? KEYWORD : null;
        }
        String rule = g instanceof RuleCall rc ? rc.getRule().getName() : g instanceof TerminalRule t ? t.getName() : null;
        if (rule == null) {
            return null;
        }
        return switch (rule) {
        case "SL_COMMENT" -> COMMENT;
        case "STRING" -> STRING;
        case "INT", "HEX" -> NUMBER;
        default -> null;
        };
    }

    /**
     * The semantic object of a node is looked up only for the nodes whose style depends on it (names, interface
     * patterns, keywords): the lookup climbs the node model, and most nodes of a file are white space and values.
     */
    private static String[] semanticStyles(INode node) {
        EObject g = node.getGrammarElement();
        if (g instanceof CrossReference cr) {
            EReference ref = GrammarUtil.getReference(cr);
            String style = ref == null ? null : styleOf(ref.getEReferenceType());
            return style == null ? null : new String[] { style };
        }
        if (g instanceof RuleCall rc && node instanceof ICompositeNode) {
            String rule = rc.getRule().getName();
            if (isNameAssignment(rc)) {
                return declarationStyle(node);
            }
            if ("IfPattern".equals(rule) && NodeModelUtils.findActualSemanticObjectFor(node) instanceof IptInterfaceMatch) {
                return new String[] { INTERFACE };
            }
            if ("NftAtom".equals(rule) && NodeModelUtils.findActualSemanticObjectFor(node) instanceof NftLiteral lit
                    && lit.eContainer() instanceof NftMatch m && isInterfaceMatch(m)) {
                return new String[] { INTERFACE };
            }
            return switch (rule) {
            case "IPV4", "IPV6", "IpAddr", "Prefix", "Prefix4", "Prefix6", "HostPrefix", "HostPrefix6", "AddressRange", "MAC" -> new String[] { ADDRESS };
            default -> null;
            };
        }
        if (g instanceof RuleCall rc && node instanceof ILeafNode && isNameAssignment(rc)) {
            return declarationStyle(node);
        }
        if (node instanceof ILeafNode leaf && (g instanceof Keyword || g instanceof EnumLiteralDeclaration)) {
            return verdictStyle(NodeModelUtils.findActualSemanticObjectFor(node), leaf.getText());
        }
        return null;
    }

    private static String[] declarationStyle(INode node) {
        EObject semantic = NodeModelUtils.findActualSemanticObjectFor(node);
        String style = semantic == null ? null : styleOf(semantic.eClass());
        return style == null ? null : new String[] { style, DECLARATION };
    }

    private static String[] verdictStyle(EObject semantic, String text) {
        if (semantic instanceof NftNat || semantic instanceof IptNatTarget || semantic instanceof IptMasqueradeTarget
                || semantic instanceof IptRedirectTarget) {
            return text.equals("-j") || text.startsWith("--") || text.equals("to") || text.equals("ip") ? null
                    : new String[] { NAT };
        }
        if (semantic instanceof NftVerdict || semantic instanceof IptSimpleTarget || semantic instanceof NftReject
                || semantic instanceof IptRejectTarget
                || semantic instanceof org.netwright.model.NftChain || semantic instanceof org.netwright.model.IptChain) {
            return switch (text) {
            case "accept", "ACCEPT", "return", "RETURN", "continue" -> new String[] { ACCEPT };
            case "drop", "DROP", "reject", "REJECT" -> new String[] { DROP };
            default -> null;
            };
        }
        return null;
    }

    private static boolean isNameAssignment(RuleCall rc) {
        return rc.eContainer() instanceof org.eclipse.xtext.Assignment a && "name".equals(a.getFeature());
    }

    private static boolean isInterfaceMatch(NftMatch m) {
        return m.getLeft() instanceof NftMetaExpr meta && (meta.getKey() == NftMetaKey.IIF || meta.getKey() == NftMetaKey.OIF
                || meta.getKey() == NftMetaKey.IIFNAME || meta.getKey() == NftMetaKey.OIFNAME);
    }

    private static String styleOf(EClass type) {
        if (P.getNamespace().isSuperTypeOf(type)) {
            return NAMESPACE;
        }
        if (P.getInterface().isSuperTypeOf(type)) {
            return INTERFACE;
        }
        if (type == P.getNftChain() || type == P.getIptChain()) {
            return CHAIN;
        }
        if (type == P.getNftTable() || type == P.getRoutingTable()) {
            return TABLE;
        }
        if (type == P.getNftSet() || type == P.getNftMap() || type == P.getNftDefine()) {
            return SET;
        }
        if (type == P.getProbe() || type == P.getScenario()) {
            return PROBE;
        }
        return null;
    }
}
