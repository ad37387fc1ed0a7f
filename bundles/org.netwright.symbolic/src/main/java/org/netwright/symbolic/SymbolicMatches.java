package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.CtDir;
import org.netwright.engine.CtState;
import org.netwright.engine.Interface;
import org.netwright.engine.Match;
import org.netwright.engine.NamedSet;
import org.netwright.engine.Namespace;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.Rule;
import org.netwright.engine.SourceRef;

/**
 * The engine's {@link Match}es over a {@link Flow}: the set of its packets a match holds for, with the same meaning as
 * the concrete evaluation (a first packet: conntrack state NEW, TCP SYN, ICMP echo request, no secpath, no xfrm
 * bundle). What depends on state the first packet cannot show (recent tables, nth counters, random and opaque
 * matches) is decided as the concrete engine's first outcome decides it and marks the flow inexact with the rule.
 */
final class SymbolicMatches {
    private final Predicates p;
    private final Bdd bdd;

    SymbolicMatches(Predicates p) {
        this.p = p;
        this.bdd = p.space().bdd();
    }

    /** All of the rule's matches. */
    int rule(Rule r, Flow f, Namespace ns, NfTable table) {
        int m = Bdd.TRUE;
        for (Match x : r.matches()) {
            m = bdd.and(m, test(x, f, ns, table, r.source()));
            if (m == Bdd.FALSE) {
                return m;
            }
        }
        return m;
    }

    int test(Match m, Flow f, Namespace ns, NfTable table, SourceRef where) {
        return switch (m) {
            case Match.Not n -> bdd.not(test(n.inner(), f, ns, table, where));
            case Match.ArpAddr a -> Bdd.FALSE;
            case Match.ArpOp o -> Bdd.FALSE;
            // the symbolic engine walks IPv4 packets
            case Match.NfProto nf -> Predicates.constant(!nf.v6());
            case Match.Icmp6Type t -> Bdd.FALSE;
            case Match.EtherTypeArp e -> Predicates.constant(!e.arp());
            case Match.Iif i -> Predicates.constant(anyName(i.names(), f.iif));
            case Match.Oif o -> Predicates.constant(anyName(o.names(), f.oif));
            case Match.IifInSet i -> Predicates.constant(inNameSet(table, i.set(), f.iif));
            case Match.OifInSet o -> Predicates.constant(inNameSet(table, o.set(), f.oif));
            case Match.Saddr a -> p.addresses(f, Field.SRC, a.set());
            case Match.Daddr a -> p.addresses(f, Field.DST, a.set());
            case Match.SaddrInSet a -> addrSet(f, Field.SRC, table, a.set());
            case Match.DaddrInSet a -> addrSet(f, Field.DST, table, a.set());
            case Match.L4Proto l -> protos(l.protos());
            case Match.Sport sp -> p.ports(f, Field.SPORT, sp.ports());
            case Match.Dport dp -> p.ports(f, Field.DPORT, dp.ports());
            case Match.SportInSet sp -> portSet(f, Field.SPORT, table, sp.set());
            case Match.DportInSet dp -> portSet(f, Field.DPORT, table, dp.set());
            case Match.IcmpType t -> {
                List<EngineValues.Range> types = new ArrayList<>();
                t.types().forEach(x -> types.add(new EngineValues.Range(x, x)));
                yield bdd.and(p.proto(Packet.ICMP), p.in(f, Field.ICMP_TYPE, types));
            }
            // a first TCP packet is a SYN
            case Match.TcpFlags fl -> bdd.and(p.proto(Packet.TCP), Predicates.constant((Packet.SYN & fl.mask()) == fl.value()));
            case Match.CtStateIn cs -> Predicates.constant(cs.states().contains(state(f)));
            case Match.CtStateOrNat cs -> {
                if ((cs.snat() && f.srcNatDone) || (cs.dnat() && f.dstNatDone)) {
                    f.inexact("ctstate SNAT/DNAT after a NAT binding is decided as if the binding changed the tuple", where);
                }
                yield Predicates.constant(cs.states().contains(state(f))
                        || (f.ct && ((cs.snat() && f.srcNat) || (cs.dnat() && f.dstNat))));
            }
            case Match.CtZone z -> Predicates.constant(f.ct && f.zone == z.zone());
            case Match.CtMark cm -> Predicates.constant(f.ct && (f.ctMark & cm.mask()) == cm.value());
            case Match.CtDirection d -> Predicates.constant(f.ct && d.dir() == CtDir.ORIGINAL);
            case Match.MetaMark mm -> Predicates.constant((f.mark & mm.mask()) == mm.value());
            case Match.EtherSaddr e -> {
                f.inexact("ether saddr is not part of the symbolic header: decided as not matching", where);
                yield Bdd.FALSE;
            }
            case Match.Dscp d -> Predicates.constant(f.dscp == d.dscp());
            case Match.MetaIpsec mi -> Predicates.constant(!mi.exists());
            case Match.RtIpsec ri -> Predicates.constant(!ri.exists());
            case Match.IptPolicy ip -> Predicates.constant(!ip.ipsec());
            case Match.AddrType at -> addrType(f, ns, at.source() ? Field.SRC : Field.DST, at.types());
            case Match.Opaque o -> {
                f.inexact("opaque match (" + o.what() + "): decided as matching", o.where() != null ? o.where() : where);
                yield Bdd.TRUE;
            }
            case Match.Random r -> {
                if (r.probability() >= 1) {
                    yield Bdd.TRUE;
                }
                if (r.probability() <= 0) {
                    yield Bdd.FALSE;
                }
                f.inexact("random match (" + r.what() + "): decided as matching", where);
                yield Bdd.TRUE;
            }
            case Match.Nth n -> {
                f.inexact("statistic nth keeps a counter across packets: decided for a first packet", where);
                yield Predicates.constant(n.packet() == 0);
            }
            case Match.Recent r -> {
                f.inexact("recent keeps a table across packets: decided with an empty table", where);
                yield Predicates.constant(r.mode() == Match.RecentMode.SET);
            }
        };
    }

    /** The conntrack state a first packet shows. */
    static CtState state(Flow f) {
        if (f.untracked) {
            return CtState.UNTRACKED;
        }
        return f.ct ? CtState.NEW : CtState.INVALID;
    }

    private int protos(java.util.Set<Integer> protos) {
        int r = Bdd.FALSE;
        for (int x : protos) {
            r = bdd.or(r, p.proto(x));
        }
        return r;
    }

    private int addrSet(Flow f, Field field, NfTable t, String name) {
        NamedSet s = t == null ? null : t.set(name);
        return s == null || s.addrs() == null ? Bdd.FALSE : p.addresses(f, field, s.addrs());
    }

    private int portSet(Flow f, Field field, NfTable t, String name) {
        NamedSet s = t == null ? null : t.set(name);
        return s == null || s.ports() == null ? Bdd.FALSE : p.ports(f, field, s.ports());
    }

    private static boolean anyName(List<String> patterns, String name) {
        return patterns.stream().anyMatch(x -> Interface.nameMatches(x, name));
    }

    private static boolean inNameSet(NfTable t, String set, String dev) {
        NamedSet s = t == null ? null : t.set(set);
        return s != null && s.strings() != null && dev != null && s.strings().stream().anyMatch(x -> Interface.nameMatches(x, dev));
    }

    /**
     * {@code fib ... type} / {@code addrtype}, classified in the concrete engine's order: all-ones broadcast,
     * multicast, local, an interface's subnet broadcast, else unicast.
     */
    private int addrType(Flow f, Namespace ns, Field field, java.util.Set<Match.AddrKind> kinds) {
        List<EngineValues.Range> local = new ArrayList<>();
        EngineValues.localAddresses(ns).forEach(a -> local.add(new EngineValues.Range(a, a)));
        local.add(EngineValues.loopbackNet());
        List<EngineValues.Range> subnetBroadcast = new ArrayList<>();
        for (Interface i : ns.interfaces().values()) {
            for (long[] a : EngineValues.addresses(i)) {
                if (a[3] < 31) {
                    subnetBroadcast.add(new EngineValues.Range(a[2], a[2]));
                }
            }
        }
        int b1 = p.in(f, field, List.of(EngineValues.broadcastAll()));
        int seen = b1;
        int mc = bdd.diff(p.in(f, field, List.of(EngineValues.multicast())), seen);
        seen = bdd.or(seen, mc);
        int lo = bdd.diff(p.in(f, field, local), seen);
        seen = bdd.or(seen, lo);
        int b2 = bdd.diff(p.in(f, field, subnetBroadcast), seen);
        seen = bdd.or(seen, b2);
        int r = Bdd.FALSE;
        if (kinds.contains(Match.AddrKind.BROADCAST)) {
            r = bdd.or(r, bdd.or(b1, b2));
        }
        if (kinds.contains(Match.AddrKind.MULTICAST)) {
            r = bdd.or(r, mc);
        }
        if (kinds.contains(Match.AddrKind.LOCAL)) {
            r = bdd.or(r, lo);
        }
        if (kinds.contains(Match.AddrKind.UNICAST)) {
            r = bdd.or(r, bdd.not(seen));
        }
        return r;
    }
}
