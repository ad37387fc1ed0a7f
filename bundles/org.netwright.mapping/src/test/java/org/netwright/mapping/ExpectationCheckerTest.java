package org.netwright.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.F;

import org.junit.jupiter.api.Test;
import org.netwright.model.ConntrackExpectation;
import org.netwright.model.Expectation;
import org.netwright.model.IptAddrOption;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptIfOption;
import org.netwright.model.IptSimpleTarget;
import org.netwright.model.IptSimpleTargetKind;
import org.netwright.model.IptTableKind;
import org.netwright.model.OutcomeKind;
import org.netwright.model.Probe;
import org.netwright.model.ProbeProtocol;
import org.netwright.model.ReplyExpectation;
import org.netwright.model.ReplyKind;
import org.netwright.model.Scenario;
import org.netwright.testsupport.TestModels;

class ExpectationCheckerTest {

    private static ReplyExpectation reply(ReplyKind k) {
        ReplyExpectation r = F.createReplyExpectation();
        r.setKind(k);
        return r;
    }

    @Test
    void aDroppedProbeViolatesADeliveredExpectationWithTheDropInTheExplanation() {
        ModelLab lab = new ModelLab();
        IptSimpleTarget drop = F.createIptSimpleTarget();
        drop.setKind(IptSimpleTargetKind.DROP);
        TestModels.irule(TestModels.iptables(lab.r, IptTableKind.FILTER), IptBuiltinChain.FORWARD, drop,
                TestModels.addr(IptAddrOption.DESTINATION, "10.0.2.2"));
        Expectation e = TestModels.expect(lab.net, TestModels.probe(lab.client, ProbeProtocol.UDP, "10.0.2.2", 53),
                OutcomeKind.DELIVERED, lab.server);
        e.setDescription("dns reaches the server");
        ExpectationChecker.Result res = new ExpectationChecker(ModelToEngine.map(lab.net)).check(e);
        assertFalse(res.holds());
        String why = res.explain();
        assertTrue(why.startsWith("violated: dns reaches the server"), why);
        assertTrue(why.contains("expected delivered to server, but dropped at r"), why);
        assertTrue(why.contains("-A FORWARD -d 10.0.2.2 -j DROP"), why);
        assertTrue(why.contains("trace of probe"), why);
    }

    @Test
    void droppedRejectedPortUnreachableAndConntrack() {
        ModelLab lab = new ModelLab();
        // udp to a closed port: delivered nowhere, port unreachable back to the client
        Expectation closed = TestModels.expect(lab.net, TestModels.probe(lab.client, ProbeProtocol.UDP, "10.0.2.2", 9999),
                OutcomeKind.REJECTED, lab.server);
        closed.setReply(reply(ReplyKind.PORT_UNREACHABLE));
        Expectation dns = TestModels.expect(lab.net, TestModels.probe(lab.client, ProbeProtocol.UDP, "10.0.2.2", 53),
                OutcomeKind.DELIVERED, lab.server);
        dns.setObserved(TestModels.header("10.0.1.2", "10.0.2.2"));
        dns.setReply(reply(ReplyKind.DELIVERED));
        Expectation wrong = TestModels.expect(lab.net, TestModels.probe(lab.client, ProbeProtocol.TCP, "10.0.2.2", 22),
                OutcomeKind.DROPPED, lab.r);
        wrong.setReply(reply(ReplyKind.NONE));
        ModelMapping m = ModelToEngine.map(lab.net);
        ExpectationChecker c = new ExpectationChecker(m);
        assertTrue(c.check(closed).holds(), c.check(closed).explain());
        assertTrue(c.check(dns).holds(), c.check(dns).explain());
        ExpectationChecker.Result w = c.check(wrong);
        assertFalse(w.holds());
        assertEquals(2, w.violations().size(), w.explain());
        assertTrue(w.violations().get(1).startsWith("expected no reply, but the reply was delivered at client"), w.explain());
        assertEquals(3, c.checkAll(lab.net).size());
    }

    @Test
    void aScenarioSharesConntrackBetweenSteps() {
        ModelLab lab = new ModelLab();
        // masquerade on r; the server's later datagram to the router's address comes back through the association
        TestModels.irule(TestModels.iptables(lab.r, IptTableKind.NAT), IptBuiltinChain.POSTROUTING, F.createIptMasqueradeTarget(),
                TestModels.iface(IptIfOption.OUT, "eth1"));
        ModelLab.listen(lab.client, org.netwright.model.ListenProtocol.UDP, 2000);
        Probe out = TestModels.probe(lab.client, ProbeProtocol.UDP, "10.0.2.2", 53);
        out.setSport(2000);
        Probe back = TestModels.probe(lab.server, ProbeProtocol.UDP, "10.0.2.1", 2000);
        back.setSport(53);
        Scenario s = F.createScenario();
        s.setName("association");
        Expectation first = F.createExpectation();
        first.setProbe(out);
        first.setOutcome(OutcomeKind.DELIVERED);
        first.setAt(lab.server);
        first.setObserved(TestModels.header("10.0.2.1", null));
        ConntrackExpectation ct = F.createConntrackExpectation();
        ct.setAt(lab.r);
        ct.setOrig(TestModels.header("10.0.1.2", "10.0.2.2"));
        ct.setReply(TestModels.header("10.0.2.2", "10.0.2.1"));
        first.getConntrack().add(ct);
        Expectation second = F.createExpectation();
        second.setProbe(back);
        second.setOutcome(OutcomeKind.DELIVERED);
        second.setAt(lab.client);
        second.setObserved(TestModels.header(null, "10.0.1.2"));
        s.getSteps().add(first);
        s.getSteps().add(second);
        lab.net.getScenarios().add(s);
        ExpectationChecker c = new ExpectationChecker(ModelToEngine.map(lab.net));
        ExpectationChecker.Result r = c.check(s);
        assertTrue(r.holds(), r.explain());
        // alone (fresh conntrack) the second step fails: nothing to un-NAT
        ExpectationChecker.Result alone = c.check(second);
        assertFalse(alone.holds(), alone.explain());
    }

    @Test
    void aProbeWithoutNamespaceIsAModelError() {
        ModelLab lab = new ModelLab();
        Probe p = TestModels.probe(null, ProbeProtocol.PING, "10.0.2.2", 0);
        Expectation e = TestModels.expect(lab.net, p, OutcomeKind.DELIVERED, null);
        ModelException x = assertThrows(ModelException.class, () -> new ExpectationChecker(ModelToEngine.map(lab.net)).check(e));
        assertTrue(x.getMessage().contains("not declared"), x.getMessage());
    }
}
