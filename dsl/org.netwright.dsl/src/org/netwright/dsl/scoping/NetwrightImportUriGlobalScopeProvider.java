package org.netwright.dsl.scoping;

import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.scoping.impl.ImportUriGlobalScopeProvider;
import org.eclipse.xtext.util.IAcceptor;
import org.netwright.model.semantics.Imports;

/**
 * Files see each other only through {@code import "x.nwp"}, and an import is relative to the importing file
 * (not to the working directory or the workspace root): the collected URIs are resolved before they are used,
 * so the same model links in the command line, the language server and the desktop editor.
 */
public class NetwrightImportUriGlobalScopeProvider extends ImportUriGlobalScopeProvider {

    @Override
    protected IAcceptor<String> createURICollector(Resource resource, Set<URI> collectInto) {
        return importUri -> {
            URI uri = Imports.resolve(importUri, resource);
            if (uri != null) {
                collectInto.add(uri);
            }
        };
    }
}
