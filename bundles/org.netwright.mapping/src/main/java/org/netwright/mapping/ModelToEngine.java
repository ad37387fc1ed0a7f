package org.netwright.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.netwright.engine.IfAddress;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Listener;
import org.netwright.engine.NatFlags;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.PolicyRule;
import org.netwright.engine.Prefix;
import org.netwright.engine.Probe;
import org.netwright.engine.Route;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Sysctls;
import org.netwright.engine.XfrmMode;
import org.netwright.engine.XfrmPolicy;
import org.netwright.engine.XfrmState;
import org.netwright.model.Address;
import org.netwright.model.BridgeInterface;
import org.netwright.model.ConfigContainer;
import org.netwright.model.DummyInterface;
import org.netwright.model.IpsecProto;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.Link;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.NamespaceExtension;
import org.netwright.model.Network;
import org.netwright.model.NftRuleset;
import org.netwright.model.RoutingRule;
import org.netwright.model.RoutingTable;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;
import org.netwright.model.VlanInterface;
import org.netwright.model.XfrmSelector;
import org.netwright.model.XfrmTemplate;
import org.netwright.model.semantics.Imports;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.NamespaceConfig;
import org.netwright.model.semantics.Namespaces;
import org.netwright.model.semantics.RoutingTables;

/**
 * Maps an EMF {@link Network} (with the files it imports and the namespaces it extends) onto the
 * engine's immutable {@link NetworkView}: namespaces, interfaces (veth peers, links, bridge ports),
 * addresses, sysctls, listeners, routing tables, routes and rules, nftables and iptables rulesets
 * (see {@link NftMapper}, {@link IptMapper}) and xfrm. Every engine rule gets a {@link SourceRef} from the
 * {@link SourceLocator}. Matches and statements the engine does not model are kept as opaque elements (their walks
 * are uncertain) and reported as warnings with their location, never dropped silently; malformed values are errors.
 */
public final class ModelToEngine {
    private final SourceLocator locator;
    private final List<MappingIssue> issues = new ArrayList<>();
    private final Map<String, List<Listener>> extraListeners = new LinkedHashMap<>();

    public ModelToEngine() {
        this(SourceLocator.generated());
    }

    public ModelToEngine(SourceLocator locator) {
        this.locator = locator;
    }

    /** Maps one network (and what it imports) with the generated-text locator. */
    public static ModelMapping map(Network root) {
        return new ModelToEngine().map(List.of(root));
    }

    public SourceLocator locator() {
        return locator;
    }

    /** Adds a listening socket to namespace {@code ns} (e.g. the servers of a probes file). */
    public ModelToEngine addListener(String ns, Listener l) {
        extraListeners.computeIfAbsent(ns, k -> new ArrayList<>()).add(l);
        return this;
    }

    // ------------------------------------------------------------------ issues

    SourceRef where(EObject o) {
        if (o == null) {
            return null;
        }
        try {
            return locator.locate(o);
        } catch (RuntimeException e) {
            return SourceRef.of(o.eClass().getName());
        }
    }

    /**
     * A match the engine does not evaluate, kept as an opaque element with its location: a warning names it, and a
     * walk that reaches it explores both branches and is uncertain.
     */
    org.netwright.engine.Match opaqueMatch(EObject o, String what) {
        opaqueWarning(o, "not understood by the engine: " + what + "; kept as an opaque match: a walk that reaches it"
                + " explores both branches (matches / does not) and is uncertain");
        return new org.netwright.engine.Match.Opaque(what, where(o));
    }

    /**
     * A statement the engine does not execute, kept as an opaque element with its location: a warning names it, and a
     * walk that passes it goes on as if it did nothing and is uncertain.
     */
    org.netwright.engine.Statement opaqueStatement(EObject o, String what) {
        opaqueWarning(o, "not understood by the engine: " + what + "; kept as an opaque statement: a walk that passes it"
                + " goes on as if it did nothing and is uncertain");
        return new org.netwright.engine.Statement.Opaque(what, where(o));
    }

    private void opaqueWarning(EObject o, String message) {
        issues.add(new MappingIssue(MappingIssue.Severity.WARNING, message, where(o), true));
    }

    void warn(EObject o, String message) {
        issues.add(new MappingIssue(MappingIssue.Severity.WARNING, message, where(o)));
    }

    /**
     * The flags of a NAT statement at {@code o}. A random flag ({@code random}, {@code fully-random}) makes the
     * kernel pick the port at random; the engine picks one of the range deterministically, so where the flag
     * changes the port ({@code portVaries}: source NAT, or destination NAT to a port range) the port the engine
     * shows is not the kernel's: a warning. {@code persistent} is modelled exactly.
     */
    NatFlags natFlags(EObject o, String flag, boolean random, boolean fullyRandom, boolean persistent,
            boolean portVaries) {
        NatFlags f = new NatFlags(random, fullyRandom, persistent);
        if (f.randomPort() && portVaries) {
            warn(o, flag + ": the kernel picks the translated port at random, even when the packet's own port is free;"
                    + " the engine picks a port of the range deterministically, so its port is not the kernel's"
                    + " (addresses and fates are)");
        }
        return f;
    }

    void error(EObject o, String message) {
        issues.add(new MappingIssue(MappingIssue.Severity.ERROR, message, where(o)));
    }

    // ------------------------------------------------------------------ entry

    /** Maps the given networks and every network they import or reference. */
    public ModelMapping map(Collection<Network> roots) {
        List<Network> networks = collect(roots);
        // namespaces by name, each with its configuration blocks (declaration first, then extensions)
        Map<String, List<ConfigContainer>> blocks = new LinkedHashMap<>();
        for (NamespaceConfig c : NamespaceConfig.of(networks)) {
            String name = c.name();
            if (name == null || name.isEmpty()) {
                error(c.namespace(), "namespace without a name");
            } else if (blocks.containsKey(name)) {
                error(c.namespace(), "namespace " + name + " is declared more than once");
            } else {
                blocks.put(name, c.parts());
            }
        }
        for (NamespaceExtension ext : NamespaceConfig.unresolved(networks)) {
            error(ext, "extend: the namespace it extends is not declared (missing import?)");
        }
        Map<String, NamespaceState> states = new LinkedHashMap<>();
        for (Map.Entry<String, List<ConfigContainer>> e : blocks.entrySet()) {
            states.put(e.getKey(), new NamespaceState(e.getKey()));
        }
        // pass 1: interfaces
        for (Map.Entry<String, List<ConfigContainer>> e : blocks.entrySet()) {
            NamespaceState st = states.get(e.getKey());
            for (ConfigContainer c : e.getValue()) {
                for (org.netwright.model.Interface i : c.getInterfaces()) {
                    st.addInterface(i);
                }
            }
        }
        // pass 2: wiring (veth peers, links, bridge ports)
        for (Map.Entry<String, List<ConfigContainer>> e : blocks.entrySet()) {
            NamespaceState st = states.get(e.getKey());
            for (ConfigContainer c : e.getValue()) {
                for (org.netwright.model.Interface i : c.getInterfaces()) {
                    if (i instanceof VethInterface v && v.getPeer() != null) {
                        wire(states, st.name, v, v.getPeer(), v);
                    }
                    if (i instanceof BridgeInterface b) {
                        for (org.netwright.model.Interface port : b.getPorts()) {
                            String pns = namespaceOf(port);
                            if (!st.name.equals(pns)) {
                                error(b, "bridge " + b.getName() + ": port " + port.getName() + " is in another namespace");
                                continue;
                            }
                            org.netwright.engine.Interface.Builder pb = st.ifaces.get(port.getName());
                            if (pb != null) {
                                pb.master(b.getName());
                            }
                        }
                    }
                }
            }
        }
        for (Network n : networks) {
            for (Link l : n.getLinks()) {
                if (l.getA() == null || l.getB() == null || l.getA().eIsProxy() || l.getB().eIsProxy()) {
                    error(l, "link: an end is not declared");
                    continue;
                }
                String ans = namespaceOf(l.getA());
                NamespaceState ast = states.get(ans);
                if (ast == null) {
                    error(l, "link: interface " + l.getA().getName() + " is not in a namespace");
                    continue;
                }
                wire(states, ans, l.getA(), l.getB(), l);
                // vlans of the same id on both ends of the cable share one segment (tags are not modelled)
                for (VlanInterface v : vlansOn(blocks, l.getA())) {
                    for (VlanInterface w : vlansOn(blocks, l.getB())) {
                        if (v.getVlanId() == w.getVlanId() && namespaceOf(v) != null) {
                            wire(states, namespaceOf(v), v, w, l);
                        }
                    }
                }
            }
        }
        // pass 3: everything else
        for (Map.Entry<String, List<ConfigContainer>> e : blocks.entrySet()) {
            NamespaceState st = states.get(e.getKey());
            for (ConfigContainer c : e.getValue()) {
                st.configure(c);
            }
            for (Listener l : extraListeners.getOrDefault(st.name, List.of())) {
                st.ns.listener(l);
            }
        }
        for (String ns : extraListeners.keySet()) {
            if (!states.containsKey(ns)) {
                issues.add(new MappingIssue(MappingIssue.Severity.ERROR, "unknown namespace '" + ns + "'", null));
            }
        }
        NetworkView.Builder vb = NetworkView.builder();
        for (NamespaceState st : states.values()) {
            vb.namespace(st.build());
        }
        NetworkView view = vb.build();
        for (String p : view.validate()) {
            issues.add(new MappingIssue(MappingIssue.Severity.WARNING, p, null));
        }
        return new ModelMapping(view, issues, this);
    }

    /** The roots plus every network they import or point to (transitively). */
    private List<Network> collect(Collection<Network> roots) {
        Set<Network> seen = new LinkedHashSet<>();
        List<Network> work = new ArrayList<>(roots);
        while (!work.isEmpty()) {
            Network root = work.remove(0);
            if (root == null || seen.contains(root)) {
                continue;
            }
            Imports.Closure closure = Imports.closure(root);
            closure.problems().forEach(p -> error(p.imp(), p.message()));
            for (Network n : closure.networks()) {
                if (!seen.add(n)) {
                    continue;
                }
                for (var it = n.eAllContents(); it.hasNext();) {
                    EObject o = it.next();
                    for (EObject x : o.eCrossReferences()) {
                        if (x.eIsProxy()) {
                            error(o, "unresolved reference to " + EcoreUtil.getURI(x).fragment());
                            continue;
                        }
                        if (EcoreUtil.getRootContainer(x) instanceof Network other && !seen.contains(other)) {
                            work.add(other);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(seen);
    }

    /** Name of the namespace an element is configured in (declaration or extension). */
    static String namespaceOf(EObject o) {
        org.netwright.model.Namespace ns = Namespaces.namespaceOf(o);
        return ns == null ? null : ns.getName();
    }

    private static List<VlanInterface> vlansOn(Map<String, List<ConfigContainer>> blocks, org.netwright.model.Interface parent) {
        List<VlanInterface> out = new ArrayList<>();
        for (List<ConfigContainer> cs : blocks.values()) {
            for (ConfigContainer c : cs) {
                for (org.netwright.model.Interface i : c.getInterfaces()) {
                    if (i instanceof VlanInterface v && v.getParent() == parent) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    private void wire(Map<String, NamespaceState> states, String ns, org.netwright.model.Interface a,
            org.netwright.model.Interface b, EObject where) {
        String bns = namespaceOf(b);
        NamespaceState ast = states.get(ns);
        NamespaceState bst = bns == null ? null : states.get(bns);
        if (b.eIsProxy() || bst == null) {
            error(where, a.getName() + ": the other end is not declared in any namespace");
            return;
        }
        ast.setPeer(a, bns, b.getName(), where);
        bst.setPeer(b, ns, a.getName(), where);
    }

    // ------------------------------------------------------------------ per namespace

    /** The mutable state of one namespace while its blocks are mapped. */
    private final class NamespaceState {
        final String name;
        final org.netwright.engine.Namespace.Builder ns;
        final Map<String, org.netwright.engine.Interface.Builder> ifaces = new LinkedHashMap<>();
        final Map<String, org.netwright.engine.PeerRef> peers = new LinkedHashMap<>();
        final Sysctls.Builder sysctls = Sysctls.builder();
        boolean brnfExplicit;
        boolean brNetfilterModule;
        final List<Integer> rulePriorities = new ArrayList<>(List.of(0, 32766, 32767));
        final NftMapper nft;
        final IptMapper ipt;

        NamespaceState(String name) {
            this.name = name;
            this.ns = org.netwright.engine.Namespace.builder(name);
            this.nft = new NftMapper(ModelToEngine.this, name);
            this.ipt = new IptMapper(ModelToEngine.this, name);
        }

        void addInterface(org.netwright.model.Interface i) {
            String n = i.getName();
            if (n == null || n.isEmpty()) {
                error(i, "interface without a name");
                return;
            }
            if (ifaces.containsKey(n)) {
                error(i, "interface " + n + " is declared twice in namespace " + name);
                return;
            }
            org.netwright.engine.Interface.Builder b = org.netwright.engine.Interface.builder(n);
            if (i instanceof LoopbackInterface) {
                b.kind(org.netwright.engine.Interface.Kind.LOOPBACK);
            } else if (i instanceof VethInterface) {
                b.kind(org.netwright.engine.Interface.Kind.VETH);
            } else if (i instanceof BridgeInterface) {
                b.kind(org.netwright.engine.Interface.Kind.BRIDGE);
            } else if (i instanceof DummyInterface) {
                b.kind(org.netwright.engine.Interface.Kind.DUMMY);
            } else if (i instanceof VlanInterface) {
                warn(i, "vlan tags are not modelled by the engine: " + n
                        + " joins only the vlan of the same id at the far end of its parent's link, untagged");
            }
            if (i.getMac() != null && !i.getMac().isEmpty()) {
                try {
                    b.mac(i.getMac());
                } catch (RuntimeException e) {
                    error(i, "bad MAC address '" + i.getMac() + "'");
                }
            }
            b.up(!i.isDown());
            for (Address a : i.getAddresses()) {
                String cidr = cidr(a);
                try {
                    IfAddress.parse(cidr);
                    b.address(cidr);
                } catch (RuntimeException e) {
                    error(a, "bad interface address '" + cidr + "'");
                }
            }
            ifaces.put(n, b);
        }

        void setPeer(org.netwright.model.Interface i, String pns, String pif, EObject where) {
            org.netwright.engine.Interface.Builder b = ifaces.get(i.getName());
            if (b == null) {
                return;
            }
            org.netwright.engine.PeerRef want = new org.netwright.engine.PeerRef(pns, pif);
            org.netwright.engine.PeerRef had = peers.get(i.getName());
            if (had != null && !had.equals(want)) {
                error(where, name + "/" + i.getName() + " is connected to both " + had + " and " + want);
                return;
            }
            peers.put(i.getName(), want);
            b.peer(pns, pif);
        }

        void configure(ConfigContainer c) {
            for (Sysctl s : c.getSysctls()) {
                sysctl(s);
            }
            for (String m : c.getKernelModules()) {
                if ("br_netfilter".equals(m)) {
                    brNetfilterModule = true;
                }
            }
            for (org.netwright.model.Listener l : c.getListeners()) {
                listener(l);
            }
            for (org.netwright.model.Route r : c.getRoutes()) {
                route(r);
            }
            for (RoutingRule r : c.getRoutingRules()) {
                rule(r);
            }
            for (NftRuleset rs : c.getNftRulesets()) {
                nft.ruleset(rs);
            }
            for (IptablesRuleset rs : c.getIptablesRulesets()) {
                ipt.ruleset(rs);
            }
            for (org.netwright.model.XfrmState s : c.getXfrmStates()) {
                xfrmState(s);
            }
            for (org.netwright.model.XfrmPolicy p : c.getXfrmPolicies()) {
                xfrmPolicy(p);
            }
            for (org.netwright.model.Neighbour n : c.getNeighbours()) {
                neighbour(n);
            }
        }

        private void neighbour(org.netwright.model.Neighbour n) {
            if (n.getDev() == null || n.getDev().eIsProxy() || !ifaces.containsKey(n.getDev().getName())) {
                error(n, "neigh " + n.getAddress() + ": dev is not an interface of namespace " + name);
                return;
            }
            try {
                ns.neighbour(org.netwright.engine.Neighbour.of(text(n.getAddress()), n.getLladdr(), n.getDev().getName()));
            } catch (RuntimeException e) {
                error(n, "neigh " + n.getAddress() + ": bad address or lladdr '" + n.getLladdr() + "'");
            }
        }

        /** The sysctls the engine reads; their values must be numbers. */
        private static final java.util.regex.Pattern MODELLED_SYSCTL = java.util.regex.Pattern.compile(
                "net\\.ipv4\\.ip_forward|net\\.ipv4\\.conf\\.all\\.forwarding|net\\.ipv4\\.conf\\.[^.]+\\.rp_filter"
                        + "|net\\.ipv6\\.conf\\.[^.]+\\.(forwarding|force_forwarding)"
                        + "|net\\.bridge\\.bridge-nf-call-iptables|net\\.ipv4\\.icmp_echo_ignore_all");

        private void sysctl(Sysctl s) {
            String key = s.getKey() == null ? "" : s.getKey().trim().replace('/', '.');
            String value = s.getValue() == null ? "" : s.getValue().trim();
            if (!MODELLED_SYSCTL.matcher(key).matches()) {
                // any value the kernel takes (a word, several numbers) is fine for a sysctl the engine does not read
                warn(s, "sysctl " + key + " is not modelled by the engine (ignored)");
                return;
            }
            int v;
            try {
                v = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                error(s, "sysctl " + key + ": value '" + value + "' is not a number");
                return;
            }
            if (key.equals("net.ipv4.ip_forward") || key.equals("net.ipv4.conf.all.forwarding")) {
                sysctls.ipForward(v != 0);
            } else if (key.equals("net.ipv6.conf.all.forwarding")) {
                sysctls.ip6Forward(v != 0);
            } else if (key.endsWith(".force_forwarding")) {
                String dev = key.substring("net.ipv6.conf.".length(), key.length() - ".force_forwarding".length());
                if (v != 0 && !dev.equals("all") && !dev.equals("default")) {
                    sysctls.forceForwarding(dev);
                }
            } else if (key.startsWith("net.ipv6.conf.")) {
                // conf.IF.forwarding / conf.default.forwarding: the interface's router role, not a forwarding switch
                warn(s, "sysctl " + key + " does not make IPv6 forward (only net.ipv6.conf.all.forwarding does): "
                        + "the interface's router role is not modelled");
            } else if (key.matches("net\\.ipv4\\.conf\\.[^.]+\\.rp_filter")) {
                String dev = key.substring("net.ipv4.conf.".length(), key.length() - ".rp_filter".length());
                if (v < 0 || v > 2) {
                    error(s, "rp_filter must be 0, 1 or 2");
                } else if (dev.equals("all")) {
                    sysctls.rpFilterAll(v);
                } else if (dev.equals("default")) {
                    sysctls.rpFilterDefault(v);
                } else {
                    sysctls.rpFilter(dev, v);
                }
            } else if (key.equals("net.bridge.bridge-nf-call-iptables")) {
                sysctls.bridgeNfCallIptables(v != 0);
                brnfExplicit = true;
            } else if (key.equals("net.ipv4.icmp_echo_ignore_all")) {
                sysctls.icmpEchoIgnoreAll(v != 0);
            } else {
                warn(s, "sysctl " + key + " is not modelled by the engine (ignored)");
            }
        }

        private void listener(org.netwright.model.Listener l) {
            IpAddr addr = null;
            if (l.getAddress() != null && !IpAddr.parse(l.getAddress().toString()).isUnspecified()) {
                addr = ip(l, l.getAddress(), "listener address");
            }
            int proto = switch (l.getProtocol()) {
                case TCP -> Packet.TCP;
                case UDP -> Packet.UDP;
                case ESP -> Packet.ESP;
            };
            ns.listener(new Listener(proto, proto == Packet.ESP ? 0 : l.getPort(), addr, true));
        }

        private int tableId(RoutingTable t, EObject where) {
            if (t == null) {
                return Route.MAIN;
            }
            Integer id = RoutingTables.id(t);
            if (id == null) {
                error(where, "routing table " + t.getName() + " has no numeric id");
                return Route.MAIN;
            }
            return id;
        }

        private void route(org.netwright.model.Route r) {
            try {
                // "default" has no family of its own: the gateway's, the source's, or the model's say which table
                boolean v6 = Families.isV6(r);
                String dst = r.getDestination() == null || r.getDestination().isAny() ? (v6 ? "::/0" : "default")
                        : r.getDestination().toString();
                Route.Builder b = Route.to(dst);
                b.table(tableId(r.getTable(), r));
                if (r.getVia() != null) {
                    b.via(r.getVia().toString());
                }
                if (r.getDev() != null) {
                    b.dev(r.getDev().getName());
                }
                if (r.isSetMetric()) {
                    b.metric(r.getMetric());
                }
                if (r.getSrc() != null) {
                    b.src(r.getSrc().toString());
                }
                b.type(switch (r.getType()) {
                    case UNICAST -> org.netwright.engine.RouteType.UNICAST;
                    case LOCAL -> org.netwright.engine.RouteType.LOCAL;
                    case BLACKHOLE -> org.netwright.engine.RouteType.BLACKHOLE;
                    case UNREACHABLE -> org.netwright.engine.RouteType.UNREACHABLE;
                    case PROHIBIT -> org.netwright.engine.RouteType.PROHIBIT;
                    case THROW -> org.netwright.engine.RouteType.THROW;
                });
                if (r.getType() == org.netwright.model.RouteType.UNICAST && r.getDev() == null
                        && r.getVia() == null) {
                    error(r, "route " + dst + " has neither via nor dev");
                    return;
                }
                ns.route(b);
            } catch (RuntimeException e) {
                error(r, "bad route: " + MappingIssue.reason(e));
            }
        }

        private void rule(RoutingRule r) {
            int prio;
            if (r.isSetPriority()) {
                prio = r.getPriority();
            } else {
                // the kernel puts a rule without priority just before the first non-zero one
                int min = Integer.MAX_VALUE;
                for (int p : rulePriorities) {
                    if (p > 0) {
                        min = Math.min(min, p);
                    }
                }
                prio = min - 1;
            }
            rulePriorities.add(prio);
            try {
                PolicyRule.Builder b = PolicyRule.priority(prio);
                if (Families.isV6(r)) {
                    b.v6();
                }
                if (r.getFrom() != null && !r.getFrom().isAny()) {
                    b.from(r.getFrom().toString());
                }
                if (r.getTo() != null && !r.getTo().isAny()) {
                    b.to(r.getTo().toString());
                }
                if (r.getIif() != null) {
                    b.iif(r.getIif().getName());
                }
                if (r.getOif() != null) {
                    b.oif(r.getOif().getName());
                }
                if (r.isSetFwmark()) {
                    b.fwmark(r.getFwmark(), r.isSetFwmask() ? r.getFwmask() : 0xffffffffL);
                }
                if (r.isNot()) {
                    b.not();
                }
                switch (r.getAction()) {
                    case LOOKUP -> b.lookup(tableId(r.getTable(), r));
                    case BLACKHOLE -> b.action(PolicyRule.Action.BLACKHOLE);
                    case UNREACHABLE -> b.action(PolicyRule.Action.UNREACHABLE);
                    case PROHIBIT -> b.action(PolicyRule.Action.PROHIBIT);
                }
                b.source(where(r));
                ns.rule(b);
            } catch (RuntimeException e) {
                error(r, "bad routing rule: " + MappingIssue.reason(e));
            }
        }

        private void xfrmState(org.netwright.model.XfrmState s) {
            IpAddr src = ip(s, s.getSrc(), "xfrm state src");
            IpAddr dst = ip(s, s.getDst(), "xfrm state dst");
            if (src == null || dst == null) {
                return;
            }
            if (!src.sameFamily(dst)) {
                error(s, "xfrm state: src " + src + " and dst " + dst + " are of different families");
                return;
            }
            if (s.getSelector() != null) {
                warn(s, "xfrm state selector is not modelled (the state is used for any traffic of its SA)");
            }
            ns.xfrmState(new XfrmState(src, dst, ipsecProto(s.getProto()), s.getSpi(), mode(s.getMode()),
                    s.isSetReqid() ? (int) s.getReqid() : 0));
        }

        private void xfrmPolicy(org.netwright.model.XfrmPolicy p) {
            XfrmSelector sel = p.getSelector();
            Prefix src = Prefix.ANY;
            Prefix dst = Prefix.ANY;
            int proto = 0;
            int sport = 0;
            int dport = 0;
            try {
                if (sel != null) {
                    Prefix s = sel.getSrc() == null || sel.getSrc().isAny() ? null : Prefix.parse(sel.getSrc().toString());
                    Prefix d = sel.getDst() == null || sel.getDst().isAny() ? null : Prefix.parse(sel.getDst().toString());
                    if (s != null && d != null && s.isV6() != d.isV6()) {
                        error(p, "xfrm selector: src " + s + " and dst " + d + " are of different families");
                        return;
                    }
                    // "any" of a selector is of the family of the other side (IPv4 when both are any)
                    boolean v6 = s != null ? s.isV6() : d != null && d.isV6();
                    src = s != null ? s : Prefix.any(v6);
                    dst = d != null ? d : Prefix.any(v6);
                    proto = sel.getProto() == null || sel.getProto().isEmpty() ? 0 : protoNumber(sel.getProto());
                    sport = sel.getSport();
                    dport = sel.getDport();
                    if (sel.getDev() != null) {
                        warn(p, "xfrm selector dev is not modelled (ignored)");
                    }
                }
            } catch (RuntimeException e) {
                error(p, "bad xfrm selector: " + MappingIssue.reason(e));
                return;
            }
            List<XfrmPolicy.Template> tmpls = new ArrayList<>();
            for (XfrmTemplate t : p.getTemplates()) {
                XfrmMode m = mode(t.getMode());
                IpAddr ts = IpAddr.any(dst.isV6());
                IpAddr td = ts;
                if (t.getSrc() != null) {
                    IpAddr a = ip(t, t.getSrc(), "template src");
                    ts = a == null ? ts : a;
                }
                if (t.getDst() != null) {
                    IpAddr a = ip(t, t.getDst(), "template dst");
                    td = a == null ? td : a;
                }
                if (!ts.sameFamily(td)) {
                    error(t, "xfrm template: src " + ts + " and dst " + td + " are of different families");
                    return;
                }
                if (t.getLevel() == org.netwright.model.XfrmLevel.USE) {
                    warn(t, "template level use is treated as required");
                }
                tmpls.add(new XfrmPolicy.Template(ts, td, ipsecProto(t.getProto()), m,
                        t.isSetReqid() ? (int) t.getReqid() : 0));
            }
            XfrmPolicy.Dir dir = switch (p.getDir()) {
                case IN -> XfrmPolicy.Dir.IN;
                case OUT -> XfrmPolicy.Dir.OUT;
                case FWD -> XfrmPolicy.Dir.FWD;
            };
            XfrmPolicy.Action action = p.getAction() == org.netwright.model.XfrmAction.BLOCK ? XfrmPolicy.Action.BLOCK
                    : XfrmPolicy.Action.ALLOW;
            ns.xfrmPolicy(new XfrmPolicy(dir, src, dst, proto, sport, dport, p.isSetPriority() ? p.getPriority() : 0,
                    action, tmpls, where(p)));
        }

        org.netwright.engine.Namespace build() {
            ifaces.values().forEach(ns::iface);
            if (brNetfilterModule && !brnfExplicit) {
                // loading br_netfilter turns bridge-nf-call-iptables on
                sysctls.bridgeNfCallIptables(true);
            }
            ns.sysctls(sysctls.build());
            ns.nfTables(nft.build());
            ns.nfTables(ipt.build());
            return ns.build();
        }
    }

    // ------------------------------------------------------------------ probes

    /** The engine probe for a model probe. */
    public Probe probe(org.netwright.model.Probe p) {
        if (p.getFrom() == null || p.getFrom().eIsProxy() || p.getFrom().getName() == null) {
            throw new ModelException("probe: the namespace it is sent from is not declared", where(p));
        }
        String ns = p.getFrom().getName();
        String src = text(p.getSrcAddress());
        String dst = text(p.getDst());
        if (dst == null) {
            throw new ModelException("probe: no destination address", where(p));
        }
        Packet pkt;
        try {
            pkt = packet(p.getProtocol().getLiteral(), src, dst, p.getSport(), p.getDport(),
                    p.isSetIcmpId() ? p.getIcmpId() : 1, p.isSetSpi() ? p.getSpi() : 0, p.getIcmpType(), p.getTcpFlags());
        } catch (IllegalArgumentException e) {
            throw new ModelException("probe: " + MappingIssue.reason(e), where(p));
        }
        if (p.getPayload() != null && !p.getPayload().isEmpty()) {
            warn(p, "probe payload is not modelled: addresses carried in the payload are never translated by NAT");
        }
        Probe probe = Probe.from(ns, pkt).named(p.getName());
        return p.isSetMark() ? probe.withMark(p.getMark()) : probe;
    }

    /** Default source port of probes that give none. */
    public static final int DEFAULT_SPORT = 40000;

    /**
     * Builds a probe packet. {@code proto}: ping|icmp|udp|tcp|esp|ah|gre; {@code src} null = routing chooses.
     */
    public static Packet packet(String proto, String src, String dst, int sport, int dport, int icmpId, long spi,
            String icmpType, String tcpFlags) {
        IpAddr d = IpAddr.parse(dst);
        if (src != null && !IpAddr.parse(src).sameFamily(d)) {
            throw new IllegalArgumentException("source " + src + " and destination " + dst
                    + " are of different address families");
        }
        int sp = sport == 0 ? DEFAULT_SPORT : sport;
        switch (proto.toLowerCase(Locale.ROOT)) {
            case "ping", "icmp" -> {
                Packet p = Packet.icmpEcho(src, dst, icmpId);
                if (icmpType != null && !icmpType.isEmpty() && !icmpType.equals("echo-request") && d.isV6()) {
                    int t = icmp6TypeNumber(icmpType);
                    p = new Packet(p.src(), p.dst(), Packet.ICMPV6, t == Packet.ICMP6_ECHO_REQUEST
                            || t == Packet.ICMP6_ECHO_REPLY ? icmpId : 0, 0, t, 0, 64, 0, 0, 0, 0, null);
                } else if (icmpType != null && !icmpType.isEmpty() && !icmpType.equals("echo-request")) {
                    int t = icmpTypeNumber(icmpType);
                    p = new Packet(p.src(), p.dst(), Packet.ICMP, t == Packet.ICMP_ECHO || t == 0 ? icmpId : 0, 0, t, 0,
                            64, 0, 0, 0, 0, null);
                }
                return p;
            }
            case "udp" -> {
                if (dport <= 0 || dport > 65535) {
                    throw new IllegalArgumentException("udp needs a destination port (1-65535)");
                }
                return Packet.udp(src, dst, sp, dport);
            }
            case "tcp" -> {
                if (dport <= 0 || dport > 65535) {
                    throw new IllegalArgumentException("tcp needs a destination port (1-65535)");
                }
                Packet p = Packet.tcpSyn(src, dst, sp, dport);
                if (tcpFlags != null && !tcpFlags.isEmpty()) {
                    p = p.withTcpFlags(tcpFlags(tcpFlags));
                }
                return p;
            }
            case "esp" -> {
                Packet p = Packet.ip(src, dst, Packet.ESP);
                return new Packet(p.src(), p.dst(), Packet.ESP, 0, 0, 0, 0, 64, 0, 0, 0, spi, null);
            }
            case "ah" -> {
                return Packet.ip(src, dst, 51);
            }
            case "gre" -> {
                return Packet.ip(src, dst, Packet.GRE);
            }
            default -> throw new IllegalArgumentException("unknown protocol '" + proto + "' (ping, icmp, udp, tcp, esp, ah, gre)");
        }
    }

    static int tcpFlags(String s) {
        int f = 0;
        for (String part : s.toLowerCase(Locale.ROOT).split("[,|\\s]+")) {
            f |= switch (part) {
                case "fin" -> Packet.FIN;
                case "syn" -> Packet.SYN;
                case "rst" -> Packet.RST;
                case "psh" -> 8;
                case "ack" -> Packet.ACK;
                case "urg" -> 32;
                case "ecn" -> 64;
                case "cwr" -> 128;
                case "" -> 0;
                default -> Integer.decode(part);
            };
        }
        return f;
    }

    /** An ICMPv6 type by nft's name or number. */
    static int icmp6TypeNumber(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "destination-unreachable" -> Packet.ICMP6_DEST_UNREACH;
            case "packet-too-big" -> Packet.ICMP6_PACKET_TOO_BIG;
            case "time-exceeded" -> Packet.ICMP6_TIME_EXCEEDED;
            case "parameter-problem" -> Packet.ICMP6_PARAM_PROBLEM;
            case "echo-request" -> Packet.ICMP6_ECHO_REQUEST;
            case "echo-reply" -> Packet.ICMP6_ECHO_REPLY;
            case "nd-neighbor-solicit" -> Packet.ND_NEIGHBOUR_SOLICIT;
            case "nd-neighbor-advert" -> Packet.ND_NEIGHBOUR_ADVERT;
            default -> {
                try {
                    yield Integer.parseInt(s.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown icmpv6 type '" + s + "'", e);
                }
            }
        };
    }

    static int icmpTypeNumber(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "echo-reply" -> 0;
            case "destination-unreachable", "port-unreachable", "host-unreachable", "net-unreachable",
                    "protocol-unreachable", "fragmentation-needed", "network-unreachable" -> 3;
            case "source-quench" -> 4;
            case "redirect" -> 5;
            case "echo-request" -> 8;
            case "router-advertisement" -> 9;
            case "router-solicitation" -> 10;
            case "time-exceeded", "ttl-exceeded", "ttl-zero-during-transit" -> 11;
            case "parameter-problem" -> 12;
            case "timestamp-request" -> 13;
            case "timestamp-reply" -> 14;
            default -> {
                String t = s.trim();
                int slash = t.indexOf('/');
                yield Integer.parseInt(slash > 0 ? t.substring(0, slash) : t);
            }
        };
    }

    public static int protoNumber(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "icmp" -> Packet.ICMP;
            case "tcp" -> Packet.TCP;
            case "udp" -> Packet.UDP;
            case "gre" -> Packet.GRE;
            case "esp" -> Packet.ESP;
            case "ah" -> 51;
            case "sctp" -> 132;
            case "udplite" -> 136;
            case "icmpv6", "ipv6-icmp" -> 58;
            case "ipip", "ipencap" -> 4;
            case "igmp" -> 2;
            case "any", "all" -> 0;
            default -> Integer.parseInt(s.trim());
        };
    }

    static int ipsecProto(IpsecProto p) {
        return p == IpsecProto.AH ? 51 : p == IpsecProto.COMP ? 108 : Packet.ESP;
    }

    static XfrmMode mode(org.netwright.model.XfrmMode m) {
        return m == org.netwright.model.XfrmMode.TUNNEL ? XfrmMode.TUNNEL : XfrmMode.TRANSPORT;
    }

    static String cidr(Address a) {
        return text(a.getAddress()) + "/" + (a.getPrefixLength() > 0 ? a.getPrefixLength()
                : a.getAddress() != null && a.getAddress().isIpv6() ? 128 : 32);
    }

    /** The engine's address for a model address (1:1, either family), or null with an error. */
    IpAddr ip(EObject o, IpAddress a, String what) {
        if (a == null) {
            error(o, what + ": no address");
            return null;
        }
        return Families.addr(a);
    }

    /** A model value as the engine's builders read it (they parse text), or null. */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Namespace names of the mapping, sorted (for messages). */
    static String names(Collection<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }
}
