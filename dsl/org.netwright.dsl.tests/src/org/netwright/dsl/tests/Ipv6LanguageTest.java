package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.resource.SaveOptions;
import org.junit.jupiter.api.Test;
import org.netwright.dsl.validation.IssueCodes;
import org.netwright.dsl.writer.NwpWriter;
import org.netwright.model.Expectation;
import org.netwright.model.Interface;
import org.netwright.model.IptIcmpMatch;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.Namespace;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftNat;
import org.netwright.model.Probe;
import org.netwright.model.Route;
import org.netwright.model.XfrmState;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.IpAddress.Family;

/**
 * IPv6 in the language: addresses and prefixes wherever IPv4 ones go, told apart from MAC addresses, an address and
 * a port, names and counters that share their characters; nft and ip6tables NAT with bracketed addresses before
 * ports; the validator's family checks; and the serializer and NwpWriter writing it all back.
 */
class Ipv6LanguageTest {

    /** Every IPv6 form next to the IPv4, MAC, port and name forms it could be confused with. */
    static final String DUAL = """
            namespace a {
                interface eth0 {
                    mac 0a:00:00:00:01:00
                    address 10.0.0.1/24
                    address 2001:db8:1::1/64
                    address fe80::1/64
                    address 2001:db8:1:0:a8c3:2ff:fe12:3456/64
                }
                sysctl net.ipv6.conf.all.forwarding = 1
                sysctl net.ipv6.conf.eth0.accept_ra = 2
                listen tcp 80 on 2001:db8:1::1
                routing-table 100
                route ::/0 via fe80::2 dev eth0
                route default via 2001:db8:1::ff dev eth0 table 100
                route 2001:db8:2::/64 dev eth0 metric 10 src 2001:db8:1::1
                route default via 10.0.0.254
                rule from 2001:db8:1::/64 lookup 100 priority 100
                neigh fe80::2 lladdr 0a:00:00:00:02:00 dev eth0
                nftables {
                    table ip6 f {
                        chain inbound {
                            type filter hook input priority 0; policy drop;
                            ip6 saddr { ::, ::1, fe80::1, 2001:db8::, ::ffff:10.0.0.1 } accept
                            ip6 daddr 2001:db8::a-2001:db8::f accept
                            ip6 daddr vmap { 2001:db8::1 : accept, fe80::1 : drop }
                            ether saddr 0a:00:00:00:01:00 accept
                            ip6 nexthdr icmpv6 icmpv6 type echo-request accept
                            tcp dport { 22, 80 } accept
                        }
                    }
                    table ip6 n {
                        chain pre {
                            type nat hook prerouting priority dstnat; policy accept;
                            tcp dport 80 dnat to [2001:db8::1]:8080
                            tcp dport 81 dnat to [2001:db8::1]-[2001:db8::5]:8080-8090
                            tcp dport 82 dnat to 2001:db8::1-2001:db8::5
                        }
                        chain post {
                            type nat hook postrouting priority srcnat; policy accept;
                            oifname "eth0" snat to 2001:db8:1::1
                        }
                    }
                    table inet i {
                        chain pre {
                            type nat hook prerouting priority dstnat; policy accept;
                            meta nfproto ipv6 tcp dport 80 dnat ip6 to [2001:db8::1]:8080
                            tcp dport 80 dnat ip to 10.0.0.1:8080
                        }
                    }
                }
                ip6tables {
                    *nat
                    :PREROUTING ACCEPT [0:0]
                    -A PREROUTING -d 2001:db8::1/128 -p tcp -m tcp --dport 80 -j DNAT --to-destination [2001:db8::2]:8080
                    -A PREROUTING -p tcp -m tcp --dport 82 -j DNAT --to-destination [2001:db8::2-2001:db8::a]:8080-8090
                    -A PREROUTING -p tcp -m tcp --dport 83 -j DNAT --to-destination 2001:db8::2
                    COMMIT
                    *filter
                    :INPUT ACCEPT [0:0]
                    -A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT
                    -A INPUT -m iprange --src-range 2001:db8::a-2001:db8::f -j ACCEPT
                    -A INPUT -s fe80::/10 -j ACCEPT
                    COMMIT
                }
                xfrm state src 2001:db8:1::1 dst 2001:db8:2::1 proto esp spi 0x100 mode tunnel reqid 1
                xfrm policy src 2001:db8:1::/64 dst 2001:db8:2::/64 dir out
                    tmpl src 2001:db8:1::1 dst 2001:db8:2::1 proto esp mode tunnel reqid 1
            }
            namespace b {
                interface eth0 { address 2001:db8:1::2/64 address 10.0.0.2/24 }
            }
            probe web6 = tcp from a to [2001:db8:1::2]:80
            expect ping from a to 2001:db8:1::2 : delivered to b
            expect tcp from a:1234 src 2001:db8:1::1 to [2001:db8:1::2]:80 : delivered to b with src [2001:db8:1::1]:1234 dst 2001:db8:1::2
            expect tcp from a to 10.0.0.2:80 : delivered to b
            """;

    @Test
    void everyFormParsesToItsValue() {
        XtextResource r = Nwp.parse(DUAL);
        assertTrue(r.getErrors().isEmpty(), () -> "syntax errors: " + r.getErrors());
        Namespace a = Nwp.network(r).getNamespaces().get(0);
        Interface eth0 = a.getInterfaces().get(0);
        assertEquals("0a:00:00:00:01:00", eth0.getMac());
        assertEquals(List.of("10.0.0.1", "2001:db8:1::1", "fe80::1", "2001:db8:1:0:a8c3:2ff:fe12:3456"),
                eth0.getAddresses().stream().map(x -> x.getAddress().toString()).toList());
        Route def6 = a.getRoutes().get(1);
        assertTrue(def6.getDestination().isAny());
        assertEquals(Family.IPV6, Families.of(def6), "default takes the family of its gateway");
        assertEquals(Family.IPV4, Families.of(a.getRoutes().get(3)));
        assertEquals(Family.IPV6, Families.of(a.getRoutes().get(0)));

        List<NftLiteral> set = EcoreUtil2.eAllOfType(a.getNftRulesets().get(0).getTables().get(0), NftLiteral.class);
        assertEquals(List.of("::", "::1", "fe80::1", "2001:db8::", "::ffff:10.0.0.1"), set.subList(0, 5).stream().map(NftLiteral::getValue).toList());
        NftLiteral range = set.get(5);
        assertEquals("2001:db8::a", range.getValue(), "a range whose first address ends in a letter");
        assertEquals("2001:db8::f", range.getRangeEnd());
        assertTrue(set.stream().anyMatch(l -> "0a:00:00:00:01:00".equals(l.getValue())), "the MAC stays a MAC");

        List<NftNat> nats = EcoreUtil2.eAllOfType(a.getNftRulesets().get(0), NftNat.class);
        assertEquals("2001:db8::1", nats.get(0).getAddress().toString());
        assertEquals("8080", nats.get(0).getPorts().toString());
        assertEquals("2001:db8::5", nats.get(1).getAddressEnd().toString());
        assertNull(nats.get(2).getPorts());
        assertEquals("10.0.0.1", nats.get(5).getAddress().toString());

        IptablesRuleset ip6t = a.getIptablesRulesets().get(0);
        assertTrue(ip6t.isIpv6());
        IptNatTarget range6 = (IptNatTarget) ip6t.getTables().get(0).getRules().get(1).getTarget();
        assertEquals("2001:db8::a", range6.getAddressEnd().toString());
        assertEquals("8080-8090", range6.getPorts().toString());
        assertTrue(EcoreUtil2.eAllOfType(ip6t, IptIcmpMatch.class).get(0).isIcmpv6());
        XfrmState sa = a.getXfrmStates().get(0);
        assertTrue(sa.getSrc().isIpv6() && sa.getDst().isIpv6());

        Probe web6 = Nwp.network(r).getProbes().get(0);
        assertEquals("2001:db8:1::2", web6.getDst().toString());
        assertEquals(80, web6.getDport());
        List<Expectation> expectations = Nwp.network(r).getExpectations();
        assertEquals(0, expectations.get(0).getProbe().getDport(), "a bare IPv6 destination has no port");
        assertEquals(1234, expectations.get(1).getObserved().getSport());
        assertEquals("10.0.0.2", expectations.get(2).getProbe().getDst().toString());
        assertEquals(80, expectations.get(2).getProbe().getDport());
    }

    @Test
    void theDualStackModelIsValid() {
        Nwp.assertNoErrors(Nwp.validate(Nwp.parse(DUAL)));
    }

    /** Text that looks like IPv6 but is not: each keeps its old meaning or is an error at its place. */
    @Test
    void lookalikesAreNotAddresses() {
        XtextResource r = Nwp.parse("""
                namespace ns { interface eth0 { address 10.0.0.1/24 } }
                namespace dead { interface beef { address 10.0.0.2/24 } }
                link ns:eth0 <-> dead:beef
                expect tcp from ns:1234 to 10.0.0.2:80 : delivered to dead
                """);
        assertTrue(r.getErrors().isEmpty(), () -> "syntax errors: " + r.getErrors());
        assertFalse(Nwp.parse(Nwp.router("route 2001:db8:::/64 dev eth0")).getErrors().isEmpty(), "':::' is no address");
        assertFalse(Nwp.parse(Nwp.router("route 2001:db8::/129 dev eth0")).getErrors().isEmpty(), "a /129 is no IPv6 prefix");
    }

    @Test
    void serializerAndWriterWriteIpv6Back() {
        XtextResource r = Nwp.parse(DUAL);
        String serialized = Nwp.INJECTOR.getInstance(ISerializer.class).serialize(Nwp.network(r),
                SaveOptions.newBuilder().format().getOptions());
        XtextResource again = Nwp.parse(serialized);
        assertTrue(again.getErrors().isEmpty(), () -> "serialized text does not parse: " + again.getErrors() + "\n" + serialized);

        NwpWriter.Result written = NwpWriter.write(Nwp.network(r), List.of("dual stack"));
        assertTrue(written.problems().stream().noneMatch(p -> p.contains("IPv")), () -> "IPv6 left out: " + written.problems());
        XtextResource reread = Nwp.parse(written.text());
        assertTrue(reread.getErrors().isEmpty(), () -> "written text does not parse: " + reread.getErrors() + "\n" + written.text());
        // the same text again, less the note that the probes and expectations are not written
        assertEquals(written.text().replace("\n# 4 probes, expectations and scenarios of the model are not written here\n", ""),
                NwpWriter.write(Nwp.network(reread), List.of("dual stack")).text(), "the writer's text is a fixpoint");
        assertTrue(written.text().contains("dnat to [2001:db8::1]-[2001:db8::5]:8080-8090"), written.text());
        assertTrue(written.text().contains("ip6tables {"), written.text());
        assertTrue(written.text().contains("--to-destination [2001:db8::2-2001:db8::a]:8080-8090"), written.text());
    }

    // ------------------------------------------------------------------ validation

    private static String nft(String family, String chainHead, String rule) {
        return Nwp.router("nftables { table " + family + " t { chain c { " + chainHead + "\n" + rule + "\n} } }");
    }

    @Test
    void aMatchOfTheOtherFamilyNeverMatches() {
        // a warning: nft loads such a rule (the nftables project's own tests have one), it only never matches
        var issue = Nwp.assertWarning(nft("ip6", "type filter hook input priority 0;", "ip daddr 10.0.0.1 accept"), IssueCodes.NFT_MATCH_FAMILY);
        assertEquals(List.of("ip6"), List.of(issue.getData()));
        Nwp.assertWarning(nft("ip", "type filter hook input priority 0;", "icmpv6 type echo-request accept"), IssueCodes.NFT_MATCH_FAMILY);
        Nwp.assertNoIssue(nft("inet", "type filter hook input priority 0;", "ip daddr 10.0.0.1 ip6 saddr ::1 accept"),
                IssueCodes.NFT_MATCH_FAMILY);
    }

    @Test
    void addressesOfTheOtherFamily() {
        var issue = Nwp.assertError(nft("ip", "type filter hook input priority 0;", "ip daddr 2001:db8::1 accept"), IssueCodes.ADDRESS_FAMILY);
        assertEquals(List.of("IPv4"), List.of(issue.getData()));
        Nwp.assertError(nft("inet", "type filter hook input priority 0;", "ip6 saddr { ::1, 10.0.0.1 } accept"), IssueCodes.ADDRESS_FAMILY);
        Nwp.assertError(nft("ip", "type nat hook prerouting priority dstnat;", "tcp dport 80 dnat to 2001:db8::1"), IssueCodes.ADDRESS_FAMILY);
        Nwp.assertError(nft("inet", "type nat hook prerouting priority dstnat;", "tcp dport 80 dnat ip to 2001:db8::1"), IssueCodes.ADDRESS_FAMILY);
        Nwp.assertError(Nwp.ipt("*filter\n-A INPUT -s 2001:db8::/32 -j ACCEPT\nCOMMIT"), IssueCodes.ADDRESS_FAMILY);
        Nwp.assertError(Nwp.router("ip6tables {\n*filter\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n}"), IssueCodes.ADDRESS_FAMILY);
        Nwp.assertError(Nwp.router("route 2001:db8::/64 via 10.0.0.254"), IssueCodes.ADDRESS_FAMILY);
        Nwp.assertError(Nwp.router("rule from 2001:db8::/64 to 10.0.0.0/8 lookup main"), IssueCodes.ADDRESS_FAMILY);
        Nwp.assertError(Nwp.router("xfrm state src 10.0.0.1 dst 2001:db8::1 proto esp spi 0x100"), IssueCodes.ADDRESS_FAMILY);
        Nwp.assertError(Nwp.router("") + "expect ping from r src 10.0.0.1 to 2001:db8::1 : dropped\n", IssueCodes.ADDRESS_FAMILY);
    }

    @Test
    void inetNatNeedsTheFamily() {
        var issue = Nwp.assertError(nft("inet", "type nat hook prerouting priority dstnat;", "tcp dport 80 dnat to [2001:db8::1]:8080"),
                IssueCodes.NAT_FAMILY_MISSING);
        assertEquals(List.of("ip6"), List.of(issue.getData()));
        Nwp.assertNoIssue(nft("inet", "type nat hook prerouting priority dstnat;", "ip6 daddr ::1 tcp dport 80 dnat to [2001:db8::1]:8080"),
                IssueCodes.NAT_FAMILY_MISSING);
    }

    @Test
    void icmpTypesOfTheBlocksFamily() {
        Nwp.assertError(Nwp.router("ip6tables {\n*filter\n-A INPUT -p ipv6-icmp -m icmp --icmp-type 8 -j ACCEPT\nCOMMIT\n}"),
                IssueCodes.IPT_ICMP_FAMILY);
        Nwp.assertError(Nwp.ipt("*filter\n-A INPUT -p icmp -m icmp6 --icmpv6-type 128 -j ACCEPT\nCOMMIT"), IssueCodes.IPT_ICMP_FAMILY);
    }

    @Test
    void prefixLengthsAndHostBitsPerFamily() {
        var issue = Nwp.assertError(Nwp.router("interface eth2 { address 2001:db8::1/129 }"), IssueCodes.VALUE_OUT_OF_RANGE);
        assertEquals(List.of("0", "128"), List.of(issue.getData()));
        Nwp.assertNoIssue(Nwp.router("interface eth2 { address 2001:db8::1/128 }"), IssueCodes.VALUE_OUT_OF_RANGE);
        var hostBits = Nwp.assertError(Nwp.router("route 2001:db8::1/64 dev eth0"), IssueCodes.PREFIX_HOST_BITS);
        assertEquals(List.of("2001:db8::/64"), List.of(hostBits.getData()));
    }

    @Test
    void ipv6Sysctls() {
        Nwp.assertError(Nwp.router("sysctl net.ipv6.conf.all.disable_ipv6 = 2"), IssueCodes.SYSCTL_VALUE);
        Nwp.assertNoIssue(Nwp.router("sysctl net.ipv6.conf.eth0.accept_ra = 2"), IssueCodes.SYSCTL_VALUE);
        Nwp.assertWarning(Nwp.router("sysctl net.ipv6.conf.eth9.forwarding = 1"), IssueCodes.SYSCTL_UNKNOWN_INTERFACE);
    }

    @Test
    void serializedModelsKeepTheirFamilies() {
        Map<String, String> files = Map.of("main.nwp", DUAL);
        XtextResource r = Nwp.parse(files, "main.nwp");
        String text = Nwp.INJECTOR.getInstance(ISerializer.class).serialize(Nwp.network(r));
        XtextResource again = Nwp.parse(text);
        assertEquals(Family.IPV6, Families.of(Nwp.network(again).getProbes().get(0)));
        assertTrue(Nwp.network(again).getNamespaces().get(0).getIptablesRulesets().get(0).isIpv6());
    }

    // ------------------------------------------------------------------ quick fixes

    @Test
    void quickFixesOfTheFamily() {
        String fixed = QuickFixTest.fix(nft("ip6", "type filter hook input priority 0;", "ip saddr ::1 accept"), IssueCodes.NFT_MATCH_FAMILY, null);
        assertTrue(fixed.contains("ip6 saddr ::1 accept"), fixed);
        fixed = QuickFixTest.fix(nft("inet", "type nat hook prerouting priority dstnat;", "tcp dport 80 dnat to [2001:db8::1]:8080"),
                IssueCodes.NAT_FAMILY_MISSING, null);
        assertTrue(fixed.contains("dnat ip6 to [2001:db8::1]:8080"), fixed);
        fixed = QuickFixTest.fix(Nwp.router("ip6tables {\n*filter\n-A INPUT -p ipv6-icmp -m icmp --icmp-type 128 -j ACCEPT\nCOMMIT\n}"),
                IssueCodes.IPT_ICMP_FAMILY, null);
        assertTrue(fixed.contains("-m icmp6 --icmpv6-type 128"), fixed);
    }
}
