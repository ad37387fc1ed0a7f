package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.dsl.tests.Nwp.assertError;
import static org.netwright.dsl.tests.Nwp.assertNoIssue;
import static org.netwright.dsl.tests.Nwp.router;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.netwright.dsl.validation.IssueCodes;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;

/** ip route / ip rule checks, each as the kernel answers it (checked with iproute2 in a scratch namespace). */
class RoutingValidationTest {

    @Test
    void viaOutsideEveryConnectedPrefix() {
        Issue i = assertError(router("route default via 172.16.0.1"), IssueCodes.ROUTE_VIA_UNREACHABLE);
        assertTrue(i.getMessage().contains("10.0.0.0/24"), i.getMessage());
        assertEquals("172.16.0.1", i.getData()[0]);
        assertNoIssue(router("route default via 10.0.0.254"), IssueCodes.ROUTE_VIA_UNREACHABLE);
    }

    @Test
    void viaMustBeOnTheGivenDevice() {
        assertError(router("route default via 10.0.0.254 dev eth1"), IssueCodes.ROUTE_VIA_UNREACHABLE);
        assertNoIssue(router("route default via 10.0.0.254 dev eth0"), IssueCodes.ROUTE_VIA_UNREACHABLE);
    }

    @Test
    void viaReachableThroughADeviceRoute() {
        // seed 004: a /32 link route makes the peer's public address on-link
        assertNoIssue(router("route 100.1.1.1/32 dev eth0 scope link\nroute 10.8.0.0/16 via 100.1.1.1 dev eth0"),
                IssueCodes.ROUTE_VIA_UNREACHABLE);
        assertError(router("route 100.1.1.1/32 dev eth1 scope link\nroute 10.8.0.0/16 via 100.1.1.1 dev eth0"),
                IssueCodes.ROUTE_VIA_UNREACHABLE);
    }

    @Test
    void viaInAnExtendBlockSeesTheImportedAddresses() {
        var files = java.util.Map.of("topology.nwp", router(""), "policy.nwp",
                "import \"topology.nwp\"\nextend r {\n\trouting-table 100\n\troute default via 192.168.1.254 dev eth1 table 100\n}\n");
        Nwp.assertNoErrors(Nwp.validate(Nwp.parse(files, "policy.nwp")));
    }

    /** Addresses and prefixes are parsed into the model's values; a bad one is a syntax error, never a string. */
    @Test
    void addressesAreValuesOfTheModel() {
        var net = Nwp.network(Nwp.parse(router("route default via 10.0.0.254\nroute 10.8.0.0/16 dev eth0")));
        var routes = net.getNamespaces().get(0).getRoutes();
        assertEquals(IpPrefix.ANY, routes.get(0).getDestination());
        assertEquals(IpAddress.parse("10.0.0.254"), routes.get(0).getVia());
        assertEquals(IpPrefix.parse("10.8.0.0/16"), routes.get(1).getDestination());
        var badLength = Nwp.parse(router("route 10.8.0.0/33 dev eth0")).getErrors();
        assertTrue(badLength.stream().anyMatch(e -> e.getMessage().contains("prefix length")), badLength.toString());
        var badAddress = Nwp.parse(router("route default via 10.0.0.300")).getErrors();
        assertTrue(badAddress.stream().anyMatch(e -> e.getMessage().contains("10.0.0.300")), badAddress.toString());
    }

    @Test
    void destinationWithHostBits() {
        Issue i = assertError(router("route 10.8.0.1/16 dev eth0"), IssueCodes.PREFIX_HOST_BITS);
        assertEquals("10.8.0.0/16", i.getData()[0]);
        assertNoIssue(router("route 10.8.0.0/16 dev eth0"), IssueCodes.PREFIX_HOST_BITS);
    }

    @Test
    void routeWithoutNexthop() {
        assertError(router("route 10.8.0.0/16"), IssueCodes.ROUTE_NO_NEXTHOP);
        assertNoIssue(router("route blackhole 10.8.0.0/16"), IssueCodes.ROUTE_NO_NEXTHOP);
    }

    @Test
    void srcNotLocal() {
        assertError(router("route default via 10.0.0.254 src 1.2.3.4"), IssueCodes.ADDRESS_NOT_LOCAL);
        assertNoIssue(router("route default via 10.0.0.254 src 192.168.1.1"), IssueCodes.ADDRESS_NOT_LOCAL);
    }

    @Test
    void duplicateRoute() {
        assertError(router("route 10.8.0.0/16 dev eth0\nroute 10.8.0.0/16 via 10.0.0.9"), IssueCodes.ROUTE_DUPLICATE);
        assertNoIssue(router("route 10.8.0.0/16 dev eth0\nroute 10.8.0.0/16 via 10.0.0.9 metric 5"), IssueCodes.ROUTE_DUPLICATE);
        assertNoIssue(router("routing-table 7\nroute 10.8.0.0/16 dev eth0\nroute 10.8.0.0/16 dev eth1 table 7"),
                IssueCodes.ROUTE_DUPLICATE);
    }

    @Test
    void routingTableIds() {
        assertError(router("routing-table isp1 id 100\nrouting-table isp2 id 100"), IssueCodes.ROUTING_TABLE_ID_DUPLICATE);
        assertError(router("routing-table 100\nrouting-table isp id 100"), IssueCodes.ROUTING_TABLE_ID_DUPLICATE);
        assertNoIssue(router("routing-table isp1 id 100\nrouting-table isp2 id 101"), IssueCodes.ROUTING_TABLE_ID_DUPLICATE);
    }

    @Test
    void unknownRoutingTable() {
        Issue i = assertError(router("rule fwmark 0x2 lookup 200"), IssueCodes.UNKNOWN_ROUTING_TABLE);
        assertTrue(i.getMessage().contains("routing-table 200"), i.getMessage());
        assertNoIssue(router("routing-table 200\nrule fwmark 0x2 lookup 200"), IssueCodes.UNKNOWN_ROUTING_TABLE);
    }
}
