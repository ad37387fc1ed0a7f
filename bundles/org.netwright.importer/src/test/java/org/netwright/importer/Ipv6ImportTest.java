package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.model.IptIcmpMatch;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.Route;
import org.netwright.model.RouteType;
import org.netwright.model.RoutingRule;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.IpAddress.Family;

/**
 * The IPv6 dumps, in the forms this machine's iproute2 6.1 and ip6tables 1.8.9 print them
 * (/work/helpers/research/v6-experiments/e15-snapshot-forms.out): ip -6 -j route/rule, neighbours, ip6tables-save.
 */
class Ipv6ImportTest {

    private static Namespace ns() {
        Namespace ns = NetwrightFactory.eINSTANCE.createNamespace();
        ns.setName("r");
        for (String name : List.of("ra", "rb", "lo")) {
            PhysicalInterface i = NetwrightFactory.eINSTANCE.createPhysicalInterface();
            i.setName(name);
            ns.getInterfaces().add(i);
        }
        return ns;
    }

    static final String ROUTES = """
            [{"dst": "2001:db8:99::/64", "gateway": "2001:db8:2::2", "dev": "rb", "table": "100", "metric": 50, "flags": [], "pref": "medium"},
            {"dst": "2001:db8:1::/64", "dev": "ra", "protocol": "kernel", "metric": 256, "flags": [], "pref": "medium"},
            {"dst": "2001:db8:98::/64", "gateway": "2001:db8:2::2", "dev": "rb", "prefsrc": "2001:db8:2::1", "metric": 1024, "flags": [], "pref": "medium"},
            {"dst": "fe80::/64", "dev": "rb", "protocol": "kernel", "metric": 256, "flags": [], "pref": "medium"},
            {"dst": "default", "gateway": "2001:db8:2::2", "dev": "rb", "metric": 1024, "flags": [], "pref": "medium"},
            {"type": "blackhole", "dst": "default", "dev": "lo", "table": "101", "metric": 1024, "flags": [], "pref": "medium"},
            {"type": "local", "dst": "::1", "dev": "lo", "table": "local", "protocol": "kernel", "metric": 0, "flags": [], "pref": "medium"},
            {"type": "anycast", "dst": "2001:db8:1::", "dev": "ra", "table": "local", "protocol": "kernel", "metric": 0, "flags": [], "pref": "medium"},
            {"type": "multicast", "dst": "ff00::/8", "dev": "rb", "table": "local", "protocol": "kernel", "metric": 256, "flags": [], "pref": "medium"}]
            """;

    @Test
    void ipv6RoutesWithoutTheKernelsOwn() {
        Namespace ns = ns();
        List<ImportProblem> problems = new IpRouteJson().importInto(ns, "r/route6.json", ROUTES, Family.IPV6);
        assertEquals(List.of(), problems);
        assertEquals(List.of("2001:db8:99::/64", "2001:db8:98::/64", "default", "::/0"),
                ns.getRoutes().stream().map(r -> r.getDestination().toString()).toList());
        Route dflt = ns.getRoutes().get(2);
        assertEquals(Family.IPV6, Families.of(dflt), "default takes its gateway's family");
        Route blackhole = ns.getRoutes().get(3);
        assertEquals(RouteType.BLACKHOLE, blackhole.getType());
        assertEquals(Family.IPV6, Families.of(blackhole), "an IPv6 default without an address is ::/0");
        assertEquals("2001:db8:2::1", ns.getRoutes().get(1).getSrc().toString());
        assertEquals(50, ns.getRoutes().get(0).getMetric());
        assertTrue(!dflt.isSetMetric(), "1024 is what ip -6 gives a route added without a metric");
    }

    @Test
    void ipv6RulesAndTheirDefaults() {
        Namespace ns = ns();
        String json = """
                [{"priority": 0, "src": "all", "table": "local"},
                {"priority": 100, "src": "2001:db8:1::", "srclen": 64, "fwmark": "0x1", "table": "100"},
                {"priority": 200, "src": "all", "fwmark": "0x2", "table": "100"},
                {"priority": 32766, "src": "all", "table": "main"}]
                """;
        List<ImportProblem> problems = new IpRuleJson().importInto(ns, "r/rule6.json", json, Family.IPV6);
        assertEquals(List.of(), problems, "IPv6 has no rule 32767");
        List<RoutingRule> rules = ns.getRoutingRules();
        assertEquals(List.of("2001:db8:1::/64", "::/0"), rules.stream().map(r -> r.getFrom().toString()).toList());
        assertTrue(rules.stream().allMatch(r -> Families.of(r) == Family.IPV6));
    }

    @Test
    void ipv6NeighboursArePermanentEntriesToo() {
        Namespace ns = ns();
        String json = "[{\"dst\":\"2001:db8:2::2\",\"dev\":\"rb\",\"lladdr\":\"02:00:00:00:62:02\",\"state\":[\"PERMANENT\"]},"
                + "{\"dst\":\"2001:db8:1::2\",\"dev\":\"ra\",\"lladdr\":\"5a:9d:84:9d:0b:38\",\"state\":[\"DELAY\"]}]";
        assertEquals(List.of(), new IpNeighJson().importInto(ns, "r/neigh.json", json));
        assertEquals(List.of("2001:db8:2::2"), ns.getNeighbours().stream().map(n -> n.getAddress().toString()).toList());
    }

    @Test
    void ip6tablesSave() {
        String save = """
                # Generated by ip6tables-save v1.8.9 (nf_tables) on Sun Dec  6 18:41:51 2026
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD DROP [0:0]
                :OUTPUT ACCEPT [0:0]
                -A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT
                -A FORWARD -m iprange --src-range 2001:db8::a-2001:db8::f -j ACCEPT
                -A FORWARD -s ::ffff:10.0.0.0/104 -j REJECT --reject-with icmp6-adm-prohibited
                COMMIT
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                -A PREROUTING -d 2001:db8::1/128 -p tcp -m tcp --dport 80 -j DNAT --to-destination [2001:db8::2]:8080
                -A PREROUTING -p tcp -m tcp --dport 82 -j DNAT --to-destination [2001:db8::2-2001:db8::a]:8080-8090
                -A POSTROUTING -s 2001:db8::/64 -o eth0 -j MASQUERADE
                COMMIT
                """;
        IptablesSaveParser.Result r = new IptablesSaveParser().parse("r/ip6tables-save.txt", save);
        assertEquals(List.of(), r.problems().stream().filter(p -> p.severity() != ImportProblem.Severity.INFO).toList());
        IptablesRuleset rs = r.rulesets().get(0);
        IptIcmpMatch icmp = (IptIcmpMatch) rs.getTables().get(0).getRules().get(0).getMatches().get(1);
        assertTrue(icmp.isIcmpv6());
        assertEquals("128", icmp.getIcmpType());
        IptNatTarget range = (IptNatTarget) rs.getTables().get(1).getRules().get(1).getTarget();
        assertEquals("2001:db8::2", range.getAddress().address().toString());
        assertEquals("2001:db8::a", range.getAddressEnd().toString());
        assertEquals("8080-8090", range.getPorts().toString());
    }
}
