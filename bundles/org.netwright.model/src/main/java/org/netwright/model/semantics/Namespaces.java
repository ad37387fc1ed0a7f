package org.netwright.model.semantics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.netwright.model.Address;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.NamespaceExtension;
import org.netwright.model.Network;

/**
 * The configuration of a network namespace is its own block plus every {@code extend NS { }} block that the
 * loaded files contain (a policy file extends the namespace of an imported topology). These helpers collect it.
 */
public final class Namespaces {

    private Namespaces() {
    }

    /** The namespace or extension block that (transitively) contains {@code o}, or null. */
    public static ConfigContainer containerOf(EObject o) {
        for (EObject c = o; c != null; c = c.eContainer()) {
            if (c instanceof ConfigContainer cc) {
                return cc;
            }
        }
        return null;
    }

    /** The namespace whose configuration contains {@code o} (through an extension if need be), or null. */
    public static Namespace namespaceOf(EObject o) {
        ConfigContainer c = containerOf(o);
        if (c instanceof Namespace ns) {
            return ns;
        }
        if (c instanceof NamespaceExtension ext) {
            Namespace ns = ext.getNamespace();
            return ns == null || ns.eIsProxy() ? null : ns;
        }
        return null;
    }

    /**
     * The namespace block plus every extension of it that {@code perspective}'s file sees: the file itself and
     * what it imports. Two policy variants that extend the same topology are alternatives, not one configuration,
     * so a file never sees the extensions of files it does not import.
     */
    public static List<ConfigContainer> contributions(Namespace ns, EObject perspective) {
        if (ns == null) {
            return new ArrayList<>();
        }
        return new ArrayList<>(NamespaceConfig.find(NamespaceConfig.of(visibleNetworks(perspective == null ? ns : perspective)), ns).parts());
    }

    public static List<Interface> interfaces(Namespace ns, EObject perspective) {
        List<Interface> result = new ArrayList<>();
        for (ConfigContainer c : contributions(ns, perspective)) {
            result.addAll(c.getInterfaces());
        }
        return result;
    }

    public static List<Address> addresses(Namespace ns, EObject perspective) {
        List<Address> result = new ArrayList<>();
        for (Interface i : interfaces(ns, perspective)) {
            result.addAll(i.getAddresses());
        }
        return result;
    }

    /** {@code ns:name}, as references from other namespaces write it. */
    public static String qualifiedName(Interface i) {
        Namespace ns = namespaceOf(i);
        return ns == null || ns.getName() == null ? i.getName() : ns.getName() + ":" + i.getName();
    }

    /** The Network roots of {@code o}'s file and of the files it imports (just {@code o}'s root without a resource). */
    public static Set<Network> visibleNetworks(EObject o) {
        Resource resource = o.eResource();
        if (resource == null) {
            Set<Network> result = new LinkedHashSet<>();
            if (EcoreUtil.getRootContainer(o) instanceof Network n) {
                result.add(n);
            }
            return result;
        }
        return new LinkedHashSet<>(Imports.networks(resource));
    }
}
