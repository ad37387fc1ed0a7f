package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.dsl.tests.Nwp.assertError;
import static org.netwright.dsl.tests.Nwp.assertNoIssue;
import static org.netwright.dsl.tests.Nwp.assertWarning;
import static org.netwright.dsl.tests.Nwp.ipt;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.netwright.dsl.validation.IssueCodes;

/** Every iptables rule of the validator, failing and passing (facts checked with iptables-restore 1.8.9 / kernel 6.18). */
class IptablesValidationTest {

	private static String table(String table, String lines) {
		return ipt("*" + table + "\n" + lines + "\nCOMMIT\n");
	}

	@Test
	void builtinChainNotInTable() {
		assertError(table("nat", "-A FORWARD -j ACCEPT"), IssueCodes.IPT_CHAIN_NOT_IN_TABLE);
		assertError(table("filter", ":PREROUTING ACCEPT [0:0]"), IssueCodes.IPT_CHAIN_NOT_IN_TABLE);
		assertNoIssue(table("raw", ":PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -j ACCEPT"),
				IssueCodes.IPT_CHAIN_NOT_IN_TABLE);
	}

	@Test
	void natTargetOutsideNatTable() {
		Issue i = assertError(table("filter", "-A FORWARD -o eth0 -j MASQUERADE"), IssueCodes.IPT_TARGET_TABLE);
		assertTrue(i.getMessage().contains("nat"), i.getMessage());
		assertError(table("mangle", "-A PREROUTING -j CT --zone 1"), IssueCodes.IPT_TARGET_TABLE);
		assertError(table("nat", "-A PREROUTING -j REJECT"), IssueCodes.IPT_TARGET_TABLE);
		assertNoIssue(table("nat", "-A POSTROUTING -o eth0 -j MASQUERADE"), IssueCodes.IPT_TARGET_TABLE);
		assertNoIssue(table("raw", "-A PREROUTING -i eth1 -j CT --zone 1"), IssueCodes.IPT_TARGET_TABLE);
	}

	@Test
	void targetInWrongChain() {
		assertError(table("nat", "-A POSTROUTING -j DNAT --to-destination 192.168.1.10"), IssueCodes.IPT_TARGET_CHAIN);
		assertError(table("nat", "-A PREROUTING -j SNAT --to-source 10.0.0.1"), IssueCodes.IPT_TARGET_CHAIN);
		assertError(table("nat", "-A OUTPUT -j MASQUERADE"), IssueCodes.IPT_TARGET_CHAIN);
		assertError(table("nat", "-A POSTROUTING -p tcp -j REDIRECT --to-ports 80"), IssueCodes.IPT_TARGET_CHAIN);
		assertError(table("mangle", "-A PREROUTING -j REJECT"), IssueCodes.IPT_TARGET_CHAIN);
		assertNoIssue(table("nat", "-A INPUT -j SNAT --to-source 10.0.0.1\n-A OUTPUT -j DNAT --to-destination 192.168.1.10"),
				IssueCodes.IPT_TARGET_CHAIN);
	}

	@Test
	void targetInUserChainReachedFromWrongChain() {
		String bad = table("nat", ":PREROUTING ACCEPT [0:0]\n:X - [0:0]\n-A PREROUTING -j X\n-A X -j MASQUERADE");
		Issue i = assertError(bad, IssueCodes.IPT_TARGET_CHAIN);
		assertTrue(i.getMessage().contains("reached from PREROUTING"), i.getMessage());
		assertNoIssue(bad.replace("PREROUTING", "POSTROUTING"), IssueCodes.IPT_TARGET_CHAIN);
	}

	@Test
	void interfaceOnTheWrongSide() {
		assertError(table("nat", "-A POSTROUTING -i eth1 -j MASQUERADE"), IssueCodes.IPT_INTERFACE_DIRECTION);
		assertError(table("filter", "-A INPUT -o eth0 -j ACCEPT"), IssueCodes.IPT_INTERFACE_DIRECTION);
		assertNoIssue(table("filter", "-A FORWARD -i eth1 -o eth0 -j ACCEPT"), IssueCodes.IPT_INTERFACE_DIRECTION);
	}

	@Test
	void interfaceNameTooLong() {
		assertError(table("filter", "-A INPUT -i abcdefghijklmnop -j ACCEPT"), IssueCodes.INTERFACE_NAME_TOO_LONG);
		assertNoIssue(table("filter", "-A INPUT -i abcdefghijklmno -j ACCEPT\n-A INPUT -i veth+ -j ACCEPT"),
				IssueCodes.INTERFACE_NAME_TOO_LONG);
	}

	@Test
	void portsNeedProtocol() {
		assertError(table("filter", "-A INPUT --dport 22 -j ACCEPT"), IssueCodes.IPT_PORT_WITHOUT_PROTOCOL);
		assertError(table("filter", "-A INPUT -m multiport --dports 80,443 -j ACCEPT"), IssueCodes.IPT_PORT_WITHOUT_PROTOCOL);
		assertError(table("nat", "-A PREROUTING -i eth0 -j DNAT --to-destination 192.168.1.10:80"),
				IssueCodes.IPT_PORT_WITHOUT_PROTOCOL);
		assertNoIssue(table("nat", "-A PREROUTING -i eth0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80"),
				IssueCodes.IPT_PORT_WITHOUT_PROTOCOL);
	}

	@Test
	void icmpTypeNeedsProtocol() {
		assertError(table("filter", "-A INPUT --icmp-type echo-request -j ACCEPT"), IssueCodes.IPT_ICMP_WITHOUT_PROTOCOL);
		assertNoIssue(table("filter", "-A INPUT -p icmp --icmp-type echo-request -j ACCEPT"),
				IssueCodes.IPT_ICMP_WITHOUT_PROTOCOL);
	}

	@Test
	void policyMatchDirection() {
		assertError(table("nat", "-A POSTROUTING -m policy --dir in --pol ipsec -j ACCEPT"), IssueCodes.IPT_POLICY_DIRECTION);
		assertError(table("filter", "-A INPUT -m policy --dir out --pol ipsec -j ACCEPT"), IssueCodes.IPT_POLICY_DIRECTION);
		assertNoIssue(table("nat", "-A POSTROUTING -m policy --dir out --pol ipsec -j ACCEPT"), IssueCodes.IPT_POLICY_DIRECTION);
	}

	@Test
	void userChainPolicy() {
		assertWarning(table("filter", ":LOGDROP ACCEPT [0:0]"), IssueCodes.IPT_USER_CHAIN_POLICY);
		assertNoIssue(table("filter", ":LOGDROP - [0:0]"), IssueCodes.IPT_USER_CHAIN_POLICY);
	}

	@Test
	void jumpToMissingChain() {
		assertError(table("filter", "-A INPUT -j NOWHERE"), IssueCodes.UNKNOWN_CHAIN);
		assertNoIssue(table("filter", ":SOMEWHERE - [0:0]\n-A INPUT -j SOMEWHERE"), IssueCodes.UNKNOWN_CHAIN);
	}

	@Test
	void jumpLoops() {
		String loop = table("filter", ":A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A");
		Issue i = Nwp.validate(Nwp.parse(loop)).stream().filter(x -> IssueCodes.IPT_JUMP_LOOP.equals(x.getCode())).findFirst()
				.orElseThrow(() -> new AssertionError("no loop reported"));
		assertTrue(i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR);
		assertNoIssue(loop.replace("-A B -j A", "-A B -j RETURN"), IssueCodes.IPT_JUMP_LOOP);
		assertWarning(table("filter", ":A - [0:0]\n-A A -j A"), IssueCodes.IPT_JUMP_LOOP);
	}

	/** Flags iptables 1.8 refuses per target ("unknown option"), and the ones it accepts. */
	@Test
	void natFlagsTheTargetLacks() {
		assertError(table("nat", "-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1 --random-fully"),
				IssueCodes.IPT_NAT_OPTION);
		assertError(table("nat", "-A PREROUTING -j NETMAP --to 10.0.0.0/24 --persistent"), IssueCodes.IPT_NAT_OPTION);
		assertNoIssue(table("nat", "-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:80-90 --random --persistent\n"
				+ "-A POSTROUTING -j SNAT --to-source 10.0.0.1-10.0.0.4 --persistent --random --random-fully\n"
				+ "-A POSTROUTING -j MASQUERADE --random-fully\n-A PREROUTING -p tcp -j REDIRECT --to-ports 80 --random"),
				IssueCodes.IPT_NAT_OPTION);
	}

	/** iptables-nft refuses a user chain 16 jumps below a built-in chain; iptables-legacy loads it: a warning. */
	@Test
	void aChainSixteenJumpsBelowABuiltinChainIsAWarning() {
		StringBuilder declare = new StringBuilder();
		StringBuilder jumps = new StringBuilder("-A OUTPUT -j C1\n");
		for (int i = 1; i <= 16; i++) {
			declare.append(":C").append(i).append(" - [0:0]\n");
			if (i < 16) {
				jumps.append("-A C").append(i).append(" -j C").append(i + 1).append('\n');
			}
		}
		String deep = table("filter", declare + jumps.toString().strip());
		assertWarning(deep, IssueCodes.IPT_JUMP_TOO_DEEP);
		assertNoIssue(deep.replace("-A C15 -j C16", "-A C15 -j ACCEPT"), IssueCodes.IPT_JUMP_TOO_DEEP);
	}

	@Test
	void duplicateChainDeclaration() {
		Nwp.assertIssues(table("filter", ":A - [0:0]\n:A - [0:0]"), org.eclipse.xtext.diagnostics.Severity.ERROR,
				IssueCodes.DUPLICATE_NAME, 2);
		assertNoIssue(table("filter", ":A - [0:0]\n:B - [0:0]"), IssueCodes.DUPLICATE_NAME);
	}
	/** kube-proxy's extensions as iptables-save prints them: option names and values other rules made keywords. */
	@Test
	void extensionsParseAsSavePrintsThem() {
		String text = table("nat", """
				:KUBE-SEP - [0:0]
				-A PREROUTING -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP
				-A PREROUTING -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP --mask 255.255.255.255 --rsource -j KUBE-SEP
				-A KUBE-SEP -p tcp -m recent --set --name KUBE-SEP --mask 255.255.255.255 --rsource -j DNAT --to-destination 10.244.1.5:8080
				-A PREROUTING -p tcp -m string --string "GET" --algo bm --to 40 -m tcp --dport 80 -j ACCEPT""");
		org.eclipse.xtext.resource.XtextResource r = Nwp.parse(text);
		Nwp.assertNoErrors(Nwp.validate(r));
		org.netwright.model.IptablesTable nat = Nwp.network(r).getNamespaces().get(0).getIptablesRulesets().get(0).getTables().get(0);
		org.netwright.model.IptGenericMatch recent = (org.netwright.model.IptGenericMatch) nat.getRules().get(1).getMatches().get(0);
		assertTrue(recent.getOptions().stream().anyMatch(o -> o.getName().equals("--mask") && o.getValues().get(0).equals("255.255.255.255")),
				recent.getOptions().toString());
		org.netwright.model.IptGenericMatch statistic = (org.netwright.model.IptGenericMatch) nat.getRules().get(0).getMatches().get(0);
		assertTrue(statistic.getOptions().get(0).getName().equals("--mode"), statistic.getOptions().toString());
		assertTrue(statistic.getOptions().get(0).getValues().equals(java.util.List.of("random")), statistic.getOptions().toString());
		assertTrue(nat.getRules().get(3).getMatches().get(2) instanceof org.netwright.model.IptPortMatch,
				"-m tcp --dport is still the typed port match");
	}
}
