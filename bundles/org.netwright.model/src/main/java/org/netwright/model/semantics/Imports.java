package org.netwright.model.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.netwright.model.Import;
import org.netwright.model.Network;

/**
 * The import closure of {@code .nwp} models: {@code import "x.nwp"} is resolved relative to the importing file, in the
 * importing file's resource set. Every consumer (validation, scoping, the engine mapping, the exporters, the diagram)
 * walks imports through {@link #closure(Network)}; what it does with an import that cannot be followed (report it,
 * refuse to export, show the rest) is its own business, so the closure lists those as {@link Problem}s.
 */
public final class Imports {

    private Imports() {
    }

    /** An import the closure could not follow, and why (a sentence that names the import). */
    public record Problem(Import imp, String message) {
    }

    /**
     * A network and every network it imports, directly or not, each once.
     *
     * @param networks the root first, then the imported networks breadth-first (the order a reader discovers them)
     * @param importsFirst the same networks, each after every network it imports (the order declarations stack up)
     * @param problems the imports that could not be followed
     */
    public record Closure(List<Network> networks, List<Network> importsFirst, List<Problem> problems) {
    }

    /** The URI an import denotes, resolved against the importing resource; null when it is not a URI. */
    public static URI resolve(String importUri, Resource importing) {
        if (importUri == null || importUri.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.createURI(importUri);
        } catch (IllegalArgumentException e) {
            return null;
        }
        URI base = importing == null ? null : importing.getURI();
        if (uri.isRelative() && base != null && base.isHierarchical() && !base.isRelative()) {
            uri = uri.resolve(base);
        }
        return uri;
    }

    /**
     * {@code root} and what it imports. An import is loaded into the root's resource set only when its file exists (a
     * failed load would leave an empty resource behind); a network outside a resource set imports nothing.
     */
    public static Closure closure(Network root) {
        Map<Network, List<Network>> imported = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<Network> work = new ArrayList<>();
        work.add(root);
        for (int next = 0; next < work.size(); next++) {
            Network n = work.get(next);
            if (imported.containsKey(n)) {
                continue;
            }
            List<Network> direct = new ArrayList<>();
            imported.put(n, direct);
            for (Import imp : n.getImports()) {
                Network in = follow(imp, problems);
                if (in != null) {
                    direct.add(in);
                    work.add(in);
                }
            }
        }
        List<Network> importsFirst = new ArrayList<>();
        postOrder(root, imported, new LinkedHashSet<>(), importsFirst);
        return new Closure(List.copyOf(imported.keySet()), List.copyOf(importsFirst), List.copyOf(problems));
    }

    private static void postOrder(Network n, Map<Network, List<Network>> imported, Set<Network> visiting, List<Network> out) {
        if (out.contains(n) || !visiting.add(n)) {
            return; // done, or an import cycle: cut
        }
        for (Network in : imported.getOrDefault(n, List.of())) {
            postOrder(in, imported, visiting, out);
        }
        out.add(n);
    }

    /** The network {@code imp} denotes, or null with a problem when it cannot be followed. */
    private static Network follow(Import imp, List<Problem> problems) {
        Resource importing = imp.eResource();
        ResourceSet set = importing == null ? null : importing.getResourceSet();
        if (set == null || imp.getImportURI() == null) {
            return null;
        }
        String what = "import \"" + imp.getImportURI() + "\"";
        URI uri = resolve(imp.getImportURI(), importing);
        if (uri == null) {
            problems.add(new Problem(imp, what + " is not a valid file name"));
            return null;
        }
        Resource r = set.getResource(uri, false);
        if (r == null || r.getContents().isEmpty()) {
            if (!exists(set, uri)) {
                String where = uri.isFile() ? uri.toFileString() : uri.toString();
                problems.add(new Problem(imp, what + ": " + where + " does not exist (imports are relative to the importing file)"));
                return null;
            }
            try {
                r = set.getResource(uri, true);
            } catch (RuntimeException e) {
                problems.add(new Problem(imp, what + " cannot be loaded: " + e.getMessage()));
                return null;
            }
        }
        for (EObject content : r.getContents()) {
            if (content instanceof Network network) {
                return network;
            }
        }
        problems.add(new Problem(imp, what + " is not a netwright file"));
        return null;
    }

    /** Whether the file behind {@code uri} exists (without loading it: a failed load leaves an empty resource behind). */
    public static boolean exists(ResourceSet set, URI uri) {
        Resource loaded = set.getResource(uri, false);
        if (loaded != null && !loaded.getContents().isEmpty()) {
            return true;
        }
        try {
            return set.getURIConverter().exists(set.getURIConverter().normalize(uri), Collections.emptyMap());
        } catch (RuntimeException e) {
            return false; // no handler for the scheme
        }
    }

    /** The Network roots of {@code start} and of every file it imports (nothing for a resource without one). */
    public static List<Network> networks(Resource start) {
        if (start != null) {
            for (EObject root : start.getContents()) {
                if (root instanceof Network n) {
                    return closure(n).networks();
                }
            }
        }
        return List.of();
    }
}
