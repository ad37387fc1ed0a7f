package org.netwright.model.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptTableKind;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.NftChainType;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftPriority;
import org.netwright.model.NftPriorityName;

/**
 * The netfilter facts, as the real tools answered them (nft 1.0.6, kernel 6.18): {@code nft -j list ruleset} for the
 * values of the standard priority names, {@code nft -c -f} for where a name is accepted, and loading with
 * {@code nft -f} for where a NAT statement may run ({@code nft -c} does not check that).
 */
class NetfilterFactsTest {

    @Test
    void standardPrioritiesPerFamily() {
        for (NftFamily f : new NftFamily[] { NftFamily.IP, NftFamily.IP6, NftFamily.INET }) {
            assertEquals(-300, NftFacts.standardPriority(f, NftPriorityName.RAW));
            assertEquals(-150, NftFacts.standardPriority(f, NftPriorityName.MANGLE));
            assertEquals(-100, NftFacts.standardPriority(f, NftPriorityName.DSTNAT));
            assertEquals(0, NftFacts.standardPriority(f, NftPriorityName.FILTER));
            assertEquals(50, NftFacts.standardPriority(f, NftPriorityName.SECURITY));
            assertEquals(100, NftFacts.standardPriority(f, NftPriorityName.SRCNAT));
            assertNull(NftFacts.standardPriority(f, NftPriorityName.OUT));
        }
        // the bridge family has its own names and values (the copies this table replaced disagreed here)
        assertEquals(-300, NftFacts.standardPriority(NftFamily.BRIDGE, NftPriorityName.DSTNAT));
        assertEquals(-200, NftFacts.standardPriority(NftFamily.BRIDGE, NftPriorityName.FILTER));
        assertEquals(100, NftFacts.standardPriority(NftFamily.BRIDGE, NftPriorityName.OUT));
        assertEquals(300, NftFacts.standardPriority(NftFamily.BRIDGE, NftPriorityName.SRCNAT));
        for (NftPriorityName n : EnumSet.of(NftPriorityName.RAW, NftPriorityName.MANGLE, NftPriorityName.SECURITY)) {
            assertNull(NftFacts.standardPriority(NftFamily.BRIDGE, n), n.getLiteral());
        }
        assertEquals(0, NftFacts.standardPriority(NftFamily.NETDEV, NftPriorityName.FILTER));
        assertEquals(0, NftFacts.standardPriority(NftFamily.ARP, NftPriorityName.FILTER));
    }

    @Test
    void namesAreAcceptedWhereNftAcceptsThem() {
        Set<NftHook> all = EnumSet.of(NftHook.PREROUTING, NftHook.INPUT, NftHook.FORWARD, NftHook.OUTPUT, NftHook.POSTROUTING);
        for (NftHook h : all) {
            assertTrue(NftFacts.priorityNameAllowed(NftFamily.IP, h, NftPriorityName.RAW));
            assertTrue(NftFacts.priorityNameAllowed(NftFamily.INET, h, NftPriorityName.SECURITY));
            assertTrue(NftFacts.priorityNameAllowed(NftFamily.BRIDGE, h, NftPriorityName.FILTER));
            assertEquals(h == NftHook.PREROUTING, NftFacts.priorityNameAllowed(NftFamily.IP, h, NftPriorityName.DSTNAT), h.getLiteral());
            assertEquals(h == NftHook.POSTROUTING, NftFacts.priorityNameAllowed(NftFamily.IP6, h, NftPriorityName.SRCNAT), h.getLiteral());
            assertEquals(h == NftHook.OUTPUT, NftFacts.priorityNameAllowed(NftFamily.BRIDGE, h, NftPriorityName.OUT), h.getLiteral());
            assertFalse(NftFacts.priorityNameAllowed(NftFamily.BRIDGE, h, NftPriorityName.RAW));
        }
        assertTrue(NftFacts.priorityNameAllowed(NftFamily.INET, NftHook.INGRESS, NftPriorityName.RAW));
        assertFalse(NftFacts.priorityNameAllowed(NftFamily.NETDEV, NftHook.INGRESS, NftPriorityName.RAW));
        assertTrue(NftFacts.priorityNameAllowed(NftFamily.NETDEV, NftHook.EGRESS, NftPriorityName.FILTER));
        assertFalse(NftFacts.priorityNameAllowed(NftFamily.ARP, NftHook.INPUT, NftPriorityName.MANGLE));
    }

    @Test
    void numbersReadBackAsTheNameNftAcceptsThere() {
        assertEquals(NftPriorityName.RAW, NftFacts.priorityName(NftFamily.IP, NftHook.OUTPUT, -300));
        assertEquals(NftPriorityName.DSTNAT, NftFacts.priorityName(NftFamily.IP, NftHook.PREROUTING, -100));
        assertEquals(NftPriorityName.NUMERIC, NftFacts.priorityName(NftFamily.IP, NftHook.OUTPUT, -100));
        assertEquals(NftPriorityName.SRCNAT, NftFacts.priorityName(NftFamily.INET, NftHook.POSTROUTING, 100));
        assertEquals(NftPriorityName.DSTNAT, NftFacts.priorityName(NftFamily.BRIDGE, NftHook.PREROUTING, -300));
        assertEquals(NftPriorityName.OUT, NftFacts.priorityName(NftFamily.BRIDGE, NftHook.OUTPUT, 100));
        assertEquals(NftPriorityName.NUMERIC, NftFacts.priorityName(NftFamily.NETDEV, NftHook.INGRESS, -300));
        assertEquals(NftPriorityName.FILTER, NftFacts.priorityName(NftFamily.NETDEV, NftHook.INGRESS, 0));
        assertEquals(NftPriorityName.NUMERIC, NftFacts.priorityName(NftFamily.IP, NftHook.INPUT, 7));
    }

    @Test
    void prioritiesPrintAsNftWritesThem() {
        NftPriority p = NetwrightFactory.eINSTANCE.createNftPriority();
        p.setKeyword(NftPriorityName.SRCNAT);
        p.setValue(10);
        assertEquals("srcnat + 10", NftFacts.text(p));
        assertEquals(110, NftFacts.value(NftFamily.IP, p));
        assertEquals(310, NftFacts.value(NftFamily.BRIDGE, p));
        p.setValue(-5);
        assertEquals("srcnat - 5", NftFacts.text(p));
        p.setValue(0);
        assertEquals("srcnat", NftFacts.text(p));
        p.setKeyword(NftPriorityName.NUMERIC);
        p.setValue(-301);
        assertEquals("-301", NftFacts.text(p));
        assertEquals(-301, NftFacts.value(NftFamily.NETDEV, p));
        p.setKeyword(NftPriorityName.MANGLE);
        assertNull(NftFacts.value(NftFamily.BRIDGE, p));
    }

    @Test
    void natStatementsRunWhereTheKernelLoadsThem() {
        // nft -f in a scratch namespace: "Operation not supported" everywhere else, although nft -c accepts it
        assertTrue(NftFacts.natAllowed(NftFamily.IP, NftChainType.NAT, NftHook.POSTROUTING, NftNatKind.MASQUERADE));
        assertFalse(NftFacts.natAllowed(NftFamily.IP, NftChainType.NAT, NftHook.INPUT, NftNatKind.MASQUERADE));
        assertFalse(NftFacts.natAllowed(NftFamily.IP, NftChainType.NAT, NftHook.PREROUTING, NftNatKind.MASQUERADE));
        assertTrue(NftFacts.natAllowed(NftFamily.INET, NftChainType.NAT, NftHook.INPUT, NftNatKind.SNAT));
        assertFalse(NftFacts.natAllowed(NftFamily.IP, NftChainType.NAT, NftHook.OUTPUT, NftNatKind.SNAT));
        assertTrue(NftFacts.natAllowed(NftFamily.IP, NftChainType.NAT, NftHook.OUTPUT, NftNatKind.DNAT));
        assertFalse(NftFacts.natAllowed(NftFamily.IP, NftChainType.NAT, NftHook.POSTROUTING, NftNatKind.DNAT));
        assertTrue(NftFacts.natAllowed(NftFamily.IP, NftChainType.NAT, NftHook.PREROUTING, NftNatKind.REDIRECT));
        assertFalse(NftFacts.natAllowed(NftFamily.IP, NftChainType.NAT, NftHook.INPUT, NftNatKind.REDIRECT));
        assertFalse(NftFacts.natAllowed(NftFamily.IP, NftChainType.FILTER, NftHook.POSTROUTING, NftNatKind.MASQUERADE));
        assertFalse(NftFacts.natAllowed(NftFamily.IP, NftChainType.NAT, NftHook.FORWARD, NftNatKind.SNAT));
        assertFalse(NftFacts.natAllowed(NftFamily.BRIDGE, NftChainType.NAT, NftHook.POSTROUTING, NftNatKind.SNAT));
    }

    @Test
    void iptablesTablesHookInAtTheirFixedPriorities() {
        assertEquals(-300, IptFacts.priority(IptTableKind.RAW, IptBuiltinChain.PREROUTING));
        assertEquals(-150, IptFacts.priority(IptTableKind.MANGLE, IptBuiltinChain.FORWARD));
        assertEquals(-100, IptFacts.priority(IptTableKind.NAT, IptBuiltinChain.OUTPUT));
        assertEquals(100, IptFacts.priority(IptTableKind.NAT, IptBuiltinChain.INPUT));
        assertEquals(0, IptFacts.priority(IptTableKind.FILTER, IptBuiltinChain.INPUT));
        assertEquals(50, IptFacts.priority(IptTableKind.SECURITY, IptBuiltinChain.OUTPUT));
        assertEquals(NftChainType.ROUTE, IptFacts.chainType(IptTableKind.MANGLE, IptBuiltinChain.OUTPUT));
        assertEquals(NftChainType.NAT, IptFacts.chainType(IptTableKind.NAT, IptBuiltinChain.POSTROUTING));
        assertEquals(EnumSet.of(IptBuiltinChain.PREROUTING, IptBuiltinChain.OUTPUT), IptFacts.builtinChains(IptTableKind.RAW));
    }

    @Test
    void routingTablesAreNumberedAsIproute2NumbersThem() {
        org.netwright.model.RoutingTable t = NetwrightFactory.eINSTANCE.createRoutingTable();
        t.setName("main");
        assertEquals(254, RoutingTables.id(t));
        t.setName("100");
        assertEquals(100, RoutingTables.id(t));
        t.setName("vpn");
        assertNull(RoutingTables.id(t));
        t.setId(7);
        assertEquals(7, RoutingTables.id(t));
        assertEquals("local", RoutingTables.reservedName(255));
        assertEquals(253, RoutingTables.reservedId("default"));
    }
}
