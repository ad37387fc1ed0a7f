package org.netwright.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Neighbour resolution (ARP, or for IPv6 neighbour discovery: {@link NeighbourDiscovery}) before a packet leaves on an L2 device for its next hop, as the kernel's neighbour
 * layer does it. A static entry of the namespace skips it. Otherwise the ARP request is a frame of its own: the
 * sender's arp-family output hook, then (for a bridge device) the bridge output and postrouting hooks of each
 * port it floods to, the port's netdev egress hook, the wire, the receiver's netdev ingress, a bridge's prerouting
 * and then input (the bridge's own stack) or forward/postrouting/egress onwards, and the arp input hook of the
 * namespace that owns the target address. Its reply goes back the same way. A drop anywhere, or no owner, fails
 * the resolution: the kernel then drops the queued packet and sends ICMP host unreachable to its source, also
 * when the source is local (over loopback) - pinned by KernelPinsTest.
 *
 * <p>The outcome is kept per simulation and namespace/device/address, as the kernel's neighbour table keeps an
 * entry across packets: later probes of one run hit it without walking ARP again.
 */
final class Neighbours {
    private Neighbours() {
    }

    /** A neighbour table entry: the resolution, and how a later packet's trace shows it (a table hit). */
    private static final class Entry {
        private final TraceEvent.NeighbourResolution first;
        private TraceEvent.NeighbourResolution hit;

        Entry(TraceEvent.NeighbourResolution first) {
            this.first = first;
        }

        TraceEvent.NeighbourResolution hit() {
            if (hit == null) {
                hit = first.cached();
            }
            return hit;
        }
    }

    private record Key(String ns, String dev, IpAddr addr) {
    }

    /** The neighbour table of one simulation (all namespaces). */
    static final class Cache {
        private final Map<Key, Entry> entries = new HashMap<>();

        /** A copy for another branch of a walk (entries are shared: they never change what they answer). */
        Cache copy() {
            Cache c = new Cache();
            c.entries.putAll(entries);
            return c;
        }
    }

    /** A crossing of the request: sent on {@code out} of {@code from}, received on {@code in} of {@code to}. */
    private record Crossing(Namespace from, String out, Namespace to, String in) {
    }


    /**
     * Resolves {@code nextHop} before a packet from {@code pktSrc} leaves on {@code dev}; null when no resolution
     * is involved (a device kind without ARP, broadcast or multicast, nothing modelled behind the device).
     */
    static TraceEvent.NeighbourResolution resolve(Simulation sim, Namespace ns, Interface dev, IpAddr nextHop,
            IpAddr pktSrc) {
        Interface.Kind k = dev.kind();
        if (k != Interface.Kind.VETH && k != Interface.Kind.PHYSICAL && k != Interface.Kind.BRIDGE) {
            return null;
        }
        if (nextHop.isUnspecified() || !nextHop.isV6() && nextHop.v4bits() == -1 || nextHop.isMulticast()) {
            return null;
        }
        Neighbour st = ns.staticNeighbour(dev.name(), nextHop);
        if (st != null) {
            return new TraceEvent.NeighbourResolution(nextHop, TraceEvent.NeighbourResolution.Resolution.PERMANENT, false,
                    null, st.lladdr(), null, null);
        }
        if (k != Interface.Kind.BRIDGE && dev.peer() == null) {
            return null;
        }
        Key key = new Key(ns.name(), dev.name(), nextHop);
        Cache cache = sim.neighbours();
        Entry e = cache.entries.get(key);
        if (e != null) {
            return e.hit();
        }
        TraceEvent.NeighbourResolution r = new Walk(sim, ns, dev, nextHop, senderAddress(ns, dev, nextHop, pktSrc)).run();
        cache.entries.put(key, new Entry(r));
        return r;
    }

    /**
     * The sender protocol address of the request: the packet's source when it is local (arp_announce 0), else
     * the device's address in the target's subnet, else its first address of the family; IPv6 as
     * {@link NeighbourDiscovery#senderAddress}.
     */
    static IpAddr senderAddress(Namespace ns, Interface dev, IpAddr target, IpAddr pktSrc) {
        if (target.isV6()) {
            return NeighbourDiscovery.senderAddress(ns, dev, target, pktSrc);
        }
        if (!pktSrc.isUnspecified() && ns.isLocalAddress(pktSrc)) {
            return pktSrc;
        }
        IpAddr a = Routing.deviceAddress(dev, target);
        return a == null ? IpAddr.ANY4 : a;
    }

    /** One resolution: the request flooded over the segment, the answer walked back. */
    private static final class Walk {
        private final Simulation sim;
        private final Namespace origin;
        private final Interface dev;
        private final IpAddr target;
        private final IpAddr sender;
        /** The ARP frames' rule steps, kept out of the packet's own trace. */
        private final TraceRecorder rec = TraceRecorder.discarding();
        private final Set<String> seenBridges = new HashSet<>();
        private TraceEvent.NeighbourResolution.ArpDrop firstDrop;
        /** The target's owner (namespace and device), once found. */
        private Location owner;

        Walk(Simulation sim, Namespace origin, Interface dev, IpAddr target, IpAddr sender) {
            this.sim = sim;
            this.origin = origin;
            this.dev = dev;
            this.target = target;
            this.sender = sender;
        }

        TraceEvent.NeighbourResolution run() {
            Packet req = target.isV6() ? NeighbourDiscovery.solicitation(sender, dev.mac(), target)
                    : Packet.arp(Packet.ARP_REQUEST, sender, dev.mac(), target);
            Skb s = skb(req, null, dev.name());
            boolean ok = sent(origin, dev.name(), s) && send(origin, dev, s.pkt, new ArrayList<>());
            TraceEvent.NeighbourResolution.Resolution result = ok ? TraceEvent.NeighbourResolution.Resolution.RESOLVED
                    : firstDrop != null ? TraceEvent.NeighbourResolution.Resolution.DROPPED
                    : owner != null ? TraceEvent.NeighbourResolution.Resolution.UNANSWERED
                    : TraceEvent.NeighbourResolution.Resolution.NO_OWNER;
            return new TraceEvent.NeighbourResolution(target, result, false, sender, 0, owner, ok ? null : firstDrop);
        }

        private static Skb skb(Packet p, String iif, String oif) {
            Skb s = new Skb(p);
            // neighbour discovery is never tracked (ct state untracked, e04)
            s.untracked = p.isNd();
            s.iif = iif;
            s.oif = oif;
            return s;
        }

        /** The request leaves on {@code out}: a bridge floods it to its ports. True when an answer reached the origin. */
        private boolean send(Namespace ns, Interface out, Packet req, List<Crossing> path) {
            if (out.kind() != Interface.Kind.BRIDGE) {
                return transmit(ns, out, req, path);
            }
            seenBridges.add(ns.name() + "/" + out.name());
            for (Interface port : ports(ns, out.name(), null)) {
                Skb s = skb(req, null, port.name());
                if (bridge(ns, Hook.OUTPUT, port.name(), s) && bridge(ns, Hook.POSTROUTING, port.name(), s)
                        && transmit(ns, port, s.pkt, path)) {
                    return true;
                }
            }
            return false;
        }

        private boolean transmit(Namespace ns, Interface port, Packet frame, List<Crossing> path) {
            Skb s = skb(frame, null, port.name());
            if (!run(ns, ns.hooks().netdev(Hook.EGRESS, port.name()), Hook.EGRESS, Family.NETDEV, port.name(), s)) {
                return false;
            }
            PeerRef peer = port.peer();
            Namespace pns = peer == null ? null : sim.view().namespaces().get(peer.namespace());
            Interface pif = pns == null ? null : pns.iface(peer.ifname());
            if (pif == null || !pif.up() || !port.up()) {
                return false;
            }
            path.add(new Crossing(ns, port.name(), pns, pif.name()));
            boolean ok = arrive(pns, pif, s.pkt, path);
            path.remove(path.size() - 1);
            return ok;
        }

        private boolean arrive(Namespace ns, Interface in, Packet req, List<Crossing> path) {
            Skb s = skb(req, in.name(), null);
            if (!run(ns, ns.hooks().netdev(Hook.INGRESS, in.name()), Hook.INGRESS, Family.NETDEV, in.name(), s)) {
                return false;
            }
            if (in.master() == null) {
                return answer(ns, in, s.pkt, path);
            }
            Interface br = ns.iface(in.master());
            if (br == null || !seenBridges.add(ns.name() + "/" + br.name()) || !bridge(ns, Hook.PREROUTING, in.name(), s)) {
                return false;
            }
            // a broadcast goes up the bridge's own stack and is flooded to the other ports
            Skb up = skb(s.pkt, in.name(), null);
            if (bridge(ns, Hook.INPUT, in.name(), up) && answer(ns, br, up.pkt, path)) {
                return true;
            }
            for (Interface port : ports(ns, br.name(), in.name())) {
                Skb f = skb(s.pkt, in.name(), port.name());
                if (bridge(ns, Hook.FORWARD, port.name(), f) && bridge(ns, Hook.POSTROUTING, port.name(), f)
                        && transmit(ns, port, f.pkt, path)) {
                    return true;
                }
            }
            return false;
        }

        /** The request reached the stack of {@code l3dev}: the owner of the target answers. */
        private boolean answer(Namespace ns, Interface l3dev, Packet req, List<Crossing> path) {
            Skb s = skb(req, l3dev.name(), null);
            if (!received(ns, l3dev.name(), s)) {
                return false;
            }
            // ARP answers for any local address (arp_ignore 0); neighbour discovery only for the receiving device's
            if (target.isLoopback() || !(target.isV6() ? l3dev.hasAddress(target) : ns.isLocalAddress(target))) {
                return false;
            }
            owner = ns.location(l3dev.name());
            Packet answer = target.isV6() ? NeighbourDiscovery.advertisement(target, l3dev.mac(), s.pkt.src())
                    : Packet.arp(Packet.ARP_REPLY, target, l3dev.mac(), s.pkt.src());
            Skb r = skb(answer, null, l3dev.name());
            return sent(ns, l3dev.name(), r) && replyBack(l3dev, r.pkt, path);
        }

        /** The frame leaves the stack: arp output, or for neighbour discovery ip6 output and postrouting. */
        private boolean sent(Namespace ns, String dev, Skb s) {
            if (!s.pkt.isNd()) {
                return run(ns, ns.hooks().arp(Hook.OUTPUT), Hook.OUTPUT, Family.ARP, dev, s);
            }
            return run(ns, NeighbourDiscovery.chains(ns, Hook.OUTPUT), Hook.OUTPUT, Family.IP6, dev, s)
                    && run(ns, NeighbourDiscovery.chains(ns, Hook.POSTROUTING), Hook.POSTROUTING, Family.IP6, dev, s);
        }

        /** The frame reaches the stack: arp input, or for neighbour discovery ip6 prerouting and input. */
        private boolean received(Namespace ns, String dev, Skb s) {
            if (!s.pkt.isNd()) {
                return run(ns, ns.hooks().arp(Hook.INPUT), Hook.INPUT, Family.ARP, dev, s);
            }
            return run(ns, NeighbourDiscovery.chains(ns, Hook.PREROUTING), Hook.PREROUTING, Family.IP6, dev, s)
                    && run(ns, NeighbourDiscovery.chains(ns, Hook.INPUT), Hook.INPUT, Family.IP6, dev, s);
        }

        /** The unicast answer retraces the request's crossings, last first. */
        private boolean replyBack(Interface l3dev, Packet reply, List<Crossing> path) {
            Packet rep = reply;
            for (int i = path.size() - 1; i >= 0; i--) {
                Crossing c = path.get(i);
                Namespace here = c.to();
                Skb s = skb(rep, i == path.size() - 1 ? null : path.get(i + 1).out(), c.in());
                if (i == path.size() - 1) {
                    if (!c.in().equals(l3dev.name()) && !(bridge(here, Hook.OUTPUT, c.in(), s)
                            && bridge(here, Hook.POSTROUTING, c.in(), s))) {
                        return false;
                    }
                } else if (!(bridge(here, Hook.FORWARD, c.in(), s) && bridge(here, Hook.POSTROUTING, c.in(), s))) {
                    return false;
                }
                s.iif = null;
                if (!run(here, here.hooks().netdev(Hook.EGRESS, c.in()), Hook.EGRESS, Family.NETDEV, c.in(), s)) {
                    return false;
                }
                Namespace there = c.from();
                Interface inIf = there.iface(c.out());
                Skb in = skb(s.pkt, c.out(), null);
                if (!run(there, there.hooks().netdev(Hook.INGRESS, c.out()), Hook.INGRESS, Family.NETDEV, c.out(), in)
                        || (inIf.master() != null && !bridge(there, Hook.PREROUTING, c.out(), in))) {
                    return false;
                }
                rep = in.pkt;
                if (i == 0) {
                    if (inIf.master() != null && !bridge(there, Hook.INPUT, c.out(), in)) {
                        return false;
                    }
                    Skb a = skb(rep, dev.name(), null);
                    return received(origin, dev.name(), a);
                }
            }
            return false;
        }

        private static List<Interface> ports(Namespace ns, String bridge, String except) {
            List<Interface> out = new ArrayList<>();
            for (Interface i : ns.interfaces().values()) {
                if (bridge.equals(i.master()) && !i.name().equals(except)) {
                    out.add(i);
                }
            }
            return out;
        }

        private boolean bridge(Namespace ns, Hook hook, String dev, Skb s) {
            return run(ns, ns.hooks().bridge(hook), hook, Family.BRIDGE, dev, s);
        }

        /** Runs base chains on the ARP frame; false (and the first drop noted) when one does not accept it. */
        private boolean run(Namespace ns, List<HookOrder.Entry> entries, Hook hook, Family family, String dev, Skb s) {
            for (HookOrder.Entry e : entries) {
                EvalContext c = new EvalContext(sim, ns, hook, family, s, rec, dev);
                ChainEvaluator.Outcome o = ChainEvaluator.evaluate(c, e.table(), e.chain());
                if (o.verdict() != Verdict.ACCEPT) {
                    if (firstDrop == null) {
                        firstDrop = new TraceEvent.NeighbourResolution.ArpDrop(ns.location(dev),
                                e.chain().ref(e.table(), e.priority()), hook,
                                o.rule() == null ? null : o.rule().sourceRef(),
                                s.pkt.isNd() ? s.pkt.icmpType() == Packet.ND_NEIGHBOUR_ADVERT
                                        : s.pkt.icmpType() == Packet.ARP_REPLY);
                    }
                    return false;
                }
            }
            return true;
        }
    }
}
