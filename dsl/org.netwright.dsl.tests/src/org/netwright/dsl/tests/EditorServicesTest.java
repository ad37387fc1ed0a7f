package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.netwright.dsl.ide.editor.NetwrightEditorServices;
import org.netwright.dsl.ide.editor.NetwrightEditorServices.Document;
import org.netwright.dsl.ide.highlighting.NetwrightHighlighting;
import org.netwright.dsl.ide.hover.NetwrightHover;
import org.netwright.dsl.ide.outline.NetwrightOutline;
import org.netwright.dsl.validation.IssueCodes;

/** The editor services without LSP (what the desktop editor calls): text in, proposals/hovers/symbols/edits out. */
class EditorServicesTest {

	private static final NetwrightEditorServices SERVICES = QuickFixTest.SERVICES;
	private static final Path EXAMPLES = Path.of(System.getProperty("netwright.examples", "../../examples"));

	private static final String MODEL = """
			namespace client {
				loopback lo
				veth veth0 <-> router:lan { address 10.1.2.3/24 }
				route default via 10.1.2.1 dev veth0
			}
			namespace router {
				veth lan <-> client:veth0 { address 10.1.2.1/24 }
				interface wan { address 203.0.113.2/24 }
				nftables {
					table ip nat {
						chain postrouting {
							type nat hook postrouting priority srcnat; policy accept;
							oif wan masquerade
							jump tcp-in
						}
						chain tcp-in {
						}
					}
				}
				iptables {
					*filter
					-A FORWARD -i lan -j ACCEPT
					COMMIT
				}
			}
			expect "out" ping from client to 198.51.100.1: delivered to router
			""";

	/** {@code text} with "|" marking the cursor. */
	private static List<String> proposalsAt(String textWithCursor) {
		int offset = textWithCursor.indexOf('|');
		Document doc = SERVICES.open("mem:/editor/main.nwp", textWithCursor.replace("|", ""));
		return doc.complete(offset).stream().map(NetwrightEditorServices.Proposal::insertText).toList();
	}

	private static String withCursor(String anchor, String insert) {
		int i = MODEL.indexOf(anchor);
		assertTrue(i >= 0, anchor);
		return MODEL.substring(0, i + anchor.length()) + insert + "|" + MODEL.substring(i + anchor.length());
	}

	@Test
	void theFixtureIsValid() {
		List<NetwrightEditorServices.Diagnostic> errors = SERVICES.open("mem:/editor/main.nwp", MODEL).diagnostics().stream()
				.filter(d -> d.severity() == NetwrightEditorServices.Severity.ERROR).toList();
		assertTrue(errors.isEmpty(), errors.toString());
	}

	@Test
	void diagnosticsCarryLineColumnCodeAndData() {
		Document doc = SERVICES.open("mem:/editor/main.nwp", "namespace a {\n\tveth abcdefghijklmnop\n}\n");
		NetwrightEditorServices.Diagnostic d = doc.diagnostics().stream()
				.filter(x -> IssueCodes.INTERFACE_NAME_TOO_LONG.equals(x.code())).findFirst().orElseThrow();
		assertEquals(2, d.line());
		assertEquals(7, d.column());
		assertEquals(List.of("abcdefghijklmnop"), d.data());
		assertEquals("abcdefghijklmnop".length(), d.length());
	}

	@Test
	void interfaceNamesAfterIifAndMinusI() {
		List<String> nft = proposalsAt(withCursor("oif wan masquerade\n", "\t\t\t\tiif "));
		assertTrue(nft.containsAll(List.of("lan", "wan")), nft.toString());
		assertFalse(nft.contains("veth0"), "only the namespace's own interfaces: " + nft);
		List<String> byName = proposalsAt(withCursor("oif wan masquerade\n", "\t\t\t\tiifname "));
		assertTrue(byName.contains("\"lan\""), byName.toString());
		List<String> ipt = proposalsAt(withCursor("-A FORWARD -i lan -j ACCEPT\n", "\t\t-A FORWARD -o "));
		assertTrue(ipt.containsAll(List.of("lan", "wan")), ipt.toString());
	}

	@Test
	void onlyRegularChainsAfterJump() {
		List<String> chains = proposalsAt(withCursor("jump tcp-in\n", "\t\t\t\tjump "));
		assertTrue(chains.contains("tcp-in"), chains.toString());
		assertFalse(chains.contains("postrouting"), "base chains cannot be jumped to: " + chains);
		assertTrue(chains.stream().noneMatch(c -> c.contains(":")), "only writable names: " + chains);
	}

	@Test
	void namespacesAfterFromAndDeliveredTo() {
		List<String> from = proposalsAt(MODEL + "expect ping from |");
		assertTrue(from.containsAll(List.of("client", "router")), from.toString());
		List<String> to = proposalsAt(MODEL + "expect ping from client to 198.51.100.1: delivered to |");
		assertTrue(to.containsAll(List.of("client", "router")), to.toString());
	}

	@Test
	void addressesAfterToAndNeighboursAfterVia() {
		List<String> dst = proposalsAt(MODEL + "expect ping from client to |");
		assertTrue(dst.contains("203.0.113.2") && dst.contains("10.1.2.1"), dst.toString());
		assertFalse(dst.contains("10.1.2.3"), "not the sender's own address: " + dst);
		List<String> via = proposalsAt(withCursor("route default via 10.1.2.1 dev veth0\n", "\troute 10.9.0.0/16 via "));
		assertTrue(via.contains("10.1.2.1"), via.toString());
	}

	@Test
	void keywordsWithoutPunctuation() {
		List<String> body = proposalsAt(withCursor("\tloopback lo\n", "\t"));
		assertTrue(body.containsAll(List.of("interface", "veth", "route", "nftables", "iptables", "sysctl")), body.toString());
		assertFalse(body.contains(";"), body.toString());
	}

	@Test
	void hoverExplainsKeywordsAndNames() {
		Document doc = SERVICES.open("mem:/editor/main.nwp", MODEL);
		assertTrue(hoverAt(doc, "masquerade").contains("source NAT to the address of the interface"), hoverAt(doc, "masquerade"));
		assertTrue(hoverAt(doc, "srcnat;").contains("**100**"), hoverAt(doc, "srcnat;"));
		assertTrue(hoverAt(doc, "postrouting priority").contains("after routing"), hoverAt(doc, "postrouting priority"));
		assertTrue(hoverAt(doc, "ACCEPT").contains("ACCEPT"), hoverAt(doc, "ACCEPT"));
		String dev = hoverAt(doc, "veth0\n}");
		assertTrue(dev.contains("veth veth0 <-> router:lan 10.1.2.3/24") && dev.contains("namespace client"), dev);
		String gateway = hoverAt(doc, "10.1.2.1 dev");
		assertTrue(gateway.contains("address of router:lan"), gateway);
		NetwrightHover.Hover h = doc.hover(MODEL.indexOf("masquerade") + 3).orElseThrow();
		assertEquals(MODEL.indexOf("masquerade"), h.offset());
		assertEquals("masquerade".length(), h.length());
	}

	private static String hoverAt(Document doc, String anchor) {
		int i = MODEL.indexOf(anchor);
		assertTrue(i >= 0, anchor);
		return doc.hover(i + 1).map(NetwrightHover.Hover::markdown).orElse("(no hover)");
	}

	@Test
	void outlineOfAnExample() throws Exception {
		Path file = EXAMPLES.resolve("001-policy-routing-twice/topology.nwp");
		Document doc = SERVICES.open(file.toUri().toString(), Files.readString(file, StandardCharsets.UTF_8));
		List<NetwrightOutline.Node> outline = doc.outline();
		assertEquals(List.of("client", "proxy", "host", "inet", "link host:enp4s0 <-> inet:eth0"),
				outline.stream().map(NetwrightOutline.Node::label).toList());
		NetwrightOutline.Node host = outline.get(2);
		Set<String> labels = host.children().stream().map(NetwrightOutline.Node::label).collect(Collectors.toSet());
		assertTrue(labels.containsAll(Set.of("enp4s0", "client-veth0", "routing-table 100",
				"rule from 10.10.1.0/24 iif client-veth0 lookup 100 priority 100")), labels.toString());
		assertEquals(doc.text().indexOf("host {"), host.selectionOffset());
		assertEquals(NetwrightOutline.Kind.NAMESPACE, host.kind());
	}

	@Test
	void highlightingKnowsWhatNamesDenote() {
		Document doc = SERVICES.open("mem:/editor/main.nwp", "# c\n" + MODEL);
		List<NetwrightHighlighting.Highlight> hs = doc.highlights();
		String text = doc.text();
		assertEquals(List.of(NetwrightHighlighting.COMMENT), styleAt(hs, 0));
		assertEquals(List.of(NetwrightHighlighting.NAMESPACE, NetwrightHighlighting.DECLARATION), styleAt(hs, text.indexOf("client")));
		assertEquals(List.of(NetwrightHighlighting.INTERFACE), styleAt(hs, text.indexOf("router:lan")));
		assertEquals(List.of(NetwrightHighlighting.ADDRESS), styleAt(hs, text.indexOf("10.1.2.3/24")));
		assertEquals(List.of(NetwrightHighlighting.NAT), styleAt(hs, text.indexOf("masquerade")));
		assertEquals(List.of(NetwrightHighlighting.ACCEPT), styleAt(hs, text.indexOf("ACCEPT")));
		assertEquals(List.of(NetwrightHighlighting.CHAIN), styleAt(hs, text.indexOf("tcp-in")));
		assertEquals(List.of(NetwrightHighlighting.INTERFACE), styleAt(hs, text.indexOf("wan masquerade")));
		assertEquals(List.of(NetwrightHighlighting.KEYWORD), styleAt(hs, text.indexOf("namespace")));
		for (int i = 1; i < hs.size(); i++) {
			assertTrue(hs.get(i - 1).offset() + hs.get(i - 1).length() <= hs.get(i).offset(), "sorted, no overlap: " + hs.get(i));
		}
	}

	private static List<String> styleAt(List<NetwrightHighlighting.Highlight> hs, int offset) {
		return hs.stream().filter(h -> h.offset() == offset).findFirst().map(NetwrightHighlighting.Highlight::styles)
				.orElse(List.of());
	}

	@Test
	void formatReturnsEdits() {
		Document doc = SERVICES.open("mem:/editor/main.nwp", "namespace  a{interface e{address 10.0.0.1/24}}");
		assertEquals("namespace a {\n\tinterface e { address 10.0.0.1/24 }\n}\n", doc.formatted());
		assertTrue(SERVICES.open("mem:/editor/main.nwp", "namespace a {").format().isEmpty(), "no formatting with syntax errors");
	}

	@Test
	void definitionOfAReference() {
		Document doc = SERVICES.open("mem:/editor/main.nwp", MODEL);
		NetwrightEditorServices.Location l = doc.definition(MODEL.indexOf("tcp-in\n") + 1).orElseThrow();
		assertEquals("mem:/editor/main.nwp", l.uri());
		assertEquals(MODEL.indexOf("tcp-in {"), l.offset());
	}
}
