package org.netwright.benchmarks;

import java.util.concurrent.TimeUnit;

import org.netwright.engine.Disposition;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Seed 001 (policy routing through the host's netfilter twice): one ping from the client to 8.8.8.8 per
 * operation, on a fresh {@link Simulation} so that every operation is the same first-packet walk
 * (conntrack entries created, NAT bindings made). One operation = the request walk plus, where the probe
 * follows it, the reply walk; single-threaded, so ops/s is walks per second on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Seed001Benchmark {
    private NetworkView broken;
    private NetworkView fixed;
    private final Probe ping = Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 7));
    private final Probe pingNoReply = ping.noReply();

    @Setup
    public void setUp() {
        broken = BenchTopologies.seed001(false);
        fixed = BenchTopologies.seed001(true);
        // measure the walks the seed is about, not some error path
        ProbeResult b = brokenPing();
        check(b.disposition().fate() == Disposition.Fate.DELIVERED && !b.replyDelivered(), "broken", b);
        ProbeResult f = fixedPing();
        check(f.disposition().fate() == Disposition.Fate.DELIVERED && f.replyDelivered(), "fixed", f);
    }

    static void check(boolean ok, String what, ProbeResult r) {
        if (!ok) {
            throw new IllegalStateException("unexpected outcome of the " + what + " walk:\n" + r.toText());
        }
    }

    /** Broken variant: the second pass is not NATed; the reply has no way back (request + failed reply). */
    @Benchmark
    public ProbeResult brokenPing() {
        return new Simulation(broken).probe(ping);
    }

    /** Fixed variant (ct zones): request masqueraded, reply walked back to the client. */
    @Benchmark
    public ProbeResult fixedPing() {
        return new Simulation(fixed).probe(ping);
    }

    /** Fixed variant, request walk only (no reply walked). */
    @Benchmark
    public ProbeResult fixedPingRequestOnly() {
        return new Simulation(fixed).probe(pingNoReply);
    }
}
