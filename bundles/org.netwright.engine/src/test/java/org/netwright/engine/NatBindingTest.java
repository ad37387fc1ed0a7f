package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NAT bindings as the generated referee cases found the kernel choosing them. */
class NatBindingTest {
    /**
     * A DNAT can make a connection's reply tuple equal to an existing entry's. The kernel does not drop it:
     * the source null binding (no snat rule) searches a unique tuple like any SNAT and moves the source port
     * (generated case seed 20260316: the kernel delivered the second probe from port 22112).
     */
    @Test
    void nullSourceBindingMovesThePortWhenADnatCollides() {
        NfTable.Builder t = NfTable.builder(Family.IP, "nat");
        t.baseChain("pre", ChainType.NAT, Hook.PREROUTING, -100, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.iif("eth1"), Match.udp(), Match.daddr("10.0.2.1"), Match.dport(8001))
                        .then(Statement.dnat("10.0.1.2", 53)).text("dnat"));
        t.baseChain("post", ChainType.NAT, Hook.POSTROUTING, 100, Verdict.ACCEPT);
        Simulation sim = new Simulation(new Lab().table(t.build()).build());
        sim.probe(Probe.from("server", Packet.udp("10.0.2.2", "10.0.1.2", 7000, 53)).noReply());
        ProbeResult second = sim.probe(Probe.from("server", Packet.udp("10.0.2.2", "10.0.2.1", 7000, 8001)).noReply());
        Packet out = second.seenLeaving("r", "eth0");
        assertTrue(out != null, second.toText());
        assertEquals(IpAddr.parse("10.0.1.2"), out.dst());
        assertNotEquals(7000, out.sport(), "source port moved by the null binding");
        List<CtEntryView> es = second.conntrack().get("r");
        assertEquals(2, es.size(), "both connections are tracked, no clash drop");
    }

    /**
     * Masquerade of a second client with the same source port: the kernel moves the port starting at a random
     * offset in 1024-65535, so the moved port is practically never the next one up, which probes of the same
     * run are likely to use (generated case seeds 20260260, 20260321 collided with the engine's old choice).
     */
    @Test
    void aMovedSourcePortIsNotTheNextPortUp() {
        NfTable.Builder t = NfTable.builder(Family.IP, "nat");
        t.baseChain("post", ChainType.NAT, Hook.POSTROUTING, 100, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.oif("eth1")).then(Statement.masquerade()).text("masquerade"));
        Simulation sim = new Simulation(new Lab().table(t.build()).build());
        ProbeResult a = sim.probe(Probe.arriving("r", "eth0", Packet.udp("10.0.1.2", "10.0.2.2", 5000, 53)).noReply());
        ProbeResult b = sim.probe(Probe.arriving("r", "eth0", Packet.udp("10.0.1.3", "10.0.2.2", 5000, 53)).noReply());
        assertEquals(5000, a.seenLeaving("r", "eth1").sport());
        int moved = b.seenLeaving("r", "eth1").sport();
        assertNotEquals(5000, moved);
        assertNotEquals(5001, moved);
        assertTrue(moved >= 1024, "stays in the port's class");
    }

    /**
     * An ICMP error the router generates about a packet it DNAT'ed and then dropped (here: a prohibit route
     * chosen by fwmark) carries that packet's entry although it was never confirmed (icmp_glue_bits calls
     * nf_ct_attach), so its embedded header is un-DNAT'ed on the way out and a router further back recognises
     * the error as related (generated case seed 30000195: the kernel's next router applied its ct mark rules
     * to the error).
     */
    @Test
    void anIcmpErrorAboutAnUnconfirmedDnatIsTranslated() {
        NfTable.Builder f = NfTable.builder(Family.IP, "f");
        f.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.tcp()).then(Statement.reject()).text("reject"));
        Simulation sim = new Simulation(new Lab().table(Topologies.portForward8080()).table(f.build()).build());
        ProbeResult r = sim.probe(Probe.from("client", Packet.tcpSyn("10.0.1.2", "10.0.1.1", 40004, 8080)));
        assertEquals(1, r.icmpErrors().size(), r.toText());
        Trace err = r.icmpErrors().get(0).trace();
        long entry = Events.of(r, TraceEvent.CtCreated.class).get(0).entry();
        assertTrue(Events.of(err, TraceEvent.NatIcmpTranslated.class).stream().anyMatch(t -> t.entry() == entry),
                err.toString());
        assertEquals(List.of(), Events.of(err, TraceEvent.CtInvalid.class), err.toString());
        assertEquals(Location.of("client", "eth0"), r.icmpErrors().get(0).deliveredTo());
    }
}
