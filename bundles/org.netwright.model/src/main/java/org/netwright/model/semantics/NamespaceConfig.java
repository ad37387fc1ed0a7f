package org.netwright.model.semantics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.NamespaceExtension;
import org.netwright.model.Network;

/**
 * One namespace with all of its configuration, assembled once for every consumer: the namespace's own block followed by
 * every {@code extend} block for it, in model order.
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

    /**
     * The namespaces of the given networks and those their extend blocks extend, in model order (a namespace the
     * networks only extend comes after the declared ones). An extend block whose namespace is not resolved belongs to
     * none: see {@link #unresolved}.
     */
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
                if (target != null && !target.eIsProxy()) {
                    byNamespace.computeIfAbsent(target, n -> new ArrayList<>(List.of(n))).add(ext);
                }
            }
        }
        List<NamespaceConfig> result = new ArrayList<>();
        byNamespace.forEach((ns, parts) -> result.add(new NamespaceConfig(ns, List.copyOf(parts))));
        return result;
    }

    /** The extend blocks of the networks whose namespace is not resolved (a missing import, a misspelt name). */
    public static List<NamespaceExtension> unresolved(Collection<Network> networks) {
        List<NamespaceExtension> result = new ArrayList<>();
        for (Network network : networks) {
            for (NamespaceExtension ext : network.getExtensions()) {
                if (ext.getNamespace() == null || ext.getNamespace().eIsProxy()) {
                    result.add(ext);
                }
            }
        }
        return result;
    }

    /** The configuration of {@code ns} among {@code configs}; just its own block when nothing extends it there. */
    public static NamespaceConfig find(List<NamespaceConfig> configs, Namespace ns) {
        for (NamespaceConfig c : configs) {
            if (c.namespace() == ns) {
                return c;
            }
        }
        return new NamespaceConfig(ns, List.of(ns));
    }
}
