package org.netwright.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabNamesTest {

    @Test
    void netnsNamesArePrefixedAndShort() {
        assertEquals(LabNames.PREFIX + "s001-host", LabNames.netns("s001", "host"));
        assertEquals(LabNames.PREFIX + "a-", LabNames.labPrefix("a"));
        assertTrue(LabNames.netns("abcdefghij", "abcdefghijkl").length() <= 29);
        // one lab's prefix is never the prefix of another lab's namespaces
        assertFalse(LabNames.netns("ab", "x").startsWith(LabNames.labPrefix("a")));
    }

    @Test
    void labTagsKeepCheckoutsApart() {
        assertEquals("", LabNames.tag(null));
        assertEquals("", LabNames.tag(""));
        assertEquals("ab", LabNames.tag("ab"));
        assertThrows(LabException.class, () -> LabNames.tag("abcd"));
        assertThrows(LabException.class, () -> LabNames.tag("a-"));
        assertTrue(LabNames.PREFIX.matches("nw[a-z]{0,3}-"), LabNames.PREFIX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "a-b", "a/b", "a b", "abcdefghijk", "..", "ab_c"})
    void badLabNamesAreRefused(String n) {
        assertThrows(LabException.class, () -> LabNames.lab(n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Host", "ho-st", "h/st", "abcdefghijklm", "x y"})
    void badNamespaceNamesAreRefused(String n) {
        assertThrows(LabException.class, () -> LabNames.namespace(n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "client-veth0", "enp4s0", "br0.100", "abcdefghijklmno", "p1"})
    void goodInterfaceNames(String n) {
        assertEquals(n, LabNames.ifname(n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcdefghijklmnop", "a/b", "a b", "a\tb", "eth0:1", ".", "..", "-x", "a\nb"})
    void badInterfaceNamesAreRefused(String n) {
        assertThrows(LabException.class, () -> LabNames.ifname(n));
    }

    @Test
    void addressesAndPrefixes() {
        assertEquals("10.0.0.1", LabNames.cidrAddress("10.0.0.1/24"));
        assertThrows(LabException.class, () -> LabNames.cidrAddress("10.0.0.1"));
        assertThrows(LabException.class, () -> LabNames.cidrAddress("10.0.0.1/33"));
        assertThrows(LabException.class, () -> LabNames.cidrAddress("10.0.0.256/24"));
        assertThrows(LabException.class, () -> LabNames.ipv4("1.2.3"));
        assertTrue(LabNames.isIpv4("255.255.255.255"));
    }

    @Test
    void onlyNetworkSysctls() {
        assertEquals("net.ipv4.ip_forward", LabNames.sysctlKey("net.ipv4.ip_forward"));
        assertEquals("net/ipv4/conf/br0.100/rp_filter", LabNames.sysctlKey("net/ipv4/conf/br0.100/rp_filter"));
        assertThrows(LabException.class, () -> LabNames.sysctlKey("kernel.panic"));
        assertThrows(LabException.class, () -> LabNames.sysctlKey("net.ipv4.ip_forward=1"));
        assertThrows(LabException.class, () -> LabNames.sysctlKey("net.ipv4 x"));
    }
}
