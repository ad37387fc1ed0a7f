package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TraceRenderingTest {

    private static ProbeResult run() {
        return new Simulation(Topologies.seed001(true)).probe(Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 7))
                .named("ping"));
    }

    @Test
    void textReadsLikeNftTrace() {
        String t = run().toText();
        assertTrue(t.contains("trace ip raw PREROUTING rule -A PREROUTING -i client-veth0 -j CT --zone 1 (verdict continue)"), t);
        assertTrue(t.contains("trace ip nat POSTROUTING rule -A POSTROUTING -s 10.10.1.0/24"), t);
        assertTrue(t.contains("== netns proxy"), t);
        assertTrue(t.contains("=> delivered at internet/eth0"), t);
    }

    @Test
    void hopsFollowTheNamespaces() {
        ProbeResult r = run();
        assertEquals(List.of("client", "host", "proxy", "host", "internet"),
                r.trace().hops().stream().map(Hop::namespace).toList());
        assertEquals(Location.out("client", "veth0"), r.path().get(0).at());
    }

    /** Every step says something, and the rule and policy steps name their chain at the step's hook. */
    @Test
    void everyStepHasWordsAndChainStepsTheirChain() {
        ProbeResult r = run();
        for (Trace t : List.of(r.trace(), r.replyTrace())) {
            for (TraceStep s : t.steps()) {
                String line = TraceText.line(s);
                assertTrue(line.startsWith("trace "), line);
                if (s.event() instanceof TraceEvent.RuleMatched || s.event() instanceof TraceEvent.ChainPolicy) {
                    assertTrue(line.contains(" [hook " + s.hook().nft() + " prio " + s.chain().priority() + "]"), line);
                } else {
                    assertTrue(TraceText.detail(s) != null && !TraceText.detail(s).isBlank(), line);
                }
            }
        }
        Disposition d = r.disposition();
        assertEquals(Disposition.Fate.DELIVERED, d.fate());
        assertEquals(Disposition.Reason.DELIVERED, d.reason());
        assertEquals(Location.of("internet", "eth0"), d.location());
        assertEquals(new TraceEvent.Delivery(TraceEvent.DeliveryOutcome.ECHO_ANSWERED), d.step().event());
    }
}
