package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RpFilterTest {

    /** A packet from 10.0.9.9 arrives on eth0, but the route back to 10.0.9.9 leaves via eth1. */
    private static ProbeResult run(Sysctls s) {
        Lab lab = new Lab();
        lab.routerSysctls = s;
        lab.routerRoutes.add(Route.to("10.0.9.0/24").via("10.0.2.2").dev("eth1").build());
        Simulation sim = new Simulation(lab.build());
        return sim.probe(Probe.arriving("r", "eth0", Packet.udp("10.0.9.9", "10.0.2.2", 7, 53)).noReply());
    }

    @Test
    void strictDropsAsymmetricSource() {
        ProbeResult r = run(Sysctls.builder().ipForward(true).rpFilterAll(1).build());
        assertEquals(Disposition.Type.DROPPED, r.disposition().type());
        assertTrue(r.disposition().reason().contains("strict"), r.disposition().toString());
    }

    @Test
    void looseAcceptsAnyReachableSource() {
        ProbeResult r = run(Sysctls.builder().ipForward(true).rpFilterAll(2).build());
        assertEquals("server/eth0", r.deliveredTo(), r.toText());
    }

    @Test
    void effectiveValueIsTheMaximumOfAllAndInterface() {
        Sysctls s = Sysctls.builder().ipForward(true).rpFilterAll(0).rpFilterDefault(2).rpFilter("eth0", 1).build();
        assertEquals(1, s.effectiveRpFilter("eth0"));
        assertEquals(2, s.effectiveRpFilter("eth1"));
        Sysctls t = Sysctls.builder().ipForward(true).rpFilterAll(2).rpFilter("eth0", 1).build();
        assertEquals(2, t.effectiveRpFilter("eth0"));
        assertEquals(Disposition.Type.DROPPED, run(s).disposition().type());
        assertEquals("server/eth0", run(t).deliveredTo());
        assertEquals("server/eth0", run(Sysctls.builder().ipForward(true).build()).deliveredTo());
    }

    @Test
    void looseDropsUnroutableSourceAndLocalSourceIsMartian() {
        Lab lab = new Lab();
        lab.routerSysctls = Sysctls.builder().ipForward(true).rpFilterAll(2).build();
        Simulation sim = new Simulation(lab.build());
        ProbeResult r = sim.probe(Probe.arriving("r", "eth0", Packet.udp("192.0.2.1", "10.0.2.2", 7, 53)).noReply());
        assertEquals(Disposition.Type.DROPPED, r.disposition().type(), r.toText());
        ProbeResult spoof = new Simulation(new Lab().build())
                .probe(Probe.arriving("r", "eth0", Packet.udp("10.0.2.1", "10.0.2.2", 7, 53)).noReply());
        assertTrue(spoof.disposition().reason().contains("martian"), spoof.disposition().toString());
    }

    @Test
    void ipForwardOffDropsTransitTraffic() {
        Lab lab = new Lab();
        lab.routerSysctls = Sysctls.DEFAULTS;
        ProbeResult r = new Simulation(lab.build()).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)));
        assertEquals(Disposition.Type.DROPPED, r.disposition().type());
        assertTrue(r.disposition().reason().contains("ip_forward=0"));
        assertTrue(r.icmpErrors().isEmpty(), "no ICMP when forwarding is disabled");
    }
}
