package org.netwright.diagram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Link;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.semantics.Imports;
import org.netwright.model.semantics.NamespaceConfig;

/**
 * What the diagram of one file shows: its own namespaces and those of the files it imports (read-only
 * here: they belong to another file), every link between them, and the {@code extend} blocks that add
 * configuration to imported namespaces. A policy file that only imports a topology and extends it thus
 * shows that topology.
 */
public final class Topology {
    private final Network root;
    private final List<Network> networks = new ArrayList<>();
    private final List<NamespaceConfig> configs;

    private Topology(Network root) {
        this.root = root;
        // a missing or broken import is the text editor's diagnostic to show; the diagram shows the rest
        if (root != null) {
            networks.addAll(Imports.closure(root).networks());
        }
        configs = NamespaceConfig.of(networks);
    }

    public static Topology of(Network root) {
        return new Topology(root);
    }

    public Network root() {
        return root;
    }

    /** The root first, then the imported networks (transitively, each once). */
    public List<Network> networks() {
        return networks;
    }

    /** Every namespace shown: the file's own first, then the imported ones; a name shows once. */
    public List<Namespace> namespaces() {
        Map<String, Namespace> byName = new LinkedHashMap<>();
        for (Network n : networks) {
            for (Namespace ns : n.getNamespaces()) {
                byName.putIfAbsent(ns.getName() == null ? "" : ns.getName(), ns);
            }
        }
        return List.copyOf(byName.values());
    }

    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (Network n : networks) {
            links.addAll(n.getLinks());
        }
        return links;
    }

    /** True when the element belongs to the edited file (not to an imported one). */
    public boolean isOwn(EObject element) {
        return element != null && EcoreUtil.getRootContainer(element) == root;
    }

    /** The namespace itself and every block (of any shown file) that extends it. */
    public List<ConfigContainer> blocksOf(Namespace ns) {
        return NamespaceConfig.find(configs, ns).parts();
    }

    /** The file name an imported element comes from, for its label ({@code topology.nwp}). */
    public static String fileOf(EObject element) {
        Resource r = element.eResource();
        return r == null || r.getURI() == null ? "another file" : URI.decode(r.getURI().lastSegment());
    }
}
