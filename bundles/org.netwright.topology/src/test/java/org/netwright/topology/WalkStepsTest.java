package org.netwright.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.engine.ChainType;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.Namespace;
import org.netwright.engine.NatRange;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Route;
import org.netwright.engine.Rule;
import org.netwright.engine.Simulation;
import org.netwright.engine.Statement;
import org.netwright.engine.Sysctls;
import org.netwright.engine.TraceStep;
import org.netwright.engine.Verdict;

/** Stepping through a walk: a router that marks at -300 (before conntrack) and masquerades behind its uplink. */
class WalkStepsTest {
    private static Interface.Builder veth(String name, String cidr, String peerNs, String peerIf) {
        return Interface.builder(name).kind(Interface.Kind.VETH).peer(peerNs, peerIf).address(cidr);
    }

    private static ProbeResult walk() {
        NfTable.Builder t = NfTable.builder(Family.IP, "t");
        t.baseChain("early", ChainType.FILTER, Hook.PREROUTING, -300, Verdict.ACCEPT)
                .rule(Rule.builder().then(new Statement.SetMark(0x1, 0)).text("meta mark set 0x1"));
        t.baseChain("post", ChainType.NAT, Hook.POSTROUTING, 100, Verdict.ACCEPT)
                .rule(Rule.builder().then(new Statement.Snat(NatRange.addr("10.0.2.1"))).text("snat to 10.0.2.1"));
        NetworkView net = NetworkView.builder()
                .namespace(Namespace.builder("client").iface(veth("eth0", "10.0.1.2/24", "router", "lan0"))
                        .route(Route.to("default").via("10.0.1.1").dev("eth0")))
                .namespace(Namespace.builder("router").sysctls(Sysctls.builder().ipForward(true).build())
                        .iface(veth("lan0", "10.0.1.1/24", "client", "eth0")).iface(veth("wan0", "10.0.2.1/24", "server", "eth0"))
                        .nfTable(t.build()))
                .namespace(Namespace.builder("server").iface(veth("eth0", "10.0.2.2/24", "router", "wan0"))
                        .route(Route.to("default").via("10.0.2.1").dev("eth0")))
                .build();
        return new Simulation(net).probe(Probe.from("client", Packet.icmpEcho(null, "10.0.2.2", 7)));
    }

    @Test
    void eachStepSaysWhereItIsWhatChangedAndHowFarThePacketCame() {
        ProbeResult r = walk();
        List<WalkSteps.Step> steps = WalkSteps.of(r);
        assertEquals(WalkView.rows(r).size(), steps.size(), "one step per row of the table");
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i, steps.get(i).index());
        }

        WalkSteps.Step mark = steps.stream().filter(s -> "router".equals(s.namespace()) && s.chain() != null && s.chain().chain().equals("early"))
            .findFirst().orElseThrow(() -> new AssertionError(r.toText()));
        assertEquals(Pipeline.StageKind.PREROUTING, mark.stage());
        assertEquals(List.of("meta mark"), mark.changed(), mark.header());
        int[] range = mark.changedRanges().get(0);
        assertEquals("0x1", mark.header().substring(range[0], range[1]));

        int ct = steps.indexOf(steps.stream().filter(s -> "router".equals(s.namespace()) && s.kind() == TraceStep.Kind.CONNTRACK).findFirst()
            .orElseThrow(() -> new AssertionError(r.toText())));
        assertTrue(ct > mark.index(), "conntrack comes after the chain at -300");
        assertNotNull(steps.get(ct).conntrack());
        assertEquals(Pipeline.StageKind.PREROUTING, steps.get(ct).stage());

        WalkSteps.Step snat = steps.stream().filter(s -> !s.reply() && "router".equals(s.namespace()) && s.changed().contains("ip saddr")).findFirst()
            .orElseThrow(() -> new AssertionError("the source is translated somewhere: " + r.toText()));
        assertEquals("router", snat.namespace());
        assertEquals(Pipeline.StageKind.POSTROUTING, snat.stage());
        int[] at = snat.changedRanges().get(snat.changed().indexOf("ip saddr"));
        assertEquals("10.0.2.1", snat.header().substring(at[0], at[1]));

        WalkSteps.Step lastForward = steps.stream().filter(s -> !s.reply()).reduce((a, b) -> b).orElseThrow();
        assertEquals(List.of(new PathHighlight.Device("client", "eth0"), new PathHighlight.Device("router", "lan0"),
            new PathHighlight.Device("router", "wan0"), new PathHighlight.Device("server", "eth0")), lastForward.progress().forward().subList(0, 4));
        assertEquals(Pipeline.StageKind.OUTPUT_ROUTING, steps.stream().filter(s -> s.kind() == TraceStep.Kind.ROUTE).findFirst().orElseThrow().stage(),
            "the client's own packet is routed on its way out");
        assertTrue(steps.stream().anyMatch(s -> "router".equals(s.namespace()) && s.stage() == Pipeline.StageKind.ROUTING),
            "the router routes what it received");

        List<WalkSteps.Step> reply = steps.stream().filter(WalkSteps.Step::reply).toList();
        assertFalse(reply.isEmpty(), "the echo is answered");
        WalkSteps.Step firstReply = reply.get(0);
        assertTrue(firstReply.progress().inReply());
        assertEquals(lastForward.progress().forward(), firstReply.progress().forward(), "the probe's whole way stays shown");
        assertEquals(List.of(new PathHighlight.Device("server", "eth0")), firstReply.progress().reply().subList(0, 1));
    }

    @Test
    void headersOfDifferentShapeAreReplacedWhole() {
        List<String> names = new java.util.ArrayList<>();
        List<int[]> ranges = new java.util.ArrayList<>();
        WalkSteps.diff("ip saddr 1.1.1.1 ip daddr 2.2.2.2", "ip saddr 3.3.3.3 ip daddr 2.2.2.2 esp spi 0x1", names, ranges);
        assertEquals(List.of("header"), names);
        names.clear();
        ranges.clear();
        WalkSteps.diff("ip saddr 1.1.1.1 ip daddr 2.2.2.2", "ip saddr 1.1.1.1 ip daddr 9.9.9.9", names, ranges);
        assertEquals(List.of("ip daddr"), names);
        assertEquals(26, ranges.get(0)[0]);
    }
}
