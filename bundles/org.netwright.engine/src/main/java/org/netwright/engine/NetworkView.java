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
    /** Namespace names in view order, and each name's position: per-namespace state can live in arrays. */
    private final String[] names;
    private final Map<String, Integer> index;

    private NetworkView(Map<String, Namespace> ns) {
        this.namespaces = Collections.unmodifiableMap(ns);
        this.names = ns.keySet().toArray(new String[0]);
        Map<String, Integer> idx = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            idx.put(names[i], i);
        }
        this.index = idx;
    }

    /** Number of namespaces. */
    int size() {
        return names.length;
    }

    /** The name of the namespace at {@code i} in view order. */
    String name(int i) {
        return names[i];
    }

    /** The position of namespace {@code name} in view order, -1 when the view has none of that name. */
    int indexOf(String name) {
        Integer i = name == null ? null : index.get(name);
        return i == null ? -1 : i;
    }

    /** Computed on first use: whether a rule of the view has a choice point (see {@link #hasChoices()}). */
    private volatile Boolean choices;

    /**
     * Whether a walk may branch: a rule of some namespace has a random, hashed or opaque match or a random or hashed
     * verdict map. A simulation copies its state for each branch only then.
     */
    public boolean hasChoices() {
        Boolean b = choices;
        if (b == null) {
            b = false;
            for (Namespace n : namespaces.values()) {
                for (NfTable t : n.nfTables()) {
                    for (Chain ch : t.chains()) {
                        for (Rule r : ch.rules()) {
                            b |= r.matches().stream().anyMatch(NetworkView::branches)
                                    || r.statements().stream().anyMatch(s -> s instanceof Statement.ChanceVmap);
                        }
                    }
                }
            }
            choices = b;
        }
        return b;
    }

    private static boolean branches(Match m) {
        Match x = m instanceof Match.Not n ? n.inner() : m;
        return x instanceof Match.Opaque || x instanceof Match.Random;
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
