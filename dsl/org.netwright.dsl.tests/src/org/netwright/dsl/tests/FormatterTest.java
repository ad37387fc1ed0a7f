package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The formatter: every example is already in canonical form and survives having its indentation removed and its
 * spaces tripled; and one test per grammar construct, from untidy text to the canonical layout.
 */
class FormatterTest {

	static String format(String text) {
		return format(Nwp.parse(text));
	}

	static String format(XtextResource r) {
		assertTrue(!r.getParseResult().hasSyntaxErrors(), () -> "input does not parse: " + r.getErrors());
		ITextRegionAccess access = Nwp.INJECTOR.getInstance(TextRegionAccessBuilder.class).forNodeModel(r).create();
		FormatterRequest request = Nwp.INJECTOR.getInstance(FormatterRequest.class);
		request.setTextRegionAccess(access);
		List<Exception> problems = new java.util.ArrayList<>();
		request.setExceptionHandler(problems::add);
		List<ITextReplacement> replacements = Nwp.INJECTOR.getInstance(IFormatter2.class).format(request);
		assertTrue(problems.isEmpty(), () -> "the formatter's rules conflict: " + problems);
		return access.getRewriter().renderToString(replacements);
	}

	private static void assertFormatted(String expected, String untidy) {
		assertEquals(expected, format(untidy));
		assertEquals(expected, format(expected), "formatting is idempotent");
	}

	/** No indentation, every space outside strings and comments tripled. */
	static String untidy(String text) {
		StringBuilder out = new StringBuilder();
		for (String line : text.split("\n", -1)) {
			String stripped = line.strip();
			boolean quoted = false;
			for (int i = 0; i < stripped.length(); i++) {
				char c = stripped.charAt(i);
				if (c == '"') {
					quoted = !quoted;
				}
				if (!quoted && c == '#') {
					out.append(stripped.substring(i));
					break;
				}
				out.append(c == ' ' && !quoted ? "   " : String.valueOf(c));
			}
			out.append('\n');
		}
		return out.substring(0, out.length() - 1);
	}

	@ParameterizedTest
	@MethodSource("org.netwright.dsl.tests.ExamplesParseTest#examples")
	void examplesAreCanonical(Path file) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		XtextResource r = (XtextResource) Nwp.resourceSet()
				.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
		assertEquals(text, format(r), file + " is not in canonical form");
	}

	@ParameterizedTest
	@MethodSource("org.netwright.dsl.tests.ExamplesParseTest#examples")
	void untidyExamplesFormatBackToCanonical(Path file) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		String formatted = format(untidy(text));
		assertEquals(text, formatted, file.toString());
		assertEquals(formatted, format(formatted), "idempotent");
	}

	@Test
	void importsAndFileLevelSpacing() {
		assertFormatted("import \"a.nwp\"\nimport \"b.nwp\"\n\nnamespace x {\n}\n\nnamespace y {\n}\nlink x:e <-> y:e\n",
				"\n\n  import   \"a.nwp\" import \"b.nwp\"  namespace x { }   namespace y {\n\n}  link x:e<->y:e");
	}

	@Test
	void headerCommentStaysAsWritten() {
		assertFormatted("# a header\n\n# more\nnamespace x {\n}\n", "# a header\n\n# more\nnamespace x {}");
	}

	@Test
	void namespaceBodyOneElementPerLine() {
		assertFormatted("""
				namespace nat-box "Linux NAT router" {
					loopback lo
					interface eth0 { address 18.4.5.6/24 }
					sysctl net.ipv4.ip_forward = 1
					modprobe br_netfilter
					listen udp 2104 on 18.4.5.6

					route default via 18.4.5.1 dev eth0
				}
				""", "namespace nat-box   \"Linux NAT router\" {loopback lo interface eth0 {address 18.4.5.6/24} "
				+ "sysctl net.ipv4.ip_forward=1 modprobe br_netfilter listen udp 2104 on 18.4.5.6\n\n\n\nroute default via 18.4.5.1 dev eth0}");
	}

	@Test
	void interfaceBodies() {
		assertFormatted("""
				namespace n {
					interface eth1 {
						mac 0a:00:00:00:01:00
						mtu 1400
						down
						address 1.1.1.1/24 label "eth1:1"
						address 1.1.1.2/24 secondary label "eth1:2"
					}
					dummy d { address 10.0.0.1/32 }
					veth v0 <-> m:v1 { address 10.1.0.1/24 }
					bridge br0 ports eth1, v0
					vlan eth1.100 link eth1 id 100
				}
				""", "namespace n { interface eth1 { mac 0a:00:00:00:01:00 mtu 1400 down address 1.1.1.1 / 24 label \"eth1:1\" "
				+ "address 1.1.1.2/24 secondary label \"eth1:2\" }\ndummy d {\naddress 10.0.0.1/32\n} veth v0<->m:v1{address 10.1.0.1/24}"
				+ " bridge br0 ports eth1 ,v0 vlan eth1.100 link eth1 id 100 }".replace(" / ", "/"));
	}

	@Test
	void routingLines() {
		assertFormatted("""
				namespace h {
					routing-table 100
					routing-table isp id 200
					rule from 10.10.1.0/24 iif eth0 lookup 100 priority 100
					rule not fwmark 0x2/0xff table isp pref 5
					route unreachable 10.0.0.0/8 metric 10
					route default via 172.16.202.1 dev eth0 table 100 proto static metric 100 src 10.0.0.1
				}
				""", "namespace h { routing-table 100 routing-table isp id 200 rule from 10.10.1.0/24   iif eth0 lookup 100 priority 100\n"
				+ "rule not fwmark 0x2/0xff table isp pref 5 route unreachable 10.0.0.0/8 metric 10\n"
				+ "route default via 172.16.202.1 dev eth0 table 100 proto static metric 100 src 10.0.0.1 }");
	}

	@Test
	void nftablesBlockTableChainAndHookLine() {
		assertFormatted("""
				namespace n {
					nftables {
						define nic = xenbr0
						flush ruleset

						table netdev cluster {
							chain inbound {
								type filter hook ingress devices = { eth1.100, eth2.100 } priority -500;
								ether saddr & ff:ff:ff:00:00:00 == 0a:00:00:00:00:00 meta mark set 0x01
							}
						}
						table ip nat {
							chain postrouting {
								type nat hook postrouting priority srcnat + 10; policy accept;
								oif $nic ip saddr 10.5.5.0/24 snat to 192.168.122.11
							}
							chain regular {
							}
						}
					}
				}
				""", "namespace n { nftables { define nic=xenbr0 flush ruleset\n\n table netdev cluster { chain inbound { type filter hook "
				+ "ingress devices={eth1.100,eth2.100} priority -500 ;\n ether saddr&ff:ff:ff:00:00:00==0a:00:00:00:00:00 meta mark set 0x01\n}}"
				+ " table ip nat { chain postrouting { type nat hook postrouting priority srcnat + 10 ;policy accept;\n"
				+ "oif $nic ip saddr 10.5.5.0/24   snat to 192.168.122.11\n} chain regular {} } } }");
	}

	@Test
	void nftRulesOnePerLineWithCommentsAndBlankLines() {
		assertFormatted("""
				namespace n {
					nftables {
						table inet filter {
							chain forward {
								type filter hook forward priority filter; policy drop;
								ct state established,related accept # replies

								# the LAN may go out
								iifname "eth1" oifname "eth0" accept comment "LAN"
								tcp dport { 22, 80-90 } counter packets 0 bytes 0 reject with tcp reset
								ip saddr @blocked log prefix "x: " level warn drop
								meta l4proto tcp jump tcp-in
							}
						}
					}
				}
				""", "namespace n {\nnftables {\ntable inet filter {\nchain forward {\ntype filter hook forward priority filter;   policy drop;\n"
				+ "ct state established,related   accept   # replies\n\n\n\n# the LAN may go out\n  iifname \"eth1\" oifname \"eth0\" accept comment \"LAN\"\n"
				+ "tcp dport {22,80-90} counter packets 0 bytes 0 reject with tcp reset\nip saddr @blocked log prefix \"x: \" level warn drop\n"
				+ "meta l4proto tcp jump tcp-in\n}}}}");
	}

	/** A priority offset as nft lists it keeps one space around its sign, however it was typed. */
	@Test
	void priorityOffsetIsSingleSpaced() {
		assertFormatted("""
				namespace n {
					nftables {
						table ip t {
							chain pre {
								type filter hook prerouting priority dstnat - 10; policy accept;
							}
						}
					}
				}
				""", "namespace n { nftables { table ip t { chain pre { type filter hook prerouting priority dstnat  -   10; policy accept;\n} } } }");
	}

	@Test
	void natStatementForms() {
		assertFormatted("""
				namespace n {
					nftables {
						table ip nat {
							chain pre {
								type nat hook prerouting priority dstnat;
								tcp dport 8080 dnat to 192.168.1.10:80
								dnat ip to 10.0.0.1-10.0.0.9
								tcp dport 80 redirect to :8080
								dnat to tcp dport map { 80 : 10.0.0.1, 443 : 10.0.0.2 }
								dnat to ip saddr map @m
							}
							chain post {
								type nat hook postrouting priority srcnat;
								meta l4proto tcp masquerade to :1000-2000 random persistent
								notrack
							}
						}
					}
				}
				""", "namespace n { nftables { table ip nat { chain pre { type nat hook prerouting priority dstnat;\n"
				+ "tcp dport 8080 dnat to 192.168.1.10:80\ndnat ip to 10.0.0.1-10.0.0.9\ntcp dport 80 redirect to :8080\n"
				+ "dnat to tcp dport map {80:10.0.0.1,443:10.0.0.2}\ndnat to ip saddr map @m\n}\nchain post { type nat hook postrouting priority srcnat;\n"
				+ "meta l4proto tcp masquerade to :1000-2000 random persistent\nnotrack\n} } } }");
	}

	@Test
	void ipv6Forms() {
		assertFormatted("""
				namespace n {
					interface eth0 {
						address 2001:db8::1/64
						address fe80::1/64
					}
					route ::/0 via fe80::2 dev eth0
					nftables {
						table ip6 nat {
							chain pre {
								type nat hook prerouting priority dstnat;
								tcp dport 80 dnat to [2001:db8::1]:8080
								tcp dport 81 dnat to [2001:db8::1]-[2001:db8::5]:8080-8090
								ip6 daddr 2001:db8::a-2001:db8::f dnat to 2001:db8::1
								ip6 daddr vmap { 2001:db8::1 : accept, ::ffff:10.0.0.1 : drop }
							}
						}
					}
					ip6tables {
						*nat
						-A PREROUTING -p tcp -m tcp --dport 80 -j DNAT --to-destination [2001:db8::2-2001:db8::a]:8080
						COMMIT
					}
				}
				expect tcp from n to [2001:db8::1]:80: delivered to n with dst [2001:db8::1]:8080
				expect ping from n to 2001:db8::1: delivered to n
				""", "namespace n { interface eth0 {address 2001:db8::1/64   address fe80::1/64}\nroute ::/0   via fe80::2 dev eth0\n"
				+ "nftables { table ip6 nat { chain pre { type nat hook prerouting priority dstnat;\n"
				+ "tcp dport 80 dnat to [ 2001:db8::1 ] : 8080\ntcp dport 81 dnat to [2001:db8::1] - [2001:db8::5]:8080-8090\n"
				+ "ip6 daddr 2001:db8::a-2001:db8::f   dnat to 2001:db8::1\nip6 daddr vmap {2001:db8::1 :accept,  ::ffff:10.0.0.1 : drop}\n} } }\n"
				+ "ip6tables {\n*nat\n-A PREROUTING -p tcp -m tcp --dport 80 -j DNAT --to-destination [ 2001:db8::2-2001:db8::a ]:8080\nCOMMIT\n} }\n"
				+ "expect tcp from n to [2001:db8::1] :80 :   delivered to n with dst [2001:db8::1]:8080\n"
				+ "expect ping from n to 2001:db8::1 : delivered to n\n");
	}

	@Test
	void setsAndMaps() {
		assertFormatted("""
				namespace n {
					nftables {
						table ip t {
							set web {
								type inet_service;
								flags interval;
								elements = { 80, 443, 8000-8080 }
							}
							map m {
								type ipv4_addr : ipv4_addr
								elements = { 10.0.0.1 : 192.168.1.1 }
							}
						}
					}
				}
				""", "namespace n { nftables { table ip t { set web { type inet_service; flags interval; elements = { 80,443,8000-8080 } }"
				+ " map m { type ipv4_addr:ipv4_addr elements={10.0.0.1:192.168.1.1} } } } }");
	}

	@Test
	void iptablesSaveLinesStayLines() {
		assertFormatted("""
				namespace n {
					iptables {
						*nat
						:PREROUTING ACCEPT [0:0]
						:MYCHAIN - [0:0]
						-A PREROUTING -p udp -i eth0 -d 18.4.5.6 -s 18.7.15.82 -j DNAT --to 10.1.2.3
						-A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o eth0 -j MASQUERADE --to-ports 1000-2000 --random
						-A MYCHAIN -p tcp -m tcp --sport 1024:65535 -m multiport --dports 80,443 -j SNAT --to-source 1.1.1.1-1.1.1.3:1000-2000 --persistent --random-fully
						COMMIT
						*filter
						-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "ok" -j ACCEPT
						-A FORWARD -m policy --dir out --pol ipsec --proto esp --mode tunnel -j ACCEPT
						-A INPUT -m mark --mark 0x1/0xff -m addrtype --dst-type LOCAL -m iprange --src-range 10.0.0.1-10.0.0.9 -j LOG --log-prefix "in: "
						-A OUTPUT -p icmp -m icmp --icmp-type echo-request -j REJECT --reject-with icmp-port-unreachable
						-A OUTPUT -m set --match-set blocked dst -j DROP
						COMMIT
						*raw
						-A PREROUTING -i eth1 -j CT --zone 1
						-A PREROUTING -j CONNMARK --restore-mark
						-A OUTPUT -j MARK --set-mark 0x2/0xff
						COMMIT
					}
				}
				""", untidy("""
				namespace n { iptables { *nat :PREROUTING ACCEPT [0:0] :MYCHAIN - [0:0]
				-A PREROUTING -p udp -i eth0 -d 18.4.5.6 -s 18.7.15.82 -j DNAT --to 10.1.2.3 -A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o eth0 -j MASQUERADE --to-ports 1000-2000 --random
				-A MYCHAIN -p tcp -m tcp --sport 1024:65535 -m multiport --dports 80,443 -j SNAT --to-source 1.1.1.1-1.1.1.3:1000-2000   --persistent --random-fully
				COMMIT *filter
				-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "ok" -j ACCEPT
				-A FORWARD -m policy --dir out --pol ipsec --proto esp --mode tunnel -j ACCEPT
				-A INPUT -m mark --mark 0x1/0xff -m addrtype --dst-type LOCAL -m iprange --src-range 10.0.0.1-10.0.0.9 -j LOG --log-prefix "in: "
				-A OUTPUT -p icmp -m icmp --icmp-type echo-request -j REJECT --reject-with icmp-port-unreachable
				-A OUTPUT -m set --match-set blocked dst -j DROP
				COMMIT *raw -A PREROUTING -i eth1 -j CT --zone 1 -A PREROUTING -j CONNMARK --restore-mark -A OUTPUT -j MARK --set-mark 0x2/0xff COMMIT } }"""));
	}

	@Test
	void xfrmTemplatesUnderTheirPolicy() {
		assertFormatted("""
				namespace home {
					xfrm state src 200.2.2.2 dst 100.1.1.1 proto esp spi 0x1001 mode tunnel reqid 1 sel src 192.0.2.0/24
					xfrm policy src 192.0.2.0/24 dst 10.0.0.0/8 proto tcp dport 80 dir out priority 10 action allow
						tmpl src 200.2.2.2 dst 100.1.1.1 proto esp mode tunnel reqid 1 level required
						tmpl proto ah mode transport level use
					route default dev eth0
				}
				""", "namespace home { xfrm state src 200.2.2.2 dst 100.1.1.1 proto esp spi 0x1001 mode tunnel reqid 1 sel src 192.0.2.0/24 "
				+ "xfrm policy src 192.0.2.0/24 dst 10.0.0.0/8 proto tcp dport 80 dir out priority 10 action allow tmpl src 200.2.2.2 dst 100.1.1.1 "
				+ "proto esp mode tunnel reqid 1 level required tmpl proto ah mode transport level use route default dev eth0 }");
	}

	@Test
	void quantifiersTakeOneSpace() {
		assertFormatted("""
				expect ping from c to 10.0.0.1: possibly delivered to s
				expect ping from c to 10.0.0.1: always dropped at r
				""", "expect ping from c to 10.0.0.1 :possibly    delivered to s\nexpect ping from c to 10.0.0.1:always\tdropped at r");
	}

	@Test
	void expectationsKeepTheirSentenceBreaks() {
		assertFormatted("""
				probe web = tcp from pc:40000 to 198.51.100.10:80 flags syn
				expect web: delivered to inet with src 203.0.113.2:40000, reply delivered to pc with src 198.51.100.10:80
				expect "unsolicited"
					udp from inet:2103 src 18.7.15.75 to 18.4.5.6:2104 payload "x":
					dropped at nat-box,
					conntrack absent in nat-box zone 1 orig src 18.7.15.75:2103 dst 18.4.5.6:2104 reply dst 1.2.3.4
				expect esp from c to 2.2.2.2 spi 0x1001 mark 0x1: rejected at r, reply port-unreachable
				""", "probe web=tcp from pc:40000 to 198.51.100.10:80 flags syn expect web : delivered to inet with src 203.0.113.2:40000 ,"
				+ " reply delivered to pc with src 198.51.100.10:80\nexpect \"unsolicited\"\nudp from inet:2103 src 18.7.15.75 to 18.4.5.6:2104 payload \"x\" :\n"
				+ "dropped at nat-box ,\n conntrack absent in nat-box zone 1 orig src 18.7.15.75:2103 dst 18.4.5.6:2104 reply dst 1.2.3.4\n"
				+ "expect esp from c to 2.2.2.2 spi 0x1001 mark 0x1: rejected at r,reply port-unreachable");
	}

	@Test
	void scenarios() {
		assertFormatted("""
				scenario two-clients "one after the other" {
					expect esp from client1 to 2.2.2.2:
						delivered to vpn with src 1.1.1.1,
						reply delivered to client1
					expect esp from client2 to 2.2.2.2: dropped at router
				}
				""", "scenario two-clients \"one after the other\" { expect esp from client1 to 2.2.2.2:\n delivered to vpn with src 1.1.1.1,\n"
				+ "reply delivered to client1 expect esp from client2 to 2.2.2.2: dropped at router }");
	}

	@Test
	void neighbourEntryOnItsLine() {
		assertFormatted("namespace n {\n\tinterface eth0\n\tneigh 10.0.0.2 lladdr 02:00:00:00:02:01 dev eth0\n}\n",
				"namespace n { interface eth0   neigh  10.0.0.2 lladdr 02:00:00:00:02:01\tdev eth0 }");
	}

	@Test
	void nftDeclarationsObjectsAndTheGeneratorsStatements() {
		String canonical = """
				namespace n {
					nftables {
						table ip kube-proxy {
							comment "rules for kube-proxy"
							set affinity-X-ns1/lb/tcp/http__10.244.1.6/8080 {
								type ipv4_addr . inet_service
								size 65535
								flags dynamic, timeout
								timeout 3h
								comment "affinity"
								elements = { 10.0.0.1 . 80 timeout 10s comment "one" }
							}
							map service-ips {
								type ipv4_addr . inet_proto . inet_service : verdict
								elements = { 172.30.0.10 . tcp . 80 : goto services }
							}
							counter drops {
								packets 0 bytes 0
							}
							chain services {
								comment "dispatch"
								ip daddr . meta l4proto . th dport vmap @service-ips
								numgen random mod 2 vmap { 0 : goto services, 1 : accept }
								update @affinity-X-ns1/lb/tcp/http__10.244.1.6/8080 { ip saddr . tcp dport }
								meta mark set meta mark & 0x0000ff00 | 0x00004000
								fib daddr type local jhash ip saddr mod 2 seed 0x1 0 accept
							}
						}
					}
				}
				""";
		assertFormatted(canonical, untidy(canonical));
	}
}
