package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Map lookups by concatenated keys and by interface name, as the service dispatch of kube-proxy and Docker use them. */
class NamedMapTest {
    private static final NamedMap.Value WEB = NamedMap.Value.verdict(new Statement.Goto("service-web"));
    private static final NamedMap.Value RANGE = NamedMap.Value.verdict(new Statement.Drop());

    private static long ip(String a) {
        return Ip4.unsigned(Ip4.parse(a));
    }

    @Test
    void aConcatenatedKeyMatchesEveryFieldExactlyOrWithinItsInterval() {
        NamedMap m = NamedMap.builder("service-ips")
                .concat(new long[] {ip("172.30.0.10"), Packet.TCP, 80}, new long[] {ip("172.30.0.10"), Packet.TCP, 80}, WEB)
                .concat(new long[] {ip("192.0.2.0"), Packet.TCP, 1000}, new long[] {ip("192.0.2.255"), Packet.TCP, 2000}, RANGE)
                .build();
        assertEquals(WEB, m.lookup(new long[] {ip("172.30.0.10"), Packet.TCP, 80}));
        assertNull(m.lookup(new long[] {ip("172.30.0.10"), Packet.UDP, 80}), "another protocol");
        assertNull(m.lookup(new long[] {ip("172.30.0.10"), Packet.TCP, 81}), "another port");
        assertEquals(RANGE, m.lookup(new long[] {ip("192.0.2.7"), Packet.TCP, 1500}));
        assertNull(m.lookup(new long[] {ip("192.0.2.7"), Packet.TCP, 2001}));
        assertNull(m.lookup(new long[] {ip("192.0.2.7"), Packet.TCP}), "fewer fields than the elements");
    }

    @Test
    void anInterfaceNameKeyIsLookedUpByName() {
        NamedMap m = NamedMap.builder("jumps").name("docker0", WEB).build();
        assertEquals(WEB, m.lookup("docker0"));
        assertNull(m.lookup("docker1"));
        assertNull(m.lookup((String) null), "no interface (a locally generated packet has no input interface)");
    }
}
