package org.netwright.dsl.ide.contentassist;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EnumLiteralDeclaration;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.netwright.model.Address;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.Link;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NftChain;
import org.netwright.model.Probe;
import org.netwright.model.VethInterface;
import org.netwright.model.semantics.Namespaces;

import com.google.common.base.Predicate;

/**
 * Content assist beyond the grammar's keywords and the scope's names: interface names after iif/oif/iifname/oifname
 * and -i/-o, only regular chains after jump/goto, only names that can be written where a simple name is expected,
 * destination addresses of probes and neighbours' addresses after "via".
 */
public class NetwrightContentProposalProvider extends IdeContentProposalProvider {

    private static final Set<String> NFT_INTERFACE_KEYS = Set.of("iif", "oif", "iifname", "oifname");

    @Override
    protected void _createProposals(Assignment assignment, ContentAssistContext context,
            IIdeContentProposalAcceptor acceptor) {
        AbstractRule rule = GrammarUtil.containingRule(assignment);
        String feature = assignment.getFeature();
        if ("value".equals(feature) && "NftLiteral".equals(rule.getName())) {
            String key = previousWord(context);
            if (NFT_INTERFACE_KEYS.contains(key)) {
                proposeInterfaces(context, acceptor, key.endsWith("name"));
                return;
            }
        }
        if ("interfaceName".equals(feature)) {
            proposeInterfaces(context, acceptor, false);
            return;
        }
        if ("dst".equals(feature) && rule.getName().equals("ProbeBody")) {
            proposeAddresses(context, acceptor, destinations(context.getCurrentModel()));
            return;
        }
        if ("via".equals(feature) && "Route".equals(rule.getName())) {
            proposeAddresses(context, acceptor, neighbours(context.getCurrentModel()));
            return;
        }
        super._createProposals(assignment, context, acceptor);
    }

    /** Punctuation is typed, not chosen. */
    @Override
    protected boolean filterKeyword(Keyword keyword, ContentAssistContext context) {
        String k = keyword.getValue();
        return !k.isEmpty() && (Character.isLetter(k.charAt(0)) || k.startsWith("-") && k.length() > 1 || k.equals("<->"));
    }

    @Override
    protected Predicate<IEObjectDescription> getCrossrefFilter(CrossReference reference, ContentAssistContext context) {
        boolean qualifiedAllowed = reference.getTerminal() instanceof RuleCall rc && "IfQName".equals(rc.getRule().getName());
        boolean regularChainsOnly = "chain".equals(GrammarUtil.containingAssignment(reference).getFeature())
                && "NftVerdict".equals(GrammarUtil.containingRule(reference).getName());
        return d -> {
            if (!qualifiedAllowed && d.getName().getSegmentCount() > 1) {
                return false;
            }
            EObject target = d.getEObjectOrProxy();
            return !(regularChainsOnly && target instanceof NftChain c && !c.eIsProxy() && c.getHook() != null);
        };
    }

    private void proposeInterfaces(ContentAssistContext context, IIdeContentProposalAcceptor acceptor, boolean quoted) {
        Namespace ns = Namespaces.namespaceOf(context.getCurrentModel());
        if (ns == null) {
            return;
        }
        for (Interface i : Namespaces.interfaces(ns, context.getCurrentModel())) {
            String proposal = quoted ? "\"" + i.getName() + "\"" : i.getName();
            ContentAssistEntry entry = getProposalCreator().createProposal(proposal, context, ContentAssistEntry.KIND_REFERENCE,
                    e -> e.setDescription(i.eClass().getName().replace("Interface", "").toLowerCase(java.util.Locale.ROOT)
                            + " in " + ns.getName()));
            if (entry != null) {
                acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry) + 100);
            }
        }
    }

    private void proposeAddresses(ContentAssistContext context, IIdeContentProposalAcceptor acceptor,
            Map<String, String> addresses) {
        for (Map.Entry<String, String> a : addresses.entrySet()) {
            ContentAssistEntry entry = getProposalCreator().createProposal(a.getKey(), context, ContentAssistEntry.KIND_VALUE,
                    e -> e.setDescription(a.getValue()));
            if (entry != null) {
                acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
            }
        }
    }

    /** Every address of the visible namespaces except the sender's, with the interface that holds it. */
    private static Map<String, String> destinations(EObject current) {
        Map<String, String> result = new LinkedHashMap<>();
        if (current == null) {
            return result;
        }
        Namespace from = current instanceof Probe p && p.getFrom() != null && !p.getFrom().eIsProxy() ? p.getFrom() : null;
        for (Network n : Namespaces.visibleNetworks(current)) {
            for (ConfigContainer c : n.getNamespaces()) {
                if (c == from) {
                    continue;
                }
                for (Interface i : c.getInterfaces()) {
                    for (Address a : i.getAddresses()) {
                        result.putIfAbsent(String.valueOf(a.getAddress()), Namespaces.qualifiedName(i));
                    }
                }
            }
        }
        return result;
    }

    /** The addresses at the other end of this namespace's veth pairs and links: the usual gateways. */
    private static Map<String, String> neighbours(EObject current) {
        Map<String, String> result = new LinkedHashMap<>();
        Namespace ns = current == null ? null : Namespaces.namespaceOf(current);
        if (ns == null) {
            return result;
        }
        for (Interface i : Namespaces.interfaces(ns, current)) {
            Interface other = i instanceof VethInterface v && v.getPeer() != null && !v.getPeer().eIsProxy() ? v.getPeer()
                    : linkedTo(i);
            if (other != null) {
                for (Address a : other.getAddresses()) {
                    result.putIfAbsent(String.valueOf(a.getAddress()), Namespaces.qualifiedName(other) + " (behind " + i.getName() + ")");
                }
            }
        }
        return result;
    }

    private static Interface linkedTo(Interface i) {
        Resource r = i.eResource();
        for (Network n : Namespaces.visibleNetworks(r == null ? i : i)) {
            for (Link l : n.getLinks()) {
                if (l.getA() == i) {
                    return l.getB();
                }
                if (l.getB() == i) {
                    return l.getA();
                }
            }
        }
        return null;
    }

    /** The word before the one being completed: the meta key or option that decides what fits. */
    private static String previousWord(ContentAssistContext context) {
        INode last = context.getLastCompleteNode();
        if (last == null) {
            return "";
        }
        EObject g = last.getGrammarElement();
        if (g instanceof EnumLiteralDeclaration e) {
            return e.getLiteral().getValue();
        }
        return last.getText().strip();
    }
}
