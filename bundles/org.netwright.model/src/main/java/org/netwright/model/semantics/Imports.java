package org.netwright.model.semantics;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.netwright.model.Import;
import org.netwright.model.Network;

/** {@code import "x.nwp"} is resolved relative to the importing file; these helpers share that rule. */
public final class Imports {

	private Imports() {
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

	/** The resource and every file it imports, directly or not, as far as they are loaded or loadable. */
	public static Set<Resource> closure(Resource start) {
		Set<Resource> seen = new LinkedHashSet<>();
		if (start == null) {
			return seen;
		}
		ResourceSet set = start.getResourceSet();
		Deque<Resource> todo = new ArrayDeque<>();
		todo.add(start);
		while (!todo.isEmpty()) {
			Resource r = todo.poll();
			if (!seen.add(r)) {
				continue;
			}
			for (EObject root : r.getContents()) {
				if (!(root instanceof Network network) || set == null) {
					continue;
				}
				for (Import imp : network.getImports()) {
					URI uri = resolve(imp.getImportURI(), r);
					Resource imported = null;
					if (uri != null) {
						imported = set.getResource(uri, false);
						if (imported == null && exists(set, uri)) {
							try {
								imported = set.getResource(uri, true);
							} catch (RuntimeException e) {
								imported = null; // unreadable: the import check and the linker report it
							}
						}
					}
					if (imported != null && !seen.contains(imported)) {
						todo.add(imported);
					}
				}
			}
		}
		return seen;
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

	/** The Network roots of {@link #closure(Resource)}. */
	public static Set<Network> networks(Resource start) {
		Set<Network> result = new LinkedHashSet<>();
		for (Resource r : closure(start)) {
			for (EObject root : r.getContents()) {
				if (root instanceof Network n) {
					result.add(n);
				}
			}
		}
		return result;
	}
}
