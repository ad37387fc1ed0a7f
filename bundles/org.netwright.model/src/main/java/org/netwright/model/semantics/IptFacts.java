package org.netwright.model.semantics;

import static org.netwright.model.IptBuiltinChain.FORWARD;
import static org.netwright.model.IptBuiltinChain.INPUT;
import static org.netwright.model.IptBuiltinChain.OUTPUT;
import static org.netwright.model.IptBuiltinChain.POSTROUTING;
import static org.netwright.model.IptBuiltinChain.PREROUTING;

import java.util.EnumSet;
import java.util.Set;

import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptTableKind;

/** The built-in chains of each iptables table and the netfilter priority each table hooks in at. */
public final class IptFacts {

	private IptFacts() {
	}

	public static Set<IptBuiltinChain> builtinChains(IptTableKind table) {
		return switch (table) {
		case FILTER, SECURITY -> EnumSet.of(INPUT, FORWARD, OUTPUT);
		case NAT -> EnumSet.of(PREROUTING, INPUT, OUTPUT, POSTROUTING);
		case MANGLE -> EnumSet.of(PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING);
		case RAW -> EnumSet.of(PREROUTING, OUTPUT);
		};
	}

	/** Priority of the table at its hooks, as nft shows the iptables-nft chains (nat: dstnat -100 / srcnat 100). */
	public static int priority(IptTableKind table, IptBuiltinChain chain) {
		return switch (table) {
		case RAW -> -300;
		case MANGLE -> -150;
		case NAT -> chain == PREROUTING || chain == OUTPUT ? -100 : 100;
		case FILTER -> 0;
		case SECURITY -> 50;
		};
	}

	/** Chains on the receive path before routing decides (no output interface yet). */
	public static boolean hasNoOutputInterface(IptBuiltinChain chain) {
		return chain == PREROUTING || chain == INPUT;
	}

	/** Chains of locally generated or leaving packets (no input interface). */
	public static boolean hasNoInputInterface(IptBuiltinChain chain) {
		return chain == POSTROUTING || chain == OUTPUT;
	}
}
