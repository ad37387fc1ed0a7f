package org.netwright.dsl.util;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.netwright.model.Address;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.NamespaceConfig;
import org.netwright.model.semantics.Namespaces;

/**
 * Memoised answers of {@link Namespaces} and {@link Imports} for one pass over a model (a validation run): a file
 * with thousands of rules asks "what are this namespace's interfaces" thousands of times. Not for use across
 * changes of the model.
 */
public final class ModelIndex {

    private final Map<Object, Set<Network>> networks = new HashMap<>();
    private final Map<Object, List<NamespaceConfig>> configs = new HashMap<>();
    private final Map<List<Object>, List<ConfigContainer>> contributions = new HashMap<>();
    private final Map<List<Object>, List<Interface>> interfaces = new HashMap<>();
    private final Map<List<Object>, Map<IpAddress, List<Address>>> addresses = new HashMap<>();
    private final Map<Object, Object> memo = new HashMap<>();

    /** The index kept in a validation run's context map (one is created when there is none). */
    public static ModelIndex of(Map<Object, Object> context) {
        if (context == null) {
            return new ModelIndex();
        }
        return (ModelIndex) context.computeIfAbsent(ModelIndex.class, k -> new ModelIndex());
    }

    private static Object scope(EObject perspective) {
        return perspective.eResource() != null ? perspective.eResource() : EcoreUtil.getRootContainer(perspective);
    }

    public Set<Network> visibleNetworks(EObject perspective) {
        return networks.computeIfAbsent(scope(perspective), k -> Namespaces.visibleNetworks(perspective));
    }

    public List<ConfigContainer> contributions(Namespace ns, EObject perspective) {
        Object scope = scope(perspective);
        return contributions.computeIfAbsent(List.of(ns, scope), k -> NamespaceConfig.find(
                configs.computeIfAbsent(scope, s -> NamespaceConfig.of(visibleNetworks(perspective))), ns).parts());
    }

    public List<Interface> interfaces(Namespace ns, EObject perspective) {
        return interfaces.computeIfAbsent(List.of(ns, scope(perspective)), k -> {
            List<Interface> result = new ArrayList<>();
            for (ConfigContainer c : contributions(ns, perspective)) {
                result.addAll(c.getInterfaces());
            }
            return result;
        });
    }

    /** The namespace's addresses by value, in declaration order. */
    public Map<IpAddress, List<Address>> addressesByValue(Namespace ns, EObject perspective) {
        return addresses.computeIfAbsent(List.of(ns, scope(perspective)), k -> {
            Map<IpAddress, List<Address>> result = new LinkedHashMap<>();
            for (Interface i : interfaces(ns, perspective)) {
                for (Address a : i.getAddresses()) {
                    IpAddress value = a.getAddress();
                    if (value != null) {
                        result.computeIfAbsent(value, v -> new ArrayList<>()).add(a);
                    }
                }
            }
            return result;
        });
    }

    /** True when {@code address} is the namespace's (127.0.0.0/8 counts when it has a loopback); true for non-addresses. */
    public boolean isLocal(Namespace ns, IpAddress a, EObject perspective) {
        if (a == null || addressesByValue(ns, perspective).containsKey(a)) {
            return true;
        }
        return a.isLoopback()
                && interfaces(ns, perspective).stream().anyMatch(i -> i instanceof org.netwright.model.LoopbackInterface);
    }

    public boolean hasInterface(Namespace ns, String name, EObject perspective) {
        for (Interface i : interfaces(ns, perspective)) {
            if (name.equals(i.getName())) {
                return true;
            }
        }
        return false;
    }

    /** A value computed once per key (chain graphs of a table, ...). */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, java.util.function.Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (T) v;
    }
}
