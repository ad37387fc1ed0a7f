package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.dsl.tests.Nwp.assertError;
import static org.netwright.dsl.tests.Nwp.assertNoIssue;
import static org.netwright.dsl.tests.Nwp.assertWarning;
import static org.netwright.dsl.tests.Nwp.nft;

import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.netwright.dsl.validation.IssueCodes;

/** Every nftables rule of the validator, with a failing and a passing model (facts checked against nft 1.0 / kernel 6.18). */
class NftValidationTest {

	private static String chain(String family, String spec, String rules) {
		return nft("table " + family + " t {\n\tchain c {\n\t\t" + spec + "\n" + Nwp.tabs(rules, 2) + "\t}\n}\n");
	}

	@Test
	void baseChainWithoutHook() {
		Issue i = assertError(chain("ip", "type filter priority 0;", ""), IssueCodes.NFT_BASE_CHAIN_NO_HOOK);
		assertTrue(i.getMessage().contains("needs a hook"), i.getMessage());
		assertNoIssue(chain("ip", "type filter hook input priority 0;", ""), IssueCodes.NFT_BASE_CHAIN_NO_HOOK);
	}

	@Test
	void baseChainWithoutPriority() {
		Issue i = assertError(chain("ip", "type nat hook postrouting;", ""), IssueCodes.NFT_BASE_CHAIN_NO_PRIORITY);
		assertEquals("srcnat", i.getData()[0], "the usual priority is the quick fix's data");
		assertNoIssue(chain("ip", "type nat hook postrouting priority srcnat;", ""), IssueCodes.NFT_BASE_CHAIN_NO_PRIORITY);
	}

	@Test
	void chainTypeNotInFamily() {
		assertError(chain("netdev", "type nat hook ingress device eth0 priority 0;", ""), IssueCodes.NFT_CHAIN_TYPE_FAMILY);
		assertError(chain("bridge", "type route hook output priority 0;", ""), IssueCodes.NFT_CHAIN_TYPE_FAMILY);
		assertNoIssue(chain("inet", "type nat hook prerouting priority dstnat;", ""), IssueCodes.NFT_CHAIN_TYPE_FAMILY);
	}

	@Test
	void hookNotOffered() {
		assertError(chain("ip", "type nat hook forward priority 0;", ""), IssueCodes.NFT_HOOK_INVALID);
		assertError(chain("ip", "type route hook prerouting priority 0;", ""), IssueCodes.NFT_HOOK_INVALID);
		assertError(chain("arp", "type filter hook prerouting priority 0;", ""), IssueCodes.NFT_HOOK_INVALID);
		assertError(chain("ip", "type filter hook ingress priority 0;", ""), IssueCodes.NFT_HOOK_INVALID);
		assertNoIssue(chain("ip", "type route hook output priority mangle;", ""), IssueCodes.NFT_HOOK_INVALID);
		assertNoIssue(chain("inet", "type filter hook ingress device eth0 priority 0;", ""), IssueCodes.NFT_HOOK_INVALID);
	}

	@Test
	void deviceMissingOrNotAllowed() {
		assertError(chain("netdev", "type filter hook ingress priority 0;", ""), IssueCodes.NFT_DEVICE_MISSING);
		assertNoIssue(chain("netdev", "type filter hook egress devices = { eth0, eth1 } priority 0;", ""),
				IssueCodes.NFT_DEVICE_MISSING);
		assertError(chain("ip", "type filter hook input device eth0 priority 0;", ""), IssueCodes.NFT_DEVICE_NOT_ALLOWED);
		assertNoIssue(chain("ip", "type filter hook input priority 0;", ""), IssueCodes.NFT_DEVICE_NOT_ALLOWED);
	}

	@Test
	void priorityNameNotDefinedHere() {
		Issue i = assertError(chain("ip", "type filter hook prerouting priority srcnat;", ""), IssueCodes.NFT_PRIORITY_NAME);
		assertEquals("100", i.getData()[0]);
		assertError(chain("ip", "type nat hook output priority dstnat;", ""), IssueCodes.NFT_PRIORITY_NAME);
		assertError(chain("bridge", "type filter hook input priority raw;", ""), IssueCodes.NFT_PRIORITY_NAME);
		assertError(chain("netdev", "type filter hook ingress device eth0 priority mangle;", ""), IssueCodes.NFT_PRIORITY_NAME);
		assertNoIssue(chain("ip", "type filter hook prerouting priority raw + 10;", ""), IssueCodes.NFT_PRIORITY_NAME);
		assertNoIssue(chain("bridge", "type filter hook output priority out;", ""), IssueCodes.NFT_PRIORITY_NAME);
	}

	@Test
	void policyOnRegularChain() {
		assertError(nft("table ip t {\n\tchain c {\n\t\tpolicy drop;\n\t}\n}\n"), IssueCodes.NFT_POLICY_REGULAR_CHAIN);
		assertNoIssue(chain("ip", "type filter hook input priority 0; policy drop;", ""), IssueCodes.NFT_POLICY_REGULAR_CHAIN);
	}

	@Test
	void natInChainOfWrongType() {
		Issue i = assertError(chain("ip", "type filter hook postrouting priority 0;", "oif eth0 masquerade"),
				IssueCodes.NFT_NAT_CHAIN_TYPE);
		assertTrue(i.getMessage().contains("type nat"), i.getMessage());
		assertNoIssue(chain("ip", "type nat hook postrouting priority srcnat;", "oif eth0 masquerade"),
				IssueCodes.NFT_NAT_CHAIN_TYPE);
	}

	@Test
	void natInRegularChainJumpedFromFilterChain() {
		String bad = nft("""
				table ip t {
					chain post {
						type filter hook postrouting priority 0;
						jump x
					}
					chain x {
						masquerade
					}
				}
				""");
		Issue i = assertError(bad, IssueCodes.NFT_NAT_CHAIN_TYPE);
		assertTrue(i.getMessage().contains("reached from base chain 'post'"), i.getMessage());
		assertNoIssue(bad.replace("type filter", "type nat"), IssueCodes.NFT_NAT_CHAIN_TYPE);
	}

	@Test
	void natAtHookThatCannotHoldIt() {
		assertError(chain("ip", "type nat hook postrouting priority srcnat;", "dnat to 10.0.0.2"), IssueCodes.NFT_NAT_HOOK);
		assertError(chain("ip", "type nat hook output priority -100;", "masquerade"), IssueCodes.NFT_NAT_HOOK);
		assertError(chain("ip", "type nat hook prerouting priority dstnat;", "snat to 10.0.0.1"), IssueCodes.NFT_NAT_HOOK);
		assertError(chain("ip", "type nat hook input priority 100;", "redirect"), IssueCodes.NFT_NAT_HOOK);
		assertNoIssue(chain("ip", "type nat hook input priority 100;", "snat to 10.0.0.1"), IssueCodes.NFT_NAT_HOOK);
		assertNoIssue(chain("ip", "type nat hook output priority -100;", "dnat to 10.0.0.2"), IssueCodes.NFT_NAT_HOOK);
	}

	@Test
	void natToPortNeedsProtocol() {
		assertError(chain("ip", "type nat hook prerouting priority dstnat;", "dnat to 192.168.1.10:80"),
				IssueCodes.NFT_NAT_PORT_WITHOUT_PROTOCOL);
		assertError(chain("ip", "type nat hook postrouting priority srcnat;", "masquerade to :1000-2000"),
				IssueCodes.NFT_NAT_PORT_WITHOUT_PROTOCOL);
		assertNoIssue(chain("ip", "type nat hook prerouting priority dstnat;", "tcp dport 8080 dnat to 192.168.1.10:80"),
				IssueCodes.NFT_NAT_PORT_WITHOUT_PROTOCOL);
		assertNoIssue(chain("ip", "type nat hook postrouting priority srcnat;", "meta l4proto tcp masquerade to :1000-2000"),
				IssueCodes.NFT_NAT_PORT_WITHOUT_PROTOCOL);
	}

	@Test
	void rejectAtPostrouting() {
		assertError(chain("ip", "type filter hook postrouting priority 0;", "reject"), IssueCodes.NFT_REJECT_HOOK);
		assertNoIssue(chain("ip", "type filter hook forward priority 0;", "reject with tcp reset"), IssueCodes.NFT_REJECT_HOOK);
	}

	@Test
	void jumpToMissingChain() {
		Issue i = assertError(chain("ip", "type filter hook input priority 0;", "jump nowhere"), IssueCodes.UNKNOWN_CHAIN);
		assertTrue(i.getMessage().contains("Unknown chain 'nowhere' in table ip t"), i.getMessage());
		assertEquals("nowhere", i.getData()[0]);
		assertNoIssue(nft("table ip t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\tjump x\n\t}\n\tchain x {\n\t}\n}\n"),
				IssueCodes.UNKNOWN_CHAIN);
	}

	@Test
	void jumpToBaseChain() {
		String bad = nft("""
				table ip t {
					chain b {
						type filter hook input priority 0;
					}
					chain c {
						type filter hook output priority 0;
						goto b
					}
				}
				""");
		assertError(bad, IssueCodes.NFT_JUMP_TO_BASE_CHAIN);
		assertNoIssue(bad.replace("type filter hook input priority 0;", ""), IssueCodes.NFT_JUMP_TO_BASE_CHAIN);
	}

	@Test
	void jumpLoopReachedFromBaseChainIsAnError() {
		String loop = nft("""
				table ip t {
					chain b {
						type filter hook input priority 0;
						jump x
					}
					chain x {
						jump y
					}
					chain y {
						tcp dport 22 jump x
					}
				}
				""");
		Issue i = Nwp.validate(Nwp.parse(loop)).stream().filter(x -> IssueCodes.NFT_JUMP_LOOP.equals(x.getCode()))
				.findFirst().orElseThrow(() -> new AssertionError("no loop reported"));
		assertEquals(org.eclipse.xtext.diagnostics.Severity.ERROR, i.getSeverity());
		assertNoIssue(loop.replace("tcp dport 22 jump x", "tcp dport 22 accept"), IssueCodes.NFT_JUMP_LOOP);
	}

	/** Base chain b, then {@code depth} nested chains c1..c{depth}, each reached by {@code verb} from the one above. */
	private static String nested(int depth, String verb) {
		StringBuilder sb = new StringBuilder("table ip t {\n\tchain b {\n\t\ttype filter hook output priority 0;\n\t\t"
				+ verb + " c1\n\t}\n");
		for (int i = 1; i <= depth; i++) {
			sb.append("\tchain c").append(i).append(" {\n\t\t").append(i < depth ? verb + " c" + (i + 1) : "counter")
					.append("\n\t}\n");
		}
		return nft(sb.append("}\n").toString());
	}

	/** The kernel loads 15 nested jumps or gotos below a base chain and refuses 16 (JumpDepthPinsTest). */
	@Test
	void aChainSixteenJumpsBelowABaseChainIsAnError() {
		for (String verb : List.of("jump", "goto")) {
			assertNoIssue(nested(15, verb), IssueCodes.NFT_JUMP_TOO_DEEP);
			String deep = nested(16, verb);
			List<Issue> issues = Nwp.validate(Nwp.parse(deep)).stream()
					.filter(x -> IssueCodes.NFT_JUMP_TOO_DEEP.equals(x.getCode())).toList();
			assertEquals(1, issues.size(), verb + ": " + issues);
			Issue i = issues.get(0);
			assertEquals(org.eclipse.xtext.diagnostics.Severity.ERROR, i.getSeverity());
			int line = (int) deep.lines().takeWhile(l -> !l.contains(verb + " c16")).count() + 1;
			assertEquals(line, i.getLineNumber(), "located at the " + verb + " to c16 in\n" + deep);
		}
	}

	@Test
	void unreachedJumpLoopIsAWarning() {
		assertWarning(nft("table ip t {\n\tchain x {\n\t\tjump x\n\t}\n}\n"), IssueCodes.NFT_JUMP_LOOP);
	}

	@Test
	void statementAfterVerdict() {
		assertError(chain("ip", "type filter hook input priority 0;", "accept counter"), IssueCodes.NFT_STATEMENT_AFTER_VERDICT);
		assertError(chain("ip", "type nat hook postrouting priority srcnat;", "masquerade counter"),
				IssueCodes.NFT_STATEMENT_AFTER_VERDICT);
		assertNoIssue(chain("ip", "type filter hook input priority 0;", "counter accept comment \"ok\""),
				IssueCodes.NFT_STATEMENT_AFTER_VERDICT);
	}

	@Test
	void setWithRangesNeedsIntervalFlag() {
		String bad = nft("table ip t {\n\tset nets {\n\t\ttype ipv4_addr;\n\t\telements = { 10.0.0.0/8, 192.168.1.10 }\n\t}\n}\n");
		assertError(bad, IssueCodes.NFT_SET_NEEDS_INTERVAL);
		assertNoIssue(bad.replace("type ipv4_addr;", "type ipv4_addr;\n\t\tflags interval;"), IssueCodes.NFT_SET_NEEDS_INTERVAL);
		assertError(nft("table ip t {\n\tset ports {\n\t\ttype inet_service;\n\t\telements = { 80-90 }\n\t}\n}\n"),
				IssueCodes.NFT_SET_NEEDS_INTERVAL);
	}

	@Test
	void mapWithRangeKeysNeedsIntervalFlag() {
		String bad = nft("table ip t {\n\tmap m {\n\t\ttype ipv4_addr : ipv4_addr;\n\t\telements = { 10.0.0.0/8 : 192.168.1.1 }\n\t}\n}\n");
		assertError(bad, IssueCodes.NFT_SET_NEEDS_INTERVAL);
		assertNoIssue(bad.replace("elements", "flags interval;\n\t\telements"), IssueCodes.NFT_SET_NEEDS_INTERVAL);
	}

	@Test
	void conntrackInNetdev() {
		assertError(chain("netdev", "type filter hook ingress device eth0 priority 0;", "ct mark set 1"), IssueCodes.NFT_CT_FAMILY);
		assertNoIssue(chain("netdev", "type filter hook ingress device eth0 priority 0;", "meta mark set 1"),
				IssueCodes.NFT_CT_FAMILY);
	}

	@Test
	void metaKeywordRequired() {
		Issue i = assertError(chain("ip", "type filter hook input priority 0;", "l4proto tcp accept"), IssueCodes.NFT_META_SHORTHAND);
		assertEquals("l4proto", i.getData()[0]);
		assertNoIssue(chain("ip", "type filter hook input priority 0;", "meta l4proto tcp accept"), IssueCodes.NFT_META_SHORTHAND);
		assertNoIssue(chain("ip", "type filter hook input priority 0;", "mark 0x1 accept"), IssueCodes.NFT_META_SHORTHAND);
	}

	@Test
	void metaIpsecOnTheWayOut() {
		assertError(chain("ip", "type filter hook postrouting priority 0;", "meta ipsec exists accept"),
				IssueCodes.NFT_META_IPSEC_HOOK);
		assertNoIssue(chain("ip", "type filter hook forward priority 0;", "meta ipsec exists accept"),
				IssueCodes.NFT_META_IPSEC_HOOK);
		assertNoIssue(chain("ip", "type filter hook postrouting priority 0;", "rt ipsec exists accept"),
				IssueCodes.NFT_META_IPSEC_HOOK);
	}

	@Test
	void arpAddressNeedsKind() {
		// the grammar only produces arp saddr with ip/ether; a model built in code may lack it
		org.eclipse.xtext.resource.XtextResource r = Nwp.parse(chain("netdev",
				"type filter hook egress device eth0 priority 0;", "arp saddr ip 10.0.0.1 drop"));
		org.netwright.model.NftPayloadExpr arp = org.eclipse.xtext.EcoreUtil2
				.getAllContentsOfType(Nwp.network(r), org.netwright.model.NftPayloadExpr.class).get(0);
		assertTrue(Nwp.validate(r).stream().noneMatch(x -> IssueCodes.NFT_ARP_SUBFIELD.equals(x.getCode())));
		arp.setSubField(org.netwright.model.NftArpAddrKind.NONE);
		assertTrue(Nwp.validate(r).stream().anyMatch(x -> IssueCodes.NFT_ARP_SUBFIELD.equals(x.getCode())));
	}

	@Test
	void zoneAndStatelessNatAfterConntrack() {
		assertWarning(chain("ip", "type filter hook prerouting priority filter;", "iif eth1 ct zone set 1"),
				IssueCodes.NFT_AFTER_CONNTRACK);
		assertWarning(chain("ip", "type filter hook prerouting priority -150;", "tcp dport 80 ip daddr set 10.0.0.2"),
				IssueCodes.NFT_AFTER_CONNTRACK);
		assertWarning(chain("ip", "type filter hook output priority 0;", "notrack"), IssueCodes.NFT_AFTER_CONNTRACK);
		assertNoIssue(chain("ip", "type filter hook prerouting priority raw;", "iif eth1 ct zone set 1"),
				IssueCodes.NFT_AFTER_CONNTRACK);
		assertNoIssue(chain("ip", "type filter hook prerouting priority -300;", "tcp dport 80 ip daddr set 10.0.0.2"),
				IssueCodes.NFT_AFTER_CONNTRACK);
		assertNoIssue(chain("ip", "type filter hook postrouting priority 90;", "ip saddr set 10.0.0.1"),
				IssueCodes.NFT_AFTER_CONNTRACK);
	}

	@Test
	void ctStateValues() {
		Issue i = assertError(chain("ip", "type filter hook input priority 0;", "ct state established,relatd accept"),
				IssueCodes.NFT_CT_VALUE);
		assertEquals("relatd", i.getData()[0]);
		assertNoIssue(chain("ip", "type filter hook input priority 0;", "ct state established,related accept"),
				IssueCodes.NFT_CT_VALUE);
	}

	@Test
	void iifNamesAnExistingInterface() {
		assertError(chain("ip", "type filter hook input priority 0;", "iif eth9 accept"), IssueCodes.UNKNOWN_INTERFACE);
		assertError(chain("ip", "type filter hook input priority 0;", "oif { eth0, eth7 } accept"), IssueCodes.UNKNOWN_INTERFACE);
		assertNoIssue(chain("ip", "type filter hook input priority 0;", "iif eth1 accept\niifname \"eth9\" accept\niif lo accept"),
				IssueCodes.UNKNOWN_INTERFACE);
	}

	@Test
	void iifnameTooLong() {
		assertError(chain("ip", "type filter hook input priority 0;", "iifname \"abcdefghijklmnop\" accept"),
				IssueCodes.INTERFACE_NAME_TOO_LONG);
		assertNoIssue(chain("ip", "type filter hook input priority 0;", "iifname \"abcdefghijklmno\" accept"),
				IssueCodes.INTERFACE_NAME_TOO_LONG);
	}
}
