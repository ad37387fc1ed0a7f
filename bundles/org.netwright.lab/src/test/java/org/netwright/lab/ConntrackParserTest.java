package org.netwright.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConntrackParserTest {

    @Test
    void udpUnrepliedWithZone() {
        ConntrackEntry e = ConntrackParser.parseLine("ipv4     2 udp      17 26 src=10.9.0.1 dst=10.9.0.2 sport=4446 "
                + "dport=5001 [UNREPLIED] src=10.9.0.2 dst=10.9.0.1 sport=5001 dport=4446 mark=0 zone=3 use=1");
        assertEquals("udp", e.proto());
        assertEquals(17, e.protonum());
        assertNull(e.state());
        assertEquals(4446, e.orig().sport());
        assertEquals("10.9.0.2", e.reply().src());
        assertTrue(e.unreplied());
        assertEquals(3, e.zone());
        assertNull(e.nat());
    }

    @Test
    void tcpStateAndSnat() {
        ConntrackEntry e = ConntrackParser.parseLine("ipv4     2 tcp      6 117 TIME_WAIT src=10.0.1.2 dst=10.0.2.2 "
                + "sport=40000 dport=80 src=10.0.2.2 dst=10.0.2.1 sport=80 dport=40000 [ASSURED] mark=5 use=1");
        assertEquals("TIME_WAIT", e.state());
        assertEquals(Set.of("ASSURED"), e.flags());
        assertEquals(5, e.mark());
        assertEquals(0, e.zone());
        assertEquals("snat", e.nat());
    }

    @Test
    void icmpAndDnat() {
        ConntrackEntry e = ConntrackParser.parseLine("ipv4     2 icmp     1 29 src=172.16.202.1 dst=172.16.202.30 type=8 "
                + "code=0 id=7 src=10.10.1.1 dst=172.16.202.1 type=0 code=0 id=7 mark=0 use=1");
        assertEquals(8, e.orig().icmpType());
        assertEquals(7, e.reply().icmpId());
        assertEquals(-1, e.orig().sport());
        assertTrue(e.dnat());
        assertFalse(e.snat());
        assertEquals("dnat", e.nat());
        ConntrackEntry both = ConntrackParser.parseLine("ipv4 2 udp 17 20 src=1.1.1.1 dst=2.2.2.2 sport=1 dport=2 "
                + "src=3.3.3.3 dst=4.4.4.4 sport=2 dport=1 mark=0 use=1");
        assertEquals("snat+dnat", both.nat());
    }

    @Test
    void summaryAndForeignLinesAreIgnored() {
        List<ConntrackEntry> es = ConntrackParser.parseEntries("""
                ipv4     2 unknown  50 599 src=192.168.1.1 dst=2.2.2.2 src=2.2.2.2 dst=1.1.1.1 mark=0 use=1
                ipv6     10 udp      17 20 src=::1 dst=::1 sport=1 dport=2 src=::1 dst=::1 sport=2 dport=1 mark=0 use=1
                conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.
                """);
        assertEquals(1, es.size());
        assertEquals("unknown", es.get(0).proto());
        assertEquals(50, es.get(0).protonum());
        assertEquals("snat", es.get(0).nat());
    }

    @Test
    void statsAreSummedOverCpus() {
        ConntrackStats s = ConntrackParser.parseStats("""
                cpu=0   \tfound=1 invalid=2 insert=0 insert_failed=1 drop=1 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0
                cpu=1   \tfound=3 invalid=0 insert=0 insert_failed=2 drop=4 early_drop=0 error=1 search_restart=0 clash_resolve=5 chaintoolong=0
                """);
        assertEquals(4, s.found());
        assertEquals(3, s.insertFailed());
        assertEquals(5, s.drop());
        assertEquals(5, s.clashResolve());
        assertEquals(1, s.minus(ConntrackParser.parseStats("cpu=0 insert_failed=2 drop=4")).insertFailed());
    }

    @Test
    void snmpCountersArePairedByGroup() {
        var m = KernelProbe.parseSnmp("""
                Ip: Forwarding DefaultTTL InReceives InDelivers
                Ip: 1 64 10 7
                Icmp: InMsgs InEchos
                Icmp: 3 2
                Udp: InDatagrams NoPorts
                Udp: 5 1
                """);
        assertEquals(7L, m.get("Ip.InDelivers"));
        assertEquals(2L, m.get("Icmp.InEchos"));
        assertEquals(1L, m.get("Udp.NoPorts"));
    }
}
