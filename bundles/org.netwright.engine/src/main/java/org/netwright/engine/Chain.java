package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/** A chain: a base chain when {@link #base()} is non-null, else a regular chain reached by jump/goto. */
public final class Chain {
    private final String name;
    private final BaseChainSpec base;
    private final List<Rule> rules;
    /** The last reference made for a trace step (a chain belongs to one table; its priority is its base's). */
    private ChainRef ref;

    private Chain(String name, BaseChainSpec base, List<Rule> rules) {
        this.name = name;
        this.base = base;
        this.rules = List.copyOf(rules);
    }

    public String name() {
        return name;
    }

    public BaseChainSpec base() {
        return base;
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * This chain of {@code table} as a trace names it, evaluated at base priority {@code priority}. Kept, so
     * that recording a rule step allocates no reference (a racing thread at worst makes an equal one).
     */
    ChainRef ref(NfTable table, int priority) {
        ChainRef r = ref;
        if (r == null || r.priority() != priority) {
            r = new ChainRef(table.family(), table.name(), name, priority);
            ref = r;
        }
        return r;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder for {@link Chain}. */
    public static final class Builder {
        private final String name;
        private BaseChainSpec base;
        private final List<Rule> rules = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder base(ChainType type, Hook hook, int priority, Verdict policy, String... devices) {
            this.base = new BaseChainSpec(type, hook, priority, policy, List.of(devices));
            return this;
        }

        public Builder base(BaseChainSpec spec) {
            this.base = spec;
            return this;
        }

        public Builder policy(Verdict policy) {
            if (base == null) {
                throw new IllegalStateException("not a base chain");
            }
            this.base = new BaseChainSpec(base.type(), base.hook(), base.priority(), policy, base.devices());
            return this;
        }

        public Builder rule(Rule r) {
            rules.add(r);
            return this;
        }

        public Builder rule(Rule.Builder r) {
            rules.add(r.build());
            return this;
        }

        public String name() {
            return name;
        }

        public Chain build() {
            return new Chain(name, base, rules);
        }
    }
}
