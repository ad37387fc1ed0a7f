package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Lab.rule;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConntrackTest {

    /** A stateful firewall: only established/related comes in from the server side. */
    private static Lab statefulLab() {
        Lab lab = new Lab();
        NfTable.Builder t = NfTable.builder(Family.INET, "fw");
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.DROP)
                .rule(Rule.builder().match(Match.ctState(CtState.ESTABLISHED, CtState.RELATED)).then(Statement.accept())
                        .text("ct state established,related accept"))
                .rule(Rule.builder().match(Match.iif("eth0"), Match.ctState(CtState.NEW)).then(Statement.accept())
                        .text("iifname eth0 ct state new accept"));
        return lab.table(t.build());
    }

    @Test
    void newThenEstablishedAndStatePersistsAcrossProbes() {
        Simulation sim = new Simulation(statefulLab().build());
        ProbeResult inbound = sim.probe(Probe.from("server", Packet.udp(null, "10.0.1.2", 53, 4000)).noReply());
        assertEquals(Disposition.Fate.DROPPED, inbound.disposition().fate(), "no entry yet: NEW from eth1 dropped");
        ProbeResult out = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)));
        assertTrue(out.replyDelivered(), out.toText());
        long entry = Events.of(out, TraceEvent.CtCreated.class).get(0).entry();
        assertTrue(Events.of(out.replyTrace(), TraceEvent.CtHit.class).stream().anyMatch(h -> h.entry() == entry
                && h.direction() == CtDir.REPLY && h.state() == CtState.ESTABLISHED), out.replyTrace().toText());
        ProbeResult again = sim.probe(Probe.from("server", Packet.udp(null, "10.0.1.2", 53, 4000)).noReply());
        assertEquals(Disposition.Fate.DROPPED, again.disposition().fate(), "client has no listener on 4000");
        assertTrue(again.trace().steps().stream().anyMatch(s -> "ct state established,related accept".equals(
                s.rule() == null ? null : s.rule().text())), "earlier probe's entry lets the server's packet through");
        List<CtEntryView> es = out.conntrack().get("r");
        assertEquals(1, es.size());
        assertEquals("ESTABLISHED", es.get(0).state());
    }

    @Test
    void strayEchoReplyIsInvalidAndNotrackIsUntracked() {
        Lab lab = new Lab();
        NfTable.Builder t = NfTable.builder(Family.INET, "fw");
        t.baseChain("raw", ChainType.FILTER, Hook.PREROUTING, -300, Verdict.ACCEPT)
                .rule(rule(m(Match.tcp()), Statement.notrack()));
        t.baseChain("fwd", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.ctState(CtState.INVALID)).then(Statement.drop()).text("invalid"))
                .rule(Rule.builder().match(Match.ctState(CtState.UNTRACKED)).then(Statement.accept()).text("untracked"));
        Simulation sim = new Simulation(lab.table(t.build()).build());
        Packet reply = new Packet(IpAddr.parse("10.0.1.2"), IpAddr.parse("10.0.2.2"), Packet.ICMP, 9, 0,
                Packet.ICMP_ECHO_REPLY, 0, 64, 0, 0, 0, 0, null);
        ProbeResult inv = sim.probe(Probe.from("client", reply).noReply());
        assertEquals("invalid", inv.disposition().rule().text());
        ProbeResult tcp = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.2.2", 1, 80)).noReply());
        assertEquals(Location.of("server", "eth0"), tcp.deliveredTo());
        assertTrue(tcp.steps().stream().anyMatch(s -> s.rule() != null && "untracked".equals(s.rule().text())));
        assertTrue(tcp.conntrack().getOrDefault("r", List.of()).isEmpty());
        assertEquals(1, tcp.ctStatsDelta().get("r").ignore());
    }

    @Test
    void zonesSeparateIdenticalTuples() {
        Lab lab = new Lab();
        NfTable.Builder t = NfTable.builder(Family.INET, "z");
        t.baseChain("raw", ChainType.FILTER, Hook.PREROUTING, -300, Verdict.ACCEPT)
                .rule(rule(m(Match.mark(5)), Statement.ctZone(5)));
        t.baseChain("late", ChainType.FILTER, Hook.PREROUTING, -150, Verdict.ACCEPT)
                .rule(rule(m(), Statement.ctZone(9)));
        Simulation sim = new Simulation(lab.table(t.build()).build());
        Packet p = Packet.udp("10.0.1.2", "10.0.2.2", 1, 53);
        sim.probe(Probe.arriving("r", "eth0", p).noReply());
        ProbeResult second = sim.probe(Probe.arriving("r", "eth0", p).withMark(5).noReply());
        List<CtEntryView> es = second.conntrack().get("r");
        assertEquals(2, es.size(), "same tuple, zones 0 and 5");
        assertEquals(0, es.get(0).zone());
        assertEquals(5, es.get(1).zone());
        assertTrue(Events.of(second, TraceEvent.StatementIgnored.class).contains(new TraceEvent.StatementIgnored(
                TraceEvent.StatementIgnored.What.CT_ZONE_SET, TraceEvent.StatementIgnored.Cause.CONNTRACK_ATTACHED, 9, 0)),
                "zone set after conntrack lookup is ineffective: " + second.toText());
    }

    @Test
    void connmarkSaveAndRestore() {
        Lab lab = new Lab();
        Iptables ipt = new Iptables();
        ipt.append("mangle", "PREROUTING", rule(m(), new Statement.MarkFromCtMark(0xffffffffL)));
        ipt.append("mangle", "PREROUTING", rule(m(Match.iif("eth0")), Statement.setMark(0x42)));
        ipt.append("mangle", "PREROUTING", rule(m(), Statement.ctMarkFromMark()));
        ipt.append("filter", "FORWARD", rule(m(Match.iif("eth1"), Match.ctMark(0x42), Match.mark(0x42)),
                Statement.counter(), Statement.accept()));
        ipt.policy("filter", "FORWARD", Verdict.DROP);
        ipt.append("filter", "FORWARD", rule(m(Match.iif("eth0")), Statement.accept()));
        Simulation sim = new Simulation(lab.tables(ipt.build()).build());
        ProbeResult r = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)));
        assertTrue(r.replyDelivered(), "reply restored the mark from the connection: " + r.toText());
        assertEquals(0x42, r.conntrack().get("r").get(0).mark());
    }

    /**
     * Kernel (seen by the examples referee on the dnat baselines): a connection whose first answer is a TCP reset
     * is deleted at once, while one answered with SYN-ACK stays; the reset itself still reaches the client.
     */
    @Test
    void aConnectionAnsweredOnlyByAResetIsRemoved() {
        Simulation sim = new Simulation(statefulLab().build());
        ProbeResult closed = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.2.2", 40003, 22)));
        assertTrue(closed.replyDelivered(), closed.toText());
        assertTrue((closed.replyPath().get(0).header().tcpFlags() & Packet.RST) != 0, closed.toText());
        assertTrue(closed.conntrack().getOrDefault("r", List.of()).isEmpty(), closed.conntrack().toString());
        ProbeResult open = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.2.2", 40004, 80)));
        assertEquals(1, open.conntrack().get("r").size(), open.conntrack().toString());
        assertEquals(40004, open.conntrack().get("r").get(0).orig().sport());
    }
}
