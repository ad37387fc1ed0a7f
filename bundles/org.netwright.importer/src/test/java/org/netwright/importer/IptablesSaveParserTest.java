package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.netwright.model.IpsecProto;
import org.netwright.model.IptAddrType;
import org.netwright.model.IptAddressMatch;
import org.netwright.model.IptAddrtypeMatch;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChainPolicy;
import org.netwright.model.IptCommentMatch;
import org.netwright.model.IptConnmarkOp;
import org.netwright.model.IptConnmarkTarget;
import org.netwright.model.IptConntrackMatch;
import org.netwright.model.IptCtState;
import org.netwright.model.IptCtTarget;
import org.netwright.model.IptGenericMatch;
import org.netwright.model.IptGenericTarget;
import org.netwright.model.IptJumpTarget;
import org.netwright.model.IptLogTarget;
import org.netwright.model.IptMarkOp;
import org.netwright.model.IptMarkTarget;
import org.netwright.model.IptMasqueradeTarget;
import org.netwright.model.IptMultiportMatch;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptPolicyMatch;
import org.netwright.model.IptPortMatch;
import org.netwright.model.IptRedirectTarget;
import org.netwright.model.IptRejectTarget;
import org.netwright.model.IptRule;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptablesTable;
import org.netwright.model.XfrmDir;
import org.netwright.model.semantics.PortRange;

class IptablesSaveParserTest {

    private static IptablesTable table(IptablesSaveParser.Result r, int ruleset, IptTableKind kind) {
        return r.rulesets().get(ruleset).getTables().stream().filter(t -> t.getTable() == kind).findFirst().orElseThrow();
    }

    @Test
    void aQuotedWordAfterTheProtocolEndsTheRuleInsteadOfLoopingForever() {
        String dump = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp \"--dport\" 22 -j ACCEPT\n-A INPUT -p udp ! \"--sport\" 53 -j DROP\nCOMMIT\n";
        IptablesSaveParser.Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> new IptablesSaveParser().parse("q.txt", dump));
        assertEquals(2, r.rulesets().get(0).getTables().get(0).getRules().size());
        assertTrue(r.problems().stream().anyMatch(p -> p.toString().startsWith("q.txt:3:") && p.toString().contains("--dport")), r.problems().toString());
    }

    @Test
    void chainCountersBeyondSixtyFourBitsAreAWarningNotACrash() {
        String dump = "*filter\n:INPUT ACCEPT [99999999999999999999999:0]\n:FORWARD DROP [18446744073709551615:1]\nCOMMIT\n";
        IptablesSaveParser.Result r = new IptablesSaveParser().parse("c.txt", dump);
        assertEquals(List.of("c.txt:2:15: warning: chain counters [99999999999999999999999:0] are out of range; ignored"),
                r.problems().stream().map(Object::toString).toList());
        assertEquals(-1L, r.rulesets().get(0).getTables().get(0).getChains().get(1).getPackets(), "2^64 - 1, unsigned");
    }

    @Test
    void readsIptablesNftSaveOutput() {
        IptablesSaveParser.Result r = new IptablesSaveParser().parse("b/iptables-save.txt", TestFiles.text(TestFiles.LAB + "nwimp-b/iptables-save.txt"));
        assertEquals(1, r.rulesets().size());
        assertEquals(Set.of("mangle", "raw", "filter", "nat"), r.nftTables());
        IptablesTable filter = table(r, 0, IptTableKind.FILTER);
        assertEquals(4, filter.getChains().size());
        assertEquals(IptChainPolicy.DROP, filter.getChains().get(0).getPolicy());
        assertEquals("LOGDROP", filter.getChains().get(3).getName());
        List<IptRule> rules = filter.getRules();
        assertEquals(15, rules.size());
        assertEquals(List.of(IptCtState.RELATED, IptCtState.ESTABLISHED), ((IptConntrackMatch) rules.get(1).getMatches().get(0)).getStates());
        assertEquals("state", ((IptConntrackMatch) rules.get(2).getMatches().get(0)).getModule());
        IptPortMatch port = (IptPortMatch) rules.get(3).getMatches().get(1);
        assertEquals(PortRange.of(22), port.getPorts());
        assertEquals("ssh in", ((IptCommentMatch) rules.get(3).getMatches().get(2)).getComment());
        assertEquals(List.of(PortRange.of(500), PortRange.of(4500)), ((IptMultiportMatch) rules.get(4).getMatches().get(1)).getPorts());
        IptPolicyMatch pol = (IptPolicyMatch) rules.get(6).getMatches().get(0);
        assertEquals(XfrmDir.IN, pol.getDir());
        assertEquals(IpsecProto.ESP, pol.getProto());
        IptAddressMatch notSrc = (IptAddressMatch) rules.get(7).getMatches().get(0);
        assertTrue(notSrc.isNegated());
        assertEquals(IptAddrType.LOCAL, ((IptAddrtypeMatch) rules.get(7).getMatches().get(1)).getDstType());
        assertEquals("LOGDROP", ((IptJumpTarget) rules.get(7).getTarget()).getChain().getName());
        IptJumpTarget go = (IptJumpTarget) rules.get(11).getTarget();
        assertTrue(go.isGoto());
        assertEquals("tcp-reset", ((IptRejectTarget) rules.get(12).getTarget()).getRejectWith());
        assertEquals("nw-drop: ", ((IptLogTarget) rules.get(13).getTarget()).getPrefix());
        assertEquals("LOGDROP", rules.get(13).getChain().getName());
        assertEquals(IptBuiltinChain.NONE, rules.get(13).getBuiltinChain());

        IptablesTable mangle = table(r, 0, IptTableKind.MANGLE);
        IptMarkTarget mark = (IptMarkTarget) mangle.getRules().get(0).getTarget();
        assertEquals(IptMarkOp.SET_XMARK, mark.getOp());
        assertEquals(0xff, mark.getMask());
        IptConnmarkTarget restore = (IptConnmarkTarget) mangle.getRules().get(1).getTarget();
        assertEquals(IptConnmarkOp.RESTORE_MARK, restore.getOp());
        assertEquals(0xff, restore.getNfmask());

        IptablesTable raw = table(r, 0, IptTableKind.RAW);
        assertEquals(7, ((IptCtTarget) raw.getRules().get(0).getTarget()).getZone());
        assertTrue(((IptCtTarget) raw.getRules().get(1).getTarget()).isNotrack());

        IptablesTable nat = table(r, 0, IptTableKind.NAT);
        IptNatTarget dnat = (IptNatTarget) nat.getRules().get(0).getTarget();
        assertEquals("10.88.0.3", String.valueOf(dnat.getAddress()));
        assertEquals(PortRange.of(4500), dnat.getPorts());
        assertEquals(PortRange.of(3128), ((IptRedirectTarget) nat.getRules().get(1).getTarget()).getPorts());
        IptMasqueradeTarget masq = (IptMasqueradeTarget) nat.getRules().get(4).getTarget();
        assertEquals(65535, masq.getPorts().last());
        assertTrue(masq.isRandom());
    }

    @Test
    void unknownMatchesAndTargetsAreKeptOpaqueWithLineAndColumn() {
        IptablesSaveParser.Result r = new IptablesSaveParser().parse("b/iptables-save.txt", TestFiles.text(TestFiles.LAB + "nwimp-b/iptables-save.txt"));
        IptRule synlimit = table(r, 0, IptTableKind.FILTER).getRules().get(9);
        IptGenericMatch hashlimit = (IptGenericMatch) synlimit.getMatches().stream()
                .filter(m -> m instanceof IptGenericMatch g && "hashlimit".equals(g.getModule())).findFirst().orElseThrow();
        assertEquals("--hashlimit-upto", hashlimit.getOptions().get(0).getName());
        assertEquals(List.of("5/sec"), hashlimit.getOptions().get(0).getValues());
        assertEquals(4, hashlimit.getOptions().size());
        ImportProblem w = r.problems().stream().filter(p -> p.message().contains("hashlimit")).findFirst().orElseThrow();
        assertEquals("b/iptables-save.txt:37:56: warning: unknown match -m hashlimit; kept as an opaque match (IptGenericMatch)", w.toString());
        // a known module with an option the model lacks: the option alone stays opaque
        assertTrue(synlimit.getMatches().stream().anyMatch(m -> m instanceof IptGenericMatch g && "tcp".equals(g.getModule())
                && g.getOptions().get(0).getName().equals("--tcp-flags")));
        IptGenericTarget tcpmss = (IptGenericTarget) table(r, 0, IptTableKind.MANGLE).getRules().get(2).getTarget();
        assertEquals("TCPMSS", tcpmss.getTargetName());
        assertEquals("--clamp-mss-to-pmtu", tcpmss.getOptions().get(0).getName());
        assertTrue(r.problems().stream().anyMatch(p -> p.line() == 10 && p.message().contains("unknown target -j TCPMSS")));
        assertFalse(r.problems().stream().anyMatch(ImportProblem::isError));
    }

    @Test
    void readsLegacyOutputAndConcatenatedVariantsAsSeparateRulesets() {
        String legacy = TestFiles.text(TestFiles.LAB + "nwimp-c/iptables-save.txt");
        IptablesSaveParser.Result r = new IptablesSaveParser().parse("c.txt", legacy);
        assertEquals(IptablesSaveParser.Variant.LEGACY, r.tableVariants().get("filter"));
        assertTrue(r.nftTables().isEmpty());
        IptRule rule = table(r, 0, IptTableKind.FILTER).getRules().get(1);
        assertEquals("recent", ((IptGenericMatch) rule.getMatches().get(0)).getModule());

        String both = TestFiles.text(TestFiles.LAB + "nwimp-b/iptables-save.txt") + legacy;
        IptablesSaveParser.Result r2 = new IptablesSaveParser().parse("both.txt", both);
        assertEquals(2, r2.rulesets().size());
        assertEquals(IptablesSaveParser.Variant.NFT, r2.tableVariants().get("nat"));
    }

    @Test
    void truncatedAndBrokenDumpsAreErrorsButKeepTheirRules() {
        String text = """
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD DROP [0:0]
                -A INPUT -p udp --dport 53 -j ACCEPT
                -A NOPE -j DROP
                -A INPUT -m geoip --src-cc XX ! --dst-cc YY -j SOMETARGET --weird 1
                -A INPUT -s 10.0.0.1 -j SNAT --to-source 1.2.3.4-1.2.3.9:100-200 --random --random-fully
                """;
        IptablesSaveParser.Result r = new IptablesSaveParser().parse("t.txt", text);
        IptablesTable filter = table(r, 0, IptTableKind.FILTER);
        assertEquals(3, filter.getRules().size()); // the rule of the undeclared chain is not
        IptPortMatch implicit = (IptPortMatch) filter.getRules().get(0).getMatches().get(1);
        assertEquals("udp", implicit.getModule());
        assertEquals(PortRange.of(53), implicit.getPorts());
        IptGenericMatch geoip = (IptGenericMatch) filter.getRules().get(1).getMatches().get(0);
        assertTrue(geoip.getOptions().get(1).isNegated());
        assertInstanceOf(IptGenericTarget.class, filter.getRules().get(1).getTarget());
        IptNatTarget snat = (IptNatTarget) filter.getRules().get(2).getTarget();
        assertEquals("1.2.3.9", String.valueOf(snat.getAddressEnd()));
        assertEquals(200, snat.getPorts().last());
        assertTrue(snat.isRandom());
        assertTrue(snat.isRandomFully());
        List<String> msgs = r.problems().stream().map(ImportProblem::toString).toList();
        assertTrue(msgs.contains("t.txt:5:4: error: rule for chain NOPE which is not declared in this table; not imported"), msgs.toString());
        assertTrue(msgs.contains("t.txt:6:10: warning: unknown match -m geoip; kept as an opaque match (IptGenericMatch)"), msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("t.txt:7:1: error: table filter (line 1) has no COMMIT")), msgs.toString());
    }
}
