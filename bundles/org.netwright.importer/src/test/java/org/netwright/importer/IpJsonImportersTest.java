package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.Route;
import org.netwright.model.RouteType;
import org.netwright.model.RoutingRule;
import org.netwright.model.RuleAction;
import org.netwright.model.VethInterface;

class IpJsonImportersTest {

    private static Namespace ns(String name) {
        Namespace ns = NetwrightFactory.eINSTANCE.createNamespace();
        ns.setName(name);
        String dir = TestFiles.LAB + name + "/";
        List<ImportProblem> problems = new java.util.ArrayList<>();
        problems.addAll(new IpLinkJson().importInto(ns, "link.json", TestFiles.text(dir + "link.json")).problems());
        problems.addAll(new IpAddrJson().importInto(ns, "addr.json", TestFiles.text(dir + "addr.json")));
        problems.addAll(new IpRouteJson().importInto(ns, "route.json", TestFiles.text(dir + "route.json")));
        problems.addAll(new IpRuleJson().importInto(ns, "rule.json", TestFiles.text(dir + "rule.json")));
        assertTrue(problems.isEmpty(), problems.toString());
        return ns;
    }

    private static Interface iface(Namespace ns, String name) {
        return ns.getInterfaces().stream().filter(i -> i.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void linksAndAddresses() {
        Namespace a = ns("nwimp-a");
        assertEquals(List.of("lo", "va0", "va1"), a.getInterfaces().stream().map(Interface::getName).toList());
        assertInstanceOf(LoopbackInterface.class, iface(a, "lo"));
        Interface va0 = iface(a, "va0");
        assertInstanceOf(VethInterface.class, va0);
        assertEquals(1500, va0.getMtu());
        assertFalse(va0.isDown());
        assertEquals(List.of("10.77.0.1/24", "10.77.0.9/24", "2001:db8:77::1/64"),
                va0.getAddresses().stream().map(x -> x.getAddress() + "/" + x.getPrefixLength()).toList());
        assertTrue(va0.getAddresses().get(1).isSecondary());
        // 127.0.0.1/8 and ::1 are the kernel's, 192.0.2.1/32 was added by hand
        assertEquals(List.of("192.0.2.1"), iface(a, "lo").getAddresses().stream().map(x -> x.getAddress().toString()).toList());

        Namespace b = ns("nwimp-b");
        BridgeInterface br = (BridgeInterface) iface(b, "br0");
        assertEquals(List.of("vb1", "vb2"), br.getPorts().stream().map(Interface::getName).toList());
        assertEquals("10.88.0.2", String.valueOf(br.getAddresses().get(0).getAddress()));
    }

    @Test
    void routesOfAllTablesWithoutKernelRoutes() {
        Namespace a = ns("nwimp-a");
        List<Route> routes = a.getRoutes();
        assertEquals(5, routes.size(), routes.toString());
        Route dflt100 = routes.get(0);
        assertEquals("default", String.valueOf(dflt100.getDestination()));
        assertEquals("10.77.0.2", String.valueOf(dflt100.getVia()));
        assertEquals("100", dflt100.getTable().getName());
        assertEquals(100, dflt100.getTable().getId());
        assertEquals(RouteType.UNREACHABLE, routes.get(1).getType());
        Route metric = routes.get(2);
        assertEquals("10.78.0.0/16", String.valueOf(metric.getDestination()));
        assertEquals(50, metric.getMetric());
        assertNull(metric.getTable());
        assertEquals("va0", metric.getDev().getName());
        assertEquals("10.88.0.1", String.valueOf(routes.get(3).getSrc()));
        assertEquals("static", routes.get(3).getProto());
        assertEquals(RouteType.BLACKHOLE, routes.get(4).getType());
        assertFalse(routes.get(4).isSetMetric());
    }

    @Test
    void rulesWithoutTheDefaultThree() {
        Namespace a = ns("nwimp-a");
        List<RoutingRule> rules = a.getRoutingRules();
        assertEquals(3, rules.size());
        assertEquals(1, rules.get(0).getFwmark());
        assertEquals(0xff, rules.get(0).getFwmask());
        assertEquals("100", rules.get(0).getTable().getName());
        assertEquals(1000, rules.get(0).getPriority());
        assertEquals("10.77.0.0/24", String.valueOf(rules.get(1).getFrom()));
        assertEquals("10.80.0.0/16", String.valueOf(rules.get(1).getTo()));
        assertEquals("va0", rules.get(1).getIif().getName());
        assertTrue(rules.get(2).isNot());
        assertEquals(RuleAction.PROHIBIT, rules.get(2).getAction());
    }

    @Test
    void unmodelledRuleSelectorsAndMissingDefaultsAreReported() {
        Namespace ns = NetwrightFactory.eINSTANCE.createNamespace();
        List<ImportProblem> p = new IpRuleJson().importInto(ns, "rule.json",
                "[{\"priority\":0,\"src\":\"all\",\"table\":\"local\"},{\"priority\":10,\"src\":\"all\",\"ipproto\":\"tcp\",\"dport\":443,\"table\":\"7\"},"
                        + "{\"priority\":32766,\"src\":\"all\",\"table\":\"main\"}]");
        assertTrue(ns.getRoutingRules().isEmpty());
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("uses ipproto, dport"));
        assertEquals("$[1]", p.get(0).jsonPath());
        assertTrue(p.get(1).message().contains("32767: from all lookup default"));
    }

    @Test
    void truncatedRouteDumpKeepsCompleteRoutes() {
        String text = TestFiles.text(TestFiles.LAB + "nwimp-a/route.json");
        Namespace ns = NetwrightFactory.eINSTANCE.createNamespace();
        int cut = text.indexOf("{\"dst\":\"10.79.0.0/16\"");
        List<ImportProblem> p = new IpRouteJson().importInto(ns, "route.json", text.substring(0, cut + 30));
        assertEquals(3, ns.getRoutes().size());
        assertTrue(p.get(0).isError());
        assertTrue(p.get(0).toString().startsWith("route.json:1:"), p.get(0).toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("cut off") && "$[4]".equals(x.jsonPath())), p.toString());
    }
}
