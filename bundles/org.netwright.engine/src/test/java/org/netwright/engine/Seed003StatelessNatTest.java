package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 reduced to one node: stateless "ip daddr set" at prerouting -300 (before conntrack), ct mark
 * set from the meta mark on the way to the guest bridge, stateless "ip saddr set" at postrouting 90 keyed
 * on the ct mark for the answer, guests behind a bridge with br_netfilter.
 */
class Seed003StatelessNatTest {

    private static NetworkView view(int dnatPriority) {
        NfTable.Builder sd = NfTable.builder(Family.IP, "stateless-dnat");
        sd.baseChain("diy-dnat", ChainType.FILTER, Hook.PREROUTING, dnatPriority, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.iif("eth0"), Match.tcp(), Match.dport(80))
                        .then(Statement.setMark(1), Statement.setDaddr("10.5.5.201"))
                        .text("iif $nic tcp dport 80 meta mark set 0x01 ip daddr set 10.5.5.201"));
        sd.baseChain("dunnat-spoof", ChainType.FILTER, Hook.POSTROUTING, 90, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.oif("eth0"), Match.saddr("10.5.5.0/24"), Match.ctMark(1))
                        .then(Statement.setSaddr("192.168.122.11"))
                        .text("oif $nic ip saddr 10.5.5.0/24 ct mark == 0x01 ip saddr set 192.168.122.11"));
        NfTable.Builder bs = NfTable.builder(Family.IP, "bridge-state");
        bs.baseChain("to-guest", ChainType.FILTER, Hook.POSTROUTING, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.oif("guestbr0"), Match.daddr("10.5.5.0/24"), Match.not(Match.mark(0)))
                        .then(Statement.ctMarkFromMark())
                        .text("oif $guests ip daddr 10.5.5.0/24 meta mark != 0 ct mark set meta mark"));
        NfTable.Builder nat = NfTable.builder(Family.IP, "nat");
        nat.baseChain("postrouting", ChainType.NAT, Hook.POSTROUTING, 100, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.oif("eth0"), Match.saddr("10.5.5.0/24"))
                        .then(Statement.snat("192.168.122.11")).text("oif $nic ip saddr 10.5.5.0/24 snat 192.168.122.11"));
        Namespace node = Namespace.builder("node1")
                .sysctls(Sysctls.builder().ipForward(true).bridgeNfCallIptables(true).build())
                .iface(Interface.builder("eth0").address("192.168.122.11/24").peer("ws", "eth0"))
                .iface(Interface.builder("guestbr0").kind(Interface.Kind.BRIDGE).address("10.5.5.1/24")
                        .mac("0a:00:00:00:01:00"))
                .iface(Topologies.veth("vif1", null, "guest1", "eth0").master("guestbr0"))
                .nfTable(sd.build()).nfTable(bs.build()).nfTable(nat.build()).build();
        Namespace guest = Namespace.builder("guest1").iface(Topologies.veth("eth0", "10.5.5.201/24", "node1", "vif1"))
                .route(Route.to("default").via("10.5.5.1").dev("eth0")).listener(Listener.tcp(80)).build();
        Namespace ws = Namespace.builder("ws").iface(Interface.builder("eth0").address("192.168.122.1/24")
                .peer("node1", "eth0")).build();
        return NetworkView.builder().namespace(node).namespace(guest).namespace(ws).build();
    }

    @Test
    void statelessDnatBeforeConntrackAndSpoofedAnswer() {
        Simulation sim = new Simulation(view(-300));
        ProbeResult r = sim.probe(Probe.from("ws", Packet.tcpSyn(null, "192.168.122.11", 40000, 80)));
        assertEquals(Location.of("guest1", "eth0"), r.deliveredTo(), r.toText());
        assertEquals(Lab.ip("10.5.5.201"), r.observedAtDst().dst());
        assertEquals(Lab.ip("192.168.122.1"), r.observedAtDst().src(), "source kept (no full NAT)");
        List<CtEntryView> ct = r.conntrack().get("node1");
        assertEquals(1, ct.get(0).mark(), "ct mark set from meta mark");
        assertEquals(Lab.ip("10.5.5.201"), ct.get(0).orig().dst(), "conntrack saw the rewritten destination");
        assertTrue(r.replyDelivered(), r.replyTrace() == null ? "no reply" : r.replyTrace().toText());
        Packet out = null;
        for (ProbeResult.PathPoint p : r.replyPath()) {
            if (p.at().equals(Location.out("node1", "eth0"))) {
                out = p.header();
            }
        }
        assertNotNull(out);
        assertEquals(Lab.ip("192.168.122.11"), out.src(), "answer spoofed back to the public address");
        assertTrue(Events.steps(r.replyTrace(), TraceEvent.BrNetfilterHook.class).stream()
                .anyMatch(s -> s.hook() == Hook.PREROUTING), r.replyTrace().toText());
    }

    @Test
    void rewriteAfterConntrackLeavesTheOriginalTupleInTheEntry() {
        ProbeResult r = new Simulation(view(-150)).probe(Probe.from("ws", Packet.tcpSyn(null, "192.168.122.11", 40000, 80)));
        assertEquals(Location.of("guest1", "eth0"), r.deliveredTo(), r.toText());
        assertEquals(Lab.ip("192.168.122.11"), r.conntrack().get("node1").get(0).orig().dst(),
                "the entry was created before the rewrite at -150");
    }
}
