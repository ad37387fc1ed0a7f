package org.netwright.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Neutral rule-match IR that both nftables and iptables rules compile to. All records are immutable;
 * {@link Not} negates any match. Interface names may end with {@code +} or {@code *} (prefix wildcard).
 */
public sealed interface Match {
    /** {@code iifname} / {@code -i}: any of the names. */
    record Iif(List<String> names) implements Match {
    }

    /** {@code oifname} / {@code -o}: any of the names. */
    record Oif(List<String> names) implements Match {
    }

    /** {@code iifname @set}. */
    record IifInSet(String set) implements Match {
    }

    /** {@code oifname @set}. */
    record OifInSet(String set) implements Match {
    }

    /** {@code ip saddr PREFIX|RANGE|{...}} / {@code -s}. */
    record Saddr(AddrSet set) implements Match {
    }

    /** {@code ip daddr ...} / {@code -d}. */
    record Daddr(AddrSet set) implements Match {
    }

    /** {@code ip saddr @set}. */
    record SaddrInSet(String set) implements Match {
    }

    /** {@code ip daddr @set}. */
    record DaddrInSet(String set) implements Match {
    }

    /** {@code meta l4proto {...}} / {@code -p}. */
    record L4Proto(Set<Integer> protos) implements Match {
    }

    /** {@code th sport ...} / {@code --sport}: also implies the protocol has ports. */
    record Sport(PortSet ports) implements Match {
    }

    /** {@code th dport ...} / {@code --dport}. */
    record Dport(PortSet ports) implements Match {
    }

    /** {@code th sport @set}. */
    record SportInSet(String set) implements Match {
    }

    /** {@code th dport @set}. */
    record DportInSet(String set) implements Match {
    }

    /** {@code icmp type {...}}: ICMP (IPv4) only. */
    record IcmpType(Set<Integer> types) implements Match {
    }

    /** {@code icmpv6 type {...}} / {@code -m icmp6 --icmpv6-type}: ICMPv6 only. */
    record Icmp6Type(Set<Integer> types) implements Match {
    }

    /** {@code tcp flags & mask == value}. */
    record TcpFlags(int mask, int value) implements Match {
    }

    /** {@code ct state {...}} / {@code -m conntrack --ctstate}. */
    record CtStateIn(Set<CtState> states) implements Match {
    }

    /**
     * {@code -m conntrack --ctstate} listing the virtual states SNAT/DNAT: matches a packet whose state is one of
     * {@code states}, or whose connection has an active source (destination) translation, as xt_conntrack tests
     * the entry's IPS_SRC_NAT / IPS_DST_NAT status bits.
     */
    record CtStateOrNat(Set<CtState> states, boolean snat, boolean dnat) implements Match {
    }

    /** {@code ct zone N}. */
    record CtZone(int zone) implements Match {
    }

    /** {@code ct mark & mask == value} / {@code -m connmark --mark v/m}. */
    record CtMark(long value, long mask) implements Match {
    }

    /** {@code ct direction original|reply}. */
    record CtDirection(CtDir dir) implements Match {
    }

    /** {@code meta mark & mask == value} / {@code -m mark --mark v/m}. */
    record MetaMark(long value, long mask) implements Match {
    }

    /** {@code ether saddr & mask == mac}. */
    record EtherSaddr(long mac, long mask) implements Match {
    }

    /** {@code ip dscp N} / {@code -m dscp --dscp N}. */
    record Dscp(int dscp) implements Match {
    }

    /**
     * {@code meta nfproto ipv4|ipv6} ({@code v6}): the packet's family; also the implicit dependency nft adds to an
     * {@code ip}/{@code ip6} header match that is not an address match.
     */
    record NfProto(boolean v6) implements Match {
    }

    /** {@code meta ipsec exists|missing} (the packet was decapsulated by xfrm: it has a secpath). */
    record MetaIpsec(boolean exists) implements Match {
    }

    /** {@code rt ipsec exists|missing} (the route of the packet has an xfrm bundle). */
    record RtIpsec(boolean exists) implements Match {
    }

    /** iptables {@code -m policy --dir in|out --pol ipsec|none}. */
    record IptPolicy(boolean dirIn, boolean ipsec) implements Match {
    }

    /** Address type classes of {@code fib ... type} / {@code -m addrtype}. */
    enum AddrKind {
        LOCAL, UNICAST, BROADCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT
    }

    /** {@code fib saddr|daddr type {...}} / {@code -m addrtype --src-type/--dst-type}. */
    record AddrType(boolean source, Set<AddrKind> types) implements Match {
    }

    /** {@code arp saddr ip} / {@code arp daddr ip}: only ARP frames match (nft's implicit ARP header dependency). */
    record ArpAddr(boolean sender, AddrSet set) implements Match {
    }

    /** {@code arp operation}. */
    record ArpOp(int op) implements Match {
    }

    /** {@code meta protocol arp} (true) or {@code meta protocol ip} (false): the frame's ethertype. */
    record EtherTypeArp(boolean arp) implements Match {
    }

    /**
     * Negation. A negated address match keeps nft's implicit family dependency: {@code ip saddr != X} in an
     * {@code inet} chain never matches an IPv6 packet.
     */
    record Not(Match inner) implements Match {
    }

    /**
     * A match the engine does not evaluate ({@code what} says which, {@code where} where it is written): a walk that
     * reaches it explores both branches, and its result is uncertain.
     */
    record Opaque(String what, SourceRef where) implements Match {
    }

    /**
     * A match that holds at random with {@code probability} ({@code -m statistic --mode random}): the walk explores
     * both branches with their probabilities. {@code what} is the match as written.
     */
    record Random(double probability, String what) implements Match {
        public Random {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability " + probability + " is not within 0..1");
            }
        }
    }

    /**
     * {@code -m statistic --mode nth --every N --packet P}: one counter per rule, starting at {@code packet}, advanced by
     * every packet that reaches the match; it matches when the counter wraps from N-1 to 0. Identity-compared: each
     * rule has its own counter.
     */
    final class Nth implements Match {
        private final int every;
        private final int packet;

        public Nth(int every, int packet) {
            if (every < 1 || packet < 0 || packet >= every) {
                throw new IllegalArgumentException("--every must be at least 1 and --packet within 0.." + (every - 1));
            }
            this.every = every;
            this.packet = packet;
        }

        public int every() {
            return every;
        }

        public int packet() {
            return packet;
        }

        @Override
        public String toString() {
            return "statistic nth every " + every + " packet " + packet;
        }
    }

    /** What an {@code -m recent} rule does with its table. */
    enum RecentMode {
        SET, RCHECK, UPDATE, REMOVE
    }

    /**
     * {@code -m recent}: a table of addresses per {@code name} kept across the probes of one run. {@code seconds} 0
     * means no age limit, {@code hitcount} 0 none; {@code source}: the packet's source address is looked up
     * ({@code --rsource}), else its destination. All probes of one run happen within a second, so an entry is
     * never older than {@code --seconds} allows ({@code --seconds 0} is refused by the kernel).
     */
    record Recent(String name, RecentMode mode, long seconds, int hitcount, boolean reap, boolean ttl, boolean source,
            int mask) implements Match {
    }

    // ---- convenience factories ----

    static Match iif(String... names) {
        return new Iif(List.of(names));
    }

    static Match oif(String... names) {
        return new Oif(List.of(names));
    }

    static Match saddr(String... elements) {
        return new Saddr(AddrSet.of(elements));
    }

    static Match daddr(String... elements) {
        return new Daddr(AddrSet.of(elements));
    }

    static Match proto(int... protos) {
        java.util.Set<Integer> s = new java.util.LinkedHashSet<>();
        for (int p : protos) {
            s.add(p);
        }
        return new L4Proto(Set.copyOf(s));
    }

    static Match udp() {
        return proto(Packet.UDP);
    }

    static Match tcp() {
        return proto(Packet.TCP);
    }

    static Match icmp() {
        return proto(Packet.ICMP);
    }

    static Match dport(int... ports) {
        return new Dport(PortSet.of(ports));
    }

    static Match sport(int... ports) {
        return new Sport(PortSet.of(ports));
    }

    static Match ctState(CtState... states) {
        return new CtStateIn(EnumSet.copyOf(List.of(states)));
    }

    static Match mark(long value) {
        return new MetaMark(value, 0xffffffffL);
    }

    static Match ctMark(long value) {
        return new CtMark(value, 0xffffffffL);
    }

    static Match not(Match m) {
        return new Not(m);
    }
}
