package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The engine's address value: both families, RFC 5952 text, prefix arithmetic without allocation surprises. */
class IpAddrTest {
    @ParameterizedTest
    @CsvSource({
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:DB8::A, 2001:db8::a",
        "::, ::",
        "::1, ::1",
        "fe80::, fe80::",
        "1::, 1::",
        "::ffff:192.0.2.1, ::ffff:c000:201",
        "2001:db8:0:0:1:0:0:0, 2001:db8:0:0:1::",
        "0:0:1:0:0:0:0:1, 0:0:1::1",
        "10.0.2.2, 10.0.2.2"})
    void printsRfc5952(String in, String out) {
        assertEquals(out, IpAddr.parse(in).toString());
        assertEquals(IpAddr.parse(in), IpAddr.parse(out), "the printed form reads back as the same address");
    }

    @ParameterizedTest
    @CsvSource({"2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7", "2001:db8:12345::", "2001:db8:g::", ":1", "1.2.3",
        "1:2:3:4:5:6:7", "256.1.1.1"})
    void refusesWhatIsNoAddress(String s) {
        assertThrows(IllegalArgumentException.class, () -> IpAddr.parse(s));
    }

    @Test
    void familiesNeverCompareEqual() {
        IpAddr v4 = IpAddr.parse("0.0.0.1");
        IpAddr v6 = IpAddr.parse("::1");
        assertNotEquals(v4, v6);
        assertFalse(v4.sameFamily(v6));
        assertTrue(v4.compareTo(v6) < 0, "IPv4 sorts before IPv6");
        assertFalse(v6.inPrefix(IpAddr.parse("0.0.0.0"), 0), "::/0 is not 0.0.0.0/0");
    }

    @Test
    void prefixesMaskAndContainAcrossTheWordBoundary() {
        Prefix p = Prefix.parse("2001:db8:1:2:8000::5/65");
        assertEquals("2001:db8:1:2:8000::/65", p.toString(), "host bits cleared, like nft does");
        assertTrue(p.contains(IpAddr.parse("2001:db8:1:2:ffff::1")));
        assertFalse(p.contains(IpAddr.parse("2001:db8:1:2:7fff::1")));
        assertEquals(IpAddr.parse("2001:db8:1:2:ffff:ffff:ffff:ffff"), p.last());
        assertTrue(Prefix.parse("::/0").contains(IpAddr.parse("ff02::1")));
        assertEquals(IpAddr.parse("2001:db8::1"), Prefix.parse("2001:db8::1").addr(), "a bare address is a /128");
        assertEquals(128, Prefix.parse("2001:db8::1").len());
        assertFalse(Prefix.parse("2001:db8::1").contains(IpAddr.parse("2001:db8::2")), "a /128 holds one address");
        assertFalse(Prefix.parse("2001:db8::1/127").contains(IpAddr.parse("2001:db8::2")));
        assertTrue(Prefix.parse("2001:db8::2/127").contains(IpAddr.parse("2001:db8::3")));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("2001:db8::/129"));
    }

    @Test
    void arithmeticCarriesIntoTheHighWord() {
        IpAddr a = IpAddr.parse("2001:db8::ffff:ffff:ffff:ffff");
        assertEquals(IpAddr.parse("2001:db8:0:1::"), a.plus(1));
        assertEquals(1, a.plus(1).minus(a));
        assertEquals(IpAddr.parse("10.0.1.0"), IpAddr.parse("10.0.0.255").plus(1));
        assertEquals(IpAddr.parse("ff02::1:ff00:2"), NeighbourDiscovery.solicitedNode(IpAddr.parse("2001:db8:2::2")));
    }

    @Test
    void scopes() {
        assertTrue(IpAddr.parse("fe80::1").isLinkLocal());
        assertFalse(IpAddr.parse("fec0::1").isLinkLocal());
        assertTrue(IpAddr.parse("ff02::1").isMulticast());
        assertTrue(IpAddr.parse("224.0.0.1").isMulticast());
        assertTrue(IpAddr.parse("::1").isLoopback());
        assertTrue(IpAddr.parse("127.3.0.1").isLoopback());
    }

    @Test
    void addressSetsKeepTheFamiliesApart() {
        AddrSet s = AddrSet.of("10.0.0.0/8", "2001:db8:1::/64", "2001:db8:1:2::-2001:db8:1:2::ff");
        assertTrue(s.contains(IpAddr.parse("10.1.2.3")));
        assertTrue(s.contains(IpAddr.parse("2001:db8:1::77")));
        assertTrue(s.contains(IpAddr.parse("2001:db8:1:2::ff")));
        assertFalse(s.contains(IpAddr.parse("2001:db8:1:2::100")));
        assertFalse(s.contains(IpAddr.parse("::a01:203")), "the IPv4 interval does not hold IPv6 addresses");
        assertEquals(3, s.intervalCount());
        AddrSet merged = AddrSet.of("2001:db8::/65", "2001:db8:0:0:8000::/65");
        assertEquals(1, merged.intervalCount(), "adjacent halves merge");
    }
}
