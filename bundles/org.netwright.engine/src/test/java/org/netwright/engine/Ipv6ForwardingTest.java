package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * IPv6 forwarding as the research pinned it on this kernel (e02, e03, e05, e06, e17): only all.forwarding (or the
 * ingress device's force_forwarding) forwards, silently dropping otherwise; each hop decrements the hop limit and a
 * packet that would leave with none is answered with time exceeded (3/0) from the ingress interface's address; an
 * unanswered neighbour solicitation is answered with address unreachable (1/3).
 */
class Ipv6ForwardingTest {
    private static final Packet PING = Packet.icmpEcho(null, "2001:db8:2::2", 7);

    @Test
    void aRouterForwardsAndDecrementsTheHopLimitAndTheEchoIsAnswered() {
        ProbeResult r = new Lab6().probe("a", PING);
        assertEquals(Disposition.Fate.DELIVERED, r.disposition().fate(), r.toText());
        assertEquals(Location.of("b", "b0"), r.deliveredTo());
        Packet seen = r.observedAtDst();
        assertEquals(IpAddr.parse("2001:db8:1::2"), seen.src(), "source chosen by a from its own interface");
        assertEquals(63, seen.ttl(), "one hop: hop limit 64 - 1");
        assertEquals(Packet.ICMPV6, seen.proto());
        assertEquals(Packet.ICMP6_ECHO_REQUEST, seen.icmpType());
        assertTrue(r.replyDelivered(), r.toText());
        assertTrue(r.icmpErrors().isEmpty(), r.toText());
    }

    @Test
    void ipv4ForwardingDoesNotForwardIpv6AndTheDropIsSilent() {
        Lab6 lab = new Lab6();
        lab.routerSysctls = Sysctls.builder().ipForward(true).build();
        ProbeResult r = lab.probe("a", PING);
        assertEquals(Disposition.Reason.FORWARDING_DISABLED, r.disposition().reason(), r.toText());
        assertEquals("r", r.disposition().namespace());
        assertTrue(r.icmpErrors().isEmpty(), "not forwarding: no ICMPv6 (e02)");
        assertTrue(r.toText().contains("net.ipv6.conf.all.forwarding=0"), r.toText());
        ProbeResult v4 = lab.probe("a", Packet.icmpEcho(null, "10.0.2.2", 7));
        assertEquals(Disposition.Fate.DELIVERED, v4.disposition().fate(), "IPv4 forwarding is independent");
    }

    @Test
    void forceForwardingOnBothIngressDevicesForwardsBothWays() {
        Lab6 lab = new Lab6();
        lab.routerSysctls = Sysctls.builder().forceForwarding("ra").build();
        ProbeResult oneWay = lab.probe("a", PING);
        assertEquals(Disposition.Fate.DELIVERED, oneWay.disposition().fate(), oneWay.toText());
        assertTrue(!oneWay.replyDelivered(), "the reply arrives on rb, which does not force forwarding (e02)");
        lab.routerSysctls = Sysctls.builder().forceForwarding("ra").forceForwarding("rb").build();
        assertTrue(lab.probe("a", PING).replyDelivered());
    }

    @Test
    void hopLimitOneIsAnsweredWithTimeExceededFromTheIngressAddress() {
        Packet p = PING.withTtl(1);
        ProbeResult r = new Lab6().probe("a", p);
        assertEquals(Disposition.Fate.TTL_EXPIRED, r.disposition().fate(), r.toText());
        assertEquals(1, r.icmpErrors().size(), r.toText());
        ProbeResult.IcmpError e = r.icmpErrors().get(0);
        assertEquals(Packet.ICMP6_TIME_EXCEEDED, e.type());
        assertEquals(0, e.code());
        assertEquals(Packet.ICMPV6, e.header().proto());
        assertEquals(IpAddr.parse("2001:db8:1::1"), e.header().src(), "from ra's address (e03)");
        assertEquals(IpAddr.parse("2001:db8:1::2"), e.header().dst());
        assertEquals(Location.of("a", "a0"), e.deliveredTo(), e.trace().toText());
    }

    @Test
    void hopLimitOneToTheRouterItselfIsDelivered() {
        ProbeResult r = new Lab6().probe("a", Packet.icmpEcho(null, "2001:db8:2::1", 7).withTtl(1));
        assertEquals(Disposition.Fate.DELIVERED, r.disposition().fate(), r.toText());
        assertEquals(Location.of("r", "ra"), r.deliveredTo());
    }

    @Test
    void anUnansweredSolicitationIsAnsweredWithAddressUnreachable() {
        Lab6 lab = new Lab6();
        lab.bAddress6 = null;
        ProbeResult r = lab.probe("a", PING);
        assertEquals(Disposition.Reason.NEIGHBOUR_UNREACHABLE, r.disposition().reason(), r.toText());
        assertEquals("r", r.disposition().namespace());
        TraceEvent.NeighbourResolution n = (TraceEvent.NeighbourResolution) ((TraceEvent.Dropped) r.disposition().step()
                .event()).cause();
        assertEquals(TraceEvent.NeighbourResolution.Resolution.NO_OWNER, n.result());
        assertEquals(IpAddr.parse("2001:db8:2::1"), n.sender(), "no link-local modelled: rb's address solicits");
        assertTrue(r.toText().contains("neighbour solicitation for 2001:db8:2::2"), r.toText());
        assertEquals(1, r.icmpErrors().size(), r.toText());
        ProbeResult.IcmpError e = r.icmpErrors().get(0);
        assertEquals(Packet.ICMP6_DEST_UNREACH, e.type());
        assertEquals(3, e.code(), "address unreachable (e05)");
        assertEquals(IpAddr.parse("2001:db8:1::1"), e.header().src());
        assertEquals(Location.of("a", "a0"), e.deliveredTo());
    }

    @Test
    void solicitationsWalkTheIp6OutputHookAndADropThereFailsResolution() {
        Lab6 lab = new Lab6();
        NfTable.Builder t = Lab6.table(Family.IP6, "f");
        t.baseChain("out", ChainType.FILTER, Hook.OUTPUT, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(new Match.Icmp6Type(java.util.Set.of(Packet.ND_NEIGHBOUR_SOLICIT)))
                        .then(new Statement.Drop()).text("icmpv6 type nd-neighbor-solicit drop"));
        lab.table(t.build());
        ProbeResult r = lab.probe("a", PING);
        assertEquals(Disposition.Reason.NEIGHBOUR_UNREACHABLE, r.disposition().reason(), r.toText());
        TraceEvent.NeighbourResolution n = (TraceEvent.NeighbourResolution) ((TraceEvent.Dropped) r.disposition().step()
                .event()).cause();
        assertEquals(TraceEvent.NeighbourResolution.Resolution.DROPPED, n.result());
        assertEquals(Hook.OUTPUT, n.drop().hook());
        ProbeResult v4 = lab.probe("a", Packet.icmpEcho(null, "10.0.2.2", 7));
        assertEquals(Disposition.Fate.DELIVERED, v4.disposition().fate(), "ARP never meets an ip6 chain");
    }

    @Test
    void solicitationsAreUntrackedAndNeverPassForward() {
        NfTable.Builder t = Lab6.table(Family.INET, "f");
        // a forward policy of drop with established/related and echo accepted: neighbour discovery never meets it
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.DROP)
                .rule(Rule.builder().match(Match.ctState(CtState.ESTABLISHED, CtState.RELATED)).then(new Statement.Accept()))
                .rule(Rule.builder().match(new Match.Icmp6Type(java.util.Set.of(Packet.ICMP6_ECHO_REQUEST)))
                        .then(new Statement.Accept()));
        Lab6 lab = new Lab6().table(t.build());
        ProbeResult r = lab.probe("a", PING);
        assertEquals(Disposition.Fate.DELIVERED, r.disposition().fate(), r.toText());
        assertTrue(r.replyDelivered(), r.toText());
        // r's input dropping untracked packets drops a's solicitation for r: neighbour discovery is untracked (e04)
        NfTable.Builder in = Lab6.table(Family.INET, "g");
        in.baseChain("in", ChainType.FILTER, Hook.INPUT, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.ctState(CtState.UNTRACKED)).then(new Statement.Drop())
                        .text("ct state untracked drop"));
        ProbeResult blocked = new Lab6().table(in.build()).probe("a", PING);
        assertEquals(Disposition.Reason.NEIGHBOUR_UNREACHABLE, blocked.disposition().reason(), blocked.toText());
        assertEquals("a", blocked.disposition().namespace());
        assertTrue(blocked.toText().contains("ct state untracked drop"), blocked.toText());
    }
}
