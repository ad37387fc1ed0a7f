package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * IPv6 neighbour discovery (RFC 4861) as {@link Neighbours} walks it instead of ARP: a neighbour solicitation to
 * the target's solicited-node multicast address and the neighbour advertisement back are ICMPv6 packets that pass
 * netdev ingress/egress and the ip6/inet output and postrouting (sent) or prerouting and input (received) chains,
 * never forward and no arp-family chain; they are untracked (pinned in the research, e04). An unanswered
 * solicitation makes the router send ICMPv6 address unreachable (e05). The IPv6 defaults hop limit 255, the
 * solicitation's source (see {@link #senderAddress}) and the answering device (only the one that holds the target)
 * follow the kernel.
 */
final class NeighbourDiscovery {
    private NeighbourDiscovery() {
    }

    /** ff02::1:ff00:0/104 plus the target's low 24 bits. */
    static IpAddr solicitedNode(IpAddr target) {
        return IpAddr.v6(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (target.lo() & 0xffffffL));
    }

    static Packet solicitation(IpAddr sender, long mac, IpAddr target) {
        return new Packet(sender, solicitedNode(target), Packet.ICMPV6, 0, 0, Packet.ND_NEIGHBOUR_SOLICIT, 0, 255, 0,
                0, mac, 0, null);
    }

    static Packet advertisement(IpAddr target, long mac, IpAddr to) {
        return new Packet(target, to, Packet.ICMPV6, 0, 0, Packet.ND_NEIGHBOUR_ADVERT, 0, 255, 0, 0, mac, 0, null);
    }

    /**
     * The solicitation's source: the packet's own source when it is local (a host sending its own packet), else the
     * device's link-local address (a router resolving for a forwarded packet, e05), else the device's address chosen
     * towards the target.
     */
    static IpAddr senderAddress(Namespace ns, Interface dev, IpAddr target, IpAddr pktSrc) {
        if (!pktSrc.isUnspecified() && ns.isLocalAddress(pktSrc)) {
            return pktSrc;
        }
        for (IfAddress a : dev.addresses()) {
            if (a.addr().isLinkLocal()) {
                return a.addr();
            }
        }
        return SourceSelection6.select(ns, dev, target);
    }

    /** The ip6/inet base chains of a hook (no conntrack or NAT: neighbour discovery is untracked). */
    static List<HookOrder.Entry> chains(Namespace ns, Hook hook) {
        List<HookOrder.Entry> out = new ArrayList<>();
        for (HookOrder.Entry e : ns.hooks().ip(hook, true)) {
            if (e.chain() != null) {
                out.add(e);
            }
        }
        return out;
    }
}
