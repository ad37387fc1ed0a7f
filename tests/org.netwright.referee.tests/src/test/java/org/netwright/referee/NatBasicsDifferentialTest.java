package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.engine.ChainType;
import org.netwright.engine.CtState;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Match;
import org.netwright.engine.NfTable;
import org.netwright.engine.Rule;
import org.netwright.engine.Statement;
import org.netwright.engine.Verdict;
import org.netwright.export.KernelAvailability;

/**
 * client h0 (10.0.0.1) - router h1 (10.0.0.2 | 10.0.1.1) - server h2 (10.0.1.2): masquerade with reply,
 * DNAT port forward with reply, FORWARD drop policy with ct state established,related (iptables and nft).
 */
class NatBasicsDifferentialTest {
    private Differential d;

    @BeforeEach
    void kernel() {
        KernelAvailability.require();
    }

    @AfterEach
    void down() {
        if (d != null) {
            d.close();
        }
    }

    private Differential start(ChainTopo t, String lab) {
        d = new Differential(t.view(), t.lab(lab));
        return d;
    }

    private Outcome agree(ProbeSpec p, String... watch) {
        Outcome k = d.kernel(p, watch);
        Outcome e = d.engine(p, watch);
        assertEquals(List.of(), e.diff(k), p + "\nkernel: " + k + "\nengine: " + e + "\n" + d.explain());
        return k;
    }

    @Test
    void masqueradeLetsAServerWithoutRouteBackAnswer() {
        ChainTopo t = new ChainTopo(3);
        t.lastHasDefault = false;
        t.rule(1, Vocabulary.masquerade("eth1"));
        start(t, "masq");
        Outcome ping = agree(ProbeSpec.ping("h0", "10.0.1.2"), "h1/eth1");
        assertTrue(ping.replied());
        assertEquals("10.0.1.1", ping.leaving().get("h1/eth1").src());
        Outcome udp = agree(ProbeSpec.udp("h0", "10.0.0.1", 34001, "10.0.1.2", ChainTopo.UDP_PORT));
        assertEquals(new Hdr("udp", "10.0.1.1", 34001, "10.0.1.2", ChainTopo.UDP_PORT), udp.atDst());
        assertTrue(udp.replied());
        Outcome tcp = agree(ProbeSpec.tcp("h0", "10.0.0.1", 34002, "10.0.1.2", ChainTopo.TCP_PORT));
        assertTrue(tcp.replied());
        assertEquals(d.kernelConntrack("h1"), d.engineConntrack("h1"));
        // the server cannot reach the client at all: no route to 10.0.0.0/24
        Outcome back = agree(ProbeSpec.ping("h2", "10.0.0.1"));
        assertNull(back.deliveredTo());
    }

    @Test
    void withoutMasqueradeTheAnswerHasNoRouteBack() {
        ChainTopo t = new ChainTopo(3);
        t.lastHasDefault = false;
        start(t, "nomasq");
        Outcome ping = agree(ProbeSpec.ping("h0", "10.0.1.2"));
        assertEquals("h2", ping.deliveredTo());
        assertFalse(ping.replied());
    }

    @Test
    void dnatPortForwardWithReply() {
        ChainTopo t = new ChainTopo(3);
        t.lastHasDefault = false;
        t.rule(1, Vocabulary.dnat("eth1", "10.0.1.1", "tcp", 8002, "10.0.0.1", ChainTopo.TCP_PORT));
        t.rule(1, Vocabulary.dnat("eth1", "10.0.1.1", "udp", 8001, "10.0.0.1", ChainTopo.UDP_PORT));
        start(t, "dnat");
        Outcome tcp = agree(ProbeSpec.tcp("h2", "10.0.1.2", 35001, "10.0.1.1", 8002));
        assertEquals("h0", tcp.deliveredTo());
        assertEquals(new Hdr("tcp", "10.0.1.2", 35001, "10.0.0.1", ChainTopo.TCP_PORT), tcp.atDst());
        assertTrue(tcp.replied());
        Outcome udp = agree(ProbeSpec.udp("h2", "10.0.1.2", 35002, "10.0.1.1", 8001));
        assertTrue(udp.replied());
        // a port that is not forwarded is the router's own, closed: port unreachable
        Outcome closed = agree(ProbeSpec.udp("h2", "10.0.1.2", 35003, "10.0.1.1", 8003));
        assertEquals(List.of("3/3@h2"), closed.icmpErrors());
        assertEquals(d.kernelConntrack("h1"), d.engineConntrack("h1"));
    }

    @Test
    void forwardDropPolicyWithEstablishedRelatedIptables() {
        ChainTopo t = new ChainTopo(3);
        t.policy(1, "filter/FORWARD", Verdict.DROP);
        t.rule(1, Vocabulary.acceptEstablished("FORWARD"));
        t.rule(1, Vocabulary.acceptIifOif("FORWARD", "eth0", "eth1"));
        start(t, "fwdipt");
        statefulForwardProbes();
    }

    @Test
    void forwardDropPolicyWithEstablishedRelatedNft() {
        ChainTopo t = new ChainTopo(3);
        NfTable.Builder tb = NfTable.builder(Family.INET, "fw");
        tb.baseChain("forward", ChainType.FILTER, Hook.FORWARD, 0, Verdict.DROP)
                .rule(Rule.builder().text("ct state established,related accept")
                        .match(Match.ctState(CtState.ESTABLISHED, CtState.RELATED)).then(Statement.accept()))
                .rule(Rule.builder().text("iifname \"eth0\" oifname \"eth1\" accept")
                        .match(Match.iif("eth0"), Match.oif("eth1")).then(Statement.accept()));
        t.nft(1, """
                table inet fw {
                    chain forward {
                        type filter hook forward priority 0; policy drop;
                        ct state established,related accept
                        iifname "eth0" oifname "eth1" accept
                    }
                }
                """, List.of(tb.build()));
        start(t, "fwdnft");
        statefulForwardProbes();
    }

    private void statefulForwardProbes() {
        assertTrue(agree(ProbeSpec.ping("h0", "10.0.1.2")).replied());
        assertTrue(agree(ProbeSpec.udp("h0", "10.0.0.1", 36001, "10.0.1.2", ChainTopo.UDP_PORT)).replied());
        assertTrue(agree(ProbeSpec.tcp("h0", "10.0.0.1", 36002, "10.0.1.2", ChainTopo.TCP_PORT)).replied());
        Outcome in = agree(ProbeSpec.ping("h2", "10.0.0.1"));
        assertNull(in.deliveredTo());
        Outcome tcpIn = agree(ProbeSpec.tcp("h2", "10.0.1.2", 36003, "10.0.0.1", ChainTopo.TCP_PORT));
        assertNull(tcpIn.deliveredTo());
        assertFalse(tcpIn.replied());
        // the client's earlier UDP flow is established: the server's datagram from the same ports gets through
        // to h0 (whose socket is gone: port unreachable), and that error, RELATED, passes the forward chain
        Outcome udpBack = agree(ProbeSpec.udp("h2", "10.0.1.2", ChainTopo.UDP_PORT, "10.0.0.1", 36001));
        assertNull(udpBack.deliveredTo());
        assertEquals(List.of("3/3@h2"), udpBack.icmpErrors());
        assertEquals(d.kernelConntrack("h1"), d.engineConntrack("h1"));
    }
}
