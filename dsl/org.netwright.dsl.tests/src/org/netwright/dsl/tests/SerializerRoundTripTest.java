package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.SaveOptions;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.serializer.ISerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netwright.model.Address;
import org.netwright.model.Expectation;
import org.netwright.model.IptAddrOption;
import org.netwright.model.IptAddressMatch;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
import org.netwright.model.IptChainPolicy;
import org.netwright.model.IptCtTarget;
import org.netwright.model.IptIfOption;
import org.netwright.model.IptInterfaceMatch;
import org.netwright.model.IptRule;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftCtKey;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftNat;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftPolicy;
import org.netwright.model.NftPriority;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftTable;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftVerdictKind;
import org.netwright.model.OutcomeKind;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.Probe;
import org.netwright.model.ProbeProtocol;
import org.netwright.model.ReplyExpectation;
import org.netwright.model.ReplyKind;
import org.netwright.model.Route;
import org.netwright.model.VethInterface;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;

/**
 * parse -> model -> serialize -> parse gives an equal model, for every example and for models built or changed
 * in code (the diagram editor saves through the serializer).
 */
class SerializerRoundTripTest {

	private static final NetwrightFactory F = NetwrightFactory.eINSTANCE;
	private static final SaveOptions FORMATTED = SaveOptions.newBuilder().format().getOptions();

	private static XtextResource load(Path file) {
		XtextResourceSet set = Nwp.resourceSet();
		XtextResource r = (XtextResource) set.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
		EcoreUtil.resolveAll(set);
		assertTrue(r.getErrors().isEmpty(), () -> file + ": " + r.getErrors());
		return r;
	}

	/** Parses {@code text} as if it were the file at {@code uri} (so its imports resolve), in a fresh resource set. */
	private static XtextResource reparse(URI uri, String text) throws IOException {
		XtextResourceSet set = Nwp.resourceSet();
		XtextResource r = (XtextResource) set.createResource(uri);
		r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
		EcoreUtil.resolveAll(set);
		assertTrue(r.getErrors().isEmpty(), () -> "serialized text does not parse: " + r.getErrors() + "\n" + text);
		return r;
	}

	private static String serialize(EObject root, SaveOptions options) {
		return Nwp.INJECTOR.getInstance(ISerializer.class).serialize(root, options);
	}

	private static void assertRoundTrip(XtextResource original, SaveOptions options) throws IOException {
		EObject root = original.getContents().get(0);
		String text = serialize(root, options);
		XtextResource again = reparse(original.getURI(), text);
		assertTrue(EcoreUtil.equals(root, again.getContents().get(0)), "model changed by the round trip:\n" + text);
	}

	@ParameterizedTest
	@MethodSource("org.netwright.dsl.tests.ExamplesParseTest#examples")
	void everyExampleRoundTripsFormatted(Path file) throws IOException {
		XtextResource r = load(file);
		assertRoundTrip(r, FORMATTED);
		// the examples are in canonical form, so formatted serialization gives the file back, comments included
		assertEquals(Files.readString(file, StandardCharsets.UTF_8), serialize(r.getContents().get(0), FORMATTED));
	}

	@ParameterizedTest
	@MethodSource("org.netwright.dsl.tests.ExamplesParseTest#examples")
	void everyExampleRoundTripsUnformatted(Path file) throws IOException {
		assertRoundTrip(load(file), SaveOptions.defaultOptions());
	}

	@Test
	void namespaceAndVethPairAddedInCode() throws IOException {
		Path topology = Path.of(System.getProperty("netwright.examples", "../../examples"), "001-policy-routing-twice",
				"topology.nwp");
		XtextResource r = load(topology);
		Network network = (Network) r.getContents().get(0);
		Namespace host = network.getNamespaces().stream().filter(n -> "host".equals(n.getName())).findFirst().orElseThrow();

		Namespace monitor = F.createNamespace();
		monitor.setName("monitor");
		monitor.setDescription("added by the diagram");
		LoopbackInterface lo = F.createLoopbackInterface();
		lo.setName("lo");
		VethInterface inside = F.createVethInterface();
		inside.setName("veth0");
		inside.getAddresses().add(address("10.10.3.1", 24));
		VethInterface outside = F.createVethInterface();
		outside.setName("monitor-veth0");
		outside.getAddresses().add(address("10.10.3.2", 24));
		inside.setPeer(outside);
		outside.setPeer(inside);
		Route route = F.createRoute();
		route.setDestination(IpPrefix.ANY);
		route.setVia(IpAddress.parse("10.10.3.2"));
		route.setDev(inside);
		monitor.getInterfaces().add(lo);
		monitor.getInterfaces().add(inside);
		monitor.getRoutes().add(route);
		host.getInterfaces().add(outside);
		network.getNamespaces().add(monitor);

		String text = serialize(network, FORMATTED);
		assertTrue(text.contains("""

				namespace monitor "added by the diagram" {
					loopback lo
					veth veth0 <-> host:monitor-veth0 { address 10.10.3.1/24 }
					route default via 10.10.3.2 dev veth0
				}
				"""), text);
		assertTrue(text.contains("\tveth monitor-veth0 <-> monitor:veth0 { address 10.10.3.2/24 }\n"), text);
		assertTrue(text.contains("# Seed 001: transparent proxy by policy routing"), "comments survive:\n" + text);
		XtextResource again = reparse(r.getURI(), text);
		assertTrue(EcoreUtil.equals(network, again.getContents().get(0)), text);
		Nwp.assertNoErrors(Nwp.validate(again));
	}

	@Test
	void resourceSaveOfAChangedModelKeepsCommentsAndFormatsTheNewParts() throws IOException {
		Path file = Path.of(System.getProperty("netwright.examples", "../../examples"), "000-zephyr-nat", "topology.nwp");
		XtextResource r = load(file);
		Network network = (Network) r.getContents().get(0);
		Namespace natBox = network.getNamespaces().get(1);
		PhysicalInterface eth2 = F.createPhysicalInterface();
		eth2.setName("eth2");
		eth2.getAddresses().add(address("192.0.2.1", 24));
		eth2.getAddresses().add(address("192.0.2.2", 24));
		natBox.getInterfaces().add(eth2);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		r.save(out, FORMATTED.toOptionsMap());
		String text = out.toString(StandardCharsets.UTF_8);
		assertTrue(text.contains("\tinterface eth2 {\n\t\taddress 192.0.2.1/24\n\t\taddress 192.0.2.2/24\n\t}\n"), text);
		assertTrue(text.startsWith("# Seed 000: a Kerberized Zephyr client behind a Linux NAT box."), text);
		assertTrue(EcoreUtil.equals(network, reparse(r.getURI(), text).getContents().get(0)), text);
	}

	@Test
	void modelBuiltEntirelyInCode() throws IOException {
		Network network = F.createNetwork();
		Namespace router = F.createNamespace();
		router.setName("router");
		PhysicalInterface lan = F.createPhysicalInterface();
		lan.setName("eth1");
		lan.getAddresses().add(address("192.168.1.1", 24));
		PhysicalInterface wan = F.createPhysicalInterface();
		wan.setName("eth0");
		wan.getAddresses().add(address("203.0.113.2", 24));
		router.getInterfaces().add(lan);
		router.getInterfaces().add(wan);
		Route route = F.createRoute();
		route.setDestination(IpPrefix.ANY);
		route.setVia(IpAddress.parse("203.0.113.1"));
		route.setDev(wan);
		route.setMetric(100);
		router.getRoutes().add(route);

		NftRuleset nft = F.createNftRuleset();
		nft.setFlushRuleset(true);
		NftTable table = F.createNftTable();
		table.setFamily(NftFamily.IP);
		table.setName("nat");
		NftChain post = F.createNftChain();
		post.setName("postrouting");
		NftHookSpec spec = F.createNftHookSpec();
		spec.setType(NftChainType.NAT);
		spec.setHook(NftHook.POSTROUTING);
		NftPriority prio = F.createNftPriority();
		prio.setKeyword(NftPriorityName.SRCNAT);
		spec.setPriority(prio);
		post.setHook(spec);
		post.setPolicy(NftPolicy.ACCEPT);
		NftRule masq = F.createNftRule();
		NftMatch oif = F.createNftMatch();
		NftMetaExpr meta = F.createNftMetaExpr();
		meta.setKey(NftMetaKey.OIF);
		oif.setLeft(meta);
		oif.setRight(literal("eth0"));
		NftMatch state = F.createNftMatch();
		NftCtExpr ct = F.createNftCtExpr();
		ct.setKey(NftCtKey.STATE);
		state.setLeft(ct);
		NftListValue states = F.createNftListValue();
		states.getElements().add(literal("new"));
		states.getElements().add(literal("established"));
		state.setRight(states);
		NftNat nat = F.createNftNat();
		nat.setKind(NftNatKind.MASQUERADE);
		masq.getStatements().add(oif);
		masq.getStatements().add(state);
		masq.getStatements().add(nat);
		NftRule accept = F.createNftRule();
		NftVerdict verdict = F.createNftVerdict();
		verdict.setKind(NftVerdictKind.ACCEPT);
		accept.getStatements().add(verdict);
		accept.setComment("the rest");
		post.getRules().add(masq);
		post.getRules().add(accept);
		table.getChains().add(post);
		nft.getTables().add(table);
		router.getNftRulesets().add(nft);

		IptablesRuleset ipt = F.createIptablesRuleset();
		IptablesTable raw = F.createIptablesTable();
		raw.setTable(IptTableKind.RAW);
		IptChain pre = F.createIptChain();
		pre.setBuiltin(IptBuiltinChain.PREROUTING);
		pre.setPolicy(IptChainPolicy.ACCEPT);
		raw.getChains().add(pre);
		IptRule zone = F.createIptRule();
		zone.setBuiltinChain(IptBuiltinChain.PREROUTING);
		IptInterfaceMatch in = F.createIptInterfaceMatch();
		in.setOption(IptIfOption.IN);
		in.setInterfaceName("eth1");
		IptAddressMatch notLan = F.createIptAddressMatch();
		notLan.setOption(IptAddrOption.DESTINATION);
		notLan.setNegated(true);
		notLan.setAddress(IpPrefix.parse("192.168.1.0/24"));
		IptCtTarget ctTarget = F.createIptCtTarget();
		ctTarget.setZone(1);
		zone.getMatches().add(in);
		zone.getMatches().add(notLan);
		zone.setTarget(ctTarget);
		raw.getRules().add(zone);
		ipt.getTables().add(raw);
		router.getIptablesRulesets().add(ipt);

		Namespace pc = F.createNamespace();
		pc.setName("pc");
		network.getNamespaces().add(router);
		network.getNamespaces().add(pc);
		Probe ping = F.createProbe();
		ping.setName("pc-ping");
		ping.setProtocol(ProbeProtocol.PING);
		ping.setFrom(pc);
		ping.setDst(IpAddress.parse("198.51.100.10"));
		network.getProbes().add(ping);
		Expectation expect = F.createExpectation();
		expect.setProbeRef(ping);
		expect.setOutcome(OutcomeKind.DROPPED);
		expect.setAt(router);
		ReplyExpectation reply = F.createReplyExpectation();
		reply.setKind(ReplyKind.NONE);
		expect.setReply(reply);
		network.getExpectations().add(expect);

		XtextResourceSet set = Nwp.resourceSet();
		XtextResource r = (XtextResource) set.createResource(URI.createURI(Nwp.BASE + "built.nwp"));
		r.getContents().add(network);
		String text = serialize(network, FORMATTED);
		assertEquals("""
				namespace router {
					interface eth1 { address 192.168.1.1/24 }
					interface eth0 { address 203.0.113.2/24 }
					route default via 203.0.113.1 dev eth0 metric 100
					nftables {
						flush ruleset
						table ip nat {
							chain postrouting {
								type nat hook postrouting priority srcnat; policy accept;
								oif eth0 ct state new,established masquerade
								accept comment "the rest"
							}
						}
					}
					iptables {
						*raw
						:PREROUTING ACCEPT
						-A PREROUTING -i eth1 ! -d 192.168.1.0/24 -j CT --zone 1
						COMMIT
					}
				}

				namespace pc {
				}
				probe pc-ping = ping from pc to 198.51.100.10
				expect pc-ping:
					dropped at router,
					reply none
				""", text);
		XtextResource again = reparse(r.getURI(), text);
		assertTrue(EcoreUtil.equals(network, again.getContents().get(0)), text);
	}

	/** Names the grammar reserves as keywords (a chain "log", a namespace "reply") are escaped as ^log. */
	@Test
	void keywordNamesAreEscaped() throws IOException {
		XtextResource r = Nwp.parse("namespace a {\n\tnftables {\n\t\ttable ip t {\n\t\t\tchain c {\n\t\t\t}\n\t\t}\n\t}\n}\n");
		Network network = (Network) r.getContents().get(0);
		network.getNamespaces().get(0).setName("reply");
		NftChain log = network.getNamespaces().get(0).getNftRulesets().get(0).getTables().get(0).getChains().get(0);
		log.setName("log");
		NftRule rule = F.createNftRule();
		NftVerdict jump = F.createNftVerdict();
		jump.setKind(NftVerdictKind.JUMP);
		jump.setChain(log);
		rule.getStatements().add(jump);
		log.getRules().add(rule);
		String text = serialize(network, FORMATTED);
		assertTrue(text.contains("namespace ^reply {") && text.contains("chain ^log {") && text.contains("jump ^log\n"), text);
		XtextResource again = reparse(r.getURI(), text);
		assertTrue(EcoreUtil.equals(network, again.getContents().get(0)), text);
		assertEquals("log", ((Network) again.getContents().get(0)).getNamespaces().get(0).getNftRulesets().get(0).getTables()
				.get(0).getChains().get(0).getName());
	}

	/** always/possibly survive a round trip as written: a written "always" stays, none written stays none. */
	@Test
	void quantifiersRoundTrip() throws IOException {
		String text = """
				namespace a {
				}
				expect ping from a to 10.0.0.1: possibly delivered to a
				expect ping from a to 10.0.0.2: always dropped at a
				expect ping from a to 10.0.0.3: rejected at a
				""";
		XtextResource r = Nwp.parse(text);
		Network network = (Network) r.getContents().get(0);
		assertEquals(org.netwright.model.Quantifier.POSSIBLY, network.getExpectations().get(0).getQuantifier());
		assertTrue(network.getExpectations().get(1).isSetQuantifier());
		assertEquals(org.netwright.model.Quantifier.ALWAYS, network.getExpectations().get(1).getQuantifier());
		assertFalse(network.getExpectations().get(2).isSetQuantifier(), "none written: the default, always");
		assertEquals(org.netwright.model.Quantifier.ALWAYS, network.getExpectations().get(2).getQuantifier());
		assertRoundTrip(r, FORMATTED);
		assertRoundTrip(r, SaveOptions.defaultOptions());
		assertEquals(text, serialize(network, FORMATTED));
		network.getExpectations().get(2).setQuantifier(org.netwright.model.Quantifier.POSSIBLY);
		String changed = serialize(network, FORMATTED);
		assertTrue(changed.matches("(?s).*10\\.0\\.0\\.3:\\s+possibly rejected at a\n.*"), changed);
		assertEquals(org.netwright.model.Quantifier.POSSIBLY,
				((Network) reparse(r.getURI(), changed).getContents().get(0)).getExpectations().get(2).getQuantifier());
	}

	private static Address address(String ip, int length) {
		Address a = F.createAddress();
		a.setAddress(IpAddress.parse(ip));
		a.setPrefixLength(length);
		return a;
	}

	private static NftLiteral literal(String value) {
		NftLiteral l = F.createNftLiteral();
		l.setValue(value);
		return l;
	}

	@Test
	void neighbourAddedInCodeRoundTrips() throws IOException {
		Path file = Path.of(System.getProperty("netwright.examples", "../../examples"), "003-distributed-stateless-nat",
				"topology.nwp");
		XtextResource r = load(file);
		Namespace node2 = ((Network) r.getContents().get(0)).getNamespaces().stream()
				.filter(n -> "node2".equals(n.getName())).findFirst().orElseThrow();
		org.netwright.model.Neighbour nb = F.createNeighbour();
		nb.setAddress(IpAddress.parse("10.5.5.201"));
		nb.setLladdr("02:00:00:00:02:01");
		nb.setDev(node2.getInterfaces().stream().filter(i -> "guestbr0".equals(i.getName())).findFirst().orElseThrow());
		node2.getNeighbours().add(nb);
		String text = serialize(r.getContents().get(0), FORMATTED);
		assertTrue(text.contains("\tneigh 10.5.5.201 lladdr 02:00:00:00:02:01 dev guestbr0\n"), text);
		assertRoundTrip(r, FORMATTED);
	}
}
