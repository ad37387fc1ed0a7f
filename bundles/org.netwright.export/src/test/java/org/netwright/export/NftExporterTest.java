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

    private static NftVerdict verdictTo(NftVerdictKind kind, NftChain target) {
        NftVerdict v = NetwrightFactory.eINSTANCE.createNftVerdict();
        v.setKind(kind);
        v.setChain(target);
        return v;
    }

    /** A set of concatenated type with every option, a verdict map and named objects, as kube-proxy and the corpus write them. */
    private static NftTable kubeLike() {
        NetwrightFactory f = NetwrightFactory.eINSTANCE;
        NftTable t = f.createNftTable();
        t.setName("kube-proxy");
        t.setFamily(NftFamily.IP);
        t.setComment("rules for kube-proxy");
        NftSet s = f.createNftSet();
        s.setName("affinity-X-ns1/lb/tcp/http__10.244.1.6/8080");
        s.getTypes().addAll(List.of("ipv4_addr", "inet_service"));
        s.setPolicy("memory");
        s.setSize(65535);
        s.getFlags().addAll(List.of(NftSetFlag.DYNAMIC, NftSetFlag.TIMEOUT));
        s.setCounter(true);
        s.setAutoMerge(true);
        s.setTimeout("3h");
        s.setGcInterval("1m");
        s.setComment("affinity");
        NftLiteral e = f.createNftLiteral();
        e.setValue("10.0.0.1");
        NftLiteral port = f.createNftLiteral();
        port.setValue("80");
        e.setNext(port);
        e.setTimeout("10s");
        e.setComment("one");
        s.getElements().add(e);
        t.getSets().add(s);
        NftChain target = f.createNftChain();
        target.setName("service-A-ns1/web/tcp/http");
        NftMap m = f.createNftMap();
        m.setName("service-ips");
        m.getKeyTypes().addAll(List.of("ipv4_addr", "inet_proto", "inet_service"));
        m.getValueTypes().add("verdict");
        NftMapElement me = f.createNftMapElement();
        NftLiteral k = f.createNftLiteral();
        k.setValue("172.30.0.10");
        NftLiteral k2 = f.createNftLiteral();
        k2.setValue("tcp");
        NftLiteral k3 = f.createNftLiteral();
        k3.setValue("80");
        k.setNext(k2);
        k2.setNext(k3);
        k.setComment("ns1/web:http");
        me.setKey(k);
        me.setVerdict(verdictTo(NftVerdictKind.GOTO, target));
        m.getElements().add(me);
        t.getMaps().add(m);
        for (String[] o : new String[][] { { "counter", "c", "packets 0 bytes 0" }, { "quota", "q", "over 25 mbytes used 0 bytes" },
                { "ct helper", "h", "type \"ftp\" protocol tcp", "l3proto ip" }, { "synproxy", "sp", "mss 1460", "wscale 7" } }) {
            NftObject obj = f.createNftObject();
            obj.setKind(NftObjectKind.get(o[0]));
            obj.setName(o[1]);
            for (int i = 2; i < o.length; i++) {
                NftObjectLine line = f.createNftObjectLine();
                line.getWords().addAll(List.of(o[i].split(" ")));
                obj.getLines().add(line);
            }
            t.getObjects().add(obj);
        }
        NftChain services = f.createNftChain();
        services.setName("services");
        NftRule r = f.createNftRule();
        NftVmap v = f.createNftVmap();
        NftConcatExpr key = f.createNftConcatExpr();
        NftPayloadExpr daddr = f.createNftPayloadExpr();
        daddr.setProtocol(NftPayloadProto.IP);
        daddr.setField(NftPayloadField.DADDR);
        NftMetaExpr l4 = f.createNftMetaExpr();
        l4.setKey(NftMetaKey.L4PROTO);
        l4.setExplicitMeta(true);
        NftPayloadExpr dport = f.createNftPayloadExpr();
        dport.setProtocol(NftPayloadProto.TH);
        dport.setField(NftPayloadField.DPORT);
        key.getParts().addAll(List.of(daddr, l4, dport));
        v.setKey(key);
        v.setMap(m);
        r.getStatements().add(v);
        services.getRules().add(r);
        NftRule ng = f.createNftRule();
        NftVmap nv = f.createNftVmap();
        NftNumgenExpr n = f.createNftNumgenExpr();
        n.setMode(NftNumgenMode.RANDOM);
        n.setModulus(2);
        nv.setKey(n);
        NftMapElement zero = f.createNftMapElement();
        NftLiteral z = f.createNftLiteral();
        z.setValue("0");
        zero.setKey(z);
        zero.setVerdict(verdictTo(NftVerdictKind.JUMP, target));
        nv.getElements().add(zero);
        ng.getStatements().add(nv);
        services.getRules().add(ng);
        t.getChains().add(services);
        target.setComment("endpoint dispatch");
        t.getChains().add(target);
        return t;
    }

    @Test
    void setTypesOptionsAndNamedObjectsAreExportedAsTheyAre() {
        // regression (issue 12): an unknown type became ipv4_addr; size, timeout, flags, counters, comments and objects were dropped
        NftRuleset rs = NetwrightFactory.eINSTANCE.createNftRuleset();
        rs.getTables().add(kubeLike());
        String out = NftExporter.export("node", List.of(rs));
        for (String expected : List.of(
                "table ip kube-proxy {\n\tcomment \"rules for kube-proxy\"\n",
                "\tset affinity-X-ns1/lb/tcp/http__10.244.1.6/8080 {\n\t\ttype ipv4_addr . inet_service\n\t\tpolicy memory\n"
                        + "\t\tsize 65535\n\t\tflags dynamic,timeout\n\t\tcounter\n\t\tauto-merge\n\t\ttimeout 3h\n"
                        + "\t\tgc-interval 1m\n\t\tcomment \"affinity\"\n"
                        + "\t\telements = { 10.0.0.1 . 80 timeout 10s comment \"one\" }\n",
                "\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n"
                        + "\t\telements = { 172.30.0.10 . tcp . 80 comment \"ns1/web:http\" : goto service-A-ns1/web/tcp/http }\n",
                "\tcounter c {\n\t\tpackets 0 bytes 0\n\t}\n",
                "\tquota q {\n\t\tover 25 mbytes used 0 bytes\n\t}\n",
                "\tct helper h {\n\t\ttype \"ftp\" protocol tcp\n\t\tl3proto ip\n\t}\n",
                "\tsynproxy sp {\n\t\tmss 1460\n\t\twscale 7\n\t}\n",
                "\t\tip daddr . meta l4proto . th dport vmap @service-ips\n",
                "\t\tnumgen random mod 2 vmap { 0 : jump service-A-ns1/web/tcp/http }\n",
                "\tchain service-A-ns1/web/tcp/http {\n\t\tcomment \"endpoint dispatch\"\n")) {
            assertTrue(out.contains(expected), () -> "missing:\n" + expected + "\nin:\n" + out);
        }
    }

    @Test
    void aDataTypeNftCannotReadIsAnErrorNotAnotherType() {
        NftTable t = kubeLike();
        t.getSets().get(0).getTypes().set(1, "inet service");
        NftRuleset rs = NetwrightFactory.eINSTANCE.createNftRuleset();
        rs.getTables().add(t);
        ExportException e = assertThrows(ExportException.class, () -> NftExporter.export("node", List.of(rs)));
        assertTrue(e.getMessage().contains("inet service"), e.getMessage());
    }

    @Test
    void bitwiseMarkValuesKeepEveryOperation() {
        NetwrightFactory f = NetwrightFactory.eINSTANCE;
        NftSetStatement s = f.createNftSetStatement();
        NftMetaExpr target = f.createNftMetaExpr();
        target.setKey(NftMetaKey.MARK);
        target.setExplicitMeta(true);
        s.setTarget(target);
        NftExprValue v = f.createNftExprValue();
        v.setExpr(org.eclipse.emf.ecore.util.EcoreUtil.copy(target));
        for (String[] op : new String[][] { { "&", "0x0000ff00" }, { "|", "0x00004000" } }) {
            NftBinop b = f.createNftBinop();
            b.setOp(NftBinopKind.get(op[0]));
            b.setOperand(op[1]);
            v.getOps().add(b);
        }
        s.setValue(v);
        assertEquals("meta mark set meta mark & 0x0000ff00 | 0x00004000", NftExporter.PRINTER.statement(s));
    }

    @Test
    void ipv6TablesAndNat66() {
        Network net = dualStack();
        String out = NftExporter.export("r6", net.getNamespaces().get(0).getNftRulesets());
        for (String expected : List.of("table ip6 filter6 {", "ip6 saddr 2001:db8:61::/64 accept", "icmpv6 type echo-request accept",
                "table inet nat6 {", "ip6 daddr 2001:db8:62::1 tcp dport 80 dnat ip6 to [2001:db8:61::2]:8080",
                "meta nfproto ipv6 oifname \"wan0\" masquerade")) {
            assertTrue(out.contains(expected), () -> "missing:\n" + expected + "\nin:\n" + out);
        }
    }
}
