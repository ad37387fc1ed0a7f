package org.netwright.engine;

/**
 * An {@code ip rule} or, with {@code v6}, an {@code ip -6 rule} (the kernel keeps one rule list per family). Null selectors match anything. {@code fwmark} is compared as
 * {@code (mark & fwmask) == fwmark}. {@code iif} of locally generated packets is {@code lo}; {@code oif}
 * only matches packets whose socket is bound to that device (never forwarded ones).
 */
public record PolicyRule(int priority, Prefix from, Prefix to, String iif, String oif, Long fwmark, long fwmask,
        boolean not, Action action, int table, SourceRef source, boolean v6) {
    /** What a rule does when its selector matches. */
    public enum Action {
        LOOKUP, BLACKHOLE, UNREACHABLE, PROHIBIT
    }

    /** An IPv4 rule (the form every caller used before IPv6). */
    public PolicyRule(int priority, Prefix from, Prefix to, String iif, String oif, Long fwmark, long fwmask,
            boolean not, Action action, int table, SourceRef source) {
        this(priority, from, to, iif, oif, fwmark, fwmask, not, action, table, source, false);
    }

    public PolicyRule {
        if (from != null && from.isV6() != v6 || to != null && to.isV6() != v6) {
            throw new IllegalArgumentException("rule selector of the other family: " + from + " " + to);
        }
    }

    /**
     * The rules every namespace starts with: IPv4's 0 local, 32766 main, 32767 default, and IPv6's 0 local and
     * 32766 main (IPv6 has no default-table rule).
     */
    public static java.util.List<PolicyRule> defaults() {
        return java.util.List.of(
                new PolicyRule(0, null, null, null, null, null, 0, false, Action.LOOKUP, Route.LOCAL, null),
                new PolicyRule(32766, null, null, null, null, null, 0, false, Action.LOOKUP, Route.MAIN, null),
                new PolicyRule(32767, null, null, null, null, null, 0, false, Action.LOOKUP, Route.DEFAULT, null),
                new PolicyRule(0, null, null, null, null, null, 0, false, Action.LOOKUP, Route.LOCAL, null, true),
                new PolicyRule(32766, null, null, null, null, null, 0, false, Action.LOOKUP, Route.MAIN, null, true));
    }

    public static Builder priority(int prio) {
        return new Builder(prio);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(priority).append(":");
        if (not) {
            sb.append(" not");
        }
        sb.append(" from ").append(from == null ? "all" : from.toString());
        if (to != null) {
            sb.append(" to ").append(to);
        }
        if (iif != null) {
            sb.append(" iif ").append(iif);
        }
        if (oif != null) {
            sb.append(" oif ").append(oif);
        }
        if (fwmark != null) {
            sb.append(" fwmark 0x").append(Long.toHexString(fwmark));
            if (fwmask != 0xffffffffL) {
                sb.append("/0x").append(Long.toHexString(fwmask));
            }
        }
        if (action == Action.LOOKUP) {
            sb.append(" lookup ").append(table == Route.MAIN ? "main"
                    : table == Route.LOCAL ? "local" : table == Route.DEFAULT ? "default" : String.valueOf(table));
        } else {
            sb.append(' ').append(action.name().toLowerCase());
        }
        return sb.toString();
    }

    /** Builder for {@link PolicyRule}. */
    public static final class Builder {
        private final int priority;
        private Prefix from;
        private Prefix to;
        private String iif;
        private String oif;
        private Long fwmark;
        private long fwmask = 0xffffffffL;
        private boolean not;
        private Action action = Action.LOOKUP;
        private int table = Route.MAIN;
        private SourceRef source;
        private boolean v6;

        private Builder(int p) {
            this.priority = p;
        }

        public Builder from(String p) {
            this.from = Prefix.parse(p);
            this.v6 = from.isV6();
            return this;
        }

        public Builder to(String p) {
            this.to = Prefix.parse(p);
            this.v6 = to.isV6();
            return this;
        }

        public Builder iif(String d) {
            this.iif = d;
            return this;
        }

        public Builder oif(String d) {
            this.oif = d;
            return this;
        }

        public Builder fwmark(long mark, long mask) {
            this.fwmark = mark;
            this.fwmask = mask;
            return this;
        }

        public Builder fwmark(long mark) {
            return fwmark(mark, 0xffffffffL);
        }

        /** An {@code ip -6 rule} (implied by an IPv6 from/to). */
        public Builder v6() {
            this.v6 = true;
            return this;
        }

        public Builder not() {
            this.not = true;
            return this;
        }

        public Builder lookup(int t) {
            this.action = Action.LOOKUP;
            this.table = t;
            return this;
        }

        public Builder action(Action a) {
            this.action = a;
            return this;
        }

        public Builder source(SourceRef s) {
            this.source = s;
            return this;
        }

        public PolicyRule build() {
            return new PolicyRule(priority, from, to, iif, oif, fwmark, fwmask, not, action, table, source, v6);
        }
    }
}
