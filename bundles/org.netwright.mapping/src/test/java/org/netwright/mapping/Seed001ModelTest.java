package org.netwright.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.F;

import org.junit.jupiter.api.Test;
import org.netwright.engine.Disposition;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.TraceStep;
import org.netwright.model.Expectation;
import org.netwright.model.IptAddrOption;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptCtTarget;
import org.netwright.model.IptIfOption;
import org.netwright.model.IptTableKind;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.OutcomeKind;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.ProbeProtocol;
import org.netwright.model.ReplyExpectation;
import org.netwright.model.ReplyKind;
import org.netwright.model.Route;
import org.netwright.model.RoutingTable;
import org.netwright.model.VethInterface;
import org.netwright.testsupport.TestModels;

/**
 * Seed 001 built as an EMF model (as the DSL would) and mapped onto the engine: the same outcomes as the
 * builder-based SeedScenariosTest (private source leaks without zones, masquerade with zones).
 */
class Seed001ModelTest {

    /** The seed-001 network; with {@code zoneFix} the raw-table CT --zone rules are added. */
    static Network seed001(boolean zoneFix) {
        Network n = F.createNetwork();
        Namespace host = TestModels.ns(n, "host");
        Namespace client = TestModels.ns(n, "client");
        Namespace proxy = TestModels.ns(n, "proxy");
        Namespace internet = TestModels.ns(n, "internet");
        TestModels.sysctl(host, "net.ipv4.ip_forward", "1");
        VethInterface hc = TestModels.veth(host, "client-veth0", "10.10.1.2/24");
        VethInterface hp = TestModels.veth(host, "proxy-veth0", "10.10.2.2/24");
        PhysicalInterface up = TestModels.phys(host, "enp4s0", "172.16.202.30/24");
        VethInterface cv = TestModels.veth(client, "veth0", "10.10.1.1/24");
        VethInterface pv = TestModels.veth(proxy, "veth0", "10.10.2.1/24");
        PhysicalInterface ie = TestModels.phys(internet, "eth0", "172.16.202.1/24");
        TestModels.dummy(internet, "dns", "8.8.8.8/32");
        hc.setPeer(cv); // declared on one side only
        hp.setPeer(pv);
        pv.setPeer(hp); // and on both sides
        TestModels.link(n, up, ie);
        Route def = TestModels.route(host, "default", "172.16.202.1", up, null);
        def.setMetric(100);
        RoutingTable t100 = TestModels.table(host, "100", 0);
        RoutingTable t101 = TestModels.table(host, "101", 0);
        TestModels.route(host, "default", "10.10.2.1", hp, t100);
        TestModels.route(host, "default", "10.10.1.1", hc, t101);
        TestModels.rule(host, 100, "10.10.1.0/24", null, hc, t100);
        TestModels.rule(host, 101, null, "10.10.1.0/24", hp, t101);
        TestModels.rule(host, 102, null, "10.10.1.0/24", up, t100);
        TestModels.irule(TestModels.iptables(host, IptTableKind.NAT), IptBuiltinChain.POSTROUTING, F.createIptMasqueradeTarget(),
                TestModels.addr(IptAddrOption.SOURCE, "10.10.1.0/24"), TestModels.addr(IptAddrOption.DESTINATION, "10.10.1.0/24", true),
                TestModels.iface(IptIfOption.OUT, "enp4s0"));
        if (zoneFix) {
            IptCtTarget z1 = F.createIptCtTarget();
            z1.setZone(1);
            IptCtTarget z2 = F.createIptCtTarget();
            z2.setZone(1);
            TestModels.irule(TestModels.iptables(host, IptTableKind.RAW), IptBuiltinChain.PREROUTING, z1,
                    TestModels.iface(IptIfOption.IN, "client-veth0"));
            TestModels.irule(TestModels.iptables(host, IptTableKind.RAW), IptBuiltinChain.PREROUTING, z2,
                    TestModels.iface(IptIfOption.IN, "proxy-veth0"), TestModels.addr(IptAddrOption.DESTINATION, "10.10.1.0/24"));
        }
        TestModels.route(client, "default", "10.10.1.2", cv, null);
        TestModels.sysctl(proxy, "net.ipv4.ip_forward", "1");
        TestModels.route(proxy, "default", "10.10.2.2", pv, null);
        // expect ping from client to 8.8.8.8: delivered at internet with src 172.16.202.30, reply delivered
        Expectation e = TestModels.expect(n, TestModels.probe(client, ProbeProtocol.PING, "8.8.8.8", 0), OutcomeKind.DELIVERED,
                internet);
        e.setObserved(TestModels.header("172.16.202.30", null));
        ReplyExpectation re = F.createReplyExpectation();
        re.setKind(ReplyKind.DELIVERED);
        e.setReply(re);
        return n;
    }

    private static ProbeResult ping(ModelMapping m) {
        Probe p = Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 7));
        return new Simulation(m.view()).probe(p);
    }

    @Test
    void mappingIsCleanAndConsistent() {
        ModelMapping m = ModelToEngine.map(seed001(true));
        assertFalse(m.hasErrors(), m.issues().toString());
        assertTrue(m.warnings().isEmpty(), m.issues().toString());
        assertTrue(m.view().validate().isEmpty(), m.view().validate().toString());
        assertEquals(4, m.view().namespaces().size());
        // the kernel's default rules plus the three configured ones
        assertEquals(6, m.view().namespace("host").policyRules().stream().filter(r -> !r.v6()).count(), "IPv4 rules");
    }

    @Test
    void brokenLeaksThePrivateSource() {
        ModelMapping m = ModelToEngine.map(seed001(false));
        ProbeResult r = ping(m);
        Packet out = r.seenLeaving("host", "enp4s0");
        assertNotNull(out, r.toText());
        assertEquals(IpAddr.parse("10.10.1.1"), out.src(), r.toText());
        assertNotNull(r.seenLeaving("host", "proxy-veth0"));
        assertTrue(r.trace().steps().stream().map(TraceStep::event).anyMatch(e -> e instanceof TraceEvent.NatNotConsulted n
                && n.manip() == TraceEvent.Manip.SOURCE && n.confirmed()), r.toText());
        assertEquals(Disposition.Fate.DELIVERED, r.disposition().fate());
        assertEquals("internet", r.disposition().namespace());
        assertFalse(r.replyDelivered());
        assertEquals(1, r.conntrack().get("host").size());
    }

    @Test
    void zoneFixMasqueradesAndTheReplyReturns() {
        ModelMapping m = ModelToEngine.map(seed001(true));
        ProbeResult r = ping(m);
        Packet out = r.seenLeaving("host", "enp4s0");
        assertNotNull(out, r.toText());
        assertEquals(IpAddr.parse("172.16.202.30"), out.src(), r.toText());
        assertTrue(r.replyDelivered(), r.toText());
        assertEquals("client", r.replyTrace().disposition().namespace());
        assertEquals(2, r.conntrack().get("host").size());
        assertTrue(r.conntrack().get("host").stream().anyMatch(e -> e.zone() == 1 && e.nat() == null));
        assertTrue(r.conntrack().get("host").stream().anyMatch(e -> e.zone() == 0 && "snat".equals(e.nat())));
        // the trace cites the model's rule text
        assertTrue(r.steps().stream().anyMatch(s -> s.rule() != null && s.rule().text().equals("-A PREROUTING -i client-veth0 -j CT --zone 1")),
                r.toText());
    }

    @Test
    void theExpectationHoldsWhenFixedAndIsExplainedWhenBroken() {
        Network fixed = seed001(true);
        ExpectationChecker.Result ok = new ExpectationChecker(ModelToEngine.map(fixed)).check(fixed.getExpectations().get(0));
        assertTrue(ok.holds(), ok.explain());

        Network broken = seed001(false);
        ExpectationChecker.Result bad = new ExpectationChecker(ModelToEngine.map(broken))
                .check(broken.getExpectations().get(0));
        assertFalse(bad.holds());
        String why = bad.explain();
        assertTrue(why.contains("src 10.10.1.1 instead of 172.16.202.30"), why);
        assertTrue(why.contains("expected the reply delivered to client"), why);
        // the explanation carries the trace
        assertTrue(why.contains("== netns host"), why);
        assertTrue(why.contains("not the first of its connection"), why);
    }
}
