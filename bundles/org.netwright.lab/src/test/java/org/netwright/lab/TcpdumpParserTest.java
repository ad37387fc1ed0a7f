package org.netwright.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TcpdumpParserTest {

    @Test
    void icmpEchoOnAnyInterface() {
        CapturedPacket p = TcpdumpParser.parseLine(
                "07:23:25.502288 x1    In  IP 10.9.0.1 > 10.9.0.2: ICMP echo request, id 17895, seq 1, length 64");
        assertEquals("x1", p.iface());
        assertTrue(p.inbound());
        assertEquals("icmp", p.proto());
        assertEquals("10.9.0.1", p.src());
        assertEquals("10.9.0.2", p.dst());
        assertEquals(8, p.icmpType());
        assertEquals(17895, p.icmpId());
        assertEquals(-1, p.sport());
        assertTrue(p.isIcmpEcho());
        CapturedPacket r = TcpdumpParser.parseLine(
                "07:23:25.502304 x1    Out IP 10.9.0.2 > 10.9.0.1: ICMP echo reply, id 17895, seq 1, length 64");
        assertTrue(r.outbound());
        assertEquals(0, r.icmpType());
    }

    @Test
    void udpAndPortUnreachable() {
        CapturedPacket u = TcpdumpParser.parseLine(
                "07:23:25.535250 x1    In  IP 10.9.0.1.4446 > 10.9.0.2.5001: UDP, length 2");
        assertEquals("udp", u.proto());
        assertEquals(4446, u.sport());
        assertEquals(5001, u.dport());
        assertEquals(2, u.length());
        assertEquals("10.9.0.2", u.dst());
        CapturedPacket e = TcpdumpParser.parseLine(
                "07:23:25.535272 x1    Out IP 10.9.0.2 > 10.9.0.1: ICMP 10.9.0.2 udp port 5001 unreachable, length 38");
        assertEquals(3, e.icmpType());
        assertEquals(3, e.icmpCode());
        assertEquals("10.9.0.2", e.innerDst());
        assertEquals(5001, e.innerDport());
        assertTrue(e.isIcmpError());
    }

    @Test
    void udpDecodedByAnApplicationPrinterIsStillUdp() {
        CapturedPacket d = TcpdumpParser.parseLine(
                "IP 10.0.1.2.40000 > 10.0.2.2.53: 28261+ [b2&3=0x6f72] [24946a] [25189q] [29806n] [28271au][|domain]");
        assertEquals("udp", d.proto());
        assertEquals(53, d.dport());
        assertNull(d.iface());
    }

    @Test
    void tcpFlags() {
        CapturedPacket s = TcpdumpParser.parseLine("07:23:25.572255 x1    In  IP 10.9.0.1.4447 > 10.9.0.2.80: "
                + "Flags [S], seq 2899222984, win 64240, options [mss 1460,sackOK,TS val 4157338677 ecr 0,nop,wscale 10], length 0");
        assertEquals("tcp", s.proto());
        assertEquals("S", s.tcpFlags());
        assertTrue(s.isTcpSyn());
        CapturedPacket sa = TcpdumpParser.parseLine("IP 10.9.0.2.80 > 10.9.0.1.4447: Flags [S.], seq 1, ack 2, win 65160, length 0");
        assertFalse(sa.isTcpSyn());
        CapturedPacket r = TcpdumpParser.parseLine(
                "07:23:25.572271 x1    Out IP 10.9.0.2.80 > 10.9.0.1.4447: Flags [R.], seq 0, ack 2899222985, win 0, length 0");
        assertTrue(r.isTcpRst());
        assertEquals(80, r.sport());
    }

    @Test
    void otherIcmpErrorsAndProtocols() {
        assertEquals(13, TcpdumpParser.parseLine(
                "IP 10.0.1.1 > 10.0.1.2: ICMP host 10.0.2.2 unreachable - admin prohibited filter, length 36").icmpCode());
        assertEquals(1, TcpdumpParser.parseLine("IP 10.0.1.1 > 10.0.1.2: ICMP host 10.0.2.2 unreachable, length 92").icmpCode());
        assertEquals(0, TcpdumpParser.parseLine("IP 10.0.1.1 > 10.0.1.2: ICMP net 10.0.2.2 unreachable, length 92").icmpCode());
        assertEquals(2, TcpdumpParser.parseLine(
                "IP 2.2.2.2 > 1.1.1.1: ICMP 2.2.2.2 protocol 50 unreachable, length 48").icmpCode());
        assertEquals(11, TcpdumpParser.parseLine(
                "IP 10.0.1.1 > 10.0.1.2: ICMP time exceeded in-transit, length 92").icmpType());
        assertEquals("esp", TcpdumpParser.parseLine("IP 1.1.1.1 > 2.2.2.2: ESP(spi=0x00000100,seq=0x1), length 100").proto());
    }

    @Test
    void nonIpv4LinesAreIgnored() {
        List<CapturedPacket> ps = TcpdumpParser.parse("""
                tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
                listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes
                07:21:01.919924 IP6 fe80::4016:8fff:fe20:88e9 > ff02::2: ICMP6, router solicitation, length 16
                07:21:02.000000 eth0  Out ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
                07:21:02.511653 IP 10.9.0.1 > 10.9.0.2: ICMP echo request, id 16568, seq 1, length 64
                """);
        assertEquals(1, ps.size());
        assertEquals("10.9.0.1", ps.get(0).src());
    }
}
