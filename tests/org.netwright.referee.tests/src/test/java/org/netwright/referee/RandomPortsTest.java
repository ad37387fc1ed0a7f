package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The referee's reading of ports NAT picks at random: needs no kernel. */
class RandomPortsTest {
    private static Observed seen(int port, String natEntry) {
        return new Observed("server", new Hdr("tcp", "10.0.2.1", port, "10.0.2.2", 80), null, false, null, true, null, false,
                List.of(), Map.of("r", List.of(natEntry)));
    }

    private static String entry(int port) {
        return "tcp zone=0 mark=0x0 10.0.1.2:40000>10.0.2.2:80 / 10.0.2.2:80>10.0.2.1:" + port;
    }

    @Test
    void theKernelsPickStandsInForTheEnginesAndNothingElseDoes() {
        Observed engine = seen(51000, entry(51000));
        Observed kernel = seen(33333, entry(33333));
        assertNotEquals(List.of(), engine.diff(kernel), "a different port is a difference until it is known to be a pick");
        RandomPorts ports = new RandomPorts().learning(engine, Set.of(51000), kernel);
        assertEquals(List.of(), engine.diff(ports.asEngineSees(kernel)));
        // a port the engine did not pick at random is still compared
        Observed other = seen(33333, entry(33333));
        Observed elsewhere = new Observed("server", new Hdr("tcp", "10.0.2.1", 33333, "10.0.2.2", 81), null, false, null, true,
                null, false, List.of(), Map.of("r", List.of(entry(33333))));
        assertNotEquals(List.of(), other.diff(new RandomPorts().learning(other, Set.of(), elsewhere).asEngineSees(elsewhere)));
    }

    @Test
    void aPickSeenOnlyInConntrackIsLearnedThere() {
        Observed engine = new Observed(null, null, "server", false, null, false, null, false, List.of(),
                Map.of("r", List.of(entry(51000))));
        Observed kernel = new Observed(null, null, "server", false, null, false, null, false, List.of(),
                Map.of("r", List.of(entry(40404))));
        RandomPorts ports = new RandomPorts().learning(engine, Set.of(51000), kernel);
        assertEquals(List.of(), engine.diff(ports.asEngineSees(kernel)));
        // what was learned holds for the next probe of the run, whose entries still carry the pick
        assertEquals(List.of(), engine.diff(ports.learning(engine, Set.of(), kernel).asEngineSees(kernel)));
    }

    /** The kernel's pick can equal a real port (it picked 8080 once): only the pick's own places are read as the engine's. */
    @Test
    void aKernelPickEqualToARealPortChangesNothingElse() {
        String other = "tcp zone=0 mark=0x0 10.0.1.3:40001>10.0.2.2:8080 / 10.0.2.2:8080>10.0.1.3:40001";
        Observed engine = new Observed("server", new Hdr("tcp", "10.0.2.1", 51000, "10.0.2.2", 8080), null, false, null, true,
                null, false, List.of(), Map.of("r", List.of(entry(51000), other)));
        Observed kernel = new Observed("server", new Hdr("tcp", "10.0.2.1", 8080, "10.0.2.2", 8080), null, false, null, true,
                null, false, List.of(), Map.of("r", List.of(entry(8080), other)));
        RandomPorts ports = new RandomPorts().learning(engine, Set.of(51000), kernel);
        assertEquals(List.of(), engine.diff(ports.asEngineSees(kernel)));
        Observed wrongElsewhere = new Observed("server", new Hdr("tcp", "10.0.2.1", 8080, "10.0.2.2", 8080), null, false, null,
                true, null, false, List.of(), Map.of("r", List.of(entry(8080), other.replace(":40001>10.0.2.2", ":40002>10.0.2.2"))));
        assertNotEquals(List.of(), engine.diff(new RandomPorts().learning(engine, Set.of(51000), wrongElsewhere)
                .asEngineSees(wrongElsewhere)), "an entry that differs in a real port still differs");
    }
}
