package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Neighbour resolution before a packet leaves for its next hop, as the kernel does it (pinned by the referee's
 * KernelPinsTest): the ARP request crosses the sender's netdev egress chain; when it is dropped, or nobody owns the
 * address, the packet is dropped and ICMP host unreachable (3/1) goes to its source, a local one included. A static
 * neighbour entry skips ARP. Topology: c 10.8.0.2 -- 10.8.0.1 r 10.9.0.1 -- 10.9.0.2 b.
 */
class NeighboursTest {
    private static final Rule DROP_REQUEST = Rule.builder()
            .match(new Match.ArpOp(Packet.ARP_REQUEST), new Match.ArpAddr(false, AddrSet.of("10.9.0.2")))
            .then(new Statement.Drop()).text("arp operation request arp daddr ip 10.9.0.2 drop").build();

    private static NetworkView view(boolean arpFilter, boolean staticEntry) {
        Namespace.Builder r = Namespace.builder("r").sysctls(Topologies.router())
                .iface(Topologies.veth("r1", "10.8.0.1/24", "c", "c0"))
                .iface(Topologies.veth("r0", "10.9.0.1/24", "b", "b0").mac("02:00:00:00:00:01"));
        if (arpFilter) {
            NfTable.Builder t = NfTable.builder(Family.NETDEV, "t");
            t.baseChain("out", ChainType.FILTER, Hook.EGRESS, -500, Verdict.ACCEPT, "r0").rule(DROP_REQUEST);
            r.nfTable(t.build());
        }
        if (staticEntry) {
            r.neighbour(Neighbour.of("10.9.0.2", "02:00:00:00:00:02", "r0"));
        }
        Namespace c = Namespace.builder("c").iface(Topologies.veth("c0", "10.8.0.2/24", "r", "r1"))
                .route(Route.to("default").via("10.8.0.1").dev("c0")).build();
        Namespace b = Namespace.builder("b").iface(Topologies.veth("b0", "10.9.0.2/24", "r", "r0").mac("02:00:00:00:00:02"))
                .route(Route.to("default").via("10.9.0.1").dev("b0")).build();
        return NetworkView.builder().namespace(c).namespace(r.build()).namespace(b).build();
    }

    /** The neighbour resolution that made the walk's drop. */
    private static TraceEvent.NeighbourResolution resolution(Disposition d) {
        assertEquals(Disposition.Reason.NEIGHBOUR_UNREACHABLE, d.reason(), d.toString());
        return (TraceEvent.NeighbourResolution) ((TraceEvent.Dropped) d.step().event()).cause();
    }

    private static ProbeResult.IcmpError onlyError(ProbeResult res) {
        assertEquals(1, res.icmpErrors().size(), res.toText());
        return res.icmpErrors().get(0);
    }

    @Test
    void aDroppedArpRequestMakesTheNeighbourUnreachableAndTheSourceGetsHostUnreachable() {
        ProbeResult res = new Simulation(view(true, false)).probe(Probe.from("c", Packet.icmpEcho(null, "10.9.0.2", 7)));
        Disposition d = res.disposition();
        assertEquals(Disposition.Fate.DROPPED, d.fate(), res.toText());
        assertEquals("r", d.namespace());
        TraceEvent.NeighbourResolution n = resolution(d);
        assertEquals(TraceEvent.NeighbourResolution.Resolution.DROPPED, n.result());
        assertEquals(Lab.ip("10.9.0.2"), n.address());
        assertEquals(Location.of("r", "r0"), n.drop().at(), "the request is dropped where it leaves r");
        assertFalse(n.drop().answer());
        assertFalse(n.fromTable());
        assertEquals("arp operation request arp daddr ip 10.9.0.2 drop", d.rule().text());
        ProbeResult.IcmpError e = onlyError(res);
        assertEquals(3, e.type());
        assertEquals(1, e.code());
        assertEquals("r", e.from());
        assertEquals("c", e.deliveredTo().namespace(), res.toText());
    }

    @Test
    void aStaticEntrySkipsResolution() {
        ProbeResult res = new Simulation(view(true, true)).probe(Probe.from("c", Packet.icmpEcho(null, "10.9.0.2", 7)));
        assertEquals(Disposition.Fate.DELIVERED, res.disposition().fate(), res.toText());
        assertEquals("b", res.disposition().namespace());
        // b's own request for 10.9.0.1 is answered; the filter drops requests only
        assertTrue(res.replyDelivered(), res.toText());
        assertTrue(Events.of(res, TraceEvent.NeighbourResolution.class).stream()
                .anyMatch(n -> n.result() == TraceEvent.NeighbourResolution.Resolution.PERMANENT), res.toText());
    }

    @Test
    void anAddressNobodyOwnsGivesHostUnreachableInsteadOfASilentDrop() {
        ProbeResult res = new Simulation(view(false, false)).probe(Probe.from("c", Packet.icmpEcho(null, "10.9.0.99", 7)));
        assertEquals(Disposition.Fate.DROPPED, res.disposition().fate(), res.toText());
        assertEquals("r", res.disposition().namespace());
        assertEquals(TraceEvent.NeighbourResolution.Resolution.NO_OWNER, resolution(res.disposition()).result());
        assertNull(res.disposition().rule());
        ProbeResult.IcmpError e = onlyError(res);
        assertEquals(1, e.code());
        assertEquals("c", e.deliveredTo().namespace());
    }

    @Test
    void aLocalSenderGetsTheErrorOverLoopback() {
        ProbeResult res = new Simulation(view(true, false)).probe(Probe.from("r", Packet.icmpEcho(null, "10.9.0.2", 7)));
        assertEquals(Disposition.Fate.DROPPED, res.disposition().fate(), res.toText());
        ProbeResult.IcmpError e = onlyError(res);
        assertEquals("r", e.deliveredTo().namespace(), res.toText());
    }

    @Test
    void theOutcomeIsKeptInTheNeighbourTableAcrossProbes() {
        Simulation sim = new Simulation(view(true, false));
        sim.probe(Probe.from("c", Packet.icmpEcho(null, "10.9.0.2", 7)));
        long first = sim.counter(DROP_REQUEST);
        assertEquals(1, first);
        ProbeResult again = sim.probe(Probe.from("c", Packet.icmpEcho(null, "10.9.0.2", 8)));
        assertEquals(first, sim.counter(DROP_REQUEST), "the second probe must not walk ARP again");
        TraceEvent.NeighbourResolution n = resolution(again.disposition());
        assertTrue(n.fromTable(), "found in the neighbour table");
        assertEquals(TraceEvent.NeighbourResolution.Resolution.DROPPED, n.result());
        assertNotNull(again.disposition().rule());
    }

    @Test
    void ipMatchesNeverMatchAnArpFrame() {
        // an ip-layer drop in the egress chain must not stop neighbour resolution
        NfTable.Builder t = NfTable.builder(Family.NETDEV, "t");
        t.baseChain("out", ChainType.FILTER, Hook.EGRESS, -500, Verdict.ACCEPT, "r0").rule(Rule.builder()
                .match(Match.not(Match.daddr("10.9.0.2"))).then(new Statement.Drop()).text("ip daddr != 10.9.0.2 drop"));
        Namespace r = Namespace.builder("r").sysctls(Topologies.router())
                .iface(Topologies.veth("r1", "10.8.0.1/24", "c", "c0"))
                .iface(Topologies.veth("r0", "10.9.0.1/24", "b", "b0")).nfTable(t.build()).build();
        NetworkView v = view(false, false);
        NetworkView view = NetworkView.builder().namespace(v.namespace("c")).namespace(r).namespace(v.namespace("b")).build();
        ProbeResult res = new Simulation(view).probe(Probe.from("c", Packet.icmpEcho(null, "10.9.0.2", 7)));
        assertEquals(Disposition.Fate.DELIVERED, res.disposition().fate(), res.toText());
    }
}
