package org.netwright.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.F;

import org.junit.jupiter.api.Test;
import org.netwright.engine.Disposition;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Location;
import org.netwright.engine.PolicyRule;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Route;
import org.netwright.engine.Simulation;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftNat;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftPayloadField;
import org.netwright.model.NftPayloadProto;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftTable;
import org.netwright.model.NftVerdictKind;
import org.netwright.model.Probe;
import org.netwright.model.ProbeProtocol;
import org.netwright.model.VethInterface;
import org.netwright.testsupport.TestModels;

/** IPv6 values of the model reach the engine 1:1; a mixed-family mistake the model lets through is an error. */
class Ipv6MappingTest {
    /** client -- r -- server, dual stack, r forwarding both families. */
    private static final class Lab {
        final Network net = F.createNetwork();
        final Namespace client = TestModels.ns(net, "client");
        final Namespace r = TestModels.ns(net, "r");
        final Namespace server = TestModels.ns(net, "server");

        Lab() {
            VethInterface c0 = TestModels.veth(client, "eth0", "10.0.1.2/24", "2001:db8:1::2/64");
            VethInterface r0 = TestModels.veth(r, "eth0", "10.0.1.1/24", "2001:db8:1::1/64");
            VethInterface r1 = TestModels.veth(r, "eth1", "10.0.2.1/24", "2001:db8:2::1/64");
            VethInterface s0 = TestModels.veth(server, "eth0", "10.0.2.2/24", "2001:db8:2::2/64");
            c0.setPeer(r0);
            s0.setPeer(r1);
            TestModels.sysctl(r, "net.ipv4.ip_forward", "1");
            TestModels.sysctl(r, "net.ipv6.conf.all.forwarding", "1");
            TestModels.route(client, "default", "10.0.1.1", c0);
            TestModels.route(client, "default", "2001:db8:1::1", c0);
            TestModels.route(server, "default", "10.0.2.1", s0);
            TestModels.route(server, "::/0", "2001:db8:2::1", s0);
            ModelLab.listen(server, org.netwright.model.ListenProtocol.UDP, 53);
        }

        ProbeResult walk(ModelMapping m, String dst) {
            Probe p = TestModels.probe(client, ProbeProtocol.UDP, dst, 53);
            return new Simulation(m.view()).probe(m.probe(p));
        }
    }

    /** {@code ip6 daddr ADDR drop} in an inet forward chain of r. */
    private static void forwardDropTo(Lab lab, String addr) {
        NftTable t = TestModels.ntable(lab.r, NftFamily.INET, "filter");
        NftChain fwd = TestModels.chain(t, "forward", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, null);
        TestModels.nrule(fwd, TestModels.match(TestModels.payload(NftPayloadProto.IP6, NftPayloadField.DADDR),
                TestModels.lit(addr)), TestModels.verdict(NftVerdictKind.DROP));
    }

    @Test
    void aDualStackModelWalksBothFamilies() {
        Lab lab = new Lab();
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        assertTrue(m.view().namespace("client").routingTables().get(Route.MAIN).stream()
                .anyMatch(r -> r.dst().isV6() && r.dst().len() == 0), "default via an IPv6 gateway is ::/0");
        ProbeResult v6 = lab.walk(m, "2001:db8:2::2");
        assertEquals(Location.of("server", "eth0"), v6.deliveredTo(), v6.toText());
        assertEquals(IpAddr.parse("2001:db8:1::2"), v6.observedAtDst().src());
        assertTrue(v6.replyDelivered());
        ProbeResult v4 = lab.walk(m, "10.0.2.2");
        assertEquals(Location.of("server", "eth0"), v4.deliveredTo(), v4.toText());
    }

    @Test
    void anInetChainMatchesIp6AddressesAndTranslatesWithNat66() {
        Lab lab = new Lab();
        forwardDropTo(lab, "2001:db8:2::2");
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        assertEquals(Disposition.Reason.RULE_DROP, lab.walk(m, "2001:db8:2::2").disposition().reason());
        assertEquals(Location.of("server", "eth0"), lab.walk(m, "10.0.2.2").deliveredTo(), "an ip6 match never holds for IPv4");

        Lab nat = new Lab();
        NftTable n = TestModels.ntable(nat.r, NftFamily.IP6, "nat");
        NftChain post = TestModels.chain(n, "post", NftChainType.NAT, NftHook.POSTROUTING, NftPriorityName.SRCNAT, 0, null);
        TestModels.nrule(post, TestModels.nat(NftNatKind.SNAT, "2001:db8:2::1", 0));
        ModelMapping nm = ModelToEngine.map(nat.net);
        assertFalse(nm.hasErrors(), nm.issues().toString());
        ProbeResult r = nat.walk(nm, "2001:db8:2::2");
        assertEquals(IpAddr.parse("2001:db8:2::1"), r.observedAtDst().src(), r.toText());
        assertTrue(r.replyDelivered(), r.toText());
    }

    @Test
    void mixedFamilyMistakesAreErrorsNotWrongAnswers() {
        Lab lab = new Lab();
        forwardDropTo(lab, "10.0.2.2");
        NftTable n = TestModels.ntable(lab.r, NftFamily.INET, "nat");
        NftChain pre = TestModels.chain(n, "pre", NftChainType.NAT, NftHook.PREROUTING, NftPriorityName.DSTNAT, 0, null);
        NftNat dnat = TestModels.nat(NftNatKind.DNAT, "10.0.2.2", 0);
        dnat.setAddressFamily(NftFamily.IP6);
        TestModels.nrule(pre, dnat);
        org.netwright.model.Route bad = TestModels.route(lab.server, "10.9.0.0/16", "2001:db8:2::1", null);
        bad.setDev((org.netwright.model.Interface) lab.server.getInterfaces().get(0));
        ModelMapping m = ModelToEngine.map(lab.net);
        String issues = m.issues().toString();
        assertTrue(m.issues().stream().anyMatch(i -> i.isError() && i.message().contains("ip6 daddr with an IPv4 address")),
                issues);
        assertTrue(m.issues().stream().anyMatch(i -> i.isError() && i.message().contains("an address of the other family")),
                issues);
        assertTrue(m.issues().stream().anyMatch(i -> i.isError() && i.message().contains("other address family")), issues);
        Lab six = new Lab();
        NftTable t6 = TestModels.ntable(six.r, NftFamily.IP6, "f");
        NftChain c6 = TestModels.chain(t6, "forward", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, null);
        TestModels.nrule(c6, TestModels.match(TestModels.payload(NftPayloadProto.IP, NftPayloadField.SADDR),
                TestModels.lit("10.0.1.2")), TestModels.verdict(NftVerdictKind.DROP));
        ModelMapping m6 = ModelToEngine.map(six.net);
        assertTrue(m6.issues().stream().anyMatch(i -> i.isError() && i.message().contains("ip saddr in a table of family ip6")),
                m6.issues().toString());
        Probe mixed = TestModels.probe(lab.client, ProbeProtocol.UDP, "2001:db8:2::2", 53);
        mixed.setSrcAddress(TestModels.ip("10.0.1.2"));
        ModelException e = assertThrows(ModelException.class, () -> m.probe(mixed));
        assertTrue(e.getMessage().contains("different address families"), e.getMessage());
    }

    @Test
    void aRuleWithAnIpv6SelectorIsAnIp6Rule() {
        Lab lab = new Lab();
        org.netwright.model.RoutingTable t100 = TestModels.table(lab.r, "t100", 100);
        TestModels.rule(lab.r, 100, "2001:db8:1::/64", null, null, t100);
        TestModels.rule(lab.r, 101, "10.0.1.0/24", null, null, t100);
        ModelMapping m = ModelToEngine.map(lab.net);
        assertFalse(m.hasErrors(), m.issues().toString());
        PolicyRule six = m.view().namespace("r").policyRules().stream().filter(p -> p.priority() == 100).findFirst()
                .orElseThrow();
        PolicyRule four = m.view().namespace("r").policyRules().stream().filter(p -> p.priority() == 101).findFirst()
                .orElseThrow();
        assertTrue(six.v6());
        assertFalse(four.v6());
    }
}
