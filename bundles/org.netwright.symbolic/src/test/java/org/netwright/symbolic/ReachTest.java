package org.netwright.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.netwright.engine.ChainType;
import org.netwright.engine.Disposition;
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

class ReachTest {
    static Interface.Builder veth(String name, String cidr, String peerNs, String peerIf) {
        return Interface.builder(name).kind(Interface.Kind.VETH).peer(peerNs, peerIf).address(cidr);
    }

    /**
     * client 10.0.1.2 -- router -- server 10.0.2.2, router's uplink 203.0.113.1 to inet 203.0.113.2: forward policy
     * drop, tcp 22 and 80 to the servers' net accepted, icmp through a jump, udp dropped; inet's tcp to
     * 203.0.113.1:8080 DNATed to 10.0.2.2:80; masquerade out of the uplink.
     */
    static NetworkView dmz() {
        NfTable.Builder filter = NfTable.builder(Family.INET, "filter");
        filter.chain("icmp").rule(Rule.builder().match(Match.proto(Packet.ICMP)).then(Statement.accept()).text("icmp accept"));
        filter.baseChain("forward", ChainType.FILTER, Hook.FORWARD, 0, Verdict.DROP)
                .rule(Rule.builder().match(Match.proto(Packet.TCP), Match.daddr("10.0.2.0/24"), new Match.Dport(PortSet.of(22, 80)))
                        .then(Statement.accept()).text("tcp dport {22,80} accept"))
                .rule(Rule.builder().match(Match.proto(Packet.UDP)).then(Statement.drop()).text("udp drop"))
                .rule(Rule.builder().match(Match.proto(Packet.TCP), new Match.Dport(PortSet.of(22))).then(Statement.drop())
                        .text("shadowed: tcp dport 22 drop"))
                .rule(Rule.builder().match(Match.oif("uplink")).then(Statement.accept()).text("out accept"))
                .rule(Rule.builder().then(Statement.jump("icmp")).text("jump icmp"));
        NfTable.Builder nat = NfTable.builder(Family.IP, "nat");
        nat.baseChain("pre", ChainType.NAT, Hook.PREROUTING, -100, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.proto(Packet.TCP), Match.daddr("203.0.113.1"), new Match.Dport(PortSet.of(8080)))
                        .then(Statement.dnat("10.0.2.2", 80)).text("dnat"));
        nat.baseChain("post", ChainType.NAT, Hook.POSTROUTING, 100, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.oif("uplink")).then(Statement.masquerade()).text("masquerade"));
        Namespace router = Namespace.builder("router").sysctls(Sysctls.builder().ipForward(true).build())
                .iface(veth("c0", "10.0.1.1/24", "client", "eth0"))
                .iface(veth("s0", "10.0.2.1/24", "server", "eth0"))
                .iface(veth("uplink", "203.0.113.1/24", "inet", "eth0"))
                .route(Route.to("default").via("203.0.113.2").dev("uplink"))
                .nfTable(filter.build()).nfTable(nat.build()).build();
        Namespace client = Namespace.builder("client").iface(veth("eth0", "10.0.1.2/24", "router", "c0"))
                .route(Route.to("default").via("10.0.1.1").dev("eth0")).build();
        Namespace server = Namespace.builder("server").iface(veth("eth0", "10.0.2.2/24", "router", "s0"))
                .route(Route.to("default").via("10.0.2.1").dev("eth0")).build();
        Namespace inet = Namespace.builder("inet").iface(veth("eth0", "203.0.113.2/24", "router", "uplink")).build();
        return NetworkView.builder().namespace(router).namespace(client).namespace(server).namespace(inet).build();
    }

    @Test
    void classesOfTheDmzAreConfirmedByTheConcreteEngine() {
        NetworkView view = dmz();
        List<Reach.Class> classes = new Reach(view).run(new Reach.Query("client", null, null, null, null, null));
        assertFalse(classes.isEmpty());
        for (Reach.Class c : classes) {
            assertTrue(c.confirmed(), c.outcome().fateText() + " " + c.headers() + ": concrete " + c.concrete());
            assertTrue(c.exact(), c.outcome().inexact().toString());
        }
        String text = ReachText.render(classes);
        assertTrue(text.contains("tcp from 10.0.1.2 to 10.0.2.2 dport {22,80} -> delivered to server\n"), text);
        assertTrue(text.contains("icmp from 10.0.1.2 to 10.0.2.2 -> delivered to server\n"), text);
        assertTrue(text.contains("tcp from 10.0.1.2 to 203.0.113.1 dport 8080 -> delivered to server, destination NATed to "
                + "10.0.2.2:80\n"), text);
        assertTrue(text.contains("udp from 10.0.1.2 to not {10.0.1.0/24,10.0.2.1,127.0.0.0/8,203.0.113.1} -> dropped in "
                + "router (rule-drop, udp drop)\n"), text);
        assertTrue(text.contains("tcp from 10.0.1.2 to {10.0.2.0,10.0.2.2-10.0.2.255} dport not {22,80} -> dropped in router "
                + "(chain-policy)\n"), text);
    }

    @Test
    void portForwardIsADestinationTranslation() {
        NetworkView view = dmz();
        List<Reach.Class> classes = new Reach(view).run(new Reach.Query("inet", "server", Set.of(Packet.TCP), null,
                "203.0.113.1", "8080"));
        assertEquals(1, classes.size());
        Reach.Class c = classes.get(0);
        assertEquals(List.of("destination NATed to 10.0.2.2:80"), c.outcome().translations());
        assertTrue(c.confirmed(), c.concrete());
    }

    @Test
    void randomPacketsGetTheFateOfTheirClass() {
        NetworkView view = dmz();
        for (String from : List.of("client", "server", "inet", "router")) {
            for (long seed = 1; seed <= 5; seed++) {
                ReachCheck.Result r = ReachCheck.run(view, new Reach.Query(from, null, null, null, null, null), seed, 20);
                assertEquals(List.of(), r.disagreements(), "from " + from + " seed " + seed);
                assertTrue(r.packets() > 20);
            }
            ReachCheck.Result any = ReachCheck.run(view, new Reach.Query(from, null, null, "0.0.0.0/0", "0.0.0.0/0", null), 7, 40);
            assertEquals(List.of(), any.disagreements(), "from " + from + " any source");
        }
    }
}
