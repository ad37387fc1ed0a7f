package org.netwright.dsl.naming;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.DefaultDeclarativeQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.netwright.model.IptablesTable;
import org.netwright.model.NamespaceExtension;

/**
 * Qualified names: {@code ns:iface}, {@code ns:table:chain}, {@code ns:iptables-nat:CHAIN}.
 * An {@code extend ns} block gets the name of its namespace, so what it declares lives in that namespace.
 */
public class NetwrightQualifiedNameProvider extends DefaultDeclarativeQualifiedNameProvider {

    public QualifiedName qualifiedName(NamespaceExtension extension) {
        String target = NetwrightNames.extensionTargetName(extension);
        return target == null || target.isEmpty() ? null : QualifiedName.create(target);
    }

    public QualifiedName qualifiedName(IptablesTable table) {
        QualifiedName own = QualifiedName.create("iptables-" + table.getTable().getLiteral());
        for (EObject c = table.eContainer(); c != null; c = c.eContainer()) {
            QualifiedName parent = getFullyQualifiedName(c);
            if (parent != null) {
                return parent.append(own);
            }
        }
        return own;
    }
}
