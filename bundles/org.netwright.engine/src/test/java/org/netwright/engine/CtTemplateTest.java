package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Lab.rule;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first of zone / notrack on a packet wins, as in the kernel (found by generated referee case seed
 * 20260135: {@code -j CT --zone 2} then {@code -p tcp -j CT --notrack} leaves a zone-2 entry).
 */
class CtTemplateTest {
    private static Simulation raw(Statement first, Statement second) {
        NfTable.Builder t = NfTable.builder(Family.IP, "raw");
        t.baseChain("PREROUTING", ChainType.FILTER, Hook.PREROUTING, -300, Verdict.ACCEPT)
                .rule(rule(m(Match.iif("eth0")), first)).rule(rule(m(Match.udp()), second));
        return new Simulation(new Lab().table(t.build()).build());
    }

    @Test
    void zoneThenNotrackKeepsTheZone() {
        ProbeResult r = raw(Statement.ctZone(2), Statement.notrack())
                .probe(Probe.from("client", Packet.udp("10.0.1.2", "10.0.2.2", 4000, 53)).noReply());
        List<CtEntryView> es = r.conntrack().get("r");
        assertEquals(1, es.size(), r.toText());
        assertEquals(2, es.get(0).zone());
        assertEquals(List.of(new TraceEvent.StatementIgnored(TraceEvent.StatementIgnored.What.NOTRACK,
                TraceEvent.StatementIgnored.Cause.ZONE_TEMPLATE, 0, 2)), Events.of(r, TraceEvent.StatementIgnored.class));
    }

    @Test
    void notrackThenZoneStaysUntracked() {
        ProbeResult r = raw(Statement.notrack(), Statement.ctZone(2))
                .probe(Probe.from("client", Packet.udp("10.0.1.2", "10.0.2.2", 4001, 53)).noReply());
        assertTrue(r.conntrack().getOrDefault("r", List.of()).isEmpty(), r.toText());
    }
}
