package org.netwright.dsl.scoping;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.scoping.impl.ImportNormalizer;
import org.eclipse.xtext.scoping.impl.ImportedNamespaceAwareLocalScopeProvider;
import org.netwright.dsl.naming.NetwrightNames;
import org.netwright.model.NamespaceExtension;

/**
 * Local scoping by qualified name, plus: inside {@code extend NS { ... }} every simple name is also looked up
 * as {@code NS:name} in the global scope, so an extension in broken.nwp can say {@code dev enp4s0} for an
 * interface declared in the imported topology.nwp.
 */
public class NetwrightLocalScopeProvider extends ImportedNamespaceAwareLocalScopeProvider {

    @Override
    protected List<ImportNormalizer> internalGetImportedNamespaceResolvers(EObject context, boolean ignoreCase) {
        List<ImportNormalizer> result = new ArrayList<>(super.internalGetImportedNamespaceResolvers(context, ignoreCase));
        if (context instanceof NamespaceExtension extension) {
            String target = NetwrightNames.extensionTargetName(extension);
            if (target != null && !target.isEmpty()) {
                result.add(new ImportNormalizer(QualifiedName.create(target), true, ignoreCase));
            }
        }
        return result;
    }
}
