package org.netwright.dsl.naming;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.Grammar;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.netwright.model.Namespace;
import org.netwright.model.NamespaceExtension;
import org.netwright.model.NetwrightPackage;

/** Naming helpers shared by scoping and qualified-name computation. */
public final class NetwrightNames {

    private NetwrightNames() {
    }

    /**
     * Name of the namespace an {@code extend} block targets, read from the source text when available
     * (no linking, so it is safe while scopes are being computed), else from the resolved reference.
     */
    public static String extensionTargetName(NamespaceExtension extension) {
        List<INode> nodes = NodeModelUtils.findNodesForFeature(extension,
                NetwrightPackage.Literals.NAMESPACE_EXTENSION__NAMESPACE);
        if (!nodes.isEmpty()) {
            String text = NodeModelUtils.getTokenText(nodes.get(0));
            if (text != null && !text.isBlank()) {
                return text.startsWith("^") ? text.substring(1) : text;
            }
        }
        Namespace ns = (Namespace) extension.eGet(NetwrightPackage.Literals.NAMESPACE_EXTENSION__NAMESPACE, false);
        if (ns != null && !ns.eIsProxy()) {
            return ns.getName();
        }
        return null;
    }

    /** Keywords of the grammar that the Name rule does not admit: a name spelt like one is escaped (^log) or renamed. */
    public static Set<String> reservedWords(Grammar grammar) {
        Set<String> all = new HashSet<>(GrammarUtil.getAllKeywords(grammar));
        all.removeAll(keywordsOf(grammar, "Name"));
        return Set.copyOf(all);
    }

    /** The keywords a rule of the grammar lists among its alternatives (Name, Word, ...). */
    public static Set<String> keywordsOf(Grammar grammar, String rule) {
        AbstractRule r = GrammarUtil.findRuleForName(grammar, rule);
        return EcoreUtil2.getAllContentsOfType(r, Keyword.class).stream().map(Keyword::getValue).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The grammar's long options that cannot name an opaque match's option (--to-source, --ctstate, ...): keywords of
     * typed iptables matches and targets, less those IptOptionName takes as names (--mask, --mode, ...).
     */
    public static Set<String> longOptionKeywords(Grammar grammar) {
        Set<String> names = keywordsOf(grammar, "IptOptionName");
        return GrammarUtil.getAllKeywords(grammar).stream().filter(k -> k.startsWith("--") && !names.contains(k))
                .collect(Collectors.toUnmodifiableSet());
    }
}
