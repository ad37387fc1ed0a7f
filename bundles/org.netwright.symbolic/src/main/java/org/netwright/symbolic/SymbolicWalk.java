package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.netwright.engine.Disposition;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.HookFunctions;
import org.netwright.engine.Interface;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.PeerRef;
import org.netwright.engine.RouteDecision;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Verdict;

/**
 * Walks sets of first packets through the namespaces as the concrete walk does one packet: output route, output,
 * postrouting, neighbour, netdev egress, the wire, netdev ingress, prerouting, input route (rp_filter, ip_forward),
 * input and local delivery or forward; each hook's functions in the engine's order ({@link HookFunctions}). Every
 * split keeps its part of the set; every end is an {@link Outcome}. Bridges and xfrm are not treated: a flow that
 * reaches them ends marked inexact.
 */
public final class SymbolicWalk {
    static final int MAX_HOPS = 256;

    private final NetworkView view;
    private final HeaderSpace hs;
    private final Bdd bdd;
    private final Predicates p;
    private final SymbolicChains chains;
    private final SymbolicRouting routing;
    private final List<Outcome> outcomes = new ArrayList<>();

    public SymbolicWalk(NetworkView view, HeaderSpace hs) {
        this.view = view;
        this.hs = hs;
        this.bdd = hs.bdd();
        this.p = new Predicates(hs);
        this.chains = new SymbolicChains(p, new SymbolicMatches(p), new SymbolicNat(p));
        this.routing = new SymbolicRouting(p);
    }

    /** Every outcome of the first packets in {@code space} sent by sockets of namespace {@code ns}. */
    public List<Outcome> originate(String ns, int space) {
        outcomes.clear();
        Flow f = new Flow(space);
        Namespace n = view.namespace(ns);
        f.ns = ns;
        f.path.add(ns);
        for (SymbolicRouting.Decision d : routing.lookup(n, f, f.space, Field.DST, Field.SRC, "lo", f.mark)) {
            Flow g = f.with(d.space());
            if (outputRouteUsable(n, g, d)) {
                localOutput(n, g, d);
            }
        }
        return List.copyOf(outcomes);
    }

    // ------------------------------------------------------------------ ends

    private void end(Flow f, Disposition.Fate fate, String dev, Disposition.Reason reason, SourceRef rule) {
        if (f.space == Bdd.FALSE) {
            return;
        }
        outcomes.add(new Outcome(f.space, fate, f.ns, dev, reason, rule, f.fixed, f.translations, f.path, f.inexact));
    }

    private void drop(Flow f, String dev, Disposition.Reason reason) {
        end(f, Disposition.Fate.DROPPED, dev, reason, null);
    }

    private void notTreated(Flow f, String dev, String why) {
        f.inexact(why, null);
        end(f, Disposition.Fate.DROPPED, dev, Disposition.Reason.NO_DISPOSITION, null);
    }

    // ------------------------------------------------------------------ output path

    private boolean outputRouteUsable(Namespace ns, Flow f, SymbolicRouting.Decision d) {
        boolean ok = (d.kind() == RouteDecision.Kind.LOCAL || d.kind() == RouteDecision.Kind.UNICAST) && d.dev() != null
                && ns.iface(d.dev()) != null;
        if (!ok) {
            drop(f, null, Disposition.Reason.OUTPUT_ROUTE_ERROR);
        }
        return ok;
    }

    private static void route(Flow f, SymbolicRouting.Decision d) {
        f.hasRoute = true;
        f.routeDev = d.dev();
        f.nextHop = d.nextHop();
        f.oif = d.dev();
    }

    private void localOutput(Namespace ns, Flow f, SymbolicRouting.Decision d) {
        route(f, d);
        if (!xfrm(ns, f)) {
            return;
        }
        f.reroute = false;
        runIp(ns, Hook.OUTPUT, f, f.oif, g -> {
            if (!g.reroute) {
                postrouting(ns, g);
                return;
            }
            g.reroute = false;
            for (SymbolicRouting.Decision rd : routing.lookup(ns, g, g.space, Field.DST, Field.SRC, "lo", g.mark)) {
                Flow h = g.with(rd.space());
                if (outputRouteUsable(ns, h, rd)) {
                    route(h, rd);
                    if (xfrm(ns, h)) {
                        postrouting(ns, h);
                    }
                }
            }
        });
    }

    /** xfrm is not treated: a namespace with policies marks the flow and goes on as if none matched. */
    private static boolean xfrm(Namespace ns, Flow f) {
        if (!ns.xfrmPolicies().isEmpty()) {
            f.inexact("xfrm policies of " + ns.name() + " are not treated (taken as not matching)", null);
        }
        return true;
    }

    private void postrouting(Namespace ns, Flow f) {
        runIp(ns, Hook.POSTROUTING, f, f.oif, g -> transmit(ns, g));
    }

    private void transmit(Namespace ns, Flow f) {
        String devName = f.oif;
        Interface dev = devName == null ? null : ns.iface(devName);
        if (dev == null) {
            drop(f, devName, Disposition.Reason.NO_OUTPUT_DEVICE);
            return;
        }
        Flow resolved = neighbour(ns, dev, f);
        if (resolved == null) {
            return;
        }
        runNetdev(ns, Hook.EGRESS, devName, resolved, g -> {
            if (!dev.up()) {
                drop(g, devName, Disposition.Reason.TRANSMIT_DEVICE_DOWN);
                return;
            }
            switch (dev.kind()) {
                case LOOPBACK -> {
                    if (budget(g, devName)) {
                        g.hasRoute = false;
                        g.nextHop = Flow.SYMBOLIC;
                        ipReceive(ns, devName, g);
                    }
                }
                case BRIDGE -> notTreated(g, devName, "bridges are not treated (" + ns.name() + "/" + devName + ")");
                case DUMMY -> drop(g, devName, Disposition.Reason.DUMMY_DEVICE);
                default -> wire(ns, dev, g);
            }
        });
    }

    /** The current next hop: the route's gateway or the destination. */
    private static long nextHop(Flow f) {
        return f.nextHop != Flow.SYMBOLIC ? f.nextHop : f.fixed(Field.DST);
    }

    /** The packets whose next hop is in {@code ranges} (the next hop as a constant, or the destination itself). */
    private int nextHopIn(Flow f, List<EngineValues.Range> ranges) {
        long nh = f.hasRoute ? nextHop(f) : f.fixed(Field.DST);
        if (nh != Flow.SYMBOLIC) {
            return bdd.and(f.space, Predicates.constant(ranges.stream().anyMatch(r -> r.contains(nh))));
        }
        return bdd.and(f.space, p.in(f, Field.DST, ranges));
    }

    /** Addresses a namespace answers for: its own and 127.0.0.0/8. */
    private static List<EngineValues.Range> localRanges(Namespace ns) {
        List<EngineValues.Range> out = new ArrayList<>();
        EngineValues.localAddresses(ns).forEach(a -> out.add(new EngineValues.Range(a, a)));
        out.add(EngineValues.loopbackNet());
        return out;
    }

    /**
     * Neighbour resolution before netdev egress: over a wire, ARP for a unicast next hop succeeds when the far end owns
     * it; the rest is dropped (neighbour unreachable). Null when nothing goes on.
     */
    private Flow neighbour(Namespace ns, Interface dev, Flow f) {
        Interface.Kind k = dev.kind();
        if ((k != Interface.Kind.VETH && k != Interface.Kind.PHYSICAL) || dev.peer() == null) {
            return f;
        }
        Namespace pns = view.namespaces().get(dev.peer().namespace());
        Interface pif = pns == null ? null : pns.iface(dev.peer().ifname());
        if (pif == null || pif.master() != null) {
            // a missing far end is the wire's to report, a bridge port the bridge's (not treated)
            return f;
        }
        if (hasArpTables(ns) || hasArpTables(pns)) {
            f.inexact("arp-family chains of " + ns.name() + " or " + pns.name() + " are not treated", null);
        }
        List<EngineValues.Range> noArp = new ArrayList<>(List.of(EngineValues.broadcastAll(), new EngineValues.Range(0, 0),
                EngineValues.multicast()));
        List<EngineValues.Range> answered = new ArrayList<>(noArp);
        answered.addAll(localRanges(pns));
        int unresolved = bdd.diff(f.space, nextHopIn(f, answered));
        if (unresolved != Bdd.FALSE) {
            drop(f.with(unresolved), dev.name(), Disposition.Reason.NEIGHBOUR_UNREACHABLE);
        }
        int rest = bdd.diff(f.space, unresolved);
        return rest == Bdd.FALSE ? null : f.with(rest);
    }

    private static boolean hasArpTables(Namespace ns) {
        return ns.nfTables().stream().anyMatch(t -> t.family() == Family.ARP);
    }

    private void wire(Namespace ns, Interface dev, Flow f) {
        PeerRef peer = dev.peer();
        if (peer == null) {
            end(f, Disposition.Fate.LEFT_NETWORK, dev.name(), Disposition.Reason.LEFT_NETWORK, null);
            return;
        }
        Namespace pns = view.namespaces().get(peer.namespace());
        Interface pif = pns == null ? null : pns.iface(peer.ifname());
        if (pif == null) {
            drop(f, dev.name(), Disposition.Reason.NO_SUCH_PEER);
            return;
        }
        if (pif.master() == null) {
            List<EngineValues.Range> ok = new ArrayList<>(localRanges(pns));
            ok.add(EngineValues.broadcastAll());
            int unreachable = bdd.diff(f.space, nextHopIn(f, ok));
            if (unreachable != Bdd.FALSE) {
                drop(f.with(unreachable), dev.name(), Disposition.Reason.NEIGHBOUR_UNREACHABLE);
                f = f.with(bdd.diff(f.space, unreachable));
                if (f.space == Bdd.FALSE) {
                    return;
                }
            }
        }
        if (!budget(f, dev.name())) {
            return;
        }
        Flow n = f.with(f.space);
        boolean cross = !pns.name().equals(ns.name());
        n.mark = cross ? 0 : f.mark;
        n.iif = null;
        n.oif = null;
        n.ct = false;
        n.untracked = false;
        n.ctTemplate = false;
        n.zone = 0;
        n.ctMark = 0;
        n.srcNatDone = false;
        n.dstNatDone = false;
        n.srcNat = false;
        n.dstNat = false;
        n.hasRoute = false;
        n.nextHop = Flow.SYMBOLIC;
        n.reroute = false;
        receive(pns, pif, n);
    }

    private boolean budget(Flow f, String dev) {
        if (++f.hops > MAX_HOPS) {
            drop(f, dev, Disposition.Reason.LOOP_GUARD);
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ input path

    private void receive(Namespace ns, Interface dev, Flow f) {
        f.ns = ns.name();
        if (f.path.isEmpty() || !f.path.get(f.path.size() - 1).equals(ns.name())) {
            f.path.add(ns.name());
        }
        if (!dev.up()) {
            drop(f, dev.name(), Disposition.Reason.RECEIVE_DEVICE_DOWN);
            return;
        }
        f.iif = dev.name();
        runNetdev(ns, Hook.INGRESS, dev.name(), f, g -> {
            if (dev.master() != null) {
                notTreated(g, dev.name(), "bridges are not treated (" + ns.name() + "/" + dev.name() + ")");
                return;
            }
            ipReceive(ns, dev.name(), g);
        });
    }

    private void ipReceive(Namespace ns, String dev, Flow f) {
        f.iif = dev;
        f.oif = null;
        runIp(ns, Hook.PREROUTING, f, dev, g -> routeInput(ns, g));
    }

    private void routeInput(Namespace ns, Flow f) {
        boolean fwd = ns.sysctls().ipForward();
        for (SymbolicRouting.Decision d : routing.lookup(ns, f, f.space, Field.DST, Field.SRC, f.iif, f.mark)) {
            Flow g = f.with(d.space());
            switch (d.kind()) {
                case LOCAL, UNICAST -> {
                    Flow valid = validSource(ns, g);
                    if (valid == null) {
                        continue;
                    }
                    if (d.kind() == RouteDecision.Kind.LOCAL) {
                        localInput(ns, valid);
                    } else if (!fwd) {
                        drop(valid, valid.iif, Disposition.Reason.FORWARDING_DISABLED);
                    } else {
                        forward(ns, valid, d);
                    }
                }
                case BLACKHOLE -> drop(g, g.iif, Disposition.Reason.BLACKHOLE_ROUTE);
                case UNREACHABLE -> drop(g, g.iif, Disposition.Reason.UNREACHABLE_ROUTE);
                case PROHIBIT -> drop(g, g.iif, Disposition.Reason.PROHIBIT_ROUTE);
                case NO_ROUTE -> drop(g, g.iif, Disposition.Reason.NO_ROUTE);
            }
        }
    }

    /** Source validation (martian source, rp_filter strict or loose); the packets that pass, null when none. */
    private Flow validSource(Namespace ns, Flow f) {
        if ("lo".equals(f.iif)) {
            return f;
        }
        int mode = ns.sysctls().effectiveRpFilter(f.iif);
        List<EngineValues.Range> own = new ArrayList<>();
        EngineValues.localAddresses(ns).forEach(a -> own.add(new EngineValues.Range(a, a)));
        int martian = bdd.diff(bdd.and(f.space, p.in(f, Field.SRC, own)), p.in(f, Field.SRC, List.of(EngineValues.loopbackNet())));
        int ok = bdd.diff(f.space, martian);
        if (martian != Bdd.FALSE) {
            drop(f.with(martian), f.iif, Disposition.Reason.REVERSE_PATH_FILTER);
        }
        if (mode != 0 && ok != Bdd.FALSE) {
            int passed = Bdd.FALSE;
            for (SymbolicRouting.Decision rev : routing.lookup(ns, f, ok, Field.SRC, Field.DST, "lo", 0)) {
                if (rev.kind() == RouteDecision.Kind.UNICAST && (mode != 1 || f.iif.equals(rev.dev()))) {
                    passed = bdd.or(passed, rev.space());
                }
            }
            int refused = bdd.diff(ok, passed);
            if (refused != Bdd.FALSE) {
                drop(f.with(refused), f.iif, Disposition.Reason.REVERSE_PATH_FILTER);
            }
            ok = passed;
        }
        return ok == Bdd.FALSE ? null : f.with(ok);
    }

    private void localInput(Namespace ns, Flow f) {
        runIp(ns, Hook.INPUT, f, f.iif, g -> {
            if (!ns.xfrmStates().isEmpty() || !ns.xfrmPolicies().isEmpty()) {
                g.inexact("xfrm of " + ns.name() + " is not treated (ESP not decapsulated, no policy check)", null);
            }
            end(g, Disposition.Fate.DELIVERED, g.iif, Disposition.Reason.DELIVERED, null);
        });
    }

    private void forward(Namespace ns, Flow f, SymbolicRouting.Decision d) {
        xfrm(ns, f);
        if (f.ttl <= 1) {
            end(f, Disposition.Fate.TTL_EXPIRED, f.iif, Disposition.Reason.TTL_EXCEEDED, null);
            return;
        }
        route(f, d);
        f.ttl--;
        runIp(ns, Hook.FORWARD, f, f.iif, g -> postrouting(ns, g));
    }

    // ------------------------------------------------------------------ hooks

    private void runIp(Namespace ns, Hook hook, Flow f, String dev, Consumer<Flow> next) {
        functions(ns, hook, HookFunctions.ip(ns, hook), 0, f, dev, next);
    }

    private void runNetdev(Namespace ns, Hook hook, String dev, Flow f, Consumer<Flow> next) {
        List<HookFunctions.Function> fs = HookFunctions.netdev(ns, hook, dev);
        if (hook == Hook.EGRESS && !fs.isEmpty()) {
            f.oif = dev;
        }
        functions(ns, hook, fs, 0, f, dev, next);
    }

    private void functions(Namespace ns, Hook hook, List<HookFunctions.Function> fs, int i, Flow f, String dev,
            Consumer<Flow> next) {
        if (f.space == Bdd.FALSE) {
            return;
        }
        if (i >= fs.size()) {
            next.accept(f);
            return;
        }
        HookFunctions.Function fn = fs.get(i);
        switch (fn.kind()) {
            case CHAIN -> {
                // accepted parts in the same state go on as one flow (a long chain accepts in many rules)
                java.util.Map<String, Flow> accepted = new java.util.LinkedHashMap<>();
                for (SymbolicChains.Result r : chains.evaluate(ns, hook, fn.table(), fn.chain(), f)) {
                    if (r.verdict() == Verdict.ACCEPT) {
                        accepted.merge(r.flow().stateKey(), r.flow(), (a, b) -> a.with(bdd.or(a.space, b.space)));
                    } else {
                        end(r.flow(), Disposition.Fate.DROPPED, dev, r.reason(), r.rule());
                    }
                }
                for (Flow g : accepted.values()) {
                    functions(ns, hook, fs, i + 1, g, dev, next);
                }
            }
            case CONNTRACK_IN -> {
                conntrack(ns, f);
                functions(ns, hook, fs, i + 1, f, dev, next);
            }
            case NAT_DST, NAT_SRC -> natHook(ns, hook, fn.kind() == HookFunctions.Kind.NAT_SRC, f,
                    g -> functions(ns, hook, fs, i + 1, g, dev, next), dev);
            case CONFIRM -> {
                if (f.ct) {
                    f.confirmed.add(ns.name() + "/" + f.zone);
                }
                functions(ns, hook, fs, i + 1, f, dev, next);
            }
        }
    }

    /** The conntrack lookup of a first packet: a new entry (state NEW) in the template's zone. */
    private static void conntrack(Namespace ns, Flow f) {
        if (f.untracked || f.ct) {
            return;
        }
        f.ct = true;
        f.ctMark = 0;
        if (f.confirmed.contains(ns.name() + "/" + f.zone)) {
            // the concrete walk finds the entry of the first pass: still NEW, but NAT is not consulted again
            f.inexact("the connection passes the conntrack table of " + ns.name() + " (zone " + f.zone
                    + ") a second time: NAT is taken as not consulted and the first pass's translation as not repeated",
                    null);
            f.srcNatDone = true;
            f.dstNatDone = true;
        }
    }

    /** The NAT operation: the nat chains of the hook while the connection has no binding of this kind. */
    private void natHook(Namespace ns, Hook hook, boolean src, Flow f, Consumer<Flow> next, String dev) {
        if (!f.ct || (src ? f.srcNatDone : f.dstNatDone)) {
            next.accept(f);
            return;
        }
        natChains(ns, hook, src, HookFunctions.nat(ns, hook), 0, f, next, dev);
    }

    private void natChains(Namespace ns, Hook hook, boolean src, List<HookFunctions.Function> fs, int i, Flow f,
            Consumer<Flow> next, String dev) {
        if (i >= fs.size() || (src ? f.srcNatDone : f.dstNatDone)) {
            // no rule translated: a null binding
            if (src) {
                f.srcNatDone = true;
            } else {
                f.dstNatDone = true;
            }
            next.accept(f);
            return;
        }
        HookFunctions.Function fn = fs.get(i);
        long dstBefore = f.fixed(Field.DST);
        for (SymbolicChains.Result r : chains.evaluate(ns, hook, fn.table(), fn.chain(), f)) {
            if (r.verdict() != Verdict.ACCEPT) {
                end(r.flow(), Disposition.Fate.DROPPED, dev, r.reason(), r.rule());
                continue;
            }
            Flow g = r.flow();
            if (hook == Hook.OUTPUT && g.fixed(Field.DST) != dstBefore) {
                g.reroute = true;
            }
            natChains(ns, hook, src, fs, i + 1, g, next, dev);
        }
    }

    /** The engine packet of an assignment of the header variables. */
    public Packet packet(boolean[] assignment) {
        return EngineValues.packet(hs.value(assignment, Field.PROTO), hs.value(assignment, Field.SRC),
                hs.value(assignment, Field.DST), hs.value(assignment, Field.SPORT), hs.value(assignment, Field.DPORT),
                hs.value(assignment, Field.ICMP_TYPE));
    }
}
