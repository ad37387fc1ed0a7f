package org.netwright.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.netwright.engine.ChainType;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.Match;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.PortSet;
import org.netwright.engine.Route;
import org.netwright.engine.Rule;
import org.netwright.engine.Statement;
import org.netwright.engine.Sysctls;
import org.netwright.engine.Verdict;
import org.netwright.symbolic.Outcome;
import org.netwright.symbolic.Reach;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * All-pairs reach (issue 16): a core router with {@code namespaces - 1} leaf namespaces (10.0.i.2/24 behind
 * 10.0.i.1/24), its forward chain {@code rules} generated rules (source and destination leaf prefixes of /24 or /23,
 * tcp or udp, a port or a port range, accept or drop; seed 16), policy accept. One operation = the reach classes
 * (without the examples' concrete walks) from every namespace, i.e. every pair at once, in one BDD kernel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SymbolicReachBenchmark {
    @Param({"50"})
    public int namespaces;

    @Param({"10000"})
    public int rules;

    private NetworkView view;

    @Setup
    public void setUp() {
        view = network(namespaces, rules, 16);
    }

    static NetworkView network(int namespaces, int rules, long seed) {
        Random r = new Random(seed);
        int leaves = namespaces - 1;
        NfTable.Builder filter = NfTable.builder(Family.INET, "filter");
        org.netwright.engine.Chain.Builder fwd = filter.baseChain("forward", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT);
        for (int i = 0; i < rules; i++) {
            int a = 1 + r.nextInt(leaves);
            int b = 1 + r.nextInt(leaves);
            int port = 1 + r.nextInt(2000);
            fwd.rule(Rule.builder()
                    .match(Match.saddr("10.0." + a + ".0/" + (r.nextBoolean() ? 24 : 23)),
                            Match.daddr("10.0." + b + ".0/" + (r.nextBoolean() ? 24 : 23)),
                            Match.proto(r.nextBoolean() ? Packet.TCP : Packet.UDP),
                            new Match.Dport(r.nextInt(4) == 0 ? PortSet.range(port, port + r.nextInt(500)) : PortSet.of(port)))
                    .then(r.nextInt(3) == 0 ? Statement.drop() : Statement.accept()).text("rule " + i));
        }
        Namespace.Builder core = Namespace.builder("core").sysctls(Sysctls.builder().ipForward(true).build())
                .nfTable(filter.build());
        List<Namespace> leafList = new ArrayList<>();
        for (int i = 1; i <= leaves; i++) {
            core.iface(Interface.builder("l" + i).kind(Interface.Kind.VETH).peer("ns" + i, "eth0").address("10.0." + i + ".1/24"));
            leafList.add(Namespace.builder("ns" + i)
                    .iface(Interface.builder("eth0").kind(Interface.Kind.VETH).peer("core", "l" + i).address("10.0." + i + ".2/24"))
                    .route(Route.to("default").via("10.0." + i + ".1").dev("eth0")).build());
        }
        NetworkView.Builder v = NetworkView.builder().namespace(core.build());
        leafList.forEach(v::namespace);
        return v.build();
    }

    /** The number of classes of all pairs (returned so the work is not optimised away). */
    @Benchmark
    public int allPairs() {
        int classes = 0;
        Reach reach = new Reach(view);
        for (String from : view.namespaces().keySet()) {
            List<Outcome> outcomes = reach.outcomes(new Reach.Query(from, null, null, null, null, null));
            classes += outcomes.size();
        }
        return classes;
    }
}
