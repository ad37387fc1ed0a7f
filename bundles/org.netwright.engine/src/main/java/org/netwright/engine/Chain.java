package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/** A chain: a base chain when {@link #base()} is non-null, else a regular chain reached by jump/goto. */
public final class Chain {
    private final String name;
    private final BaseChainSpec base;
    private final List<Rule> rules;

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
