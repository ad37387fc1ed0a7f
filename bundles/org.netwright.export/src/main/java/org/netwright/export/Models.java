package org.netwright.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.netwright.model.Import;
import org.netwright.model.Network;

/** The networks a model file means: the file's own network and, before it, every network it imports. */
public final class Models {
    private Models() {
    }

    /**
     * {@code network} with its imports, transitively, imported files first and each once (a cycle is cut). Imports are
     * resolved against the network's resource, in its resource set, so this needs no DSL: a network loaded by the
     * Xtext resource set already has its imports loaded or loadable there.
     */
    public static List<Network> withImports(Network network) {
        Set<Network> out = new LinkedHashSet<>();
        collect(network, out, new LinkedHashSet<>());
        return new ArrayList<>(out);
    }

    private static void collect(Network network, Set<Network> out, Set<Network> visiting) {
        if (out.contains(network) || !visiting.add(network)) {
            return;
        }
        Resource resource = network.eResource();
        if (resource != null && resource.getResourceSet() != null) {
            for (Import imp : network.getImports()) {
                if (imp.getImportURI() == null) {
                    continue;
                }
                URI uri = URI.createURI(imp.getImportURI());
                if (uri.isRelative() && resource.getURI() != null) {
                    uri = uri.resolve(resource.getURI());
                }
                Resource imported;
                try {
                    imported = resource.getResourceSet().getResource(uri, true);
                } catch (RuntimeException e) {
                    throw new ExportException("import \"" + imp.getImportURI() + "\" of " + resource.getURI() + " cannot be loaded: " + e.getMessage());
                }
                for (EObject root : imported.getContents()) {
                    if (root instanceof Network n) {
                        collect(n, out, visiting);
                    }
                }
            }
        }
        out.add(network);
    }
}
