package org.netwright.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netwright.model.*;
import org.netwright.model.semantics.PortRange;

class NftExporterTest {

    private static String host() {
        Network net = rich();
        return NftExporter.export("host", net.getNamespaces().get(0).getNftRulesets());
    }

    @Test
    void everyConstructOfTheRichRulesetIsWrittenInNftSyntax() {
        String out = host();
        for (String expected : List.of(
                "table inet filter\ndelete table inet filter\n",
                "define lan = 10.10.1.0/24\n",
                "define web_ports = { 80, 443 }\n",
                "\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 10.0.0.0/8, 192.168.0.0/16, 172.16.0.1-172.16.0.9 }\n",
                "\t\ttype ifname\n\t\telements = { \"client-veth0\", \"lo\" }\n",
                "\t\ttype filter hook input priority filter; policy drop;\n",
                "\t\tct state established,related accept\n",
                "\t\tiifname \"lo\" accept\n",
                "\t\tmeta iifname @inside accept\n",
                "\t\tip saddr @private tcp dport $web_ports counter accept comment \"web from private # not a comment start\"\n",
                "\t\tip saddr $lan udp dport { 53, 67 } accept\n",
                "\t\tmark & 0xff == 0x1 log prefix \"mark1: \" level info\n",
                "\t\tip ttl < 2 drop\n",
                "\t\tip saddr != 10.10.1.0/24 tcp dport 6000-6010 counter packets 5 bytes 420 drop\n",
                "reject with icmp type host-unreachable\n",
                "\t\ttcp dport 113 reject with tcp reset\n",
                "reject with icmpx type admin-prohibited\n",
                "\t\tmeta ipsec exists accept\n",
                "\t\tmeta l4proto udp jump custom\n",
                "\t\tct mark set meta mark\n",
                "\t\tmeta mark set 0x2 return\n",
                "priority filter + 10; policy accept;\n",
                "\t\trt ipsec missing ip daddr 10.20.0.0/16 drop\n",
                "\t\toif lo goto custom\n",
                "\t\ttype inet_service : ipv4_addr\n\t\telements = { 8081 : 10.10.1.1 }\n",
                "\t\ttcp dport 8080 dnat to 10.10.1.1:80\n",
                "\t\tudp dport 53 redirect to :5353\n",
                "\t\tmeta l4proto tcp dnat to tcp dport map @dnat_targets\n",
                "\t\tdnat to ip saddr map { 192.168.50.2 : 10.10.1.1 }\n",
                "priority srcnat + 10; policy accept;\n",
                "\t\toifname \"enp4s0\" ip saddr 10.10.1.0/24 masquerade random\n",
                "snat to 172.16.202.30-172.16.202.31:1024-65535 persistent,fully-random\n",
                "\t\tudp sport 5000 masquerade to :10000-20000\n",
                "\t\ttype filter hook prerouting priority raw;\n",
                "\t\tiifname \"client-veth0\" ct zone set 1\n",
                "\t\tudp dport 9999 notrack\n",
                "\t\ttype route hook output priority mangle - 5; policy accept;\n",
                "\t\tip dscp cs1 ip dscp set af11\n",
                "\t\ttype filter hook ingress device \"enp4s0\" priority -500; policy accept;\n",
                "\t\tip daddr 172.16.202.40 ip daddr set 10.10.1.1\n",
                "\t\ttype filter hook egress devices = { \"enp4s0\", \"client-veth0\" } priority 0;\n",
                "\t\tether type arp accept\n",
                "\t\tvlan id 100 drop\n",
                "\t\tarp saddr ip 10.10.1.1 arp operation request accept\n")) {
            assertTrue(out.contains(expected), () -> "missing:\n" + expected + "\nin:\n" + out);
        }
        assertFalse(out.contains("flush ruleset"), "no flush unless the model says so");
    }

    @Test
    void flushRulesetReplacesThePerTableDeletes() {
        NftRuleset rs = F.createNftRuleset();
        rs.setFlushRuleset(true);
        ntable(rs, NftFamily.INET, "t");
        String out = NftExporter.export("ns", List.of(rs));
        assertTrue(out.contains("\nflush ruleset\n"), out);
        assertFalse(out.contains("delete table"), out);
        assertTrue(out.contains("table inet t {\n}\n"), out);
    }

    @Test
    void aTableInTwoBlocksIsDeletedOnceAndADefineRepeatedIsRedefined() {
        NftRuleset a = F.createNftRuleset();
        NftRuleset b = F.createNftRuleset();
        for (NftRuleset rs : List.of(a, b)) {
            NftDefine d = F.createNftDefine();
            d.setName("x");
            d.setValue(lit("1"));
            rs.getDefines().add(d);
            chain(ntable(rs, NftFamily.IP, "t"), "c" + rs.hashCode() % 2);
        }
        String out = NftExporter.export("ns", List.of(a, b));
        assertEquals(1, out.split("delete table ip t\n", -1).length - 1, out);
        assertTrue(out.contains("define x = 1\n") && out.contains("redefine x = 1\n"), out);
        assertTrue(out.indexOf("delete table") < out.indexOf("table ip t {"), out);
    }

    @Test
    void emptyRulesetsGiveNoFile() {
        assertEquals("", NftExporter.export("ns", List.of()));
        assertEquals("", NftExporter.export("ns", List.of(F.createNftRuleset())));
    }

    @Test
    void prioritiesAreWrittenAsNamesWithOffsetsOrNumbers() {
        NftPriority p = F.createNftPriority();
        p.setKeyword(NftPriorityName.NUMERIC);
        p.setValue(-300);
        assertEquals("-300", NftExporter.priority(p, "c"));
        p.setKeyword(NftPriorityName.DSTNAT);
        p.setValue(-10);
        assertEquals("dstnat - 10", NftExporter.priority(p, "c"));
        p.setKeyword(NftPriorityName.OUT);
        p.setValue(0);
        assertEquals("out", NftExporter.priority(p, "c"));
    }

    @Test
    void queueAndIpv6NatAreWritten() {
        NftVerdict q = verdict(NftVerdictKind.QUEUE);
        q.setQueueNum(3);
        assertEquals("queue num 3", NftExporter.PRINTER.statement(q));
        NftNat n = nat(NftNatKind.DNAT, "2001:db8::1", 443);
        n.setAddressFamily(NftFamily.IP6);
        assertEquals("dnat ip6 to [2001:db8::1]:443", NftExporter.PRINTER.statement(n));
    }

    private static NftRuleset oneRule(NftStatement... statements) {
        NftRuleset rs = F.createNftRuleset();
        nrule(chain(ntable(rs, NftFamily.INET, "t"), "c"), statements);
        return rs;
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.2.3.4; flush ruleset", "1.2.3.4\ntable ip x { }", "$(reboot)", "a b", "\"open", "x\" ; include \"/etc/shadow",
            "include", "{ 1 }" })
    void hostileLiteralsAreRejected(String hostile) {
        NftRuleset rs = oneRule(match(payload(NftPayloadProto.IP, NftPayloadField.SADDR), hostile), verdict(NftVerdictKind.ACCEPT));
        if (hostile.equals("include")) {
            // a plain word is a symbolic constant: written as is, nft itself judges it
            assertTrue(NftExporter.export("ns", List.of(rs)).contains("ip saddr include accept"));
            return;
        }
        var e = assertThrows(ExportException.class, () -> NftExporter.export("ns", List.of(rs)));
        assertTrue(e.getMessage().startsWith("nft "), e.getMessage());
    }

    @Test
    void hostileNamesAndStringsAreRejected() {
        NftRuleset rs = F.createNftRuleset();
        ntable(rs, NftFamily.INET, "$(reboot)");
        assertThrows(ExportException.class, () -> NftExporter.export("ns", List.of(rs))).getMessage().contains("nft table name");

        NftRuleset commented = oneRule(verdict(NftVerdictKind.ACCEPT));
        commented.getTables().get(0).getChains().get(0).getRules().get(0).setComment("x\" drop comment \"y");
        assertTrue(assertThrows(ExportException.class, () -> NftExporter.export("ns", List.of(commented))).getMessage().contains("comment"));

        NftRuleset ifname = oneRule(match(meta(NftMetaKey.IIFNAME, false), "\"eth0\" accept \""), verdict(NftVerdictKind.ACCEPT));
        assertThrows(ExportException.class, () -> NftExporter.export("ns", List.of(ifname)));

        NftLog log = F.createNftLog();
        log.setPrefix("a\nb");
        assertThrows(ExportException.class, () -> NftExporter.export("ns", List.of(oneRule(log))));

        NftRuleset dev = F.createNftRuleset();
        NftChain c = chain(ntable(dev, NftFamily.NETDEV, "t"), "c", NftChainType.FILTER, NftHook.INGRESS, NftPriorityName.NUMERIC, 0, NftPolicy.ACCEPT);
        Namespace ns = ns(F.createNetwork(), "n");
        c.getHook().getDevices().add(phys(ns, "a\"b"));
        assertThrows(ExportException.class, () -> NftExporter.export("ns", List.of(dev)));
        c.getHook().getDevices().set(0, phys(ns, "abcdefghijklmnop"));
        assertTrue(assertThrows(ExportException.class, () -> NftExporter.export("ns", List.of(dev))).getMessage().contains("at most 15"));
    }

    @Test
    void unloadableCombinationsAreRejectedWithAReason() {
        NftLog log = F.createNftLog();
        log.setLevel("warn");
        log.setGroup(2);
        assertTrue(assertThrows(ExportException.class, () -> NftExporter.export("ns", List.of(oneRule(log)))).getMessage().contains("level and a group"));
        NftRuleset rs = F.createNftRuleset();
        chain(ntable(rs, NftFamily.INET, "t"), "c").setPolicy(NftPolicy.DROP);
        assertTrue(assertThrows(ExportException.class, () -> NftExporter.export("ns", List.of(rs))).getMessage().contains("only base chains"));
        // a reversed port range or a bad address cannot even be held by the model
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PortRange.of(2000, 1000)).getMessage().contains("reversed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> nat(NftNatKind.SNAT, "10.0.0.256", 0)).getMessage()
                .contains("not an IPv4 address"));
    }
}
