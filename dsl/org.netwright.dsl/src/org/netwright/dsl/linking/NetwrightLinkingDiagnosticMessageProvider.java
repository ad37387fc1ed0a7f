package org.netwright.dsl.linking;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.IllegalNodeException;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.netwright.dsl.validation.IssueCodes;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftTable;
import org.netwright.model.semantics.Namespaces;

/**
 * "Unknown chain 'x' in table ip nat" instead of "Couldn't resolve reference to NftChain 'x'", with one
 * {@link IssueCodes} code per kind of target and the name as issue data (the quick fix offers similar names).
 */
public class NetwrightLinkingDiagnosticMessageProvider extends LinkingDiagnosticMessageProvider {

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;

    @Override
    public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
        String name;
        try {
            name = context.getLinkText();
        } catch (IllegalNodeException e) {
            name = e.getNode().getText();
        }
        EClass type = context.getReference().getEReferenceType();
        EObject from = context.getContext();
        String code;
        String message;
        if (P.getNamespace().isSuperTypeOf(type)) {
            code = IssueCodes.UNKNOWN_NAMESPACE;
            message = "Unknown namespace '" + name + "': declare it, or import the file that declares it";
        } else if (P.getInterface().isSuperTypeOf(type)) {
            code = IssueCodes.UNKNOWN_INTERFACE;
            Namespace ns = Namespaces.namespaceOf(from);
            String kind = type == P.getVethInterface() ? "veth" : "interface";
            message = name.contains(":") ? "Unknown " + kind + " '" + name + "' (written namespace:interface)"
                    : "Unknown " + kind + " '" + name + "'" + (ns == null ? "" : " in namespace '" + ns.getName() + "'");
        } else if (type == P.getNftChain() || type == P.getIptChain()) {
            code = IssueCodes.UNKNOWN_CHAIN;
            NftTable table = org.eclipse.xtext.EcoreUtil2.getContainerOfType(from, NftTable.class);
            message = "Unknown chain '" + name + "'" + (table == null ? " in this table (declare it with ':" + name + " - [0:0]')"
                    : " in table " + table.getFamily().getLiteral() + " " + table.getName() + " (declare it with 'chain "
                            + name + " { }')");
        } else if (type == P.getRoutingTable()) {
            code = IssueCodes.UNKNOWN_ROUTING_TABLE;
            message = "Unknown routing table '" + name + "': declare it with 'routing-table " + name + "'";
        } else if (type == P.getNftSet() || type == P.getNftMap() || type == P.getNftDefine()) {
            code = IssueCodes.UNKNOWN_NFT_OBJECT;
            String kind = type == P.getNftSet() ? "set" : type == P.getNftMap() ? "map" : "variable";
            message = "Unknown " + kind + " '" + name + "'";
        } else if (type == P.getProbe()) {
            code = IssueCodes.UNKNOWN_PROBE;
            message = "Unknown probe '" + name + "': declare it with 'probe " + name + " = ...'";
        } else {
            code = IssueCodes.UNKNOWN_NAME;
            message = "Unknown " + type.getName() + " '" + name + "'";
        }
        return new DiagnosticMessage(message, Severity.ERROR, code, name);
    }
}
