package org.netwright.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's neutral, immutable input: the namespaces of the modelled network. Adapters (EMF model,
 * imported dumps) map onto this; the engine depends on nothing else.
 */
public final class NetworkView {
    private final Map<String, Namespace> namespaces;

    private NetworkView(Map<String, Namespace> ns) {
        this.namespaces = Collections.unmodifiableMap(ns);
    }

    public Map<String, Namespace> namespaces() {
        return namespaces;
    }

    public Namespace namespace(String name) {
        Namespace n = namespaces.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no namespace " + name);
        }
        return n;
    }

    /**
     * Consistency problems: dangling or asymmetric peers, bridge masters that do not exist.
     * Empty when the view is consistent.
     */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        for (Namespace n : namespaces.values()) {
            for (Interface i : n.interfaces().values()) {
                if (i.peer() != null) {
                    Namespace pn = namespaces.get(i.peer().namespace());
                    Interface pi = pn == null ? null : pn.iface(i.peer().ifname());
                    if (pi == null) {
                        problems.add(n.name() + "/" + i.name() + ": peer " + i.peer() + " does not exist");
                    } else if (pi.peer() == null || !pi.peer().equals(new PeerRef(n.name(), i.name()))) {
                        problems.add(n.name() + "/" + i.name() + ": peer " + i.peer() + " does not point back");
                    }
                }
                if (i.master() != null) {
                    Interface m = n.iface(i.master());
                    if (m == null || m.kind() != Interface.Kind.BRIDGE) {
                        problems.add(n.name() + "/" + i.name() + ": master " + i.master() + " is not a bridge");
                    }
                }
            }
        }
        return problems;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link NetworkView}. */
    public static final class Builder {
        private final Map<String, Namespace> namespaces = new LinkedHashMap<>();

        public Builder namespace(Namespace n) {
            namespaces.put(n.name(), n);
            return this;
        }

        public Builder namespace(Namespace.Builder n) {
            return namespace(n.build());
        }

        public NetworkView build() {
            return new NetworkView(new LinkedHashMap<>(namespaces));
        }
    }
}
