package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks one packet through the namespaces: device receive (netdev ingress), bridge path, prerouting,
 * input route (rp_filter, ip_forward), input/forward, local output with reroute, postrouting, xfrm
 * encapsulation, netdev egress and the wire (veth/peer) into the next namespace. Every decision is
 * recorded; exactly one disposition ends the walk. Routing loops end by TTL, and a hop budget of
 * {@value #MAX_HOPS} namespace crossings bounds everything else.
 */
final class Walker {
    static final int MAX_HOPS = 256;

    /**
     * An ICMP error or reply to walk after this one. {@code ct}/{@code dir}: the conntrack entry the kernel
     * attaches to a packet it builds from another one (an ICMP error, a REJECT's tcp reset: nf_ct_attach),
     * null otherwise.
     */
    record Pending(String ns, Packet pkt, CtEntry ct, CtDir dir) {
        Pending(String ns, Packet pkt) {
            this(ns, pkt, null, null);
        }
    }

    final Simulation sim;
    final TraceRecorder rec = new TraceRecorder();
    private final boolean mayEmitErrors;
    private final Packet awaited;
    final List<Pending> errors = new ArrayList<>();
    Pending reply;
    Packet originHeader;
    private int hops;

    Walker(Simulation sim, boolean mayEmitErrors, Packet awaited) {
        this.sim = sim;
        this.mayEmitErrors = mayEmitErrors;
        this.awaited = awaited;
    }

    // ------------------------------------------------------------------ entry points

    /** A packet sent by a local socket of {@code ns}. */
    void originate(Namespace ns, Skb skb) {
        rec.enter(ns.name());
        skb.local = true;
        skb.iif = null;
        RouteDecision r = Routing.lookup(ns, skb.pkt.dst(), skb.pkt.src(), "lo", skb.oif, skb.mark);
        if (!outputRouteUsable(ns, skb, routeStep(ns, skb, Hook.OUTPUT, TraceEvent.Routed.Lookup.OUTPUT, r), r)) {
            return;
        }
        if (skb.pkt.src().isUnspecified()) {
            skb.pkt = skb.pkt.withSrc(Routing.selectSource(ns, r, skb.pkt.dst()));
            rec.record(ns.name(), r.dev(), Hook.OUTPUT, new TraceEvent.SourceSelected(skb.pkt.src()), skb);
        }
        originHeader = skb.pkt;
        localOutput(ns, skb, r);
    }

    /** A packet arriving on {@code dev} of {@code ns} from the wire. */
    void receive(Namespace ns, String devName, Skb skb) {
        Interface dev = ns.iface(devName);
        if (dev == null) {
            rec.enter(ns.name());
            drop(ns, devName, null, Disposition.Reason.NO_SUCH_DEVICE, skb);
            return;
        }
        receive(ns, dev, skb);
    }

    /** As {@link #receive(Namespace, String, Skb)}, the device already looked up (a wire knows its far end). */
    private void receive(Namespace ns, Interface dev, Skb skb) {
        rec.enter(ns.name());
        String devName = dev.name();
        rec.point(ns, devName, true, skb.pkt);
        rec.record(ns.name(), devName, null, TraceEvent.Received.INSTANCE, skb);
        if (!dev.up()) {
            drop(ns, devName, null, Disposition.Reason.RECEIVE_DEVICE_DOWN, skb);
            return;
        }
        skb.iif = devName;
        if (!runNetdev(ns, Hook.INGRESS, devName, skb)) {
            return;
        }
        if (dev.master() != null) {
            bridgeReceive(ns, dev, skb);
            return;
        }
        ipReceive(ns, devName, skb);
    }

    // ------------------------------------------------------------------ ip layer

    private void ipReceive(Namespace ns, String dev, Skb skb) {
        skb.iif = dev;
        skb.oif = null;
        if (!skb.brNfPrerouted && !runIp(ns, Hook.PREROUTING, skb, dev)) {
            return;
        }
        routeInput(ns, skb);
    }

    private void routeInput(Namespace ns, Skb skb) {
        Packet p = skb.pkt;
        RouteDecision r = Routing.lookup(ns, p.dst(), p.src(), skb.iif, null, skb.mark);
        routeStep(ns, skb, Hook.PREROUTING, TraceEvent.Routed.Lookup.INPUT, r);
        // IPv6: only all.forwarding (or the ingress device's force_forwarding) forwards
        boolean fwd = p.isV6() ? ns.sysctls().ip6Forwards(skb.iif) : ns.sysctls().ipForward();
        switch (r.kind()) {
            case LOCAL, UNICAST -> {
                TraceEvent.SourceRejected bad = Routing.validateSource(ns, p, skb.iif);
                if (bad != null) {
                    rec.record(ns.name(), skb.iif, Hook.PREROUTING, bad, skb);
                    drop(ns, skb.iif, null, Disposition.Reason.REVERSE_PATH_FILTER, null, bad, skb);
                    return;
                }
                if (r.kind() == RouteDecision.Kind.LOCAL) {
                    localInput(ns, skb);
                } else if (!fwd) {
                    drop(ns, skb.iif, null, Disposition.Reason.FORWARDING_DISABLED, skb);
                } else {
                    forward(ns, skb, r);
                }
            }
            case BLACKHOLE -> drop(ns, skb.iif, null, Disposition.Reason.BLACKHOLE_ROUTE, skb);
            case UNREACHABLE -> {
                drop(ns, skb.iif, null, Disposition.Reason.UNREACHABLE_ROUTE, skb);
                if (fwd && p.isV6()) {
                    // an unreachable route is "no route" in IPv6 (e06, e12)
                    emitError6(ns, skb, Packet.ICMP6_DEST_UNREACH, Icmp6.NO_ROUTE);
                } else if (fwd) {
                    emitError(ns, skb, Packet.ICMP_DEST_UNREACH, 1);
                }
            }
            case PROHIBIT -> {
                drop(ns, skb.iif, null, Disposition.Reason.PROHIBIT_ROUTE, skb);
                if (fwd) {
                    emitError(ns, skb, Packet.ICMP_DEST_UNREACH, 13);
                }
            }
            case NO_ROUTE -> {
                dropAt(ns, skb.iif, Disposition.Reason.NO_ROUTE, p.dst(), skb);
                if (fwd) {
                    emitError(ns, skb, Packet.ICMP_DEST_UNREACH, 0);
                }
            }
        }
    }

    private void localInput(Namespace ns, Skb skb) {
        if (!runIp(ns, Hook.INPUT, skb, skb.iif)) {
            return;
        }
        Packet p = skb.pkt;
        if (p.proto() == Packet.ESP) {
            XfrmState st = Xfrm.inboundState(ns, p);
            if (st != null) {
                Packet inner = Xfrm.decapsulate(st, p);
                if (inner == null) {
                    drop(ns, skb.iif, null, Disposition.Reason.ESP_WITHOUT_INNER, skb);
                    return;
                }
                Skb in = new Skb(inner);
                in.mark = skb.mark;
                in.secpath = new ArrayList<>(skb.secpath);
                in.secpath.add(st);
                rec.record(ns.name(), skb.iif, Hook.INPUT, new TraceEvent.XfrmDecapsulated(st), in);
                if (!budget(ns, skb.iif, in)) {
                    return;
                }
                ipReceive(ns, skb.iif, in);
                return;
            }
        }
        TraceEvent.XfrmPolicyRefused bad = Xfrm.policyCheck(ns, XfrmPolicy.Dir.IN, skb);
        if (bad != null) {
            rec.record(ns.name(), skb.iif, Hook.INPUT, bad, skb);
            drop(ns, skb.iif, null, Disposition.Reason.XFRM_POLICY_CHECK, null, bad, skb);
            return;
        }
        LocalDelivery.Result d = LocalDelivery.deliver(ns, p, awaited);
        TraceEvent.Delivery delivery = TraceEvent.Delivery.of(d.outcome());
        if (d.delivered()) {
            TraceStep at = rec.record(ns.name(), skb.iif, Hook.INPUT, delivery, skb);
            rec.observedAtDst = p;
            rec.finish(new Disposition(Disposition.Fate.DELIVERED, ns.location(skb.iif), Disposition.Reason.DELIVERED,
                    null, at));
        } else {
            drop(ns, skb.iif, null, Disposition.Reason.NOT_DELIVERED, null, delivery, skb);
            if (d.icmpType() >= 0) {
                emitError(ns, skb, d.icmpType(), d.icmpCode());
            }
        }
        if (d.reply() != null && reply == null) {
            reply = new Pending(ns.name(), d.reply());
            rec.record(ns.name(), skb.iif, Hook.INPUT, new TraceEvent.AnswerGenerated(d.reply()), skb);
        }
    }

    private void forward(Namespace ns, Skb skb, RouteDecision r) {
        TraceEvent.XfrmPolicyRefused bad = Xfrm.policyCheck(ns, XfrmPolicy.Dir.FWD, skb);
        if (bad != null) {
            rec.record(ns.name(), skb.iif, Hook.FORWARD, bad, skb);
            drop(ns, skb.iif, Hook.FORWARD, Disposition.Reason.XFRM_POLICY_CHECK, null, bad, skb);
            return;
        }
        if (skb.pkt.ttl() <= 1) {
            TraceStep at = rec.record(ns.name(), skb.iif, Hook.FORWARD, new TraceEvent.TtlExceeded(skb.pkt.ttl()), skb);
            rec.finish(new Disposition(Disposition.Fate.TTL_EXPIRED, ns.location(skb.iif),
                    Disposition.Reason.TTL_EXCEEDED, null, at));
            emitError(ns, skb, Packet.ICMP_TIME_EXCEEDED, 0);
            return;
        }
        skb.route = r;
        skb.oif = r.dev();
        if (!xfrmOut(ns, skb, Hook.FORWARD)) {
            return;
        }
        skb.pkt = skb.pkt.withTtl(skb.pkt.ttl() - 1);
        if (!runIp(ns, Hook.FORWARD, skb, skb.iif)) {
            return;
        }
        postrouting(ns, skb);
    }

    private void localOutput(Namespace ns, Skb skb, RouteDecision r) {
        skb.route = r;
        skb.oif = r.dev();
        if (!xfrmOut(ns, skb, Hook.OUTPUT)) {
            return;
        }
        skb.rerouteNeeded = false;
        if (!runIp(ns, Hook.OUTPUT, skb, skb.oif)) {
            return;
        }
        if (skb.rerouteNeeded) {
            skb.rerouteNeeded = false;
            RouteDecision rr = Routing.lookup(ns, skb.pkt.dst(), skb.pkt.src(), "lo", null, skb.mark);
            if (!outputRouteUsable(ns, skb, routeStep(ns, skb, Hook.OUTPUT, TraceEvent.Routed.Lookup.REROUTE, rr), rr)) {
                return;
            }
            skb.route = rr;
            skb.oif = rr.dev();
            if (!xfrmOut(ns, skb, Hook.OUTPUT)) {
                return;
            }
        }
        postrouting(ns, skb);
    }

    private void postrouting(Namespace ns, Skb skb) {
        Packet before = skb.pkt;
        if (!runIp(ns, Hook.POSTROUTING, skb, skb.oif)) {
            return;
        }
        if (!ns.xfrmPolicies().isEmpty() && skb.encapDepth == 0 && !sameFlowKeys(before, skb.pkt)) {
            rec.record(ns.name(), skb.oif, Hook.POSTROUTING, TraceEvent.XfrmNatRelookup.INSTANCE, skb);
            if (!xfrmOut(ns, skb, Hook.POSTROUTING)) {
                return;
            }
        }
        if (skb.xfrm != null) {
            encapsulate(ns, skb);
            return;
        }
        transmit(ns, skb.oif, skb, skb.route == null ? skb.pkt.dst() : skb.route.nextHop());
    }

    private static boolean sameFlowKeys(Packet a, Packet b) {
        return a.src().equals(b.src()) && a.dst().equals(b.dst()) && a.sport() == b.sport() && a.dport() == b.dport();
    }

    private void encapsulate(Namespace ns, Skb skb) {
        Xfrm.Bundle b = skb.xfrm;
        Packet outer = Xfrm.encapsulate(b, skb.pkt);
        Skb o = new Skb(outer);
        o.mark = skb.mark;
        o.local = true;
        o.encapDepth = skb.encapDepth + 1;
        rec.record(ns.name(), skb.oif, Hook.POSTROUTING, new TraceEvent.XfrmEncapsulated(b.policy(), b.state()), o);
        if (!budget(ns, skb.oif, o)) {
            return;
        }
        RouteDecision r = Routing.lookup(ns, outer.dst(), outer.src(), "lo", null, o.mark);
        if (!outputRouteUsable(ns, o, routeStep(ns, o, Hook.OUTPUT, TraceEvent.Routed.Lookup.OUTER, r), r)) {
            return;
        }
        o.route = r;
        o.oif = r.dev();
        if (!runIp(ns, Hook.OUTPUT, o, o.oif)) {
            return;
        }
        if (o.rerouteNeeded) {
            RouteDecision rr = Routing.lookup(ns, o.pkt.dst(), o.pkt.src(), "lo", null, o.mark);
            if (!outputRouteUsable(ns, o, routeStep(ns, o, Hook.OUTPUT, TraceEvent.Routed.Lookup.OUTER_REROUTE, rr),
                    rr)) {
                return;
            }
            o.route = rr;
            o.oif = rr.dev();
        }
        postrouting(ns, o);
    }

    private boolean xfrmOut(Namespace ns, Skb skb, Hook at) {
        if (ns.xfrmPolicies().isEmpty() || skb.encapDepth > 0) {
            return true;
        }
        Xfrm.Out out = Xfrm.lookupOut(ns, skb.pkt);
        switch (out.kind()) {
            case NONE -> {
                skb.xfrm = null;
                return true;
            }
            case BUNDLE -> {
                skb.xfrm = out.bundle();
                rec.record(ns.name(), skb.oif, at, new TraceEvent.XfrmSelected(out.policy(), out.bundle().state()), skb);
                return true;
            }
            case BLOCK -> {
                TraceEvent.XfrmBlocked blocked = new TraceEvent.XfrmBlocked(out.policy());
                rec.record(ns.name(), skb.oif, at, blocked, skb);
                drop(ns, skb.oif, null, Disposition.Reason.XFRM_BLOCKED, null, blocked, skb);
                return false;
            }
            default -> {
                TraceEvent.XfrmNoState none = new TraceEvent.XfrmNoState(out.policy());
                rec.record(ns.name(), skb.oif, at, none, skb);
                drop(ns, skb.oif, null, Disposition.Reason.XFRM_NO_STATE, null, none, skb);
                return false;
            }
        }
    }

    private boolean outputRouteUsable(Namespace ns, Skb skb, TraceStep routeStep, RouteDecision r) {
        switch (r.kind()) {
            case LOCAL, UNICAST -> {
                if (r.dev() == null || ns.iface(r.dev()) == null) {
                    drop(ns, null, null, Disposition.Reason.OUTPUT_ROUTE_ERROR, skb);
                    return false;
                }
                return true;
            }
            default -> {
                drop(ns, null, null, Disposition.Reason.OUTPUT_ROUTE_ERROR, null,
                        routeStep == null ? null : routeStep.event(), skb);
                return false;
            }
        }
    }

    // ------------------------------------------------------------------ devices and wires

    private void transmit(Namespace ns, String devName, Skb skb, IpAddr nextHop) {
        Interface dev = devName == null ? null : ns.iface(devName);
        if (dev == null) {
            drop(ns, devName, null, Disposition.Reason.NO_OUTPUT_DEVICE, skb);
            return;
        }
        if (!neighbour(ns, dev, skb, nextHop)) {
            return;
        }
        if (!runNetdev(ns, Hook.EGRESS, devName, skb)) {
            return;
        }
        rec.point(ns, devName, false, skb.pkt);
        rec.record(ns.name(), devName, null, new TraceEvent.Sent(nextHop, false), skb);
        if (!dev.up()) {
            drop(ns, devName, null, Disposition.Reason.TRANSMIT_DEVICE_DOWN, skb);
            return;
        }
        switch (dev.kind()) {
            case LOOPBACK -> {
                if (!budget(ns, devName, skb)) {
                    return;
                }
                // loopback keeps the conntrack entry attached (it is not scrubbed)
                skb.route = null;
                skb.xfrm = null;
                rec.point(ns, devName, true, skb.pkt);
                ipReceive(ns, devName, skb);
            }
            case BRIDGE -> bridgeOutput(ns, dev, skb, nextHop);
            case DUMMY -> drop(ns, devName, null, Disposition.Reason.DUMMY_DEVICE, skb);
            default -> wire(ns, dev, skb, nextHop);
        }
    }

    /** Neighbour resolution of the next hop ({@link Neighbours}); false when it failed (disposition set). */
    private boolean neighbour(Namespace ns, Interface dev, Skb skb, IpAddr nextHop) {
        TraceEvent.NeighbourResolution r = Neighbours.resolve(sim, ns, dev, nextHop, skb.pkt.src());
        if (r == null) {
            return true;
        }
        rec.record(ns.name(), dev.name(), null, r, skb);
        if (r.resolved()) {
            return true;
        }
        drop(ns, dev.name(), null, Disposition.Reason.NEIGHBOUR_UNREACHABLE, r.drop() == null ? null : r.drop().rule(), r,
                skb);
        // the kernel reports the failure with host unreachable (IPv6: address unreachable), to a local sender too
        // (over loopback)
        emitError(ns, skb, Packet.ICMP_DEST_UNREACH, 1);
        return false;
    }

    private void wire(Namespace ns, Interface dev, Skb skb, IpAddr nextHop) {
        // a bridge port sends frames as they are (forwarded, or from the bridge's own stack with its MAC)
        Packet p = dev.master() != null || skb.pkt.etherSrc() == dev.mac() ? skb.pkt : skb.pkt.withEtherSrc(dev.mac());
        PeerRef peer = dev.peer();
        if (peer == null) {
            TraceStep left = new TraceStep(ns.name(), dev.name(), null, TraceEvent.LeftNetwork.INSTANCE, skb.pkt, skb.mark);
            rec.finish(new Disposition(Disposition.Fate.LEFT_NETWORK, ns.location(dev.name()),
                    Disposition.Reason.LEFT_NETWORK, null, left));
            return;
        }
        Namespace pns = sim.view().namespace(peer.namespace());
        Interface pif = pns.iface(peer.ifname());
        if (pif == null) {
            rec.finish(dropStep(ns, dev.name(), null, new TraceEvent.Dropped(Disposition.Reason.NO_SUCH_PEER, null, null,
                    null, null, Location.of(peer.namespace(), peer.ifname())), skb));
            return;
        }
        if (pif.master() == null && !pns.isLocalAddress(nextHop) && !isBroadcast(nextHop)) {
            dropAt(ns, dev.name(), Disposition.Reason.NEIGHBOUR_UNREACHABLE, nextHop, skb);
            return;
        }
        if (!budget(ns, dev.name(), skb)) {
            return;
        }
        Skb n = skb.scrubbedCopy(!pns.name().equals(ns.name()));
        n.pkt = p;
        n.nextHop = nextHop;
        receive(pns, pif, n);
    }

    // ------------------------------------------------------------------ bridge

    private void bridgeReceive(Namespace ns, Interface port, Skb skb) {
        Interface br = ns.iface(port.master());
        boolean brnf = ns.sysctls().bridgeNfCallIptables();
        rec.record(ns.name(), port.name(), null, new TraceEvent.BridgeFrame(port.name(), br.name(), brnf), skb);
        skb.iif = port.name();
        if (!runBridge(ns, Hook.PREROUTING, skb, port.name(), brnf ? 0 : null, br.name())) {
            return;
        }
        IpAddr nh = skb.nextHop;
        if (br.hasAddress(nh) || ns.isLocalAddress(nh)) {
            rec.record(ns.name(), br.name(), null, TraceEvent.BridgeLocal.INSTANCE, skb);
            if (!runBridge(ns, Hook.INPUT, skb, port.name(), null, br.name())) {
                return;
            }
            skb.brNfPrerouted = brnf;
            ipReceive(ns, br.name(), skb);
            return;
        }
        Interface out = bridgePortTo(ns, br, port.name(), nh);
        if (out == null) {
            rec.finish(dropStep(ns, br.name(), Hook.FORWARD, new TraceEvent.Dropped(Disposition.Reason.BRIDGE_NO_PORT,
                    null, null, null, nh, null), skb));
            return;
        }
        rec.record(ns.name(), br.name(), Hook.FORWARD, new TraceEvent.BridgeForward(nh, out.name()), skb);
        if (brnf) {
            skb.oif = br.name();
        }
        if (!runBridge(ns, Hook.FORWARD, skb, port.name(), brnf ? -1 : null, br.name())) {
            return;
        }
        if (!runBridge(ns, Hook.POSTROUTING, skb, out.name(), brnf ? Integer.MAX_VALUE : null, br.name())) {
            return;
        }
        bridgeTransmit(ns, out, skb, nh);
    }

    private void bridgeOutput(Namespace ns, Interface br, Skb skb, IpAddr nextHop) {
        skb.pkt = skb.pkt.withEtherSrc(br.mac());
        Interface out = bridgePortTo(ns, br, null, nextHop);
        if (out == null) {
            rec.finish(dropStep(ns, br.name(), Hook.OUTPUT, new TraceEvent.Dropped(Disposition.Reason.BRIDGE_NO_PORT,
                    null, null, null, nextHop, null), skb));
            return;
        }
        rec.record(ns.name(), br.name(), Hook.OUTPUT, new TraceEvent.BridgeForward(nextHop, out.name()), skb);
        if (!runBridge(ns, Hook.OUTPUT, skb, out.name(), null, br.name())) {
            return;
        }
        if (!runBridge(ns, Hook.POSTROUTING, skb, out.name(), null, br.name())) {
            return;
        }
        bridgeTransmit(ns, out, skb, nextHop);
    }

    private void bridgeTransmit(Namespace ns, Interface out, Skb skb, IpAddr nextHop) {
        if (!runNetdev(ns, Hook.EGRESS, out.name(), skb)) {
            return;
        }
        rec.point(ns, out.name(), false, skb.pkt);
        rec.record(ns.name(), out.name(), null, new TraceEvent.Sent(nextHop, true), skb);
        wire(ns, out, skb, nextHop);
    }

    /** The port (other than {@code except}) whose far end owns {@code addr}. */
    private Interface bridgePortTo(Namespace ns, Interface br, String except, IpAddr addr) {
        return BridgeFdb.portTo(sim.view(), ns, br, except, addr);
    }

    // ------------------------------------------------------------------ hooks

    /** Runs an ip-layer hook; false when the packet is gone (disposition set). */
    private boolean runIp(Namespace ns, Hook hook, Skb skb, String dev) {
        boolean v6 = skb.pkt.isV6();
        List<HookOrder.Entry> entries = ns.hooks().ip(hook, v6);
        // the context is the same for every function of the hook
        EvalContext c = entries.isEmpty() ? null : new EvalContext(sim, ns, hook, v6 ? Family.IP6 : Family.IP, skb, rec, dev);
        for (int i = 0; i < entries.size(); i++) {
            HookOrder.Entry e = entries.get(i);
            if (e.chain() != null) {
                ChainEvaluator.Outcome o = ChainEvaluator.evaluate(c, e.table(), e.chain());
                if (!handle(ns, dev, e, hook, o, skb)) {
                    return false;
                }
                continue;
            }
            switch (e.internal()) {
                case CONNTRACK_IN -> Conntrack.lookup(c);
                case NAT_DST, NAT_SRC -> {
                    ChainEvaluator.Outcome o = Nat.hook(c, e.internal() == HookOrder.Internal.NAT_SRC);
                    if (!handle(ns, dev, e, hook, o, skb)) {
                        return false;
                    }
                }
                case CONFIRM -> {
                    TraceEvent.CtClash clash = Conntrack.confirm(c);
                    if (clash != null) {
                        drop(ns, dev, hook, Disposition.Reason.CONNTRACK_CLASH, null, clash, skb);
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private boolean runNetdev(Namespace ns, Hook hook, String dev, Skb skb) {
        List<HookOrder.Entry> entries = ns.hooks().netdev(hook, dev);
        EvalContext c = entries.isEmpty() ? null : new EvalContext(sim, ns, hook, Family.NETDEV, skb, rec, dev);
        for (HookOrder.Entry e : entries) {
            if (hook == Hook.EGRESS) {
                skb.oif = dev;
            }
            ChainEvaluator.Outcome o = ChainEvaluator.evaluate(c, e.table(), e.chain());
            if (!handle(ns, dev, e, hook, o, skb)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs a bridge-family hook. With br_netfilter, the ip hook of the same name runs at
     * {@code brNfPriority} among the bridge chains, seeing the bridge device as iif/oif.
     */
    private boolean runBridge(Namespace ns, Hook hook, Skb skb, String dev, Integer brNfPriority, String bridge) {
        boolean ipDone = brNfPriority == null;
        for (HookOrder.Entry e : ns.hooks().bridge(hook)) {
            if (!ipDone && e.priority() >= brNfPriority) {
                ipDone = true;
                if (!brNfIp(ns, hook, skb, bridge)) {
                    return false;
                }
            }
            EvalContext c = new EvalContext(sim, ns, hook, Family.BRIDGE, skb, rec, dev);
            ChainEvaluator.Outcome o = ChainEvaluator.evaluate(c, e.table(), e.chain());
            if (!handle(ns, dev, e, hook, o, skb)) {
                return false;
            }
        }
        return ipDone || brNfIp(ns, hook, skb, bridge);
    }

    private boolean brNfIp(Namespace ns, Hook hook, Skb skb, String bridge) {
        String savedIif = skb.iif;
        skb.iif = bridge;
        if (hook == Hook.FORWARD || hook == Hook.POSTROUTING) {
            skb.oif = bridge;
        }
        rec.record(ns.name(), bridge, hook, TraceEvent.BrNetfilterHook.INSTANCE, skb);
        boolean ok = runIp(ns, hook, skb, bridge);
        skb.iif = savedIif;
        return ok;
    }

    private boolean handle(Namespace ns, String dev, HookOrder.Entry e, Hook hook, ChainEvaluator.Outcome o, Skb skb) {
        if (o.verdict() == Verdict.ACCEPT) {
            return true;
        }
        SourceRef by = o.rule() == null ? null : o.rule().sourceRef();
        rec.finish(dropStep(ns, dev, hook, new TraceEvent.Dropped(o.reason(), o.chain(), by, o.cause(), null, null), skb));
        if (o.reject() != null) {
            if (skb.pkt.proto() == Packet.TCP && o.reject().tcpReset()) {
                Packet rst = new Packet(skb.pkt.dst(), skb.pkt.src(), Packet.TCP, skb.pkt.dport(), skb.pkt.sport(), 0, 0,
                        64, 0, Packet.RST | Packet.ACK, 0, 0, null);
                errors.add(new Pending(ns.name(), rst, skb.ct, skb.ct == null ? null : skb.ctDir.other()));
            } else if (skb.pkt.isV6()) {
                emitError6(ns, skb, Packet.ICMP6_DEST_UNREACH, o.reject().icmp6Code());
            } else {
                emitError(ns, skb, Packet.ICMP_DEST_UNREACH, o.reject().icmpCode());
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ helpers

    private TraceStep routeStep(Namespace ns, Skb skb, Hook hook, TraceEvent.Routed.Lookup lookup, RouteDecision r) {
        return rec.record(ns.name(), r.dev(), hook, new TraceEvent.Routed(lookup, skb.pkt.dst(), skb.mark, r), skb);
    }

    private boolean budget(Namespace ns, String dev, Skb skb) {
        if (++hops > MAX_HOPS) {
            drop(ns, dev, null, Disposition.Reason.LOOP_GUARD, skb);
            return false;
        }
        return true;
    }

    private void drop(Namespace ns, String dev, Hook hook, Disposition.Reason reason, Skb skb) {
        drop(ns, dev, hook, reason, null, null, skb);
    }

    /** A drop explained by {@code cause} (the event recorded just before, or one that is not a step). */
    private void drop(Namespace ns, String dev, Hook hook, Disposition.Reason reason, SourceRef by, TraceEvent cause,
            Skb skb) {
        rec.finish(dropStep(ns, dev, hook, new TraceEvent.Dropped(reason, null, by, cause, null, null), skb));
    }

    /** A drop about {@code address} (a route's destination, a next hop). */
    private void dropAt(Namespace ns, String dev, Disposition.Reason reason, IpAddr address, Skb skb) {
        rec.finish(dropStep(ns, dev, null, new TraceEvent.Dropped(reason, null, null, null, address, null), skb));
    }

    /** Records the drop step and returns the disposition it makes. */
    private Disposition dropStep(Namespace ns, String dev, Hook hook, TraceEvent.Dropped d, Skb skb) {
        TraceStep at = rec.record(ns.name(), dev, hook, d, skb);
        return new Disposition(Disposition.Fate.DROPPED, ns.location(dev), d.reason(), d.rule(), at);
    }

    /** The limited broadcast 255.255.255.255 (IPv4 only). */
    private static boolean isBroadcast(IpAddr a) {
        return !a.isV6() && a.v4bits() == -1;
    }

    /** An ICMP error in IPv4 terms; an IPv6 packet gets its ICMPv6 counterpart ({@link Icmp6}). */
    private void emitError(Namespace ns, Skb skb, int type, int code) {
        if (skb.pkt.isV6()) {
            emitError6(ns, skb, Icmp6.type(type, code), Icmp6.code(type, code));
            return;
        }
        if (!mayEmitErrors || skb.pkt.isIcmpError()) {
            return;
        }
        IpAddr src = ns.isLocalAddress(skb.pkt.dst()) ? skb.pkt.dst() : IpAddr.ANY4;
        queueError(ns, skb, Packet.icmpError(src, type, code, skb.pkt), type, code);
    }

    /**
     * An ICMPv6 error of {@code type}/{@code code}. Its source: the packet's destination when that is local, else the
     * prefsrc of the route back, else an address of the interface the packet came in on chosen towards the packet's
     * source (Linux's icmp6_send, pinned in the research, e03), else routing's choice.
     */
    private void emitError6(Namespace ns, Skb skb, int type, int code) {
        if (!mayEmitErrors || skb.pkt.isIcmpError() || skb.pkt.isNd()) {
            return;
        }
        Packet p = skb.pkt;
        IpAddr src;
        if (ns.isLocalAddress(p.dst())) {
            src = p.dst();
        } else {
            RouteDecision back = Routing.lookup(ns, p.src(), IpAddr.ANY6, "lo", null, 0);
            Interface in = skb.local ? null : ns.iface(skb.iif);
            src = back.prefSrc() != null ? back.prefSrc()
                    : in != null ? SourceSelection6.select(ns, in, p.src()) : IpAddr.ANY6;
        }
        queueError(ns, skb, Packet.icmpError(src, type, code, p), type, code);
    }

    private void queueError(Namespace ns, Skb skb, Packet err, int type, int code) {
        // icmp_glue_bits attaches the offending packet's entry (nf_ct_attach): the error is related to it even
        // when that entry was never confirmed, and NAT translates it (embedded header too) on the way out
        errors.add(new Pending(ns.name(), err, skb.ct, skb.ct == null ? null : skb.ctDir.other()));
        rec.record(ns.name(), skb.iif, null, new TraceEvent.IcmpErrorGenerated(type, code, skb.pkt.src()), skb);
    }
}
