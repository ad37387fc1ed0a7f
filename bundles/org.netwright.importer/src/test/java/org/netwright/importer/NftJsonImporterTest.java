package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftChain;
import org.netwright.model.NftCmpOp;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftCtKey;
import org.netwright.model.NftExprValue;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftNat;
import org.netwright.model.NftNatFlag;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftPayloadField;
import org.netwright.model.NftPolicy;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftReject;
import org.netwright.model.NftRejectProto;
import org.netwright.model.NftRule;
import org.netwright.model.NftSetRef;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftVerdictKind;
import org.netwright.model.semantics.PortRange;

class NftJsonImporterTest {

    private static NftTable table(NftJsonImporter.Result r, String name) {
        return r.ruleset().getTables().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    private static NftChain chain(NftTable t, String name) {
        return t.getChains().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void importsNativeRulesetCapturedFromTheKernel() {
        NftJsonImporter.Result r = new NftJsonImporter().parse("nwimp-a/nft.json", TestFiles.text(TestFiles.LAB + "nwimp-a/nft.json"));
        assertEquals(3, r.ruleset().getTables().size());
        NftTable filter = table(r, "nwfilter");
        assertEquals(NftFamily.INET, filter.getFamily());
        assertEquals(2, filter.getSets().get(0).getElements().size());
        assertEquals("10.0.0.0/8", filter.getSets().get(0).getElements().get(0).getValue());
        assertEquals(2, filter.getMaps().get(0).getElements().size());

        NftChain input = chain(filter, "input");
        assertEquals(NftHook.INPUT, input.getHook().getHook());
        assertEquals(NftPriorityName.FILTER, input.getHook().getPriority().getKeyword());
        assertEquals(NftPolicy.DROP, input.getPolicy());
        assertEquals(10, input.getRules().size());
        // ct state established,related accept
        NftMatch ct = (NftMatch) input.getRules().get(0).getStatements().get(0);
        assertEquals(NftCtKey.STATE, ((NftCtExpr) ct.getLeft()).getKey());
        assertEquals(List.of("established", "related"),
                ((NftListValue) ct.getRight()).getElements().stream().map(NftLiteral::getValue).toList());
        assertEquals(NftVerdictKind.ACCEPT, ((NftVerdict) input.getRules().get(0).getStatements().get(1)).getKind());
        // ip saddr @allowed tcp dport { 22, 80 } counter accept comment "ssh and web"
        NftRule ssh = input.getRules().get(3);
        assertEquals("ssh and web", ssh.getComment());
        assertEquals("allowed", ((NftSetRef) ((NftMatch) ssh.getStatements().get(0)).getRight()).getSet().getName());
        assertEquals(2, ((NftAnonymousSet) ((NftMatch) ssh.getStatements().get(1)).getRight()).getElements().size());
        // udp dport 1000-2000 reject with icmp type port-unreachable
        NftRule rej = input.getRules().get(7);
        assertEquals("2000", ((NftLiteral) ((NftMatch) rej.getStatements().get(0)).getRight()).getRangeEnd());
        assertEquals(NftRejectProto.ICMP, ((NftReject) rej.getStatements().get(1)).getWithProto());

        NftChain forward = chain(filter, "forward");
        assertEquals(NftPriorityName.NUMERIC, forward.getHook().getPriority().getKeyword());
        assertEquals(10, forward.getHook().getPriority().getValue());
        NftMatch ne = (NftMatch) forward.getRules().get(0).getStatements().get(1);
        assertEquals(NftCmpOp.NE, ne.getOp());
        NftVerdict jump = (NftVerdict) forward.getRules().get(0).getStatements().get(2);
        assertEquals(NftVerdictKind.JUMP, jump.getKind());
        assertEquals("fwd_checks", jump.getChain().getName());
        NftMatch masked = (NftMatch) forward.getRules().get(1).getStatements().get(0);
        assertEquals("0xff", masked.getMask());
        assertEquals("0x1", ((NftLiteral) masked.getRight()).getValue());

        // ct mark set meta mark
        NftSetStatement setCt = (NftSetStatement) chain(filter, "fwd_checks").getRules().get(1).getStatements().get(0);
        assertInstanceOf(NftMetaExpr.class, ((NftExprValue) setCt.getValue()).getExpr());

        NftTable nat = table(r, "nwnat");
        NftNat dnat = (NftNat) chain(nat, "pre").getRules().get(0).getStatements().get(1);
        assertEquals(NftNatKind.DNAT, dnat.getKind());
        assertEquals("10.77.0.2", String.valueOf(dnat.getAddress()));
        assertEquals(PortRange.of(6000), dnat.getPorts());
        NftNat mapped = (NftNat) chain(nat, "pre").getRules().get(1).getStatements().get(1);
        assertInstanceOf(NftPayloadExpr.class, mapped.getMapKey());
        assertEquals("10.77.0.5", mapped.getInlineMap().get(0).getValue() instanceof NftLiteral l ? l.getValue() : null);
        NftNat snat = (NftNat) chain(nat, "post").getRules().get(0).getStatements().get(1);
        assertEquals("198.51.100.4", String.valueOf(snat.getAddressEnd()));
        assertEquals(List.of(NftNatFlag.FULLY_RANDOM), snat.getFlags());
        assertEquals(NftPriorityName.SRCNAT, chain(nat, "post").getHook().getPriority().getKeyword());
        assertEquals(NftPriorityName.RAW, chain(nat, "raw").getHook().getPriority().getKeyword());

        NftTable edge = table(r, "nwedge");
        NftSetStatement daddr = (NftSetStatement) chain(edge, "ing").getRules().get(0).getStatements().get(1);
        assertEquals(NftPayloadField.DADDR, ((NftPayloadExpr) daddr.getTarget()).getField());
        assertEquals(-500, chain(edge, "ing").getHook().getPriority().getValue());
    }

    @Test
    void keepsRulesItDoesNotUnderstandOpaqueWithAWarning() {
        NftJsonImporter.Result r = new NftJsonImporter().parse("nwimp-a/nft.json", TestFiles.text(TestFiles.LAB + "nwimp-a/nft.json"));
        assertEquals(1, r.opaqueRules());
        NftRule opaque = chain(table(r, "nwfilter"), "fwd_checks").getRules().get(3);
        assertTrue(opaque.getStatements().isEmpty());
        assertTrue(opaque.getComment().startsWith(NftJsonImporter.OPAQUE_PREFIX + "[{\"match\""), opaque.getComment());
        assertTrue(opaque.getComment().contains("\"tcp option\""));
        ImportProblem p = r.problems().stream().filter(x -> x.message().contains("tcp option")).findFirst().orElseThrow();
        assertEquals(ImportProblem.Severity.WARNING, p.severity());
        assertEquals("$.nftables[22].rule.expr[1].mangle.key", p.jsonPath());
        // nft 1.0.6 does not print the device of a netdev chain: reported
        assertTrue(r.problems().stream().anyMatch(x -> x.message().contains("names no device")));
    }

    @Test
    void iptablesNftRulesShowUpAsXtablesCompatAndCanBeSkipped() {
        String text = TestFiles.text(TestFiles.LAB + "nwimp-b/nft.json");
        NftJsonImporter.Result all = new NftJsonImporter().parse("nwimp-b/nft.json", text);
        assertEquals(Set.of("ip raw", "ip mangle", "ip nat", "ip filter"), all.xtablesTables());
        assertTrue(all.opaqueRules() > 10);
        assertTrue(all.problems().stream().anyMatch(p -> p.message().contains("xtables-compat) match 'conntrack'")));

        NftJsonImporter.Result skipped = new NftJsonImporter().importInto(null, "nwimp-b/nft.json", text,
                Set.of("raw", "mangle", "nat", "filter"));
        assertTrue(skipped.ruleset().getTables().isEmpty());
        assertEquals(4, skipped.skippedTables().size());
        assertTrue(skipped.problems().isEmpty(), skipped.problems().toString());
    }

    @Test
    void truncatedDumpImportsWhatIsCompleteAndReportsWhere() {
        String text = TestFiles.text(TestFiles.LAB + "nwimp-a/nft.json");
        int cut = text.indexOf("{\"rule\"", text.indexOf("\"chain\": \"forward\""));
        NftJsonImporter.Result r = new NftJsonImporter().parse("cut.json", text.substring(0, cut + 60));
        ImportProblem err = r.problems().stream().filter(ImportProblem::isError).findFirst().orElseThrow();
        assertTrue(err.message().startsWith("malformed JSON: unexpected end of input (truncated?)"), err.message());
        assertEquals(1, err.line());
        assertNotNull(err.jsonPath());
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("cut off")));
        NftChain input = chain(table(r, "nwfilter"), "input");
        assertEquals(10, input.getRules().size()); // rules before the cut are all there
    }

    @Test
    void malformedJsonIsAnErrorWithPosition() {
        NftJsonImporter.Result r = new NftJsonImporter().parse("bad.json", "{\"nftables\": [\n  {\"table\": {\"family\": \"ip\",, \"name\": \"x\"}}\n]}");
        assertEquals(2, r.problems().size(), r.problems().toString()); // the error, and the element it cut off
        ImportProblem p = r.problems().get(0);
        assertTrue(p.isError());
        assertEquals("bad.json", p.file());
        assertEquals(2, p.line());
        assertEquals(29, p.column());
        assertEquals("$.nftables[0].table", p.jsonPath());
    }
}
