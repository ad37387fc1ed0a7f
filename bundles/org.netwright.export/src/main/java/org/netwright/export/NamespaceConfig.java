package org.netwright.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.emf.ecore.EObject;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.NamespaceExtension;
import org.netwright.model.Network;

/**
 * One namespace with all of its configuration: the namespace's own block followed by every
 * {@code extend} block for it, in model order.
 */
public record NamespaceConfig(Namespace namespace, List<ConfigContainer> parts) {

    public String name() {
        return namespace.getName();
    }

    public <T> List<T> all(Function<ConfigContainer, ? extends Collection<T>> feature) {
        List<T> result = new ArrayList<>();
        for (ConfigContainer part : parts) {
            result.addAll(feature.apply(part));
        }
        return result;
    }

    public List<Interface> interfaces() {
        return all(ConfigContainer::getInterfaces);
    }

    /** Namespaces of the given networks (and those their extensions extend), in model order. */
    public static List<NamespaceConfig> of(Collection<Network> networks) {
        Map<Namespace, List<ConfigContainer>> byNamespace = new LinkedHashMap<>();
        for (Network network : networks) {
            for (Namespace ns : network.getNamespaces()) {
                byNamespace.computeIfAbsent(ns, n -> new ArrayList<>(List.of(n)));
            }
        }
        for (Network network : networks) {
            for (NamespaceExtension ext : network.getExtensions()) {
                Namespace target = ext.getNamespace();
                if (target == null || target.eIsProxy()) {
                    throw new ExportException("extend block refers to a namespace that is not resolved");
                }
                byNamespace.computeIfAbsent(target, n -> new ArrayList<>(List.of(n))).add(ext);
            }
        }
        List<NamespaceConfig> result = new ArrayList<>();
        Map<String, Namespace> names = new LinkedHashMap<>();
        byNamespace.forEach((ns, parts) -> {
            Values.namespaceName(ns.getName());
            Namespace clash = names.putIfAbsent(ns.getName(), ns);
            if (clash != null) {
                throw new ExportException("two namespaces are named '" + ns.getName() + "'");
            }
            result.add(new NamespaceConfig(ns, List.copyOf(parts)));
        });
        return result;
    }

    /** The namespace an interface is declared in (directly or through an extend block), or null. */
    public static Namespace namespaceOf(Interface itf) {
        EObject container = itf == null ? null : itf.eContainer();
        if (container instanceof Namespace ns) {
            return ns;
        }
        if (container instanceof NamespaceExtension ext) {
            return ext.getNamespace();
        }
        return null;
    }
}
