package org.netwright.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.engine.Chain;
import org.netwright.engine.ChainType;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.Match;
import org.netwright.engine.Namespace;
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

/** A walk as table rows and as a path, read from the trace's typed events: a client, a router that may drop, a server. */
class WalkViewTest {
    private static Interface.Builder veth(String name, String cidr, String peerNs, String peerIf) {
        return Interface.builder(name).kind(Interface.Kind.VETH).peer(peerNs, peerIf).address(cidr);
    }

    private static ProbeResult walk(boolean dropSsh) {
        NfTable.Builder filter = NfTable.builder(Family.INET, "filter");
        Chain.Builder forward = filter.baseChain("forward", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT);
        if (dropSsh) {
            forward.rule(Rule.builder().match(Match.tcp(), Match.dport(22)).then(new Statement.Drop()).text("tcp dport 22 drop"));
        }
        NetworkView net = NetworkView.builder()
                .namespace(Namespace.builder("client").iface(veth("eth0", "10.0.1.2/24", "router", "lan0"))
                        .route(Route.to("default").via("10.0.1.1").dev("eth0")))
                .namespace(Namespace.builder("router").sysctls(Sysctls.builder().ipForward(true).build())
                        .iface(veth("lan0", "10.0.1.1/24", "client", "eth0")).iface(veth("wan0", "10.0.2.1/24", "server", "eth0"))
                        .nfTable(filter.build()))
                .namespace(Namespace.builder("server").iface(veth("eth0", "10.0.2.2/24", "router", "wan0"))
                        .route(Route.to("default").via("10.0.2.1").dev("eth0")).listener(org.netwright.engine.Listener.tcp(22)))
                .build();
        return new Simulation(net).probe(Probe.from("client", Packet.tcpSyn(null, "10.0.2.2", 40000, 22)));
    }

    @Test
    void aDeliveredWalkIsItsDevicesThereAndItsReplyBack() {
        ProbeResult r = walk(false);
        PathHighlight path = WalkView.path(r);
        assertEquals(PathHighlight.Fate.DELIVERED, path.fate(), r.toText());
        assertEquals("server", path.fateNamespace());
        assertEquals(List.of(new PathHighlight.Device("client", "eth0"), new PathHighlight.Device("router", "lan0"),
                new PathHighlight.Device("router", "wan0"), new PathHighlight.Device("server", "eth0")), path.forward());
        assertEquals(List.of("server", "router", "client"), List.copyOf(path.replyNamespaces()));
        List<WalkView.Row> rows = WalkView.rows(r);
        assertTrue(rows.stream().anyMatch(WalkView.Row::reply), "the reply's steps follow");
        assertTrue(rows.stream().anyMatch(row -> row.kind() == TraceStep.Kind.DELIVER && row.where().startsWith("server")), rows.toString());
        assertEquals(PathHighlight.Role.DELIVERED_HERE, path.roleOf("server"));
        assertEquals(PathHighlight.Role.ON_PATH, path.roleOf("router"));
        assertEquals("\u2714 delivered here, reply sent", path.label("server"));
        assertEquals(null, path.label("router"));
    }

    @Test
    void aDroppedWalkNamesTheRuleWhereItWasDropped() {
        ProbeResult r = walk(true);
        PathHighlight path = WalkView.path(r);
        assertEquals(PathHighlight.Fate.DROPPED, path.fate(), r.toText());
        assertEquals("router", path.fateNamespace());
        assertTrue(path.note().startsWith("by tcp dport 22 drop"), path.note());
        assertEquals(PathHighlight.Role.DROPPED_HERE, path.roleOf("router"));
        assertEquals(PathHighlight.Role.ON_PATH, path.roleOf("client"));
        assertEquals(PathHighlight.Role.NONE, path.roleOf("server"));
        assertTrue(path.label("router").startsWith("\u2716 dropped here\nby tcp dport 22 drop"), path.label("router"));
        WalkView.Row rule = WalkView.rows(r).stream().filter(row -> row.kind() == TraceStep.Kind.RULE).findFirst().orElseThrow();
        assertEquals("tcp dport 22 drop", rule.rule());
        assertEquals("drop", rule.verdict());
        assertEquals("inet forward", rule.hook());
        assertEquals("filter / forward (0)", rule.chain());
        assertTrue(rule.header().startsWith("ip saddr 10.0.1.2 ip daddr 10.0.2.2"), rule.header());
    }

    @Test
    void consecutiveDuplicatesAreSqueezed() {
        PathHighlight.Device a = new PathHighlight.Device("a", "eth0");
        PathHighlight.Device b = new PathHighlight.Device("b", "eth0");
        assertEquals(List.of(a, b, a), PathHighlight.squeeze(List.of(a, a, b, b, a)));
        assertTrue(PathHighlight.crosses(List.of(a, b), b, a));
    }
}
