package org.netwright.engine;

import java.util.List;

/** Evaluation of {@link Match} expressions against a packet and its metadata. */
final class Matches {
    private Matches() {
    }

    static boolean all(Match[] ms, EvalContext c, NfTable table) {
        for (Match m : ms) {
            if (!test(m, c, table)) {
                return false;
            }
        }
        return true;
    }

    static boolean all(List<Match> ms, EvalContext c, NfTable table) {
        for (Match m : ms) {
            if (!test(m, c, table)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyName(List<String> pats, String name) {
        for (String p : pats) {
            if (Interface.nameMatches(p, name)) {
                return true;
            }
        }
        return false;
    }

    static boolean test(Match m, EvalContext c, NfTable table) {
        Skb s = c.skb();
        Packet p = s.pkt;
        if (p.proto() == Packet.ARP && ipLayer(m)) {
            // an ip/transport match carries nft's implicit "meta protocol ip": an ARP frame never matches it
            return false;
        }
        return switch (m) {
            case Match.Not n -> familyOf(n.inner(), p, table) && !test(n.inner(), c, table);
            case Match.ArpAddr a -> p.proto() == Packet.ARP && a.set().contains(a.sender() ? p.src() : p.dst());
            case Match.ArpOp o -> p.proto() == Packet.ARP && p.icmpType() == o.op();
            case Match.EtherTypeArp e -> (p.proto() == Packet.ARP) == e.arp();
            case Match.Iif i -> anyName(i.names(), s.iif);
            case Match.Oif o -> anyName(o.names(), s.oif);
            case Match.IifInSet i -> inNameSet(table, i.set(), s.iif);
            case Match.OifInSet o -> inNameSet(table, o.set(), s.oif);
            case Match.Saddr a -> a.set().contains(p.src());
            case Match.Daddr a -> a.set().contains(p.dst());
            case Match.SaddrInSet a -> inAddrSet(table, a.set(), p.src());
            case Match.DaddrInSet a -> inAddrSet(table, a.set(), p.dst());
            case Match.L4Proto l -> l.protos().contains(p.proto());
            case Match.Sport sp -> p.hasPorts() && sp.ports().contains(p.sport());
            case Match.Dport dp -> p.hasPorts() && dp.ports().contains(p.dport());
            case Match.SportInSet sp -> p.hasPorts() && inPortSet(table, sp.set(), p.sport());
            case Match.DportInSet dp -> p.hasPorts() && inPortSet(table, dp.set(), p.dport());
            case Match.IcmpType t -> p.proto() == Packet.ICMP && t.types().contains(p.icmpType());
            case Match.NfProto f -> p.proto() != Packet.ARP && p.isV6() == f.v6();
            case Match.Icmp6Type t -> p.proto() == Packet.ICMPV6 && t.types().contains(p.icmpType());
            case Match.TcpFlags f -> p.proto() == Packet.TCP && (p.tcpFlags() & f.mask()) == f.value();
            case Match.CtStateIn cs -> cs.states().contains(effectiveState(s));
            case Match.CtStateOrNat cs -> cs.states().contains(effectiveState(s))
                    || (s.ct != null && ((cs.snat() && s.ct.srcNat) || (cs.dnat() && s.ct.dstNat)));
            case Match.CtZone z -> s.ct != null && s.ct.zone == z.zone();
            case Match.CtMark cm -> s.ct != null && (s.ct.mark & cm.mask()) == cm.value();
            case Match.CtDirection d -> s.ct != null && s.ctDir == d.dir();
            case Match.MetaMark mm -> (s.mark & mm.mask()) == mm.value();
            case Match.EtherSaddr e -> (p.etherSrc() & e.mask()) == (e.mac() & e.mask());
            case Match.Dscp d -> p.dscp() == d.dscp();
            case Match.MetaIpsec mi -> mi.exists() == !s.secpath.isEmpty();
            case Match.RtIpsec ri -> ri.exists() == (s.xfrm != null);
            case Match.IptPolicy ip -> ip.ipsec() == (ip.dirIn() ? !s.secpath.isEmpty() : s.xfrm != null);
            case Match.AddrType at -> at.types().contains(addrKind(c.ns(), at.source() ? p.src() : p.dst()));
            case Match.Opaque o -> branch(c, Choice.opaque(o)) == 0;
            case Match.Random r -> r.probability() >= 1 || (r.probability() > 0 && branch(c, Choice.random(r)) == 0);
            case Match.Nth n -> c.sim().nth(n);
            case Match.Recent r -> c.sim().recent(c.ns().name(), r.name()).test(r, r.source() ? p.src() : p.dst(), p.ttl());
        };
    }

    /**
     * Whether the packet is of the family an address match reads ({@code ip} or {@code ip6} header): a negated
     * match must still fail on the other family. Sets holding both families (or none) say nothing.
     */
    private static boolean familyOf(Match m, Packet p, NfTable table) {
        AddrSet set = switch (m) {
            case Match.Saddr a -> a.set();
            case Match.Daddr a -> a.set();
            case Match.SaddrInSet a -> namedAddrs(table, a.set());
            case Match.DaddrInSet a -> namedAddrs(table, a.set());
            default -> null;
        };
        if (set == null || set.hasV4() == set.hasV6()) {
            return true;
        }
        return p.isV6() ? set.hasV6() : set.hasV4();
    }

    private static AddrSet namedAddrs(NfTable t, String name) {
        NamedSet s = t == null ? null : t.set(name);
        return s == null ? null : s.addrs();
    }

    /** Takes a branch at a choice point of the walk and records it. */
    private static int branch(EvalContext c, Choice choice) {
        int k = c.sim().choose(choice);
        if (!c.rec().discards()) {
            c.rec().record(c, new TraceEvent.Branched(choice, k));
        }
        return k;
    }

    /** Whether {@code m} (or the match it negates) reads the IP or transport header. */
    private static boolean ipLayer(Match m) {
        Match x = m instanceof Match.Not n ? n.inner() : m;
        return x instanceof Match.Saddr || x instanceof Match.Daddr || x instanceof Match.SaddrInSet
                || x instanceof Match.DaddrInSet || x instanceof Match.L4Proto || x instanceof Match.Sport
                || x instanceof Match.Dport || x instanceof Match.SportInSet || x instanceof Match.DportInSet
                || x instanceof Match.IcmpType || x instanceof Match.Icmp6Type || x instanceof Match.TcpFlags || x instanceof Match.Dscp
                || x instanceof Match.AddrType || x instanceof Match.Recent;
    }

    /** The ct state as matched: no conntrack attached (and not notrack) is "invalid". */
    static CtState effectiveState(Skb s) {
        if (s.untracked) {
            return CtState.UNTRACKED;
        }
        if (s.ct == null || s.ctState == null) {
            return CtState.INVALID;
        }
        return s.ctState;
    }

    static Match.AddrKind addrKind(Namespace ns, IpAddr a) {
        if (!a.isV6() && a.v4bits() == -1) {
            return Match.AddrKind.BROADCAST;
        }
        if (a.isMulticast()) {
            return Match.AddrKind.MULTICAST;
        }
        if (ns.isLocalAddress(a)) {
            return Match.AddrKind.LOCAL;
        }
        if (a.isV6()) {
            // IPv6 has no broadcast
            return Match.AddrKind.UNICAST;
        }
        for (Interface i : ns.interfaces().values()) {
            for (IfAddress ia : i.addresses()) {
                if (!ia.isV6() && ia.len() < 31 && ia.prefix().contains(a) && ia.prefix().last().equals(a)) {
                    return Match.AddrKind.BROADCAST;
                }
            }
        }
        return Match.AddrKind.UNICAST;
    }

    private static boolean inAddrSet(NfTable t, String name, IpAddr a) {
        NamedSet s = t == null ? null : t.set(name);
        return s != null && s.addrs() != null && s.addrs().contains(a);
    }

    private static boolean inPortSet(NfTable t, String name, int port) {
        NamedSet s = t == null ? null : t.set(name);
        return s != null && s.ports() != null && s.ports().contains(port);
    }

    private static boolean inNameSet(NfTable t, String name, String dev) {
        NamedSet s = t == null ? null : t.set(name);
        if (s == null || s.strings() == null || dev == null) {
            return false;
        }
        for (String pat : s.strings()) {
            if (Interface.nameMatches(pat, dev)) {
                return true;
            }
        }
        return false;
    }

    /** Value of a map key field, unsigned (IPv4 address bits); -1 when the packet has no such field. */
    static long keyValue(MapKey k, Skb s) {
        Packet p = s.pkt;
        return switch (k) {
            case SADDR -> p.src().isV6() ? -1 : p.src().lo();
            case DADDR -> p.dst().isV6() ? -1 : p.dst().lo();
            case SPORT -> p.hasPorts() ? p.sport() : -1;
            case DPORT -> p.hasPorts() ? p.dport() : -1;
            case TCP_SPORT -> p.proto() == Packet.TCP ? p.sport() : -1;
            case TCP_DPORT -> p.proto() == Packet.TCP ? p.dport() : -1;
            case UDP_SPORT -> p.proto() == Packet.UDP ? p.sport() : -1;
            case UDP_DPORT -> p.proto() == Packet.UDP ? p.dport() : -1;
            case L4PROTO -> p.proto();
            case MARK -> s.mark;
            case IIFNAME, OIFNAME -> throw new IllegalArgumentException("an interface name is not a number: " + k);
        };
    }
}
