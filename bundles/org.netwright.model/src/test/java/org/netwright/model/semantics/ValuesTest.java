package org.netwright.model.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Parsing and printing of the model's address, prefix, range and port values. */
class ValuesTest {

    @ParameterizedTest
    @CsvSource({ "10.0.0.1, 10.0.0.1", "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255", "::, ::", "::1, ::1",
            "2001:DB8::1, 2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1", "1::, 1::",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3", "1:0:0:2:0:0:3:4, 1::2:0:0:3:4", "::ffff:10.0.0.1, ::ffff:10.0.0.1",
            "::ffff:a00:1, ::ffff:10.0.0.1", "fe80::1:2:3:4:5, fe80::1:2:3:4:5", "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:0:0, 1:2:3:4:5:6::" })
    void addressesPrintCanonically(String text, String canonical) {
        IpAddress a = IpAddress.parse(text);
        assertEquals(canonical, a.toString());
        assertEquals(a, IpAddress.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.4 ", "1..2.3", "a.b.c.d", "1.2.3.-4", ":::",
            "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":1::", "1:", "12345::", "g::1", "::1.2.3", "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4", "\u0663.1.1.1", "::\u0663" })
    void nonAddressesAreRefused(String text) {
        assertNull(IpAddress.tryParse(text));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
    }

    @Test
    void ipv4ValueAndFamily() {
        IpAddress a = IpAddress.parse("192.168.1.2");
        assertEquals(0xC0A80102L, a.ipv4Value());
        assertTrue(a.isIpv4());
        assertEquals(32, a.bits());
        assertEquals(a, IpAddress.ipv4(0xC0A80102L));
        assertTrue(IpAddress.parse("127.1.2.3").isLoopback());
        assertTrue(IpAddress.parse("::1").isLoopback());
        assertFalse(IpAddress.parse("::2").isLoopback());
        assertEquals(128, IpAddress.parse("::2").bits());
        assertEquals("2001:db8::", IpAddress.parse("2001:db8::ff").masked(64).toString());
        assertEquals("10.1.0.0", IpAddress.parse("10.1.2.3").masked(16).toString());
    }

    @Test
    void prefixesKeepTheirWrittenForm() {
        IpPrefix p = IpPrefix.parse("10.0.0.1/24");
        assertEquals("10.0.0.1/24", p.toString());
        assertEquals("10.0.0.0/24", p.canonical());
        assertTrue(p.hasHostBits());
        assertTrue(p.contains(IpAddress.parse("10.0.0.200")));
        assertFalse(p.contains(IpAddress.parse("10.0.1.1")));
        IpPrefix host = IpPrefix.parse("10.0.0.1");
        assertEquals("10.0.0.1", host.toString());
        assertTrue(host.isHost());
        assertEquals(32, host.length());
        assertTrue(p.contains(host));
        assertFalse(host.contains(p));
        assertEquals("2001:db8::/32", IpPrefix.parse("2001:DB8::/32").toString());
        assertEquals(IpPrefix.ANY, IpPrefix.parse("default"));
        assertEquals(IpPrefix.ANY, IpPrefix.parse("all"));
        assertTrue(IpPrefix.ANY.contains(IpAddress.parse("::1")));
        assertEquals("default", IpPrefix.ANY.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "::/129", "10.0.0.0/1/2", "x/8" })
    void badPrefixesAreRefused(String text) {
        assertNull(IpPrefix.tryParse(text));
    }

    @Test
    void portRanges() {
        assertEquals(PortRange.of(80), PortRange.parse("80"));
        assertEquals("80", PortRange.of(80, 80).toString());
        assertEquals("1000-2000", PortRange.parse("1000:2000").toString());
        assertEquals("1000:2000", PortRange.parse("1000-2000").toString(':'));
        assertTrue(PortRange.parse("1000-2000").contains(1500));
        assertThrows(IllegalArgumentException.class, () -> PortRange.of(2000, 1000));
        assertThrows(IllegalArgumentException.class, () -> PortRange.of(65536));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("80-"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("http"));
    }

    @Test
    void addressRanges() {
        IpRange r = IpRange.parse("10.0.0.10-10.0.0.20");
        assertEquals("10.0.0.10-10.0.0.20", r.toString());
        assertTrue(r.contains(IpAddress.parse("10.0.0.15")));
        assertFalse(r.contains(IpAddress.parse("10.0.0.21")));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.20-10.0.0.10"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.1-::1"));
    }
}
