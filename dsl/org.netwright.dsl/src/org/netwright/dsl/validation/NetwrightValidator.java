package org.netwright.dsl.validation;

import java.util.regex.Pattern;

import org.eclipse.xtext.validation.Check;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftArpAddrKind;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftPayloadProto;
import org.netwright.model.Probe;
import org.netwright.model.ProbeProtocol;
import org.netwright.model.VethInterface;

/** First validation rules; the engine-level diagnostics (double netfilter pass, ...) live in the engine. */
public class NetwrightValidator extends AbstractNetwrightValidator {

	public static final String VETH_PEER_MISMATCH = "vethPeerMismatch";
	public static final String PAYLOAD_ADDRESS = "payloadAddress";
	public static final String META_SHORTHAND = "metaShorthand";
	public static final String ARP_SUBFIELD = "arpSubfield";
	public static final String PROBE_PORTS = "probePorts";

	private static final Pattern IPV4_IN_TEXT = Pattern.compile("\\b(\\d{1,3}\\.){3}\\d{1,3}\\b");

	@Check
	public void checkVethPeer(VethInterface veth) {
		VethInterface peer = veth.getPeer();
		if (peer == null || peer.eIsProxy()) {
			return;
		}
		if (peer == veth) {
			error("A veth end cannot be its own peer", NetwrightPackage.Literals.VETH_INTERFACE__PEER, VETH_PEER_MISMATCH);
		} else if (peer.getPeer() != null && peer.getPeer() != veth) {
			error("Peer " + peer.getName() + " names a different peer", NetwrightPackage.Literals.VETH_INTERFACE__PEER,
					VETH_PEER_MISMATCH);
		}
	}

	@Check
	public void checkPayloadAddresses(Probe probe) {
		if (probe.getPayload() != null && IPV4_IN_TEXT.matcher(probe.getPayload()).find()) {
			warning("Addresses carried inside the payload are not rewritten by NAT (only the IP/L4 headers are)",
					NetwrightPackage.Literals.PROBE__PAYLOAD, PAYLOAD_ADDRESS);
		}
	}

	@Check
	public void checkProbePorts(Probe probe) {
		boolean ports = probe.getProtocol() == ProbeProtocol.UDP || probe.getProtocol() == ProbeProtocol.TCP;
		if (!ports && (probe.getSport() != 0 || probe.getDport() != 0)) {
			error(probe.getProtocol().getLiteral() + " has no ports", NetwrightPackage.Literals.PROBE__DPORT, PROBE_PORTS);
		}
	}

	@Check
	public void checkMetaShorthand(NftMetaExpr meta) {
		if (!meta.isExplicitMeta()) {
			switch (meta.getKey()) {
			case MARK, IIF, OIF, IIFNAME, OIFNAME, IIFTYPE, OIFTYPE, SKUID, SKGID, NFTRACE -> {
			}
			default -> warning("nft requires 'meta " + meta.getKey().getLiteral() + "'",
					NetwrightPackage.Literals.NFT_META_EXPR__KEY, META_SHORTHAND);
			}
		}
		if (meta.getKey() == NftMetaKey.IPSEC && !meta.isExplicitMeta()) {
			// reported above
		}
	}

	@Check
	public void checkArp(NftPayloadExpr payload) {
		if (payload.getProtocol() == NftPayloadProto.ARP && payload.getSubField() == NftArpAddrKind.NONE
				&& payload.getField() != org.netwright.model.NftPayloadField.OPERATION) {
			error("arp saddr/daddr need 'ip' or 'ether'", NetwrightPackage.Literals.NFT_PAYLOAD_EXPR__SUB_FIELD, ARP_SUBFIELD);
		}
	}
}
