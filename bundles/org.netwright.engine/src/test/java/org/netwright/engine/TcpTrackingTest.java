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
        assertTrue(closed.replyTrace().steps().stream().anyMatch(s -> s.kind() == TraceStep.Kind.CONNTRACK
                && s.detail().contains("only reply is a tcp reset")));
    }

    @Test
    void anAnsweredSynKeepsItsEntry() {
        Simulation sim = new Simulation(natLab());
        ProbeResult open = sim.probe(Probe.from("client", Packet.tcpSyn("10.0.1.2", "10.0.2.2", 40001, 80)));
        assertTrue(open.replyDelivered());
        assertEquals(1, open.conntrack().get("r").size());
    }
}
