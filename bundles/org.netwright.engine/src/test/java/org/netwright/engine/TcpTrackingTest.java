package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TCP state tracking as the kernel does it. Pinned by the generated referee cases (seed 20260102 found it):
 * a SYN to a closed port is answered with a reset, and the router's conntrack then lists no entry for the
 * connection, while a SYN to a listener leaves one.
 */
class TcpTrackingTest {
    private static NetworkView natLab() {
        NfTable.Builder t = NfTable.builder(Family.IP, "nat");
        t.baseChain("post", ChainType.NAT, Hook.POSTROUTING, 100, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.oif("eth1")).then(Statement.masquerade()).text("oifname eth1 masquerade"));
        return new Lab().table(t.build()).build();
    }

    @Test
    void anEntryWhoseOnlyReplyIsAResetIsDeleted() {
        Simulation sim = new Simulation(natLab());
        ProbeResult closed = sim.probe(Probe.from("client", Packet.tcpSyn("10.0.1.2", "10.0.2.2", 40000, 81)));
        assertTrue(closed.replyDelivered(), "the reset is un-NATed back to the client: " + closed.toText());
        assertTrue(closed.conntrack().getOrDefault("r", List.of()).isEmpty(), closed.replyTrace().toString());
        long entry = Events.of(closed, TraceEvent.CtCreated.class).get(0).entry();
        assertEquals(List.of(new TraceEvent.CtDeleted(entry)), Events.of(closed.replyTrace(), TraceEvent.CtDeleted.class));
    }

    @Test
    void anAnsweredSynKeepsItsEntry() {
        Simulation sim = new Simulation(natLab());
        ProbeResult open = sim.probe(Probe.from("client", Packet.tcpSyn("10.0.1.2", "10.0.2.2", 40001, 80)));
        assertTrue(open.replyDelivered());
        assertEquals(1, open.conntrack().get("r").size());
    }

    /**
     * A SYN-ACK without an entry is invalid and creates none (nf_conntrack_proto_tcp: only a SYN, or a bare ACK
     * under tcp_loose, starts an entry). Seen by generated case seed 20260236: a SYN-ACK coming back in another
     * zone than its SYN left no entry in the kernel.
     */
    @Test
    void aSynAckWithoutAnEntryIsInvalid() {
        NfTable.Builder t = NfTable.builder(Family.IP, "f");
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.ctState(CtState.INVALID)).then(Statement.counter()).text("invalid seen"));
        Simulation sim = new Simulation(new Lab().table(t.build()).build());
        Packet synAck = Packet.tcpSyn("10.0.1.2", "10.0.2.2", 40002, 80).withTcpFlags(Packet.SYN | Packet.ACK);
        ProbeResult r = sim.probe(Probe.from("client", synAck).noReply());
        assertTrue(r.conntrack().getOrDefault("r", List.of()).isEmpty(), r.toText());
        assertTrue(r.steps().stream().anyMatch(s -> s.rule() != null && "invalid seen".equals(s.rule().text())));
        Packet ack = synAck.withTcpFlags(Packet.ACK);
        ProbeResult p = sim.probe(Probe.from("client", ack).noReply());
        assertEquals(1, p.conntrack().get("r").size(), "a bare ACK is picked up (tcp_loose)");
    }

    /**
     * REJECT --reject-with tcp-reset after a DNAT: the kernel builds the reset from the translated packet and
     * attaches the rejected packet's entry to it (nf_ct_attach), so the reset is un-NATed on its way out and
     * the client sees it come from the address it connected to (generated case seed 20260240). The entry is
     * never confirmed (only packets of the original direction confirm).
     */
    @Test
    void aRejectResetIsUnNatted() {
        NfTable.Builder f = NfTable.builder(Family.IP, "f");
        f.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.tcp()).then(new Statement.Reject(3, true)).text("reject with tcp reset"));
        Simulation sim = new Simulation(new Lab().table(Topologies.portForward8080()).table(f.build()).build());
        ProbeResult r = sim.probe(Probe.from("client", Packet.tcpSyn("10.0.1.2", "10.0.1.1", 40003, 8080)));
        assertEquals(1, r.icmpErrors().size(), r.toText());
        ProbeResult.IcmpError rst = r.icmpErrors().get(0);
        assertEquals(Location.of("client", "eth0"), rst.deliveredTo(), rst.trace().toString());
        assertTrue(Events.of(rst.trace(), TraceEvent.NatTranslated.class).stream()
                .anyMatch(t -> t.fromAddress().equals(Lab.ip("10.0.2.2")) && t.toAddress().equals(Lab.ip("10.0.1.1"))),
                rst.trace().toString());
        assertTrue(r.conntrack().getOrDefault("r", List.of()).isEmpty());
    }
}
