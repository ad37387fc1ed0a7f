package org.netwright.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netwright.benchmarks.lsp.LanguageServerBenchmark;
import org.netwright.engine.Location;
import org.netwright.engine.ProbeResult;

/**
 * What the build checks of the benchmarks: they compile, and each one's set-up (which verifies that the
 * measured walk has the outcome the benchmark is about) passes, with one operation run. No timing here:
 * figures come from the JMH runs described in README.md.
 */
class BenchmarksSmokeTest {
    @Test
    void seed001WalksAreTheOnesTheSeedIsAbout() {
        Seed001Benchmark b = new Seed001Benchmark();
        b.setUp();
        assertEquals(Location.of("internet", "eth0"), b.fixedPingRequestOnly().deliveredTo());
        assertTrue(b.fixedPing().replyDelivered());
    }

    @ParameterizedTest
    @EnumSource(BenchTopologies.Shape.class)
    void ruleScalingShapesWalkThroughTheRouter(BenchTopologies.Shape shape) {
        RuleScalingBenchmark b = new RuleScalingBenchmark();
        b.shape = shape;
        b.n = 100;
        b.setUp();
        ProbeResult r = b.walk();
        assertEquals(Location.of("server", "eth0"), r.deliveredTo(), r.toText());
    }

    @Test
    void theLanguageServerAnswersEveryMeasuredRequestOnALargeFile() throws Exception {
        LanguageServerBenchmark b = new LanguageServerBenchmark();
        b.rules = 250;
        b.setUp(); // fails if the generated file has a problem
        try {
            assertEquals(List.of(), b.diagnosticsAfterEdit());
            assertEquals(List.of(), b.diagnosticsAfterEdit(), "and back");
            LanguageServerBenchmark.ClosedDocument closed = new LanguageServerBenchmark.ClosedDocument();
            closed.close(b);
            assertEquals(List.of(), b.diagnosticsAfterOpen(closed), "opened again");
            // five tokens a rule (iif, eth1, ip, the address, tcp, dport, the port, accept and more): five integers each
            assertTrue(b.semanticTokens().getData().size() > 250 * 5 * 5, "semantic tokens of every rule");
            assertTrue(b.completion().stream().anyMatch(c -> c.getLabel().equals("eth0")), "interfaces offered after iif");
            assertTrue(b.hover().getContents().getRight().getValue().contains("accept"), "hover on the verdict");
            // router, nftables, table, three chains (250 rules: 100, 100, 50) and no comment runs
            assertEquals(6, b.foldingRange().size());
            assertEquals("router", b.documentSymbol().get(0).getRight().getName());
            // the generated file is formatted as the formatter writes it: no edit
            assertEquals(List.of(), b.formatting());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void allPairsReachFindsDeliveriesAndRuleDropsOnASmallGeneratedNetwork() {
        SymbolicReachBenchmark b = new SymbolicReachBenchmark();
        b.namespaces = 6;
        b.rules = 200;
        b.setUp();
        // every namespace reaches some others, and some packets are dropped by rules: more than one class per namespace
        assertTrue(b.allPairs() > 6 * 2);
    }
}
