package org.netwright.dsl.ide.server;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;

/**
 * A .nwp resource of the language server and the editor. When the server rebuilds a file after an edit, it unloads
 * the old resource first, and EMF turns every object into a proxy with its URI fragment (so references from other
 * files find the new object), computing each fragment from the object up to the root again, with an index lookup in
 * every list on the way. Here the fragments of the whole file are computed in one pass from the root down, the same
 * strings as {@link #getURIFragment(EObject)} gives.
 */
public class NetwrightServerResource extends LazyLinkingResource {

    private Map<EObject, String> unloadingFragments;

    @Override
    protected void doUnload() {
        unloadingFragments = fragments(getContents());
        try {
            super.doUnload();
        } finally {
            unloadingFragments = null;
        }
    }

    @Override
    protected void unloaded(InternalEObject object) {
        String fragment = unloadingFragments == null ? null : unloadingFragments.get(object);
        if (fragment == null || object.eIsProxy()) {
            super.unloaded(object);
            return;
        }
        object.eSetProxyURI(getURI().appendFragment(fragment));
        object.eAdapters().clear();
    }

    /**
     * The URI fragment of every object under {@code roots}, as EMF's default gives it: "/" and the root's index (none
     * for a single root), then "@feature" or "@feature.index" per containment step. Objects whose fragment is not of
     * that form (an ID attribute, keys on a reference) are left out and get theirs from {@link #getURIFragment}.
     */
    Map<EObject, String> fragments(List<EObject> roots) {
        Map<EObject, String> result = new IdentityHashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            EObject root = roots.get(i);
            if (EcoreUtil.getID(root) == null) {
                add(root, roots.size() > 1 ? "/" + i : "/", result);
            }
        }
        return result;
    }

    private static void add(EObject object, String fragment, Map<EObject, String> result) {
        result.put(object, fragment);
        for (EReference r : object.eClass().getEAllContainments()) {
            if (!r.getEKeys().isEmpty() || !object.eIsSet(r)) {
                continue;
            }
            String prefix = fragment + "/@" + r.getName();
            if (r.isMany()) {
                EList<?> children = (EList<?>) object.eGet(r, false);
                for (int i = 0; i < children.size(); i++) {
                    addChild((EObject) children.get(i), prefix + "." + i, result);
                }
            } else {
                addChild((EObject) object.eGet(r, false), prefix, result);
            }
        }
    }

    private static void addChild(EObject child, String fragment, Map<EObject, String> result) {
        if (child != null && !child.eIsProxy() && EcoreUtil.getID(child) == null) {
            add(child, fragment, result);
        }
    }
}
