package org.netwright.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One network namespace (a host, router or container), IPv4 and IPv6 together. Immutable. The kernel's automatic
 * routes are added at build time: for every address of an up interface a {@code local} route in table local and,
 * for prefixes shorter than a host prefix, a connected route in table main; 127.0.0.0/8 and ::1 are local on
 * {@code lo}.
 */
public final class Namespace {
    private final String name;
    private final Map<String, Interface> interfaces;
    /** The same interfaces for lookups by name (a plain hash map, never changed, without the wrappers). */
    private final Map<String, Interface> byName;
    private final Sysctls sysctls;
    private final Map<Integer, List<Route>> tables;
    private final List<PolicyRule> rules;
    /** The same rules per family ({@code ip rule} and {@code ip -6 rule} are separate lists), read by every lookup. */
    private final PolicyRule[] rules4;
    private final PolicyRule[] rules6;
    private final List<NfTable> nfTables;
    private final List<XfrmState> xfrmStates;
    private final List<XfrmPolicy> xfrmPolicies;
    private final List<Listener> listeners;
    private final List<Neighbour> neighbours;
    private final boolean conntrackEnabled;
    private final boolean hasNatChains;
    private final boolean hasNat6Chains;
    private final HookPlan hookPlan;
    /** Tables 0..255 by id (every table {@code ip} names without a number), so lookups need no boxing. */
    private final List<Route>[] smallTables;
    /** Longest-prefix-match index of every table, by id as {@link #smallTables} and {@link #tables}. */
    private final RouteIndex[] smallIndexes;
    private final Map<Integer, RouteIndex> indexes;
    /** Every IPv4 address of every interface, sorted, for {@link #isLocalAddress}. */
    private final int[] localAddresses;
    /** Every IPv6 address of every interface. */
    private final java.util.Set<IpAddr> localAddresses6;
    /** Per device: its crossings in and out and the device itself, made once (a walk records many). */
    private final Map<String, Location[]> locations;

    private Namespace(Builder b) {
        this.name = b.name;
        Map<String, Interface> ifs = new LinkedHashMap<>();
        if (!b.interfaces.containsKey("lo")) {
            ifs.put("lo", Interface.builder("lo").kind(Interface.Kind.LOOPBACK).address("127.0.0.1/8").address("::1/128")
                    .build());
        }
        ifs.putAll(b.interfaces);
        this.interfaces = Collections.unmodifiableMap(ifs);
        this.byName = new java.util.HashMap<>(ifs);
        this.sysctls = b.sysctls;
        Map<Integer, List<Route>> t = new TreeMap<>();
        for (Interface i : ifs.values()) {
            if (!i.up()) {
                continue;
            }
            for (IfAddress a : i.addresses()) {
                Prefix p = a.prefix();
                RouteType localType = RouteType.LOCAL;
                if (i.kind() == Interface.Kind.LOOPBACK && p.len() < p.addr().bits() && !p.isV6()) {
                    t.computeIfAbsent(Route.LOCAL, k -> new ArrayList<>())
                            .add(new Route(Route.LOCAL, p, null, i.name(), 0, a.addr(), localType, true));
                }
                t.computeIfAbsent(Route.LOCAL, k -> new ArrayList<>())
                        .add(new Route(Route.LOCAL, Prefix.host(a.addr()), null, i.name(), 0, a.addr(), localType, true));
                if (p.len() < p.addr().bits() && i.kind() != Interface.Kind.LOOPBACK) {
                    List<Route> main = t.computeIfAbsent(Route.MAIN, k -> new ArrayList<>());
                    boolean dup = main.stream().anyMatch(r -> r.auto() && r.dst().equals(p) && r.dev().equals(i.name()));
                    if (!dup) {
                        main.add(new Route(Route.MAIN, p, null, i.name(), 0, a.addr(), RouteType.UNICAST, true));
                    }
                }
            }
        }
        for (Route r : b.routes) {
            t.computeIfAbsent(r.table(), k -> new ArrayList<>()).add(r);
        }
        Map<Integer, List<Route>> frozen = new TreeMap<>();
        t.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.tables = Collections.unmodifiableMap(frozen);
        @SuppressWarnings("unchecked")
        List<Route>[] small = new List[256];
        java.util.Arrays.fill(small, List.of());
        frozen.forEach((k, v) -> {
            if (k >= 0 && k < 256) {
                small[k] = v;
            }
        });
        this.smallTables = small;
        RouteIndex[] smallIdx = new RouteIndex[256];
        java.util.Arrays.fill(smallIdx, RouteIndex.EMPTY);
        Map<Integer, RouteIndex> idx = new java.util.HashMap<>();
        frozen.forEach((k, v) -> {
            RouteIndex ri = new RouteIndex(v);
            idx.put(k, ri);
            if (k >= 0 && k < 256) {
                smallIdx[k] = ri;
            }
        });
        this.smallIndexes = smallIdx;
        this.indexes = Map.copyOf(idx);
        this.localAddresses = ifs.values().stream().flatMap(i -> i.addresses().stream()).filter(a -> !a.isV6())
                .mapToInt(a -> a.addr().v4bits()).sorted().toArray();
        this.localAddresses6 = java.util.Set.copyOf(ifs.values().stream().flatMap(i -> i.addresses().stream())
                .filter(IfAddress::isV6).map(IfAddress::addr).toList());
        List<PolicyRule> rs = new ArrayList<>(b.keepDefaultRules ? PolicyRule.defaults() : List.of());
        rs.addAll(b.rules);
        // stable sort: equal priorities keep insertion order (the kernel appends after existing ones)
        rs.sort((x, y) -> Integer.compare(x.priority(), y.priority()));
        this.rules = List.copyOf(rs);
        this.rules4 = rs.stream().filter(r -> !r.v6()).toArray(PolicyRule[]::new);
        this.rules6 = rs.stream().filter(PolicyRule::v6).toArray(PolicyRule[]::new);
        this.nfTables = List.copyOf(b.nfTables);
        this.xfrmStates = List.copyOf(b.xfrmStates);
        this.xfrmPolicies = List.copyOf(b.xfrmPolicies);
        this.listeners = List.copyOf(b.listeners);
        this.neighbours = List.copyOf(b.neighbours);
        boolean nat = false;
        boolean nat6 = false;
        boolean ctUse = false;
        for (NfTable tb : nfTables) {
            for (Chain c : tb.chains()) {
                if (c.base() != null && c.base().type() == ChainType.NAT) {
                    nat |= HookOrder.IP_FAMILIES.contains(tb.family());
                    nat6 |= HookOrder.IP6_FAMILIES.contains(tb.family());
                }
                for (Rule r : c.rules()) {
                    ctUse |= usesConntrack(r);
                }
            }
        }
        this.hasNatChains = nat;
        this.hasNat6Chains = nat6;
        this.conntrackEnabled = sysctls.conntrack() != null ? sysctls.conntrack() : (nat || nat6 || ctUse);
        Map<String, Location[]> locs = new java.util.HashMap<>();
        for (String d : ifs.keySet()) {
            locs.put(d, new Location[] {Location.in(name, d), Location.out(name, d), Location.of(name, d)});
        }
        this.locations = Map.copyOf(locs);
        // last: the plan reads the fields set above
        this.hookPlan = HookPlan.compile(this);
    }

    /** The compiled hook orderings of this namespace. */
    HookPlan hooks() {
        return hookPlan;
    }

    /** {@code dev} of this namespace (the namespace itself when {@code dev} is null). */
    Location location(String dev) {
        Location[] l = dev == null ? null : locations.get(dev);
        return l != null ? l[2] : new Location(name, dev, null);
    }

    /** The crossing of {@code dev}, in or out. */
    Location crossing(String dev, boolean in) {
        Location[] l = locations.get(dev);
        return l != null ? l[in ? 0 : 1] : new Location(name, dev, in ? Location.Direction.IN : Location.Direction.OUT);
    }

    /**
     * Whether a rule makes the kernel register conntrack in the namespace. A notrack (CT --notrack,
     * nft notrack) does not: it only marks packets untracked and takes no conntrack reference, so
     * a namespace whose only ct-related rule is a notrack has no conntrack table (pinned by
     * NotrackDifferentialTest against the kernel).
     */
    static boolean usesConntrack(Rule r) {
        for (Match m : r.matches()) {
            Match x = m instanceof Match.Not n ? n.inner() : m;
            if (x instanceof Match.CtStateIn || x instanceof Match.CtStateOrNat || x instanceof Match.CtZone || x instanceof Match.CtMark
                    || x instanceof Match.CtDirection) {
                return true;
            }
        }
        for (Statement s : r.statements()) {
            if (s instanceof Statement.SetCtMark || s instanceof Statement.CtMarkFromMark
                    || s instanceof Statement.MarkFromCtMark || s instanceof Statement.SetCtZone) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether adding the rule registers the conntrack hooks: a ct expression ({@link #usesConntrack}) or a NAT
     * statement (the kernel's nat expressions take a conntrack reference when they are added).
     */
    static boolean registersConntrack(Rule r) {
        if (usesConntrack(r)) {
            return true;
        }
        for (Statement s : r.statements()) {
            if (Nat.manip(s) != null) {
                return true;
            }
        }
        return false;
    }

    public String name() {
        return name;
    }

    public Map<String, Interface> interfaces() {
        return interfaces;
    }

    public Interface iface(String n) {
        return n == null ? null : byName.get(n);
    }

    public Sysctls sysctls() {
        return sysctls;
    }

    /** Routing tables by id, including the kernel's automatic routes. */
    public Map<Integer, List<Route>> routingTables() {
        return tables;
    }

    public List<Route> table(int id) {
        if (id >= 0 && id < 256) {
            return smallTables[id];
        }
        return tables.getOrDefault(id, List.of());
    }

    /** The longest-prefix-match index of table {@code id} (empty when the table has no routes). */
    RouteIndex routeIndex(int id) {
        if (id >= 0 && id < 256) {
            return smallIndexes[id];
        }
        return indexes.getOrDefault(id, RouteIndex.EMPTY);
    }

    /** The policy rules of one family in priority order (not to be modified). */
    PolicyRule[] policyRules(boolean v6) {
        return v6 ? rules6 : rules4;
    }

    /** Policy rules of both families sorted by priority (ties in insertion order); see {@link PolicyRule#v6()}. */
    public List<PolicyRule> policyRules() {
        return rules;
    }

    /** Netfilter tables in registration order. */
    public List<NfTable> nfTables() {
        return nfTables;
    }

    public List<XfrmState> xfrmStates() {
        return xfrmStates;
    }

    public List<XfrmPolicy> xfrmPolicies() {
        return xfrmPolicies;
    }

    public List<Listener> listeners() {
        return listeners;
    }

    /** Static neighbour entries (no ARP for these addresses on their devices). */
    public List<Neighbour> neighbours() {
        return neighbours;
    }

    /** The static entry for {@code addr} on {@code dev}, or null. */
    public Neighbour staticNeighbour(String dev, IpAddr addr) {
        for (Neighbour n : neighbours) {
            if (n.addr().equals(addr) && n.dev().equals(dev)) {
                return n;
            }
        }
        return null;
    }

    /** Whether conntrack hooks are registered (explicit sysctl, or a rule that needs conntrack). */
    public boolean conntrackEnabled() {
        return conntrackEnabled;
    }

    /** Whether an ip/inet nat chain exists (then the NAT hooks are registered at all four NAT hooks). */
    public boolean hasNatChains() {
        return hasNatChains;
    }

    /** Whether a nat chain of a table of the family exists ({@code ip}/{@code inet}, or {@code ip6}/{@code inet}). */
    public boolean hasNatChains(boolean v6) {
        return v6 ? hasNat6Chains : hasNatChains;
    }

    /** Whether {@code a} is configured on any interface of this namespace (or is a loopback address). */
    public boolean isLocalAddress(IpAddr a) {
        if (a.isV6()) {
            return localAddresses6.contains(a) || a.isLoopback();
        }
        int bits = a.v4bits();
        return java.util.Arrays.binarySearch(localAddresses, bits) >= 0 || (bits >>> 24) == 127;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder for {@link Namespace}. */
    public static final class Builder {
        private final String name;
        private final Map<String, Interface> interfaces = new LinkedHashMap<>();
        private Sysctls sysctls = Sysctls.DEFAULTS;
        private final List<Route> routes = new ArrayList<>();
        private final List<PolicyRule> rules = new ArrayList<>();
        private boolean keepDefaultRules = true;
        private final List<NfTable> nfTables = new ArrayList<>();
        private final List<XfrmState> xfrmStates = new ArrayList<>();
        private final List<XfrmPolicy> xfrmPolicies = new ArrayList<>();
        private final List<Listener> listeners = new ArrayList<>();
        private final List<Neighbour> neighbours = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder iface(Interface i) {
            interfaces.put(i.name(), i);
            return this;
        }

        public Builder iface(Interface.Builder i) {
            return iface(i.build());
        }

        public Builder sysctls(Sysctls s) {
            this.sysctls = s;
            return this;
        }

        public Builder route(Route r) {
            routes.add(r);
            return this;
        }

        public Builder route(Route.Builder r) {
            return route(r.build());
        }

        public Builder rule(PolicyRule r) {
            rules.add(r);
            return this;
        }

        public Builder rule(PolicyRule.Builder r) {
            return rule(r.build());
        }

        /** Drop the default rules of both families (as after {@code ip rule flush} and {@code ip -6 rule flush}). */
        public Builder withoutDefaultRules() {
            this.keepDefaultRules = false;
            return this;
        }

        public Builder nfTable(NfTable t) {
            nfTables.add(t);
            return this;
        }

        public Builder nfTables(List<NfTable> ts) {
            nfTables.addAll(ts);
            return this;
        }

        public Builder xfrmState(XfrmState s) {
            xfrmStates.add(s);
            return this;
        }

        public Builder xfrmPolicy(XfrmPolicy p) {
            xfrmPolicies.add(p);
            return this;
        }

        public Builder listener(Listener l) {
            listeners.add(l);
            return this;
        }

        public Builder neighbour(Neighbour n) {
            neighbours.add(n);
            return this;
        }

        public Namespace build() {
            return new Namespace(this);
        }
    }
}
