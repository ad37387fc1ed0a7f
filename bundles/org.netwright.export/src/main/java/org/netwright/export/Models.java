package org.netwright.export;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.semantics.Imports;
import org.netwright.model.semantics.NamespaceConfig;

/** The networks a model file means: the file's own network and, before it, every network it imports. */
public final class Models {
    private Models() {
    }

    /**
     * {@code network} with its imports, transitively, imported files first and each once (a cycle is cut). Imports are
     * resolved against the network's resource, in its resource set, so this needs no DSL: a network loaded by the
     * Xtext resource set already has its imports loaded or loadable there.
     *
     * @throws ExportException an import cannot be followed: an export of part of a model is not what a box loads
     */
    public static List<Network> withImports(Network network) {
        Imports.Closure closure = Imports.closure(network);
        if (!closure.problems().isEmpty()) {
            String in = network.eResource() == null ? "" : " (in " + network.eResource().getURI() + ")";
            throw new ExportException(closure.problems().get(0).message() + in);
        }
        return closure.importsFirst();
    }

    /**
     * The namespaces of {@code networks}, each with its extend blocks, checked for what an export needs: every extend
     * block resolved, names usable as folder names, no two namespaces of one name.
     */
    public static List<NamespaceConfig> namespaces(Collection<Network> networks) {
        if (!NamespaceConfig.unresolved(networks).isEmpty()) {
            throw new ExportException("extend block refers to a namespace that is not resolved");
        }
        List<NamespaceConfig> result = NamespaceConfig.of(networks);
        Map<String, Namespace> names = new LinkedHashMap<>();
        for (NamespaceConfig ns : result) {
            Values.namespaceName(ns.name());
            if (names.putIfAbsent(ns.name(), ns.namespace()) != null) {
                throw new ExportException("two namespaces are named '" + ns.name() + "'");
            }
        }
        return result;
    }
}
