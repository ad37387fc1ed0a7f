package org.netwright.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
}
