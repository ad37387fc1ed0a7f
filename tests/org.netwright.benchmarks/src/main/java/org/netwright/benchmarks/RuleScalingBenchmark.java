package org.netwright.benchmarks;

import java.util.concurrent.TimeUnit;

import org.netwright.engine.Location;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.netwright.engine.TraceEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-walk cost of a FORWARD chain with N rules/elements in three shapes (see {@link BenchTopologies.Shape}):
 * linear {@code ip saddr P accept} rules (probe matches the last one, or none), one rule with an interval
 * set of N prefixes (anonymous or named), a verdict map of N prefixes, and (ROUTES) no rules but N prefix
 * routes for the routing decision's longest prefix match. One operation = one UDP packet
 * walked client -> router -> server (no reply), on a fresh {@link Simulation}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleScalingBenchmark {
    @Param({"100", "1000", "10000"})
    public int n;

    @Param({"LINEAR_LAST", "LINEAR_NONE", "ANON_SET", "NAMED_SET", "VMAP", "ROUTES"})
    public BenchTopologies.Shape shape;

    private NetworkView view;
    private final Probe probe = Probe.from("client", Packet.udp("10.0.1.2", "10.0.2.2", 40000, 53)).noReply();

    @Setup
    public void setUp() {
        view = BenchTopologies.ruleLab(shape, n);
        ProbeResult r = walk();
        boolean hit = r.steps().stream().anyMatch(s -> s.event() instanceof TraceEvent.RuleMatched m
                && m.verdict() == TraceEvent.RuleVerdict.ACCEPT);
        boolean expectHit = shape != BenchTopologies.Shape.LINEAR_NONE && shape != BenchTopologies.Shape.ROUTES;
        Seed001Benchmark.check(Location.of("server", "eth0").equals(r.deliveredTo()) && hit == expectHit, shape + " n=" + n, r);
    }

    @Benchmark
    public ProbeResult walk() {
        return new Simulation(view).probe(probe);
    }
}
