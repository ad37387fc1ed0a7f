package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.emf.common.util.EList;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.serializer.ISerializer;
import org.junit.jupiter.api.Test;
import org.netwright.dsl.validation.IssueCodes;
import org.netwright.model.Namespace;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftBinopKind;
import org.netwright.model.NftChain;
import org.netwright.model.NftConcatExpr;
import org.netwright.model.NftDynset;
import org.netwright.model.NftDynsetOp;
import org.netwright.model.NftExprValue;
import org.netwright.model.NftFibExpr;
import org.netwright.model.NftFibFlag;
import org.netwright.model.NftFibResult;
import org.netwright.model.NftHashExpr;
import org.netwright.model.NftHashKind;
import org.netwright.model.NftMap;
import org.netwright.model.NftMatch;
import org.netwright.model.NftNumgenExpr;
import org.netwright.model.NftNumgenMode;
import org.netwright.model.NftObject;
import org.netwright.model.NftObjectKind;
import org.netwright.model.NftRule;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetFlag;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftVerdictKind;
import org.netwright.model.NftVmap;

/**
 * The nftables language as generators write it (kube-proxy, Docker, firewalld): verdict maps with concatenated keys,
 * typed and typeof sets with their options, numgen/jhash/symhash, fib, bitwise marks, set statements, named objects,
 * chain names with '/' and '.'; and the newline that ends a rule even after an anonymous set.
 */
class NftLanguageTest {

	/** kube-proxy's nftables table, as nft list ruleset prints it (made-up addresses). */
	static final String KUBE = """
			table ip kube-proxy {
				comment "rules for kube-proxy"
				set cluster-ips {
					type ipv4_addr
					comment "Active ClusterIPs"
					elements = { 172.30.0.10, 172.30.0.20 }
				}
				set affinity-X-ns1/lb/tcp/http__10.244.1.6/8080 {
					type ipv4_addr
					size 65535
					flags dynamic,timeout
					timeout 3h
				}
				map service-ips {
					type ipv4_addr . inet_proto . inet_service : verdict
					comment "ClusterIP, ExternalIP and LoadBalancer IP traffic"
					elements = { 172.30.0.10 . tcp . 80 comment "ns1/web:http" : goto service-A-ns1/web/tcp/http }
				}
				counter drops {
					packets 0 bytes 0
				}
				chain services {
					ip daddr . meta l4proto . th dport vmap @service-ips
				}
				chain service-A-ns1/web/tcp/http {
					comment "dispatch"
					ip daddr 172.30.0.10 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
					ip saddr @affinity-X-ns1/lb/tcp/http__10.244.1.6/8080 goto endpoint-B
					numgen random mod 2 vmap { 0 : goto endpoint-B, 1 : goto endpoint-B }
				}
				chain endpoint-B {
					update @affinity-X-ns1/lb/tcp/http__10.244.1.6/8080 { ip saddr }
					meta l4proto tcp dnat to 10.244.1.6:8080
				}
				chain mark-for-masquerade {
					meta mark set meta mark | 0x00004000
				}
				chain nat-prerouting {
					type nat hook prerouting priority dstnat; policy accept;
					jump services
					fib daddr type local jump services
					jhash ip saddr . tcp sport mod 4 seed 0xdeadbeef offset 10 vmap { 10 : accept, 11 : drop }
					symhash mod 2 0 accept
					meta mark set meta mark & 0x0000ff00 | 0x00004000
				}
			}
			""";

	private static NftTable table(XtextResource r) {
		Namespace ns = (Namespace) Nwp.network(r).getNamespaces().get(0);
		return ns.getNftRulesets().get(0).getTables().get(0);
	}

	private static NftChain chain(NftTable t, String name) {
		return t.getChains().stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow(() -> new AssertionError(name));
	}

	@Test
	void aRuleEndingInAnAnonymousSetEndsAtItsNewline() {
		// regression (issue 12): the set's closing brace used to let the parser join the next line to the rule
		XtextResource r = Nwp.parse(Nwp.nft("""
				table inet t {
					set s {
						type ipv4_addr
					}
					chain c {
						tcp dport { 22222, 33333 }
						ip saddr @s drop
						tcp dport { 1, 2 }
					}
				}
				"""));
		Nwp.assertNoErrors(Nwp.validate(r));
		EList<NftRule> rules = chain(table(r), "c").getRules();
		assertEquals(3, rules.size(), "three lines, three rules");
		assertInstanceOf(NftAnonymousSet.class, ((NftMatch) rules.get(0).getStatements().get(0)).getRight());
		assertEquals(1, rules.get(0).getStatements().size(), "the first rule is the match alone");
		assertEquals(2, rules.get(1).getStatements().size());
	}

	@Test
	void anAnonymousSetRuleMayBeLastInItsChain() {
		XtextResource r = Nwp.parse(Nwp.nft("table ip t {\n\tchain c {\n\t\ttcp dport { 22, 80 }\n\t}\n}\n"));
		Nwp.assertNoErrors(Nwp.validate(r));
		assertEquals(1, chain(table(r), "c").getRules().size());
	}

	@Test
	void kubeProxyTableParsesIntoTheModel() {
		XtextResource r = Nwp.parse(Nwp.nft(KUBE));
		Nwp.assertNoErrors(Nwp.validate(r));
		NftTable t = table(r);
		assertEquals("rules for kube-proxy", t.getComment());
		NftSet affinity = t.getSets().get(1);
		assertEquals("affinity-X-ns1/lb/tcp/http__10.244.1.6/8080", affinity.getName());
		assertEquals(65535, affinity.getSize());
		assertEquals(List.of(NftSetFlag.DYNAMIC, NftSetFlag.TIMEOUT), affinity.getFlags());
		assertEquals("3h", affinity.getTimeout());
		NftMap services = t.getMaps().get(0);
		assertEquals(List.of("ipv4_addr", "inet_proto", "inet_service"), services.getKeyTypes());
		assertEquals(List.of("verdict"), services.getValueTypes());
		var element = services.getElements().get(0);
		assertEquals("172.30.0.10", element.getKey().getValue());
		assertEquals("tcp", element.getKey().getNext().getValue());
		assertEquals("80", element.getKey().getNext().getNext().getValue());
		assertEquals("ns1/web:http", element.getKey().getComment());
		assertEquals(NftVerdictKind.GOTO, element.getVerdict().getKind());
		assertEquals("service-A-ns1/web/tcp/http", element.getVerdict().getChain().getName(), "the verdict links to the chain");

		NftObject counter = t.getObjects().get(0);
		assertEquals(NftObjectKind.COUNTER, counter.getKind());
		assertEquals(List.of("packets", "0", "bytes", "0"), counter.getLines().get(0).getWords());

		NftVmap dispatch = (NftVmap) chain(t, "services").getRules().get(0).getStatements().get(0);
		assertEquals(services, dispatch.getMap());
		assertEquals(3, ((NftConcatExpr) dispatch.getKey()).getParts().size());

		NftChain svc = chain(t, "service-A-ns1/web/tcp/http");
		assertEquals("dispatch", svc.getComment());
		NftVmap numgen = (NftVmap) svc.getRules().get(2).getStatements().get(0);
		NftNumgenExpr ng = (NftNumgenExpr) numgen.getKey();
		assertEquals(NftNumgenMode.RANDOM, ng.getMode());
		assertEquals(2, ng.getModulus());
		assertEquals(2, numgen.getElements().size());

		NftDynset update = (NftDynset) chain(t, "endpoint-B").getRules().get(0).getStatements().get(0);
		assertEquals(NftDynsetOp.UPDATE, update.getOp());
		assertEquals(affinity, update.getSet());

		NftSetStatement or = (NftSetStatement) chain(t, "mark-for-masquerade").getRules().get(0).getStatements().get(0);
		NftExprValue v = (NftExprValue) or.getValue();
		assertEquals(NftBinopKind.OR, v.getOps().get(0).getOp());
		assertEquals("0x00004000", v.getOps().get(0).getOperand());

		EList<NftRule> pre = chain(t, "nat-prerouting").getRules();
		NftFibExpr fib = (NftFibExpr) ((NftMatch) pre.get(1).getStatements().get(0)).getLeft();
		assertEquals(List.of(NftFibFlag.DADDR), fib.getFlags());
		assertEquals(NftFibResult.TYPE, fib.getResult());
		NftHashExpr jhash = (NftHashExpr) ((NftVmap) pre.get(2).getStatements().get(0)).getKey();
		assertEquals(NftHashKind.JHASH, jhash.getKind());
		assertEquals(0xdeadbeefL, jhash.getSeed());
		assertEquals(10, jhash.getOffset());
		assertInstanceOf(NftConcatExpr.class, jhash.getExpr());
		NftHashExpr symhash = (NftHashExpr) ((NftMatch) pre.get(3).getStatements().get(0)).getLeft();
		assertEquals(NftHashKind.SYMHASH, symhash.getKind());
		assertEquals(2, ((NftExprValue) ((NftSetStatement) pre.get(4).getStatements().get(0)).getValue()).getOps().size());
	}

	@Test
	void setOptionsAndObjectsOfAllKinds() {
		XtextResource r = Nwp.parse(Nwp.nft("""
				table inet t {
					set s {
						typeof ip saddr . tcp dport
						policy memory
						size 1024
						flags interval,timeout
						counter
						auto-merge
						timeout 1m
						gc-interval 30s
						comment "all options"
						elements = { 10.0.0.0/8 . 22 timeout 10s counter packets 1 bytes 60 comment "ssh" }
					}
					quota q {
						over 25 mbytes used 0 bytes
					}
					ct helper ftp {
						type "ftp" protocol tcp
						l3proto ip
					}
					synproxy sp {
						mss 1460
						wscale 7
						timestamp sack-perm
					}
					chain c {
					}
				}
				"""));
		Nwp.assertNoErrors(Nwp.validate(r));
		NftTable t = table(r);
		NftSet s = t.getSets().get(0);
		assertNotNull(s.getTypeof());
		assertEquals("memory", s.getPolicy());
		assertEquals(1024, s.getSize());
		assertTrue(s.isCounter());
		assertTrue(s.isAutoMerge());
		assertEquals("1m", s.getTimeout());
		assertEquals("30s", s.getGcInterval());
		assertEquals("all options", s.getComment());
		assertEquals("10s", s.getElements().get(0).getTimeout());
		assertEquals(60, s.getElements().get(0).getCounter().getBytes());
		assertEquals(List.of(NftObjectKind.QUOTA, NftObjectKind.CT_HELPER, NftObjectKind.SYNPROXY),
				t.getObjects().stream().map(NftObject::getKind).toList());
		assertEquals(List.of("type", "\"ftp\"", "protocol", "tcp"), t.getObjects().get(1).getLines().get(0).getWords());
		assertEquals(3, t.getObjects().get(2).getLines().size());
	}

	@Test
	void serializerWritesTheModelBackToTheSameText() {
		XtextResource r = Nwp.parse(Nwp.nft(KUBE));
		Nwp.assertNoErrors(Nwp.validate(r));
		String again = Nwp.INJECTOR.getInstance(ISerializer.class).serialize(Nwp.network(r));
		XtextResource reparsed = Nwp.parse(again);
		Nwp.assertNoErrors(Nwp.validate(reparsed));
		assertEquals(ModelText.of(Nwp.network(r)), ModelText.of(Nwp.network(reparsed)));
	}

	@Test
	void unknownDataTypeIsAWarningWithTheClosestName() {
		var issue = Nwp.assertWarning(Nwp.nft("table ip t {\n\tset s {\n\t\ttype ipv4_adr . inet_service\n\t}\n}\n"),
				IssueCodes.NFT_DATA_TYPE);
		assertEquals("ipv4_addr", issue.getData()[0]);
		Nwp.assertNoIssue(Nwp.nft("table ip t {\n\tset s {\n\t\ttype ipv4_addr . inet_service\n\t}\n}\n"), IssueCodes.NFT_DATA_TYPE);
	}

	@Test
	void concatenationArityMustMatchTheType() {
		var issue = Nwp.assertError(Nwp.nft("table ip t {\n\tset s {\n\t\ttype ipv4_addr . inet_service\n\t\telements = { 10.0.0.1 }\n\t}\n}\n"),
				IssueCodes.NFT_CONCAT_ARITY);
		assertEquals("2", issue.getData()[0]);
		Nwp.assertNoIssue(Nwp.nft("table ip t {\n\tset s {\n\t\ttype ipv4_addr . inet_service\n\t\telements = { 10.0.0.1 . 22 }\n\t}\n}\n"),
				IssueCodes.NFT_CONCAT_ARITY);
	}

	@Test
	void aValueHasAsManyPartsAsItsExpression() {
		// "1.2.3" is no address: read as a concatenation, it must not pass for one
		Nwp.assertError(Nwp.nft("table ip t {\n\tchain c {\n\t\tip daddr set 1.2.3\n\t}\n}\n"), IssueCodes.NFT_CONCAT_ARITY);
		Nwp.assertError(Nwp.nft("table ip t {\n\tchain c {\n\t\tip daddr 10.0.0.1 . 80 accept\n\t}\n}\n"), IssueCodes.NFT_CONCAT_ARITY);
		Nwp.assertNoIssue(Nwp.nft("table ip t {\n\tchain c {\n\t\tip daddr . tcp dport { 10.0.0.1 . 80 } accept\n\t}\n}\n"),
				IssueCodes.NFT_CONCAT_ARITY);
	}

	@Test
	void vmapNeedsAVerdictMap() {
		String tables = "table ip t {\n\tmap m {\n\t\ttype inet_service : ipv4_addr\n\t}\n\tchain c {\n\t\ttcp dport vmap @m\n\t}\n}\n";
		assertEquals("m", Nwp.assertError(Nwp.nft(tables), IssueCodes.NFT_VMAP_NOT_VERDICT).getData()[0]);
		Nwp.assertNoIssue(Nwp.nft(tables.replace(": ipv4_addr", ": verdict")), IssueCodes.NFT_VMAP_NOT_VERDICT);
	}

	@Test
	void modulusZeroIsRefused() {
		Nwp.assertError(Nwp.nft("table ip t {\n\tchain c {\n\t\tnumgen inc mod 0 0 accept\n\t}\n}\n"), IssueCodes.NFT_MODULUS_ZERO);
		Nwp.assertNoIssue(Nwp.nft("table ip t {\n\tchain c {\n\t\tnumgen inc mod 2 0 accept\n\t}\n}\n"), IssueCodes.NFT_MODULUS_ZERO);
	}

	@Test
	void setUpdatedFromThePacketPathShouldSayDynamic() {
		String tables = "table ip t {\n\tset s {\n\t\ttype ipv4_addr\n\t}\n\tchain c {\n\t\tupdate @s { ip saddr }\n\t}\n}\n";
		assertEquals("s", Nwp.assertWarning(Nwp.nft(tables), IssueCodes.NFT_DYNSET_NOT_DYNAMIC).getData()[0]);
		Nwp.assertNoIssue(Nwp.nft(tables.replace("type ipv4_addr", "type ipv4_addr\n\t\tflags dynamic")),
				IssueCodes.NFT_DYNSET_NOT_DYNAMIC);
	}

	@Test
	void quickFixWritesTheClosestDataType() {
		String fixed = QuickFixTest.fix(Nwp.nft("table ip t {\n\tset s {\n\t\ttype inet_servce\n\t}\n}\n"), IssueCodes.NFT_DATA_TYPE,
				null);
		assertTrue(fixed.contains("type inet_service\n"), fixed);
	}

	@Test
	void metaAndCtKeysDirectionsAndPayloadFieldsOfTheCorpus() {
		XtextResource r = Nwp.parse(Nwp.nft("""
				table ip t {
					chain c {
						meta hour "17:00"-"19:00" drop
						meta cpu 1 accept
						ct original saddr 10.0.0.1 accept
						ct reply proto-dst 80 accept
						ct direction original accept
						tcp window 1024 drop
						ip frag-off & 0x1fff != 0 drop
						sctp vtag 7 drop
					}
				}
				"""));
		Nwp.assertNoErrors(Nwp.validate(r));
		EList<NftRule> rules = chain(table(r), "c").getRules();
		org.netwright.model.NftCtExpr ct = (org.netwright.model.NftCtExpr) ((NftMatch) rules.get(2).getStatements().get(0)).getLeft();
		assertEquals("original", ct.getDirection());
		assertEquals(org.netwright.model.NftCtKey.SADDR, ct.getKey());
		assertEquals(org.netwright.model.NftCtKey.PROTO_DST,
				((org.netwright.model.NftCtExpr) ((NftMatch) rules.get(3).getStatements().get(0)).getLeft()).getKey());
		assertEquals("original", ((org.netwright.model.NftLiteral) ((NftMatch) rules.get(4).getStatements().get(0)).getRight()).getValue(),
				"original is still a value of ct direction");
		assertEquals(org.netwright.model.NftPayloadField.FRAG_OFF,
				((org.netwright.model.NftPayloadExpr) ((NftMatch) rules.get(6).getStatements().get(0)).getLeft()).getField());
	}

	/** The model as text, independent of layout: what the serializer round trip compares. */
	private static final class ModelText {
		static String of(org.eclipse.emf.ecore.EObject o) {
			StringBuilder b = new StringBuilder();
			append(b, o, 0);
			return b.toString();
		}

		private static void append(StringBuilder b, org.eclipse.emf.ecore.EObject o, int depth) {
			b.append("  ".repeat(depth)).append(o.eClass().getName());
			for (var a : o.eClass().getEAllAttributes()) {
				if (o.eIsSet(a)) {
					b.append(' ').append(a.getName()).append('=').append(o.eGet(a));
				}
			}
			for (var ref : o.eClass().getEAllReferences()) {
				if (!ref.isContainment() && o.eIsSet(ref)) {
					Object target = o.eGet(ref);
					b.append(' ').append(ref.getName()).append("->").append(target instanceof org.netwright.model.NamedElement n ? n.getName()
							: String.valueOf(target));
				}
			}
			b.append('\n');
			for (var child : o.eContents()) {
				append(b, child, depth + 1);
			}
		}
	}
}
