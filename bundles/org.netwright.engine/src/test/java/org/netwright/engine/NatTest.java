package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.ip;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Lab.rule;

import org.junit.jupiter.api.Test;

class NatTest {

    @Test
    void portForwardIsReversedOnTheReply() {
        Lab lab = new Lab();
        lab.serverListeners.add(Listener.tcp(8080));
        NfTable.Builder t = NfTable.builder(Family.IP, "nat");
        t.baseChain("pre", ChainType.NAT, Hook.PREROUTING, -100, Verdict.ACCEPT)
                .rule(rule(m(Match.tcp(), Match.dport(80), Match.daddr("10.0.1.1")), Statement.dnat("10.0.2.2", 8080)));
        Simulation sim = new Simulation(lab.table(t.build()).build());
        ProbeResult r = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.1.1", 3333, 80)));
        assertEquals(Location.of("server", "eth0"), r.deliveredTo(), r.toText());
        assertEquals(8080, r.observedAtDst().dport());
        assertTrue(r.replyDelivered(), r.toText());
        Packet back = r.replyPath().get(r.replyPath().size() - 1).header();
        assertEquals(ip("10.0.1.1"), back.src(), "un-DNAT of the reply source");
        assertEquals(80, back.sport());
        assertEquals((Packet.SYN | Packet.ACK), back.tcpFlags());
        assertEquals("dnat", r.conntrack().get("r").get(0).nat());
    }

    @Test
    void masqueradeKeepsThePortWhenFreeAndRemapsOnClash() {
        Lab lab = new Lab();
        lab.routerExtraIfs.add(Topologies.veth("eth2", "10.0.3.1/24", "client2", "eth0").build());
        Iptables ipt = new Iptables().append("nat", "POSTROUTING", rule(m(Match.oif("eth1")), Statement.masquerade()));
        lab.tables(ipt.build());
        NetworkView base = lab.build();
        NetworkView.Builder vb = NetworkView.builder();
        base.namespaces().values().forEach(vb::namespace);
        vb.namespace(Namespace.builder("client2").iface(Topologies.veth("eth0", "10.0.3.2/24", "r", "eth2"))
                .route(Route.to("default").via("10.0.3.1").dev("eth0")));
        Simulation sim = new Simulation(vb.build());
        ProbeResult a = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 5000, 53)));
        ProbeResult b = sim.probe(Probe.from("client2", Packet.udp(null, "10.0.2.2", 5000, 53)));
        assertEquals(ip("10.0.2.1"), a.observedAtDst().src());
        assertEquals(5000, a.observedAtDst().sport());
        assertEquals(ip("10.0.2.1"), b.observedAtDst().src());
        assertNotEquals(5000, b.observedAtDst().sport(), "udp source port remapped on clash");
        assertTrue(a.replyDelivered() && b.replyDelivered(), b.toText());
        // ICMP ids are remapped as well
        ProbeResult p1 = sim.probe(Probe.from("client", Packet.icmpEcho(null, "10.0.2.2", 1)));
        ProbeResult p2 = sim.probe(Probe.from("client2", Packet.icmpEcho(null, "10.0.2.2", 1)));
        assertEquals(1, p1.observedAtDst().sport());
        assertNotEquals(1, p2.observedAtDst().sport());
        assertTrue(p2.replyDelivered(), p2.toText());
        assertEquals(1, p2.replyPath().get(p2.replyPath().size() - 1).header().sport(), "id restored on the reply");
    }

    @Test
    void portUnreachableIsRelatedAndUnNatted() {
        Lab lab = new Lab();
        Iptables ipt = new Iptables().append("nat", "POSTROUTING", rule(m(Match.oif("eth1")), Statement.masquerade()));
        ipt.append("filter", "FORWARD", Rule.builder().match(Match.ctState(CtState.RELATED)).then(Statement.counter(),
                Statement.accept()).text("ct related"));
        lab.tables(ipt.build());
        Simulation sim = new Simulation(lab.build());
        ProbeResult r = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 6000, 9999)));
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate());
        assertEquals("server", r.disposition().namespace());
        assertEquals(1, r.icmpErrors().size());
        ProbeResult.IcmpError e = r.icmpErrors().get(0);
        assertEquals(3, e.type());
        assertEquals(3, e.code());
        assertEquals(Location.of("client", "eth0"), e.deliveredTo(), e.trace().toText());
        assertTrue(Events.of(e.trace(), TraceEvent.CtRelated.class).stream().anyMatch(x -> x.direction() == CtDir.REPLY),
                e.trace().toText());
        assertTrue(e.trace().steps().stream().anyMatch(s -> s.rule() != null && "ct related".equals(s.rule().text())));
        Packet last = e.trace().steps().stream().filter(s -> s.packet() != null).reduce((x, y) -> y).get().packet();
        assertEquals(ip("10.0.1.2"), last.dst(), "outer destination un-NATed");
        assertEquals(ip("10.0.1.2"), last.inner().src(), "embedded header restored");
    }

    @Test
    void snatHappensOnlyOnTheFirstPacket() {
        Lab lab = new Lab();
        Iptables ipt = new Iptables();
        Rule snat = rule(m(Match.oif("eth1"), new Match.Dscp(10)), Statement.snat("10.0.2.100"));
        ipt.append("nat", "POSTROUTING", snat);
        lab.tables(ipt.build());
        Simulation sim = new Simulation(lab.build());
        // first packet does not match: null binding; a later matching packet of the same flow is not NATed
        Packet p = Packet.udp("10.0.1.2", "10.0.2.2", 7000, 53);
        ProbeResult a = sim.probe(Probe.from("client", p).noReply());
        ProbeResult b = sim.probe(Probe.from("client", p.withDscp(10)).noReply());
        assertEquals(ip("10.0.1.2"), a.observedAtDst().src());
        assertEquals(ip("10.0.1.2"), b.observedAtDst().src(), b.toText());
        assertEquals(0, sim.counter(snat));
        ProbeResult c = sim.probe(Probe.from("client", p.withSport(7001).withDscp(10)).noReply());
        assertEquals(ip("10.0.2.100"), c.observedAtDst().src());
        assertEquals(1, sim.counter(snat));
    }

    @Test
    void socketMarkIsClearedWhenCrossingIntoAnotherNamespace() {
        Lab lab = new Lab();
        NfTable.Builder t = NfTable.builder(Family.INET, "f");
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.mark(1)).then(Statement.drop()).text("marked"));
        ProbeResult r = new Simulation(lab.table(t.build()).build())
                .probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)).withMark(1).noReply());
        assertEquals(Location.of("server", "eth0"), r.deliveredTo(), r.toText());
    }

    @Test
    void routingLoopEndsWithTtlExpiry() {
        Lab lab = new Lab();
        lab.routerRoutes.add(Route.to("203.0.113.0/24").via("10.0.2.2").dev("eth1").build());
        lab.serverGateway = null;
        NetworkView v = lab.build();
        NetworkView.Builder vb = NetworkView.builder();
        v.namespaces().values().forEach(n -> {
            if (!n.name().equals("server")) {
                vb.namespace(n);
            }
        });
        vb.namespace(Namespace.builder("server").sysctls(Sysctls.builder().ipForward(true).build())
                .iface(Topologies.veth("eth0", "10.0.2.2/24", "r", "eth1"))
                .route(Route.to("default").via("10.0.2.1").dev("eth0")));
        ProbeResult r = new Simulation(vb.build()).probe(Probe.from("client", Packet.udp(null, "203.0.113.9", 1, 53)));
        assertEquals(Disposition.Fate.TTL_EXPIRED, r.disposition().fate(), r.disposition().toString());
        assertEquals(1, r.icmpErrors().size());
        assertEquals(Packet.ICMP_TIME_EXCEEDED, r.icmpErrors().get(0).type());
        assertEquals(Location.of("client", "eth0"), r.icmpErrors().get(0).deliveredTo(), r.icmpErrors().get(0).trace().toText());
    }
}
