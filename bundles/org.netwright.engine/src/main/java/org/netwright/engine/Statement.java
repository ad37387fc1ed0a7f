package org.netwright.engine;

/**
 * Neutral rule-statement IR (verdicts, NAT, mangling, conntrack). Mark arithmetic follows
 * iptables {@code --set-xmark}: {@code mark = (mark & ~mask) ^ value}; nft {@code meta mark set V} is
 * value V with a full mask.
 */
public sealed interface Statement {
    /** Terminal verdicts end rule evaluation of the current base chain. */
    default boolean terminal() {
        return false;
    }

    record Accept() implements Statement {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    record Drop() implements Statement {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    /**
     * Reject: ICMP (type 3, given code), for an IPv6 packet ICMPv6 destination unreachable with {@code icmp6Code}, or
     * TCP reset when {@code tcpReset}.
     */
    record Reject(int icmpCode, boolean tcpReset, int icmp6Code) implements Statement {
        /** A reject whose ICMPv6 code is the counterpart of the IPv4 one (nft's plain {@code reject}, {@code icmpx}). */
        public Reject(int icmpCode, boolean tcpReset) {
            this(icmpCode, tcpReset, Icmp6.unreachCode(icmpCode));
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    record Jump(String chain) implements Statement {
    }

    record Goto(String chain) implements Statement {
    }

    record Return() implements Statement {
    }

    /** nft {@code continue}: go on with the next rule. */
    record Continue() implements Statement {
    }

    /** Userspace queue; with no consumer modelled the packet is dropped (kernel default without bypass). */
    record Queue(int num) implements Statement {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    record Counter() implements Statement {
    }

    record Log(String prefix) implements Statement {
    }

    /** masquerade [to :ports] [flags]: source NAT to the output interface's selected address. */
    record Masquerade(int portLo, int portHi, NatFlags flags) implements Statement {
        public Masquerade {
            flags = flags == null ? NatFlags.NONE : flags;
        }

        public Masquerade(int portLo, int portHi) {
            this(portLo, portHi, NatFlags.NONE);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    record Snat(NatRange range) implements Statement {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    record Dnat(NatRange range) implements Statement {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** {@code snat|dnat to KEY map @name}. */
    record NatMap(boolean snat, MapKey key, String map) implements Statement {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** redirect [to :port] [flags]: DNAT to the incoming interface's primary address (127.0.0.1 on output). */
    record Redirect(int portLo, int portHi, NatFlags flags) implements Statement {
        public Redirect {
            flags = flags == null ? NatFlags.NONE : flags;
        }

        public Redirect(int portLo, int portHi) {
            this(portLo, portHi, NatFlags.NONE);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** NETMAP: map the prefix part of saddr (source) or daddr, keeping host bits. */
    record Netmap(Prefix to, boolean source) implements Statement {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** {@code KEY vmap @name}. */
    record VerdictMap(MapKey key, String map) implements Statement {
    }

    /**
     * {@code KEY . KEY ... vmap @name}: a verdict map on a concatenation of packet fields (kube-proxy's service
     * dispatch {@code ip daddr . meta l4proto . th dport vmap @service-ips}).
     */
    record ConcatVerdictMap(java.util.List<MapKey> keys, String map) implements Statement {
        public ConcatVerdictMap {
            keys = java.util.List.copyOf(keys);
        }
    }

    /** Stateless {@code ip saddr set A}. */
    record SetSaddr(IpAddr addr) implements Statement {
    }

    /** Stateless {@code ip daddr set A}. */
    record SetDaddr(IpAddr addr) implements Statement {
    }

    record SetDscp(int dscp) implements Statement {
    }

    /** meta mark set / MARK --set-xmark value/mask. */
    record SetMark(long value, long mask) implements Statement {
    }

    /** meta mark set ct mark / CONNMARK --restore-mark: {@code mark = (mark & ~mask) | (ctmark & mask)}. */
    record MarkFromCtMark(long mask) implements Statement {
    }

    /** ct mark set / CONNMARK --set-xmark value/mask. */
    record SetCtMark(long value, long mask) implements Statement {
    }

    /** ct mark set meta mark / CONNMARK --save-mark: {@code ctmark = (ctmark & ~mask) | (mark & mask)}. */
    record CtMarkFromMark(long mask) implements Statement {
    }

    /** ct zone set N / CT --zone N: only effective before the conntrack lookup (priority &lt; -200). */
    record SetCtZone(int zone) implements Statement {
    }

    /** notrack / CT --notrack: only effective before the conntrack lookup. */
    record Notrack() implements Statement {
    }

    /**
     * A statement the engine does not execute ({@code what} says which, {@code where} where it is written): the walk
     * goes on as if it did nothing, and its result is uncertain.
     */
    record Opaque(String what, SourceRef where) implements Statement {
    }

    /**
     * A verdict chosen at random or by a hash with a seed the kernel picks ({@code numgen random mod N vmap {...}},
     * {@code jhash ... mod N vmap {...}}): {@code verdicts} holds the verdict of each value 0..N-1 (null: no element,
     * the rule goes on). The walk explores every value with probability 1/N.
     */
    record ChanceVmap(Choice.Kind kind, String what, java.util.List<Statement> verdicts) implements Statement {
        public ChanceVmap {
            verdicts = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(verdicts));
        }
    }

    // ---- convenience factories ----

    static Statement accept() {
        return new Accept();
    }

    static Statement drop() {
        return new Drop();
    }

    static Statement reject() {
        return new Reject(3, false);
    }

    static Statement jump(String c) {
        return new Jump(c);
    }

    static Statement goTo(String c) {
        return new Goto(c);
    }

    static Statement ret() {
        return new Return();
    }

    static Statement counter() {
        return new Counter();
    }

    static Statement masquerade() {
        return new Masquerade(0, 0);
    }

    static Statement snat(String addr) {
        return new Snat(NatRange.addr(addr));
    }

    static Statement dnat(String addr) {
        return new Dnat(NatRange.addr(addr));
    }

    static Statement dnat(String addr, int port) {
        return new Dnat(NatRange.addrPort(addr, port));
    }

    static Statement setMark(long v) {
        return new SetMark(v, 0xffffffffL);
    }

    static Statement ctZone(int z) {
        return new SetCtZone(z);
    }

    static Statement notrack() {
        return new Notrack();
    }

    static Statement setDaddr(String a) {
        return new SetDaddr(IpAddr.parse(a));
    }

    static Statement setSaddr(String a) {
        return new SetSaddr(IpAddr.parse(a));
    }

    static Statement ctMarkFromMark() {
        return new CtMarkFromMark(0xffffffffL);
    }

    static Statement markFromCtMark() {
        return new MarkFromCtMark(0xffffffffL);
    }
}
