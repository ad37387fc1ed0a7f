package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A bridge whose only port leads to a switch (a bridge in another namespace) reaches the hosts behind the switch,
 * as the kernel's bridge does once it has flooded and learned (seen in the kernel with seed 003: node1's xenbr0
 * answers the workstation through the lan switch).
 */
class BridgeFdbTest {

    static NetworkView view() {
        Namespace ws = Namespace.builder("ws").iface(Topologies.veth("eth0", "192.168.122.1/24", "lan", "p-ws")).build();
        Namespace lan = Namespace.builder("lan")
                .iface(Interface.builder("br0").kind(Interface.Kind.BRIDGE))
                .iface(Topologies.veth("p-ws", null, "ws", "eth0").master("br0"))
                .iface(Topologies.veth("p-node", null, "node", "eth0").master("br0")).build();
        Namespace node = Namespace.builder("node")
                .iface(Interface.builder("xenbr0").kind(Interface.Kind.BRIDGE).address("192.168.122.11/24"))
                .iface(Topologies.veth("eth0", null, "lan", "p-node").master("xenbr0")).build();
        return NetworkView.builder().namespace(ws).namespace(lan).namespace(node).build();
    }

    @Test
    void aHostBehindASwitchIsReachedThroughTheBridgePortToTheSwitch() {
        ProbeResult r = new Simulation(view()).probe(Probe.from("node", Packet.icmpEcho(null, "192.168.122.1", 7)));
        assertEquals("ws", r.disposition().namespace(), r.toText());
        assertEquals(Disposition.Fate.DELIVERED, r.disposition().fate(), r.toText());
        assertTrue(r.replyDelivered(), r.toText());
        assertEquals("192.168.122.11", r.observedAtDst().src().toString());
    }

    @Test
    void anAddressNoSegmentLeadsToIsStillDroppedAtTheBridge() {
        ProbeResult r = new Simulation(view()).probe(Probe.from("node", Packet.icmpEcho(null, "192.168.122.99", 7)));
        assertEquals(Disposition.Fate.DROPPED, r.disposition().fate(), r.toText());
        assertEquals("node", r.disposition().namespace());
    }
}
