package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.ChainType;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.MapKey;
import org.netwright.engine.NamedMap;
import org.netwright.engine.IpAddr;
import org.netwright.engine.NatRange;
import org.netwright.engine.Namespace;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Statement;
import org.netwright.engine.Verdict;

/**
 * NAT statements as header transformations of a connection's first packet: the binding sets the source or the
 * destination (and, when the statement names one port, that port) to a constant, as the concrete NAT does when the
 * tuple is free, which it always is for a first packet in an empty table. What the kernel picks by hash (an address
 * out of a range, a port out of a range, NETMAP's host part) is taken as the concrete engine would not know it
 * either: the flow is marked inexact.
 */
final class SymbolicNat {
    private final Predicates p;
    private final Bdd bdd;

    SymbolicNat(Predicates p) {
        this.p = p;
        this.bdd = p.space().bdd();
    }

    record Part(Flow flow, Verdict verdict) {
    }

    /** A terminal NAT statement (all but verdicts) in a chain of {@code type} at {@code hook}. */
    List<Part> statement(Statement s, Namespace ns, Hook hook, NfTable table, ChainType type, Flow f, SourceRef where) {
        // outside nat chains, without conntrack or at the wrong hook the statement does nothing, and ends the chain
        if (type != ChainType.NAT || !f.ct) {
            return List.of(new Part(f, Verdict.ACCEPT));
        }
        boolean srcHook = hook == Hook.POSTROUTING || hook == Hook.INPUT;
        List<Part> out = new ArrayList<>();
        switch (s) {
            case Statement.Masquerade m -> masquerade(m, ns, f, srcHook, where, out);
            case Statement.Snat sn -> bind(true, sn.range(), EngineValues.natAddresses(sn.range()), f, srcHook, where, out);
            case Statement.Dnat dn -> bind(false, dn.range(), EngineValues.natAddresses(dn.range()), f, srcHook, where, out);
            case Statement.Redirect r -> {
                long a;
                if (hook == Hook.OUTPUT) {
                    a = EngineValues.loopbackAddress();
                } else {
                    Interface in = f.iif == null ? null : ns.iface(f.iif);
                    List<long[]> addrs = in == null ? List.of() : EngineValues.addresses(in);
                    if (addrs.isEmpty()) {
                        out.add(new Part(f, Verdict.DROP));
                        return out;
                    }
                    a = addrs.get(0)[0];
                }
                NatRange range = new NatRange(IpAddr.ANY4, IpAddr.ANY4, r.portLo(), r.portHi(), r.flags());
                bind(false, range, new EngineValues.Range(a, a), f, srcHook, where, out);
            }
            case Statement.Netmap nm -> {
                f.inexact("NETMAP keeps the host part of each address: not a constant rewrite, the address is left as it was",
                        where);
                out.add(new Part(f, Verdict.ACCEPT));
            }
            case Statement.NatMap nm -> natMap(nm, table, f, srcHook, where, out);
            default -> throw new IllegalStateException("not a NAT statement: " + s);
        }
        return out;
    }

    private void masquerade(Statement.Masquerade m, Namespace ns, Flow f, boolean srcHook, SourceRef where, List<Part> out) {
        Interface dev = f.oif == null ? null : ns.iface(f.oif);
        List<long[]> addrs = dev == null ? List.of() : EngineValues.addresses(dev);
        if (addrs.isEmpty()) {
            out.add(new Part(f, Verdict.DROP));
            return;
        }
        NatRange ports = new NatRange(IpAddr.ANY4, IpAddr.ANY4, m.portLo(), m.portHi(), m.flags());
        // the device's address in the next hop's subnet, else its first address (inet_select_addr)
        long nh = f.nextHop != Flow.SYMBOLIC ? f.nextHop : f.fixed(Field.DST);
        if (nh != Flow.SYMBOLIC) {
            long a = addrs.get(0)[0];
            for (long[] x : addrs) {
                if (nh >= x[1] && nh <= x[2]) {
                    a = x[0];
                    break;
                }
            }
            bind(true, ports, new EngineValues.Range(a, a), f, srcHook, where, out);
            return;
        }
        int rest = f.space;
        for (long[] x : addrs) {
            int in = bdd.and(rest, p.original(Field.DST, List.of(new EngineValues.Range(x[1], x[2]))));
            rest = bdd.diff(rest, in);
            if (in != Bdd.FALSE) {
                bind(true, ports, new EngineValues.Range(x[0], x[0]), f.with(in), srcHook, where, out);
            }
        }
        if (rest != Bdd.FALSE) {
            long a = addrs.get(0)[0];
            bind(true, ports, new EngineValues.Range(a, a), f.with(rest), srcHook, where, out);
        }
    }

    private void natMap(Statement.NatMap nm, NfTable table, Flow f, boolean srcHook, SourceRef where, List<Part> out) {
        NamedMap map = table.map(nm.map());
        int rest = f.space;
        if (map != null && nm.key() != MapKey.MARK) {
            Field key = switch (nm.key()) {
                case SADDR -> Field.SRC;
                case DADDR -> Field.DST;
                case SPORT -> Field.SPORT;
                case DPORT -> Field.DPORT;
                default -> Field.PROTO;
            };
            for (int i = 0; i < map.size() && rest != Bdd.FALSE; i++) {
                int k = p.in(f, key, List.of(new EngineValues.Range(map.keyLow(i), map.keyHigh(i))));
                if (key == Field.SPORT || key == Field.DPORT) {
                    k = bdd.and(k, p.hasPorts());
                }
                int part = bdd.and(rest, k);
                rest = bdd.diff(rest, k);
                NamedMap.Value v = map.value(i);
                if (part == Bdd.FALSE) {
                    continue;
                }
                EngineValues.Range target = EngineValues.natMapTarget(v);
                if (target == null) {
                    out.add(new Part(f.with(part), Verdict.ACCEPT));
                    continue;
                }
                int port = v.port() == null ? 0 : v.port();
                bind(nm.snat(), new NatRange(IpAddr.ANY4, IpAddr.ANY4, port, port), target, f.with(part), srcHook, where, out);
            }
        } else if (map != null) {
            NamedMap.Value v = null;
            for (int i = 0; i < map.size(); i++) {
                if (f.mark >= map.keyLow(i) && f.mark <= map.keyHigh(i)) {
                    v = map.value(i);
                }
            }
            EngineValues.Range target = v == null ? null : EngineValues.natMapTarget(v);
            if (target != null) {
                int port = v.port() == null ? 0 : v.port();
                bind(nm.snat(), new NatRange(IpAddr.ANY4, IpAddr.ANY4, port, port), target, f, srcHook, where, out);
                return;
            }
        }
        if (rest != Bdd.FALSE) {
            // no element: the statement does nothing
            out.add(new Part(f.with(rest), Verdict.ACCEPT));
        }
    }

    /**
     * The binding of a source ({@code src}) or destination NAT to {@code addrs} (null: keep the address) and the
     * ports of {@code ports} (when it names them), then accept.
     */
    private void bind(boolean src, NatRange ports, EngineValues.Range addrs, Flow f, boolean srcHook, SourceRef where,
            List<Part> out) {
        if (src != srcHook || (src ? f.srcNatDone : f.dstNatDone)) {
            out.add(new Part(f, Verdict.ACCEPT));
            return;
        }
        Field addrField = src ? Field.SRC : Field.DST;
        Field portField = src ? Field.SPORT : Field.DPORT;
        StringBuilder text = new StringBuilder(src ? "source NATed to " : "destination NATed to ");
        if (addrs != null) {
            if (addrs.lo() != addrs.hi()) {
                f.inexact("NAT to an address range: the kernel picks the address by a hash; its first address is taken",
                        where);
            }
            f.fix(addrField, addrs.lo());
            text.append(EngineValues.addrText(addrs.lo()));
        }
        if (src) {
            f.srcNatDone = true;
            f.srcNat = true;
        } else {
            f.dstNatDone = true;
            f.dstNat = true;
        }
        if (!ports.protoSpecified()) {
            f.translations.add(text.toString());
            out.add(new Part(f, Verdict.ACCEPT));
            return;
        }
        int withPorts = bdd.and(f.space, p.hasPorts());
        int icmp = bdd.and(f.space, p.proto(Packet.ICMP));
        int other = bdd.diff(bdd.diff(f.space, withPorts), icmp);
        if (withPorts != Bdd.FALSE) {
            Flow w = f.with(withPorts);
            if (ports.portLo() != ports.portHi()) {
                w.inexact("NAT to a port range: the kernel keeps or picks the port by the tuple's use; the range's first "
                        + "port is taken", where);
            }
            w.fix(portField, ports.portLo());
            w.translations.add(text + ":" + ports.portLo()
                    + (ports.portHi() != ports.portLo() ? "-" + ports.portHi() : ""));
            out.add(new Part(w, Verdict.ACCEPT));
        }
        if (icmp != Bdd.FALSE) {
            Flow w = f.with(icmp);
            w.inexact("NAT with a port range moves the ICMP echo identifier, which the symbolic header does not keep",
                    where);
            w.translations.add(text.toString());
            out.add(new Part(w, Verdict.ACCEPT));
        }
        if (other != Bdd.FALSE) {
            Flow w = f.with(other);
            w.translations.add(text.toString());
            out.add(new Part(w, Verdict.ACCEPT));
        }
    }
}
