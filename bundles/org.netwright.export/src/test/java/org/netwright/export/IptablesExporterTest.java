package org.netwright.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.model.*;

class IptablesExporterTest {

    @Test
    void richRulesetIsWrittenInCanonicalIptablesSaveForm() {
        String out = IptablesExporter.export("host", List.of(richIptables()));
        for (String expected : List.of(
                "*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -i client-veth0 -j CT --zone 1\n",
                "-A OUTPUT -p udp -m udp --dport 9999 -j CT --notrack\nCOMMIT\n",
                "-A PREROUTING -m mark --mark 0x1/0xff -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff\n",
                "-A PREROUTING -d 10.20.0.0/16 -j MARK --set-xmark 0x2/0xffffffff\n",
                "-A OUTPUT -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xff\n",
                "-A FORWARD -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\n",
                "-A FORWARD -j CONNMARK --set-xmark 0x10/0xf0\n",
                "-A POSTROUTING -s 10.10.1.0/24 -o enp4s0 -m policy --dir out --pol none -j MASQUERADE\n",
                "-m policy --dir out --pol ipsec --strict --reqid 1 --proto esp --mode tunnel --tunnel-dst 198.51.100.7/32 -j ACCEPT\n",
                "-A POSTROUTING -s 10.10.2.5/32 -p udp -j SNAT --to-source 172.16.202.30-172.16.202.31:1024-2048 --random-fully --persistent\n",
                "-A POSTROUTING -o uplink -p tcp -j MASQUERADE --to-ports 10000-20000 --random\n",
                "-A PREROUTING -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.10.1.1:80\n",
                "-A PREROUTING -p udp -m udp --dport 53 -j REDIRECT --to-ports 5353 --random\n",
                "-A PREROUTING -d 10.201.0.0/24 -j NETMAP --to 10.200.0.0/24\n",
                "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:LOGDROP - [0:0]\n",
                "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n",
                "-A INPUT -p icmp -m icmp --icmp-type echo-request -j ACCEPT\n",
                "-A INPUT -p tcp -m multiport --dports 22,80:90 -j ACCEPT\n",
                "-A INPUT -m addrtype ! --src-type BROADCAST --dst-type LOCAL -m iprange --src-range 10.0.0.1-10.0.0.9 -j ACCEPT\n",
                "-A INPUT ! -s 10.10.1.0/24 -p tcp -m state --state NEW -m tcp ! --dport 22 -m comment --comment \"new from outside: log and drop\" -j LOGDROP\n",
                "-A LOGDROP -m limit --limit 5/min --limit-burst 10 -j LOG --log-prefix \"drop: \" --log-level 4\n",
                "-A LOGDROP -p udp -j REJECT --reject-with icmp-port-unreachable\n",
                "-A FORWARD -i enp4s0 -m connmark ! --mark 0x10 -g LOGDROP\nCOMMIT\n")) {
            assertTrue(out.contains(expected), () -> "missing:\n" + expected + "\nin:\n" + out);
        }
    }

    @Test
    void markOperationsBecomeSetXmark() {
        IptablesRuleset rs = F.createIptablesRuleset();
        IptablesTable t = itable(rs, IptTableKind.MANGLE);
        for (IptMarkOp op : IptMarkOp.values()) {
            IptMarkTarget m = F.createIptMarkTarget();
            m.setOp(op);
            m.setValue(0x4);
            if (op == IptMarkOp.SET_MARK) {
                m.setMask(0xf);
            }
            irule(t, IptBuiltinChain.OUTPUT, m);
        }
        String out = IptablesExporter.export("ns", List.of(rs));
        assertTrue(out.contains("-A OUTPUT -j MARK --set-xmark 0x4/0xf\n"), out); // set-mark 4/0xf
        assertTrue(out.contains("-A OUTPUT -j MARK --set-xmark 0x4/0xffffffff\n"), out); // set-xmark 4
        assertTrue(out.contains("-A OUTPUT -j MARK --set-xmark 0x0/0xfffffffb\n"), out); // and-mark 4
        assertTrue(out.contains("-A OUTPUT -j MARK --set-xmark 0x4/0x4\n"), out); // or-mark 4
        assertTrue(out.contains("-A OUTPUT -j MARK --set-xmark 0x4/0x0\n"), out); // xor-mark 4
    }

    @Test
    void tablesOfSeveralBlocksAreMergedIntoOneCommit() {
        IptablesRuleset a = F.createIptablesRuleset();
        irule(itable(a, IptTableKind.FILTER, IptBuiltinChain.INPUT, IptChainPolicy.ACCEPT), IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.ACCEPT),
                iface(IptIfOption.IN, "lo"));
        IptablesRuleset b = F.createIptablesRuleset();
        irule(itable(b, IptTableKind.FILTER, IptBuiltinChain.INPUT, IptChainPolicy.ACCEPT), IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.DROP));
        String out = IptablesExporter.export("ns", List.of(a, b));
        assertTrue(out.endsWith("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -j DROP\nCOMMIT\n"), out);
        assertEquals("", IptablesExporter.export("ns", List.of(F.createIptablesRuleset())));
    }

    @Test
    void hostileValuesAreRejected() {
        IptablesRuleset rs = F.createIptablesRuleset();
        IptablesTable t = itable(rs, IptTableKind.FILTER, "$(reboot)", IptChainPolicy.NONE);
        assertThrows(ExportException.class, () -> IptablesExporter.export("ns", List.of(rs)));
        t.getChains().get(0).setName("OK");
        IptCommentMatch c = F.createIptCommentMatch();
        c.setComment("x\" -j DROP \"");
        IptRule rule = irule(t, "OK", simple(IptSimpleTargetKind.ACCEPT), c);
        assertTrue(assertThrows(ExportException.class, () -> IptablesExporter.export("ns", List.of(rs))).getMessage().contains("comment"));
        rule.getMatches().set(0, iface(IptIfOption.IN, "eth0 -j DROP"));
        assertThrows(ExportException.class, () -> IptablesExporter.export("ns", List.of(rs)));
        IptGenericMatch g = F.createIptGenericMatch();
        g.setModule("limit");
        g.getOptions().add(option("--limit", "5/min\nCOMMIT"));
        rule.getMatches().set(0, g);
        assertThrows(ExportException.class, () -> IptablesExporter.export("ns", List.of(rs)));
        g.getOptions().set(0, option("--limit", "\"5/min\""));
        assertTrue(IptablesExporter.export("ns", List.of(rs)).contains("-A OK -m limit --limit \"5/min\" -j ACCEPT\n"));
        // an address or port the exporter would refuse cannot even be held by the model
        assertTrue(assertThrows(IllegalArgumentException.class, () -> addr(IptAddrOption.SOURCE, "10.0.0.0/33")).getMessage()
                .contains("prefix length"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> port("tcp", IptPortOption.DPORT, "70000")).getMessage().contains("out of range"));
    }

    @Test
    void userChainsCannotHaveAPolicy() {
        IptablesRuleset rs = F.createIptablesRuleset();
        itable(rs, IptTableKind.FILTER, "MINE", IptChainPolicy.DROP);
        assertTrue(assertThrows(ExportException.class, () -> IptablesExporter.export("ns", List.of(rs))).getMessage().contains("policy"));
    }

    @Test
    void ip6tablesBlocksAreWrittenAsTheIp6tablesRestoreFile() {
        List<IptablesRuleset> rulesets = dualStack().getNamespaces().get(0).getIptablesRulesets();
        assertEquals("", IptablesExporter.export("r6", rulesets), "the IPv4 file holds no ip6tables block");
        String out = IptablesExporter.export("r6", rulesets, org.netwright.model.semantics.IpAddress.Family.IPV6);
        for (String expected : List.of("# Load: ip6tables-restore ip6tables.rules",
                "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s fe80::/10 -j ACCEPT\n-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT\nCOMMIT\n",
                "-A PREROUTING -d 2001:db8:62::1/128 -p tcp -m tcp --dport 81 -j DNAT --to-destination [2001:db8:61::2-2001:db8:61::a]:8081-8082\n")) {
            assertTrue(out.contains(expected), () -> "missing:\n" + expected + "\nin:\n" + out);
        }
        // an IPv4 address in an ip6tables block: ip6tables-restore would refuse the file
        IptablesTable filter = rulesets.get(0).getTables().get(0);
        irule(filter, IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.ACCEPT), addr(IptAddrOption.SOURCE, "10.0.0.0/8"));
        ExportException e = assertThrows(ExportException.class,
                () -> IptablesExporter.export("r6", rulesets, org.netwright.model.semantics.IpAddress.Family.IPV6));
        assertTrue(e.getMessage().contains("10.0.0.0/8") && e.getMessage().contains("ip6tables-restore"), e.getMessage());
    }
}
