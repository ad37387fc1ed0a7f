package org.netwright.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An nftables table (or one iptables table expressed as nft base chains). */
public final class NfTable {
    private final Family family;
    private final String name;
    private final List<Chain> chains;
    private final Map<String, Chain> byName;
    private final Map<String, NamedSet> sets;
    private final Map<String, NamedMap> maps;

    private NfTable(Builder b) {
        this.family = b.family;
        this.name = b.name;
        List<Chain> cs = new ArrayList<>();
        for (Chain.Builder cb : b.chains.values()) {
            cs.add(cb.build());
        }
        this.chains = List.copyOf(cs);
        Map<String, Chain> m = new LinkedHashMap<>();
        for (Chain c : chains) {
            m.put(c.name(), c);
        }
        this.byName = Map.copyOf(m);
        this.sets = Map.copyOf(b.sets);
        this.maps = Map.copyOf(b.maps);
    }

    public Family family() {
        return family;
    }

    public String name() {
        return name;
    }

    /** Chains in declaration order (registration order for equal priorities). */
    public List<Chain> chains() {
        return chains;
    }

    public Chain chain(String n) {
        return byName.get(n);
    }

    public NamedSet set(String n) {
        return sets.get(n);
    }

    public NamedMap map(String n) {
        return maps.get(n);
    }

    public Map<String, NamedSet> sets() {
        return sets;
    }

    public static Builder builder(Family family, String name) {
        return new Builder(family, name);
    }

    /** Builder; chain builders stay editable until {@link #build()}. */
    public static final class Builder {
        private final Family family;
        private final String name;
        private final LinkedHashMap<String, Chain.Builder> chains = new LinkedHashMap<>();
        private final Map<String, NamedSet> sets = new LinkedHashMap<>();
        private final Map<String, NamedMap> maps = new LinkedHashMap<>();

        private Builder(Family family, String name) {
            this.family = family;
            this.name = name;
        }

        public Family family() {
            return family;
        }

        public String name() {
            return name;
        }

        /** Adds a regular chain, or returns the existing builder of that name. */
        public Chain.Builder chain(String chainName) {
            return chains.computeIfAbsent(chainName, Chain::builder);
        }

        /** Adds (or re-declares) a base chain. */
        public Chain.Builder baseChain(String chainName, ChainType type, Hook hook, int priority, Verdict policy,
                String... devices) {
            return chain(chainName).base(type, hook, priority, policy, devices);
        }

        public Builder set(NamedSet s) {
            sets.put(s.name(), s);
            return this;
        }

        public Builder map(NamedMap m) {
            maps.put(m.name(), m);
            return this;
        }

        public NfTable build() {
            return new NfTable(this);
        }
    }
}
