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

    /** The source validation that dropped the walk. */
    private static TraceEvent.SourceRejected rejected(ProbeResult r) {
        assertEquals(Disposition.Reason.REVERSE_PATH_FILTER, r.disposition().reason(), r.toText());
        return (TraceEvent.SourceRejected) ((TraceEvent.Dropped) r.disposition().step().event()).cause();
    }

    @Test
    void strictDropsAsymmetricSource() {
        ProbeResult r = run(Sysctls.builder().ipForward(true).rpFilterAll(1).build());
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate());
        assertEquals(TraceEvent.SourceRejected.Failure.STRICT_MISMATCH, rejected(r).failure(), r.disposition().toString());
        assertEquals("eth1", rejected(r).reverseDevice(), "the route back to 10.0.9.9 leaves via eth1");
    }

    @Test
    void looseAcceptsAnyReachableSource() {
        ProbeResult r = run(Sysctls.builder().ipForward(true).rpFilterAll(2).build());
        assertEquals(Location.of("server", "eth0"), r.deliveredTo(), r.toText());
    }

    @Test
    void effectiveValueIsTheMaximumOfAllAndInterface() {
        Sysctls s = Sysctls.builder().ipForward(true).rpFilterAll(0).rpFilterDefault(2).rpFilter("eth0", 1).build();
        assertEquals(1, s.effectiveRpFilter("eth0"));
        assertEquals(2, s.effectiveRpFilter("eth1"));
        Sysctls t = Sysctls.builder().ipForward(true).rpFilterAll(2).rpFilter("eth0", 1).build();
        assertEquals(2, t.effectiveRpFilter("eth0"));
        assertEquals(Disposition.Fate.DROPPED, run(s).disposition().fate());
        assertEquals(Location.of("server", "eth0"), run(t).deliveredTo());
        assertEquals(Location.of("server", "eth0"), run(Sysctls.builder().ipForward(true).build()).deliveredTo());
    }

    @Test
    void looseDropsUnroutableSourceAndLocalSourceIsMartian() {
        Lab lab = new Lab();
        lab.routerSysctls = Sysctls.builder().ipForward(true).rpFilterAll(2).build();
        Simulation sim = new Simulation(lab.build());
        ProbeResult r = sim.probe(Probe.arriving("r", "eth0", Packet.udp("192.0.2.1", "10.0.2.2", 7, 53)).noReply());
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate(), r.toText());
        ProbeResult spoof = new Simulation(new Lab().build())
                .probe(Probe.arriving("r", "eth0", Packet.udp("10.0.2.1", "10.0.2.2", 7, 53)).noReply());
        assertEquals(TraceEvent.SourceRejected.Failure.NO_ROUTE_BACK, rejected(r).failure(), r.toText());
        assertEquals(TraceEvent.SourceRejected.Failure.MARTIAN, rejected(spoof).failure(), spoof.disposition().toString());
    }

    @Test
    void ipForwardOffDropsTransitTraffic() {
        Lab lab = new Lab();
        lab.routerSysctls = Sysctls.DEFAULTS;
        ProbeResult r = new Simulation(lab.build()).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)));
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate());
        assertEquals(Disposition.Reason.FORWARDING_DISABLED, r.disposition().reason());
        assertTrue(r.icmpErrors().isEmpty(), "no ICMP when forwarding is disabled");
    }
}
