package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The five seed problems, broken and fixed, with the outcomes the kernel produces. */
class SeedScenariosTest {

    private static IpAddr ip(String s) {
        return IpAddr.parse(s);
    }

    @Test
    void viewsAreConsistent() {
        assertTrue(Topologies.seed000(false).validate().isEmpty(), Topologies.seed000(false).validate().toString());
        assertTrue(Topologies.seed001(true).validate().isEmpty(), Topologies.seed001(true).validate().toString());
        assertTrue(Topologies.seed002(true).validate().isEmpty(), Topologies.seed002(true).validate().toString());
        assertTrue(Topologies.seed004().validate().isEmpty(), Topologies.seed004().validate().toString());
    }

    // ---- 001 policy routing through netfilter twice

    @Test
    void seed001BrokenPrivateSourceLeaks() {
        Simulation sim = new Simulation(Topologies.seed001(false));
        ProbeResult r = sim.probe(Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 7)));
        Packet out = r.seenLeaving("host", "enp4s0");
        assertNotNull(out, r.toText());
        assertEquals(ip("10.10.1.1"), out.src(), r.toText());
        // the packet crossed the host twice: client-veth0 in, proxy-veth0 out, proxy-veth0 in, enp4s0 out
        assertNotNull(r.seenLeaving("host", "proxy-veth0"));
        assertTrue(Events.of(r, TraceEvent.NatNotConsulted.class).stream().anyMatch(n -> n.manip() == TraceEvent.Manip.SOURCE
                && n.confirmed()), r.toText());
        assertEquals(Disposition.Fate.DELIVERED, r.disposition().fate());
        assertEquals("internet", r.disposition().namespace());
        assertEquals(ip("10.10.1.1"), r.observedAtDst().src());
        assertFalse(r.replyDelivered(), "the internet has no route back to a private address");
        // one zone-0 entry only: the second pass hit the first pass's entry
        assertEquals(1, r.conntrack().get("host").size());
    }

    @Test
    void seed001ZoneFixMasqueradesAndReplyReturns() {
        Simulation sim = new Simulation(Topologies.seed001(true));
        ProbeResult r = sim.probe(Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 7)));
        Packet out = r.seenLeaving("host", "enp4s0");
        assertNotNull(out, r.toText());
        assertEquals(ip("172.16.202.30"), out.src(), r.toText());
        assertTrue(r.replyDelivered(), r.toText());
        assertEquals(Disposition.Fate.DELIVERED, r.replyTrace().disposition().fate());
        assertEquals("client", r.replyTrace().disposition().namespace());
        // the reply reached the client addressed to its private address
        Packet last = r.replyPath().get(r.replyPath().size() - 1).header();
        assertEquals(ip("10.10.1.1"), last.dst());
        assertEquals(2, r.conntrack().get("host").size());
        assertTrue(r.conntrack().get("host").stream().anyMatch(e -> e.zone() == 1 && e.nat() == null));
        assertTrue(r.conntrack().get("host").stream().anyMatch(e -> e.zone() == 0 && "snat".equals(e.nat())));
    }

    // ---- 000 zephyr

    @Test
    void seed000UnsolicitedUdpIsDroppedAtTheNatBox() {
        Simulation sim = new Simulation(Topologies.seed000(false));
        // the client talks to one server: that server's answers come back
        ProbeResult a = sim.probe(Probe.from("client", Packet.udp("10.1.2.3", "18.7.15.82", 2104, 2103)));
        assertEquals(Location.of("net", "eth0"), a.deliveredTo(), a.toText());
        assertEquals(ip("18.4.5.6"), a.observedAtDst().src());
        assertTrue(a.replyDelivered(), a.toText());
        // another server never contacted sends to the NAT's public address: no association
        ProbeResult b = sim.probe(Probe.from("net", Packet.udp("18.7.15.75", "18.4.5.6", 2103, 2104)).noReply());
        assertEquals(Disposition.Fate.DROPPED, b.disposition().fate(), b.toText());
        assertEquals("natbox", b.disposition().namespace());
        assertNull(b.deliveredTo());
        assertTrue(b.path().stream().noneMatch(p -> p.at().namespace().equals("client")), b.toText());
        assertEquals(1, b.icmpErrors().size());
        assertEquals(3, b.icmpErrors().get(0).type());
        assertEquals(3, b.icmpErrors().get(0).code());
        assertEquals(Location.of("net", "eth0"), b.icmpErrors().get(0).deliveredTo(), b.icmpErrors().get(0).trace().toText());
        // the contacted server can still reach the client through the existing association
        ProbeResult c = sim.probe(Probe.from("net", Packet.udp("18.7.15.82", "18.4.5.6", 2103, 2104)).noReply());
        assertEquals(Location.of("client", "eth0"), c.deliveredTo(), c.toText());
    }

    @Test
    void seed000StaticDnatDeliversToTheClient() {
        Simulation sim = new Simulation(Topologies.seed000(true));
        ProbeResult b = sim.probe(Probe.from("net", Packet.udp("18.7.15.75", "18.4.5.6", 2103, 2104)));
        assertEquals(Location.of("client", "eth0"), b.deliveredTo(), b.toText());
        assertEquals(ip("10.1.2.3"), b.observedAtDst().dst());
        assertEquals(ip("18.7.15.75"), b.observedAtDst().src());
        assertTrue(b.replyDelivered(), b.toText());
        // the answer is un-DNATed: it leaves the NAT box from the public address
        assertEquals(ip("18.4.5.6"), b.replyPath().get(b.replyPath().size() - 1).header().src());
        assertTrue(b.steps().stream().anyMatch(s -> s.kind() == TraceStep.Kind.RULE && s.rule() != null
                && s.rule().text().contains("-s 18.7.15.75")));
    }

    // ---- 002 several ESP clients behind one masquerade

    @Test
    void seed002SecondEspClientClashes() {
        Simulation sim = new Simulation(Topologies.seed002(false));
        ProbeResult a = sim.probe(Probe.from("c1", Packet.ip("192.168.1.1", "2.2.2.2", Packet.ESP)));
        assertEquals(Location.of("vpn", "eth0"), a.deliveredTo(), a.toText());
        assertEquals(ip("1.1.1.1"), a.observedAtDst().src());
        assertTrue(a.replyDelivered(), a.toText());
        ProbeResult b = sim.probe(Probe.from("c2", Packet.ip("192.168.1.2", "2.2.2.2", Packet.ESP)));
        assertEquals(Disposition.Fate.DROPPED, b.disposition().fate(), b.toText());
        assertEquals("rtr", b.disposition().namespace());
        assertEquals(Disposition.Reason.CONNTRACK_CLASH, b.disposition().reason(), b.disposition().toString());
        TraceEvent.CtClash clash = Events.of(b, TraceEvent.CtClash.class).get(0);
        assertTrue(clash.generic(), "esp is tracked by addresses only");
        assertEquals(ip("192.168.1.2"), clash.orig().src());
        assertEquals(ip("192.168.1.1"), clash.otherOrig().src(), "client 1's entry holds the reply tuple");
        assertEquals(clash.otherReply(), clash.reply());
        assertEquals(1, b.ctStatsDelta().get("rtr").insertFailed());
        assertEquals(1, b.ctStatsDelta().get("rtr").drop());
    }

    @Test
    void seed002PerClientSnatSeparatesTheFlows() {
        Simulation sim = new Simulation(Topologies.seed002(true));
        ProbeResult a = sim.probe(Probe.from("c1", Packet.ip("192.168.1.1", "2.2.2.2", Packet.ESP)));
        ProbeResult b = sim.probe(Probe.from("c2", Packet.ip("192.168.1.2", "2.2.2.2", Packet.ESP)));
        assertEquals(Location.of("vpn", "eth0"), a.deliveredTo(), a.toText());
        assertEquals(Location.of("vpn", "eth0"), b.deliveredTo(), b.toText());
        assertEquals(ip("1.1.1.1"), a.observedAtDst().src());
        assertEquals(ip("1.1.1.2"), b.observedAtDst().src());
        assertTrue(a.replyDelivered(), a.toText());
        assertTrue(b.replyDelivered(), b.toText());
        assertEquals(2, b.conntrack().get("rtr").size());
    }

    // ---- 004 NAT with policy IPsec

    @Test
    void seed004InnerPacketIsNattedThenEncryptedAndTheReplyComesBack() {
        Simulation sim = new Simulation(Topologies.seed004());
        ProbeResult r = sim.probe(Probe.from("home", Packet.icmpEcho("192.168.0.10", "10.0.0.5", 3)));
        Packet wan = r.seenLeaving("gw", "wan");
        assertNotNull(wan, r.toText());
        assertEquals(Packet.ESP, wan.proto(), "only ESP leaves the gateway: " + r.toText());
        assertEquals(ip("200.2.2.2"), wan.src());
        assertEquals(ip("10.20.30.2"), wan.inner().src(), "inner packet SNATed before encryption");
        assertEquals(Location.of("corp", "e0"), r.deliveredTo(), r.toText());
        assertEquals(ip("10.20.30.2"), r.observedAtDst().src());
        assertTrue(r.replyDelivered(), r.replyTrace() == null ? "no reply" : r.replyTrace().toText());
    }
}
