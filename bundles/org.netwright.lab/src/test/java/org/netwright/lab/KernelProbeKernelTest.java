package org.netwright.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.export.KernelAvailability;

/** Probes, servers, captures and conntrack through a masquerading router, against the real kernel. */
class KernelProbeKernelTest {
    private NetnsLab lab;
    private KernelProbe k;

    @BeforeEach
    void up() {
        KernelAvailability.require();
        lab = NetnsLab.up("labp");
        lab.namespace("c").namespace("r").namespace("s")
                .veth("c", "eth0", "r", "eth0").veth("r", "eth1", "s", "eth0")
                .addr("c", "eth0", "10.0.1.2/24").addr("r", "eth0", "10.0.1.1/24")
                .addr("r", "eth1", "10.0.2.1/24").addr("s", "eth0", "10.0.2.2/24")
                .route("c", "default", "via", "10.0.1.1")
                .sysctl("r", "net.ipv4.ip_forward", "1");
        lab.iptablesRestore("r", "*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth1 -j MASQUERADE\nCOMMIT\n", false);
        k = new KernelProbe(lab);
    }

    @AfterEach
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void udpThroughMasqueradeIsSeenTranslatedAndTracked() {
        k.udpEchoServer("s", "10.0.2.2", 5353);
        Capture cap = k.capture("s", "any", 20, Duration.ofSeconds(10), "ip");
        KernelProbe.Outcome o = k.udp("c", "10.0.1.2", 40001, "10.0.2.2", 5353);
        List<CapturedPacket> seen = cap.of("udp");
        assertTrue(o.replied(), o.exec().describe());
        assertEquals(2, seen.size(), cap.text());
        CapturedPacket in = seen.get(0);
        assertTrue(in.inbound());
        assertEquals("eth0", in.iface());
        assertEquals("10.0.2.1", in.src());
        assertEquals(40001, in.sport());
        List<ConntrackEntry> ct = k.conntrack("r");
        assertEquals(1, ct.size(), ct.toString());
        assertEquals("snat", ct.get(0).nat());
        assertEquals(40001, ct.get(0).orig().sport());
    }

    @Test
    void tcpAndPingAndAnUnansweredProbe() {
        k.tcpEchoServer("s", null, 8080);
        assertTrue(k.tcp("c", "10.0.1.2", 40002, "10.0.2.2", 8080).replied());
        assertTrue(k.ping("c", "10.0.2.2").replied());
        // s has no route back to 10.0.1.0/24 but masquerade makes that unnecessary; a probe to a closed
        // port gets an ICMP error, which is not an echo
        Capture cap = k.capture("c", "eth0", 10, Duration.ofSeconds(10), "icmp");
        assertFalse(k.udp("c", "10.0.1.2", 40003, "10.0.2.2", 9).replied());
        List<CapturedPacket> errors = cap.stop();
        assertEquals(1, errors.size(), cap.text());
        assertEquals(3, errors.get(0).icmpType());
        assertEquals(3, errors.get(0).icmpCode());
        ConntrackStats before = k.conntrackStats("r");
        assertEquals(ConntrackStats.ZERO.insertFailed(), k.conntrackStats("r").minus(before).insertFailed());
    }
}
