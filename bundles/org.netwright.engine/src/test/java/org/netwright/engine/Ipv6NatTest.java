package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * NAT66 and ICMPv6 errors through it, as pinned in the research (e06, e09, e10, e16): masquerade picks the outgoing
 * interface's address, dnat to [addr]:port, an error about a translated flow is RELATED and reaches the original
 * source with its embedded header restored, the conntrack entry of an echo keys on its id, and a NAT statement of the
 * other family in an {@code inet} chain translates nothing and lets the chain go on.
 */
class Ipv6NatTest {
    private static NfTable nat(Family f, Hook hook, int prio, Rule... rules) {
        NfTable.Builder t = NfTable.builder(f, "nat");
        Chain.Builder c = t.baseChain("c", ChainType.NAT, hook, prio, Verdict.ACCEPT);
        for (Rule r : rules) {
            c.rule(r);
        }
        return t.build();
    }

    private static Rule rule(List<Match> ms, Statement... ss) {
        return Rule.builder().match(ms.toArray(Match[]::new)).then(ss).build();
    }

    @Test
    void masqueradeUsesTheOutgoingAddressAndTheReplyIsUnNated() {
        Lab6 lab = new Lab6().table(nat(Family.IP6, Hook.POSTROUTING, 100,
                rule(List.of(Match.oif("rb")), Statement.masquerade())));
        ProbeResult r = lab.probe("a", Packet.udp(null, "2001:db8:2::2", 40000, 53));
        assertEquals(Location.of("b", "b0"), r.deliveredTo(), r.toText());
        assertEquals(IpAddr.parse("2001:db8:2::1"), r.observedAtDst().src(), "rb's address (e09)");
        assertTrue(r.replyDelivered(), r.toText());
        CtEntryView e = r.conntrack().get("r").get(0);
        assertEquals(IpAddr.parse("2001:db8:2::1"), e.reply().dst());
        assertEquals(IpAddr.parse("2001:db8:1::2"), e.orig().src());
    }

    @Test
    void dnatToABracketedAddressAndPort() {
        Lab6 lab = new Lab6().table(nat(Family.IP6, Hook.PREROUTING, -100,
                rule(List.of(Match.tcp(), Match.daddr("2001:db8:1::1"), Match.dport(8080)), Statement.dnat("2001:db8:2::2", 80))));
        ProbeResult r = lab.probe("a", Packet.tcpSyn(null, "2001:db8:1::1", 40000, 8080));
        assertEquals(Location.of("b", "b0"), r.deliveredTo(), r.toText());
        assertEquals(80, r.observedAtDst().dport());
        assertTrue(r.replyDelivered(), "the SYN-ACK comes back from 2001:db8:1::1:8080: " + r.toText());
        assertEquals("[2001:db8:2::2]:80", NatRange.addrPort("2001:db8:2::2", 80).toString());
    }

    @Test
    void aPortUnreachableAboutAMasqueradedFlowIsRelatedAndReachesTheOriginalSource() {
        Lab6 lab = new Lab6().table(nat(Family.IP6, Hook.POSTROUTING, 100,
                rule(List.of(Match.oif("rb")), Statement.masquerade())));
        ProbeResult r = lab.probe("a", Packet.udp(null, "2001:db8:2::2", 40000, 5353));
        assertEquals(Disposition.Reason.NOT_DELIVERED, r.disposition().reason(), r.toText());
        assertEquals(1, r.icmpErrors().size(), r.toText());
        ProbeResult.IcmpError e = r.icmpErrors().get(0);
        assertEquals(Packet.ICMP6_DEST_UNREACH, e.type());
        assertEquals(4, e.code(), "port unreachable");
        assertEquals(Location.of("a", "a0"), e.deliveredTo(), e.trace().toText());
        assertTrue(e.trace().toText().contains("related"), e.trace().toText());
        Packet arrived = e.trace().steps().stream().filter(s -> s.namespace().equals("a")).reduce((x, y) -> y)
                .orElseThrow().packet();
        assertEquals(IpAddr.parse("2001:db8:1::2"), arrived.dst(), "un-NATed to a (e10)");
        assertEquals(IpAddr.parse("2001:db8:1::2"), arrived.inner().src(), "embedded header restored");
    }

    @Test
    void timeExceededAboutADnatedEchoQuotesTheOriginalDestination() {
        Lab6 lab = new Lab6().table(nat(Family.IP6, Hook.PREROUTING, -100,
                rule(List.of(Match.daddr("2001:db8:1::1"), new Match.Icmp6Type(Set.of(Packet.ICMP6_ECHO_REQUEST))),
                        Statement.dnat("2001:db8:2::2"))));
        ProbeResult r = lab.probe("a", Packet.icmpEcho(null, "2001:db8:1::1", 9).withTtl(1));
        assertEquals(Disposition.Fate.TTL_EXPIRED, r.disposition().fate(), r.toText());
        ProbeResult.IcmpError e = r.icmpErrors().get(0);
        assertEquals(Packet.ICMP6_TIME_EXCEEDED, e.type());
        Packet arrived = e.trace().steps().stream().filter(s -> s.namespace().equals("a")).reduce((x, y) -> y)
                .orElseThrow().packet();
        assertEquals(IpAddr.parse("2001:db8:1::1"), arrived.inner().dst(), "the original destination (e10)");
        assertEquals(Location.of("a", "a0"), e.deliveredTo(), e.trace().toText());
    }

    @Test
    void echoEntriesKeyOnTheIdentifier() {
        Lab6 lab = new Lab6().table(nat(Family.IP6, Hook.POSTROUTING, 100,
                rule(List.of(Match.oif("rb")), Statement.masquerade())));
        Simulation sim = new Simulation(lab.build());
        sim.probe(Probe.from("a", Packet.icmpEcho(null, "2001:db8:2::2", 7)));
        ProbeResult second = sim.probe(Probe.from("a", Packet.icmpEcho(null, "2001:db8:2::2", 8)));
        List<CtEntryView> es = second.conntrack().get("r");
        assertEquals(2, es.size(), "a new id is a new entry (e08): " + es);
        Tuple t = Tuple.of(Packet.icmpEcho("2001:db8:1::2", "2001:db8:2::2", 8));
        assertEquals(Packet.ICMP6_ECHO_REPLY, t.invert().dport());
        assertEquals("icmpv6 src=2001:db8:1::2 dst=2001:db8:2::2 type=128 id=8", t.toString());
    }

    @Test
    void anInetNatOfTheOtherFamilyTranslatesNothingAndTheChainGoesOn() {
        Lab6 lab = new Lab6().table(nat(Family.INET, Hook.PREROUTING, -100,
                rule(List.of(Match.tcp(), Match.dport(8080)), Statement.dnat("2001:db8:2::2", 80)),
                rule(List.of(Match.tcp(), Match.dport(8080)), Statement.dnat("10.0.2.2", 80))));
        ProbeResult v4 = lab.probe("a", Packet.tcpSyn(null, "10.0.1.1", 40000, 8080));
        assertEquals(Location.of("b", "b0"), v4.deliveredTo(), "the second rule translated it (e16): " + v4.toText());
        assertEquals(IpAddr.parse("10.0.2.2"), v4.observedAtDst().dst());
        assertTrue(v4.toText().contains("other family"), v4.toText());
        ProbeResult v6 = lab.probe("a", Packet.tcpSyn(null, "2001:db8:1::1", 40000, 8080));
        assertEquals(IpAddr.parse("2001:db8:2::2"), v6.observedAtDst().dst(), v6.toText());
    }

    @Test
    void ip6RejectsAnswerWithTheirIcmpv6Codes() {
        NfTable.Builder t = NfTable.builder(Family.IP6, "f");
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.udp(), Match.dport(53)).then(new Statement.Reject(3, false)))
                .rule(Rule.builder().match(Match.tcp()).then(new Statement.Reject(3, false, 1)));
        Lab6 lab = new Lab6().table(t.build());
        ProbeResult udp = lab.probe("a", Packet.udp(null, "2001:db8:2::2", 40000, 53));
        assertEquals(List.of(1, 4), List.of(udp.icmpErrors().get(0).type(), udp.icmpErrors().get(0).code()),
                "plain reject: port unreachable (e06)");
        ProbeResult tcp = lab.probe("a", Packet.tcpSyn(null, "2001:db8:2::2", 40000, 80));
        assertEquals(List.of(1, 1), List.of(tcp.icmpErrors().get(0).type(), tcp.icmpErrors().get(0).code()),
                "admin prohibited");
        assertEquals(IpAddr.parse("2001:db8:1::1"), tcp.icmpErrors().get(0).header().src());
        ProbeResult v4 = lab.probe("a", Packet.udp(null, "10.0.2.2", 40000, 53));
        assertTrue(v4.icmpErrors().isEmpty(), "an ip6 table never sees IPv4: " + v4.toText());
        assertNull(v4.disposition().rule());
    }
}
