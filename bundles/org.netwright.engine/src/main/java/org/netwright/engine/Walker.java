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
    record Pending(String ns, Packet pkt, String cause, CtEntry ct, CtDir dir) {
        Pending(String ns, Packet pkt, String cause) {
            this(ns, pkt, cause, null, null);
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
        Routing.Result r = Routing.lookup(ns, skb.pkt.dst(), skb.pkt.src(), "lo", skb.oif, skb.mark);
        routeStep(ns, skb, Hook.OUTPUT, "output route", r);
        if (!outputRouteUsable(ns, skb, r)) {
            return;
        }
        if (skb.pkt.src() == 0) {
            skb.pkt = skb.pkt.withSrc(Routing.selectSource(ns, r, skb.pkt.dst()));
            int src = skb.pkt.src();
            rec.step(TraceStep.Kind.ROUTE, ns.name(), r.dev(), Hook.OUTPUT, null,
                    () -> "source address selected: " + Ip4.str(src), skb);
        }
        originHeader = skb.pkt;
        localOutput(ns, skb, r);
    }

    /** A packet arriving on {@code dev} of {@code ns} from the wire. */
    void receive(Namespace ns, String devName, Skb skb) {
        Interface dev = ns.iface(devName);
        if (dev == null) {
            rec.enter(ns.name());
            drop(ns, devName, "receive", "no such interface", null, skb);
            return;
        }
        receive(ns, dev, skb);
    }

    /** As {@link #receive(Namespace, String, Skb)}, the device already looked up (a wire knows its far end). */
    private void receive(Namespace ns, Interface dev, Skb skb) {
        rec.enter(ns.name());
        String devName = dev.name();
        rec.point(ns, devName, true, skb.pkt);
        rec.step(TraceStep.Kind.LINK, ns.name(), devName, null, null, () -> "received on " + devName, skb);
        if (!dev.up()) {
            drop(ns, devName, "receive", "interface " + devName + " is down", null, skb);
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
        Routing.Result r = Routing.lookup(ns, p.dst(), p.src(), skb.iif, null, skb.mark);
        routeStep(ns, skb, Hook.PREROUTING, "input route", r);
        boolean fwd = ns.sysctls().ipForward();
        switch (r.kind()) {
            case LOCAL, UNICAST -> {
                String bad = Routing.validateSource(ns, p, skb.iif);
                if (bad != null) {
                    rec.step(TraceStep.Kind.RPFILTER, ns.name(), skb.iif, Hook.PREROUTING, "drop", bad, skb);
                    drop(ns, skb.iif, "input route", bad, null, skb);
                    return;
                }
                if (r.kind() == Routing.Kind.LOCAL) {
                    localInput(ns, skb);
                } else if (!fwd) {
                    drop(ns, skb.iif, "input route", "not local and ip_forward=0: not forwarded", null, skb);
                } else {
                    forward(ns, skb, r);
                }
            }
            case BLACKHOLE -> drop(ns, skb.iif, "input route", "blackhole route", null, skb);
            case UNREACHABLE -> {
                drop(ns, skb.iif, "input route", "unreachable route", null, skb);
                if (fwd) {
                    emitError(ns, skb, Packet.ICMP_DEST_UNREACH, 1);
                }
            }
            case PROHIBIT -> {
                drop(ns, skb.iif, "input route", "prohibit route", null, skb);
                if (fwd) {
                    emitError(ns, skb, Packet.ICMP_DEST_UNREACH, 13);
                }
            }
            case NO_ROUTE -> {
                drop(ns, skb.iif, "input route", "no route to " + Ip4.str(p.dst()), null, skb);
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
                    drop(ns, skb.iif, "xfrm input", "esp packet carries no inner packet", null, skb);
                    return;
                }
                Skb in = new Skb(inner);
                in.mark = skb.mark;
                in.secpath = new ArrayList<>(skb.secpath);
                in.secpath.add(st);
                rec.step(TraceStep.Kind.XFRM, ns.name(), skb.iif, Hook.INPUT, null,
                        "decapsulated by state " + st + "; re-entering prerouting on " + skb.iif, in);
                if (!budget(ns, skb.iif, in)) {
                    return;
                }
                ipReceive(ns, skb.iif, in);
                return;
            }
        }
        String bad = Xfrm.policyCheck(ns, XfrmPolicy.Dir.IN, skb);
        if (bad != null) {
            rec.step(TraceStep.Kind.XFRM, ns.name(), skb.iif, Hook.INPUT, "drop", bad, skb);
            drop(ns, skb.iif, "xfrm policy check (in)", bad, null, skb);
            return;
        }
        LocalDelivery.Result d = LocalDelivery.deliver(ns, p, awaited);
        if (d.delivered()) {
            rec.step(TraceStep.Kind.DELIVER, ns.name(), skb.iif, Hook.INPUT, "delivered", d.reason(), skb);
            rec.observedAtDst = p;
            rec.finish(new Disposition(Disposition.Type.DELIVERED, ns.name(), skb.iif, "local delivery", d.reason(),
                    null));
        } else {
            drop(ns, skb.iif, "local delivery", d.reason(), null, skb);
            if (d.icmpType() >= 0) {
                emitError(ns, skb, d.icmpType(), d.icmpCode());
            }
        }
        if (d.reply() != null && reply == null) {
            reply = new Pending(ns.name(), d.reply(), d.reason());
            Packet answer = d.reply();
            rec.step(TraceStep.Kind.ICMP, ns.name(), skb.iif, Hook.INPUT, null, () -> "answer generated: " + answer, skb);
        }
    }

    private void forward(Namespace ns, Skb skb, Routing.Result r) {
        String bad = Xfrm.policyCheck(ns, XfrmPolicy.Dir.FWD, skb);
        if (bad != null) {
            rec.step(TraceStep.Kind.XFRM, ns.name(), skb.iif, Hook.FORWARD, "drop", bad, skb);
            drop(ns, skb.iif, "xfrm policy check (fwd)", bad, null, skb);
            return;
        }
        if (skb.pkt.ttl() <= 1) {
            String why = "ttl " + skb.pkt.ttl() + " would expire on forwarding";
            rec.step(TraceStep.Kind.TTL, ns.name(), skb.iif, Hook.FORWARD, "drop", why, skb);
            rec.finish(new Disposition(Disposition.Type.TTL_EXPIRED, ns.name(), skb.iif, "ip_forward", why, null));
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

    private void localOutput(Namespace ns, Skb skb, Routing.Result r) {
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
            Routing.Result rr = Routing.lookup(ns, skb.pkt.dst(), skb.pkt.src(), "lo", null, skb.mark);
            routeStep(ns, skb, Hook.OUTPUT, "reroute (mark/address changed in output)", rr);
            if (!outputRouteUsable(ns, skb, rr)) {
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
            rec.step(TraceStep.Kind.XFRM, ns.name(), skb.oif, Hook.POSTROUTING, null,
                    "nat changed the packet: xfrm policy lookup again", skb);
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
        return a.src() == b.src() && a.dst() == b.dst() && a.sport() == b.sport() && a.dport() == b.dport();
    }

    private void encapsulate(Namespace ns, Skb skb) {
        Xfrm.Bundle b = skb.xfrm;
        Packet outer = Xfrm.encapsulate(b, skb.pkt);
        Skb o = new Skb(outer);
        o.mark = skb.mark;
        o.local = true;
        o.encapDepth = skb.encapDepth + 1;
        rec.step(TraceStep.Kind.XFRM, ns.name(), skb.oif, Hook.POSTROUTING, null,
                "encapsulated by state " + b.state() + " (policy " + b.policy() + "); outer packet enters output", o);
        if (!budget(ns, skb.oif, o)) {
            return;
        }
        Routing.Result r = Routing.lookup(ns, outer.dst(), outer.src(), "lo", null, o.mark);
        routeStep(ns, o, Hook.OUTPUT, "route of the outer packet", r);
        if (!outputRouteUsable(ns, o, r)) {
            return;
        }
        o.route = r;
        o.oif = r.dev();
        if (!runIp(ns, Hook.OUTPUT, o, o.oif)) {
            return;
        }
        if (o.rerouteNeeded) {
            Routing.Result rr = Routing.lookup(ns, o.pkt.dst(), o.pkt.src(), "lo", null, o.mark);
            routeStep(ns, o, Hook.OUTPUT, "reroute of the outer packet", rr);
            if (!outputRouteUsable(ns, o, rr)) {
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
                rec.step(TraceStep.Kind.XFRM, ns.name(), skb.oif, at, null,
                        "xfrm policy " + out.policy() + " selects the packet: bundle with state " + out.bundle().state(),
                        skb);
                return true;
            }
            case BLOCK -> {
                rec.step(TraceStep.Kind.XFRM, ns.name(), skb.oif, at, "drop", "blocked by xfrm policy " + out.policy(), skb);
                drop(ns, skb.oif, "xfrm lookup", "blocked by xfrm policy " + out.policy(), null, skb);
                return false;
            }
            default -> {
                String why = "xfrm policy " + out.policy() + " needs an SA but none is installed (acquire)";
                rec.step(TraceStep.Kind.XFRM, ns.name(), skb.oif, at, "drop", why, skb);
                drop(ns, skb.oif, "xfrm lookup", why, null, skb);
                return false;
            }
        }
    }

    private boolean outputRouteUsable(Namespace ns, Skb skb, Routing.Result r) {
        switch (r.kind()) {
            case LOCAL, UNICAST -> {
                if (r.dev() == null || ns.iface(r.dev()) == null) {
                    drop(ns, null, "output route", "route has no usable device", null, skb);
                    return false;
                }
                return true;
            }
            default -> {
                drop(ns, null, "output route", r.describe() + " (error returned to the sending socket)", null, skb);
                return false;
            }
        }
    }

    // ------------------------------------------------------------------ devices and wires

    private void transmit(Namespace ns, String devName, Skb skb, int nextHop) {
        Interface dev = devName == null ? null : ns.iface(devName);
        if (dev == null) {
            drop(ns, devName, "transmit", "no such interface " + devName, null, skb);
            return;
        }
        if (!neighbour(ns, dev, skb, nextHop)) {
            return;
        }
        if (!runNetdev(ns, Hook.EGRESS, devName, skb)) {
            return;
        }
        rec.point(ns, devName, false, skb.pkt);
        rec.step(TraceStep.Kind.LINK, ns.name(), devName, null, null, () -> "sent on " + devName + " to next hop "
                + Ip4.str(nextHop), skb);
        if (!dev.up()) {
            drop(ns, devName, "transmit", "interface " + devName + " is down", null, skb);
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
            case DUMMY -> drop(ns, devName, "transmit", "dummy interface discards packets", null, skb);
            default -> wire(ns, dev, skb, nextHop);
        }
    }

    /** Neighbour resolution of the next hop ({@link Neighbours}); false when it failed (disposition set). */
    private boolean neighbour(Namespace ns, Interface dev, Skb skb, int nextHop) {
        Neighbours.Result r = Neighbours.resolve(sim, ns, dev, nextHop, skb.pkt.src());
        if (r == null) {
            return true;
        }
        rec.step(TraceStep.Kind.LINK, ns.name(), dev.name(), null, r.resolved() ? null : "drop", r.text(), skb);
        if (r.resolved()) {
            return true;
        }
        drop(ns, dev.name(), "neighbour resolution", r.detail(), r.by(), skb);
        // the kernel reports the failure with host unreachable, to a local sender too (over loopback)
        emitError(ns, skb, Packet.ICMP_DEST_UNREACH, 1);
        return false;
    }

    private void wire(Namespace ns, Interface dev, Skb skb, int nextHop) {
        // a bridge port sends frames as they are (forwarded, or from the bridge's own stack with its MAC)
        Packet p = dev.master() != null || skb.pkt.etherSrc() == dev.mac() ? skb.pkt : skb.pkt.withEtherSrc(dev.mac());
        PeerRef peer = dev.peer();
        if (peer == null) {
            rec.finish(new Disposition(Disposition.Type.LEFT_NETWORK, ns.name(), dev.name(), "transmit",
                    "nothing modelled behind " + dev.name(), null));
            return;
        }
        Namespace pns = sim.view().namespace(peer.namespace());
        Interface pif = pns.iface(peer.ifname());
        if (pif == null) {
            drop(ns, dev.name(), "transmit", "peer " + peer + " does not exist", null, skb);
            return;
        }
        if (pif.master() == null && !pns.isLocalAddress(nextHop) && nextHop != -1) {
            drop(ns, dev.name(), "neighbour resolution",
                    "no host behind " + dev.name() + " answers ARP for next hop " + Ip4.str(nextHop), null, skb);
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
        rec.step(TraceStep.Kind.BRIDGE, ns.name(), port.name(), null, null,
                "frame on port " + port.name() + " of bridge " + br.name() + (brnf ? " (br_netfilter on)" : ""), skb);
        skb.iif = port.name();
        if (!runBridge(ns, Hook.PREROUTING, skb, port.name(), brnf ? 0 : null, br.name())) {
            return;
        }
        int nh = skb.nextHop;
        if (br.hasAddress(nh) || ns.isLocalAddress(nh)) {
            rec.step(TraceStep.Kind.BRIDGE, ns.name(), br.name(), null, null, "destined to the bridge itself: up the stack", skb);
            if (!runBridge(ns, Hook.INPUT, skb, port.name(), null, br.name())) {
                return;
            }
            skb.brNfPrerouted = brnf;
            ipReceive(ns, br.name(), skb);
            return;
        }
        Interface out = bridgePortTo(ns, br, port.name(), nh);
        if (out == null) {
            drop(ns, br.name(), "bridge forwarding", "no port of " + br.name() + " leads to " + Ip4.str(nh)
                    + " (flooding is not modelled)", null, skb);
            return;
        }
        rec.step(TraceStep.Kind.BRIDGE, ns.name(), br.name(), Hook.FORWARD, null, "fdb: " + Ip4.str(nh) + " via port "
                + out.name(), skb);
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

    private void bridgeOutput(Namespace ns, Interface br, Skb skb, int nextHop) {
        skb.pkt = skb.pkt.withEtherSrc(br.mac());
        Interface out = bridgePortTo(ns, br, null, nextHop);
        if (out == null) {
            drop(ns, br.name(), "bridge output", "no port of " + br.name() + " leads to " + Ip4.str(nextHop)
                    + " (flooding is not modelled)", null, skb);
            return;
        }
        rec.step(TraceStep.Kind.BRIDGE, ns.name(), br.name(), Hook.OUTPUT, null, "fdb: " + Ip4.str(nextHop) + " via port "
                + out.name(), skb);
        if (!runBridge(ns, Hook.OUTPUT, skb, out.name(), null, br.name())) {
            return;
        }
        if (!runBridge(ns, Hook.POSTROUTING, skb, out.name(), null, br.name())) {
            return;
        }
        bridgeTransmit(ns, out, skb, nextHop);
    }

    private void bridgeTransmit(Namespace ns, Interface out, Skb skb, int nextHop) {
        if (!runNetdev(ns, Hook.EGRESS, out.name(), skb)) {
            return;
        }
        rec.point(ns, out.name(), false, skb.pkt);
        rec.step(TraceStep.Kind.LINK, ns.name(), out.name(), null, null, () -> "sent on bridge port " + out.name(), skb);
        wire(ns, out, skb, nextHop);
    }

    /** The port (other than {@code except}) whose far end owns {@code addr}. */
    private Interface bridgePortTo(Namespace ns, Interface br, String except, int addr) {
        return BridgeFdb.portTo(sim.view(), ns, br, except, addr);
    }

    // ------------------------------------------------------------------ hooks

    /** Runs an ip-layer hook; false when the packet is gone (disposition set). */
    private boolean runIp(Namespace ns, Hook hook, Skb skb, String dev) {
        List<HookOrder.Entry> entries = ns.hooks().ip(hook);
        // the context is the same for every function of the hook
        EvalContext c = entries.isEmpty() ? null : new EvalContext(sim, ns, hook, Family.IP, skb, rec, dev);
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
                    if (Conntrack.confirm(c) != Verdict.ACCEPT) {
                        drop(ns, dev, hook.nft() + " conntrack confirm", "conntrack insert failed (clash)", null, skb);
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
        rec.step(TraceStep.Kind.BRIDGE, ns.name(), bridge, hook, null, "br_netfilter: ip " + hook.nft() + " hook", skb);
        boolean ok = runIp(ns, hook, skb, bridge);
        skb.iif = savedIif;
        return ok;
    }

    private boolean handle(Namespace ns, String dev, HookOrder.Entry e, Hook hook, ChainEvaluator.Outcome o, Skb skb) {
        if (o.verdict() == Verdict.ACCEPT) {
            return true;
        }
        String where = e.chain() != null ? e.table().family().nft() + " " + e.table().name() + " " + e.chain().name()
                + " (" + hook.nft() + ", prio " + e.priority() + ")" : hook.nft() + " nat";
        SourceRef by = o.rule() == null ? null : o.rule().source() != null ? o.rule().source()
                : SourceRef.of(o.rule().text());
        drop(ns, dev, where, o.reason() == null ? "dropped" : o.reason(), by, skb);
        if (o.reject() != null) {
            if (skb.pkt.proto() == Packet.TCP && o.reject().tcpReset()) {
                Packet rst = new Packet(skb.pkt.dst(), skb.pkt.src(), Packet.TCP, skb.pkt.dport(), skb.pkt.sport(), 0, 0,
                        64, 0, Packet.RST | Packet.ACK, 0, 0, null);
                errors.add(new Pending(ns.name(), rst, "reject with tcp reset", skb.ct,
                        skb.ct == null ? null : skb.ctDir.other()));
            } else {
                emitError(ns, skb, Packet.ICMP_DEST_UNREACH, o.reject().icmpCode());
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ helpers

    private void routeStep(Namespace ns, Skb skb, Hook hook, String what, Routing.Result r) {
        int dst = skb.pkt.dst();
        long mark = skb.mark;
        rec.step(TraceStep.Kind.ROUTE, ns.name(), r.dev(), hook, r.kind().lower(),
                () -> what + " for " + Ip4.str(dst) + " (mark 0x" + Long.toHexString(mark) + "): " + r.describe(),
                skb);
    }

    private boolean budget(Namespace ns, String dev, Skb skb) {
        if (++hops > MAX_HOPS) {
            drop(ns, dev, "walk", "more than " + MAX_HOPS + " device crossings (loop guard)", null, skb);
            return false;
        }
        return true;
    }

    private void drop(Namespace ns, String dev, String where, String reason, SourceRef by, Skb skb) {
        rec.dropStep(ns.name(), dev, by, () -> where + ": " + reason, skb);
        rec.finish(new Disposition(Disposition.Type.DROPPED, ns.name(), dev, where, reason, by));
    }

    private void emitError(Namespace ns, Skb skb, int type, int code) {
        if (!mayEmitErrors || skb.pkt.isIcmpError()) {
            return;
        }
        int src = ns.isLocalAddress(skb.pkt.dst()) ? skb.pkt.dst() : 0;
        Packet err = Packet.icmpError(src, type, code, skb.pkt);
        // icmp_glue_bits attaches the offending packet's entry (nf_ct_attach): the error is related to it even
        // when that entry was never confirmed, and NAT translates it (embedded header too) on the way out
        errors.add(new Pending(ns.name(), err, "icmp type " + type + " code " + code, skb.ct,
                skb.ct == null ? null : skb.ctDir.other()));
        int to = skb.pkt.src();
        rec.step(TraceStep.Kind.ICMP, ns.name(), skb.iif, null, null, () -> "icmp error generated: type " + type + " code "
                + code + " to " + Ip4.str(to), skb);
    }
}
