package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.AddrSet;
import org.netwright.engine.IfAddress;
import org.netwright.engine.Interface;
import org.netwright.engine.IpAddr;
import org.netwright.engine.NamedMap;
import org.netwright.engine.NatRange;
import org.netwright.engine.Namespace;
import org.netwright.engine.Packet;
import org.netwright.engine.PolicyRule;
import org.netwright.engine.Prefix;
import org.netwright.engine.Route;
import org.netwright.engine.Statement;

/**
 * Every read of an engine address, prefix or address range, and every engine packet made, in one place: the rest of
 * the symbolic engine sees addresses as unsigned values of {@link Field#ADDRESS_BITS} bits ({@code long} now) and
 * ranges as {@code [lo, hi]} pairs. The symbolic engine covers IPv4: IPv6 routes, rules and interface addresses are
 * left out here (null or skipped), and an IPv6 value where an IPv4 one must be is an error.
 */
final class EngineValues {
    private EngineValues() {
    }

    /** An inclusive range of field values. */
    record Range(long lo, long hi) {
        boolean contains(long v) {
            return v >= lo && v <= hi;
        }
    }

    static long addr(IpAddr a) {
        if (a.isV6()) {
            throw new IllegalArgumentException("an IPv6 address where the symbolic engine reads IPv4: " + a);
        }
        return a.lo();
    }

    static String addrText(long a) {
        return IpAddr.v4((int) a).toString();
    }

    static Range range(Prefix p) {
        return new Range(addr(p.first()), addr(p.last()));
    }

    /** The IPv4 intervals of an address set. */
    static List<Range> ranges(AddrSet s) {
        List<Range> out = new ArrayList<>(s.intervalCount4());
        for (int i = 0; i < s.intervalCount4(); i++) {
            out.add(new Range(s.intervalLow(i), s.intervalHigh(i)));
        }
        return out;
    }

    /** {@code a.b.c.d}, a prefix or a range, as the command line gives them. */
    static Range parseAddresses(String text) {
        return ranges(AddrSet.of(text)).get(0);
    }

    /** An IPv4 route's destination; null for an IPv6 route. */
    static Range routeDst(Route r) {
        return r.dst().first().isV6() ? null : range(r.dst());
    }

    /** A route's gateway, -1 when it has none. */
    static long via(Route r) {
        return r.via() == null ? -1 : addr(r.via());
    }

    /** A route's preferred source, -1 when it has none. */
    static long prefSrc(Route r) {
        return r.src() == null ? -1 : addr(r.src());
    }

    /** Whether a policy rule is one of the IPv6 rules, which IPv4 packets never consult. */
    static boolean isV6(PolicyRule r) {
        return r.v6();
    }

    static Range ruleFrom(PolicyRule r) {
        return r.from() == null ? null : range(r.from());
    }

    static Range ruleTo(PolicyRule r) {
        return r.to() == null ? null : range(r.to());
    }

    /** The addresses of an interface, in configuration order: each as {@code [address, prefix first, prefix last]}. */
    static List<long[]> addresses(Interface i) {
        List<long[]> out = new ArrayList<>();
        for (IfAddress a : i.addresses()) {
            if (!a.isV6()) {
                out.add(new long[] {addr(a.addr()), addr(a.prefix().first()), addr(a.prefix().last()), a.len()});
            }
        }
        return out;
    }

    /** Every address configured in the namespace (loopback's included). */
    static List<Long> localAddresses(Namespace ns) {
        List<Long> out = new ArrayList<>();
        for (Interface i : ns.interfaces().values()) {
            for (IfAddress a : i.addresses()) {
                if (!a.isV6()) {
                    out.add(addr(a.addr()));
                }
            }
        }
        return out;
    }

    /** The loopback network every namespace treats as local (127.0.0.0/8). */
    static Range loopbackNet() {
        return range(Prefix.parse("127.0.0.0/8"));
    }

    static boolean isLocal(Namespace ns, long a) {
        return ns.isLocalAddress(IpAddr.v4((int) a));
    }

    static long loopbackAddress() {
        return addr(IpAddr.parse("127.0.0.1"));
    }

    static Range broadcastAll() {
        return new Range(Field.DST.max(), Field.DST.max());
    }

    static Range multicast() {
        return range(Prefix.parse("224.0.0.0/4"));
    }

    /** A NAT statement's address range, null when it keeps the address. */
    static Range natAddresses(NatRange r) {
        return r.addrLo() == null ? null : new Range(addr(r.addrLo()), addr(r.addrHi()));
    }

    static Range natMapTarget(NamedMap.Value v) {
        return v.addr() == null ? null : new Range(addr(v.addr()), addr(v.addr()));
    }

    static long setAddress(Statement s) {
        return switch (s) {
            case Statement.SetSaddr a -> addr(a.addr());
            case Statement.SetDaddr a -> addr(a.addr());
            default -> throw new IllegalArgumentException(s.toString());
        };
    }

    /** The engine packet with these field values (a first packet: TCP SYN, ICMP echo request, TTL 64). */
    static Packet packet(long proto, long src, long dst, long sport, long dport, long icmpType) {
        int flags = proto == Packet.TCP ? Packet.SYN : 0;
        return new Packet(IpAddr.v4((int) src), IpAddr.v4((int) dst), (int) proto, (int) sport, (int) dport, (int) icmpType, 0, 64, 0, flags,
                0, 0, null);
    }

    static long src(Packet p) {
        return addr(p.src());
    }

    static long dst(Packet p) {
        return addr(p.dst());
    }
}
