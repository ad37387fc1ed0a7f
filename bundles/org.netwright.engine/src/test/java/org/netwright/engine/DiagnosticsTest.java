package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Match.daddr;
import static org.netwright.engine.Match.oif;
import static org.netwright.engine.Match.saddr;
import static org.netwright.engine.Match.udp;
import static org.netwright.engine.Topologies.rule;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.engine.diagnostics.Code;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.engine.diagnostics.TraceDiagnostics;
import org.netwright.engine.json.WalkJson;

/** Each diagnostic appears when the walk shows its situation, and not for the walk where it is fixed. */
class DiagnosticsTest {

    private static List<Diagnostic> diagnose(NetworkView v, ProbeResult r) {
        return TraceDiagnostics.of(v, r);
    }

    private static Diagnostic only(List<Diagnostic> ds, Code code) {
        List<Diagnostic> found = ds.stream().filter(d -> d.code() == code).toList();
        assertEquals(1, found.size(), code + " expected once in " + ds);
        return found.get(0);
    }

    private static void absent(List<Diagnostic> ds, Code code) {
        assertFalse(ds.stream().anyMatch(d -> d.code() == code), code + " not expected in " + TraceDiagnostics.text(ds));
    }

    private static boolean names(Diagnostic d, String ruleText) {
        return d.rules().stream().anyMatch(r -> ruleText.equals(r.text()));
    }

    // ------------------------------------------------------------------ seed 001: twice through one zone

    private static final String MASQ_001 = "-A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o enp4s0 -j MASQUERADE";

    @Test
    void secondPassInOneZoneNamesTheMasqueradeThatDidNotRunAndSuggestsZones() {
        NetworkView v = Topologies.seed001(false);
        ProbeResult r = new Simulation(v).probe(Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 1)));
        Diagnostic d = only(diagnose(v, r), Code.NAT_SECOND_PASS_SAME_ZONE);
        assertEquals(List.of("host"), d.namespaces());
        assertTrue(names(d, MASQ_001), d.toText());
        TraceEvent.NatNotConsulted skipped = Events.of(r, TraceEvent.NatNotConsulted.class).get(0);
        assertEquals(0, skipped.zone(), "both passes in zone 0");
        assertEquals(List.of(skipped.entry()), d.entries(), "the entry the first pass created");
        assertEquals(Events.of(r, TraceEvent.CtCreated.class).get(0).entry(), skipped.entry());
        assertTrue(d.suggestion().contains("-i client-veth0 -j CT --zone 1"), d.suggestion());
        absent(diagnose(v, r), Code.NAT_NOT_FIRST_PACKET);
    }

    @Test
    void separateZonesLeaveNoSecondPassDiagnostic() {
        NetworkView v = Topologies.seed001(true);
        ProbeResult r = new Simulation(v).probe(Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 1)));
        assertEquals(IpAddr.parse("172.16.202.30"), r.seenLeaving("host", "enp4s0").src(), r.toText());
        assertEquals(List.of(), diagnose(v, r));
    }

    // ------------------------------------------------------------------ nat only on the first packet

    /** Masquerade only packets with dscp 10: the first packet of a connection decides. */
    private static NetworkView dscpMasquerade() {
        Iptables ipt = new Iptables();
        ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -o eth1 -m dscp --dscp 10 -j MASQUERADE",
                m(oif("eth1"), new Match.Dscp(10)), Statement.masquerade()));
        return new Lab().tables(ipt.build()).build();
    }

    @Test
    void aLaterPacketOfAnUntranslatedConnectionIsExplained() {
        NetworkView v = dscpMasquerade();
        Simulation sim = new Simulation(v);
        sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)).noReply());
        ProbeResult second = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53).withDscp(10)).noReply());
        Diagnostic d = only(diagnose(v, second), Code.NAT_NOT_FIRST_PACKET);
        assertTrue(names(d, "-A POSTROUTING -o eth1 -m dscp --dscp 10 -j MASQUERADE"), d.toText());
        assertEquals(List.of(Events.of(second, TraceEvent.CtHit.class).get(0).entry()), d.entries());
        assertEquals(List.of("r"), d.namespaces());
        absent(diagnose(v, second), Code.NAT_SECOND_PASS_SAME_ZONE);
    }

    @Test
    void aFirstPacketThatIsTranslatedIsNotExplained() {
        NetworkView v = dscpMasquerade();
        Simulation sim = new Simulation(v);
        ProbeResult first = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53).withDscp(10)).noReply());
        ProbeResult again = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53).withDscp(10)).noReply());
        assertEquals(IpAddr.parse("10.0.2.1"), again.observedAtDst().src(), again.toText());
        assertEquals(List.of(), diagnose(v, first));
        assertEquals(List.of(), diagnose(v, again));
    }

    // ------------------------------------------------------------------ a nat rule at a hook the packet skips

    private static NetworkView dnatAt(String chain) {
        Iptables ipt = new Iptables();
        ipt.append("nat", chain, rule("-A " + chain + " -d 10.0.2.2 -p udp -j DNAT --to 10.0.2.3",
                m(daddr("10.0.2.2"), udp()), Statement.dnat("10.0.2.3")));
        Lab lab = new Lab();
        lab.routerExtraIfs.add(Interface.builder("dummy0").kind(Interface.Kind.DUMMY).address("10.0.3.1/24").build());
        return lab.tables(ipt.build()).build();
    }

    @Test
    void dnatInOutputDoesNotSeeForwardedPackets() {
        NetworkView v = dnatAt("OUTPUT");
        ProbeResult r = new Simulation(v).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)).noReply());
        Diagnostic d = only(diagnose(v, r), Code.NAT_HOOK_NOT_TRAVERSED);
        assertTrue(names(d, "-A OUTPUT -d 10.0.2.2 -p udp -j DNAT --to 10.0.2.3"), d.toText());
        assertEquals(List.of("r"), d.namespaces());
        assertTrue(d.suggestion().contains("prerouting"), "names the hook the packet passes: " + d.suggestion());
    }

    @Test
    void dnatInPreroutingIsNotReported() {
        NetworkView v = dnatAt("PREROUTING");
        ProbeResult r = new Simulation(v).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)).noReply());
        absent(diagnose(v, r), Code.NAT_HOOK_NOT_TRAVERSED);
    }

    // ------------------------------------------------------------------ seed 000

    @Test
    void unsolicitedUdpToTheNatBoxHasNoAssociation() {
        NetworkView v = Topologies.seed000(false);
        ProbeResult r = new Simulation(v).probe(Probe.from("net", Packet.udp("18.7.15.75", "18.4.5.6", 2103, 2104)));
        Diagnostic d = only(diagnose(v, r), Code.NO_CONNTRACK_ASSOCIATION);
        assertEquals(List.of("natbox"), d.namespaces());
        assertTrue(names(d, "-A POSTROUTING -o eth0 -j MASQUERADE"), d.toText());
        assertTrue(d.suggestion().contains("-s 18.7.15.75 -d 18.4.5.6 -j DNAT"), d.suggestion());
    }

    @Test
    void staticDnatOrAnEarlierContactGivesTheAssociation() {
        NetworkView fixed = Topologies.seed000(true);
        ProbeResult r = new Simulation(fixed).probe(Probe.from("net", Packet.udp("18.7.15.75", "18.4.5.6", 2103, 2104)));
        assertEquals(Location.of("client", "eth0"), r.deliveredTo(), r.toText());
        absent(diagnose(fixed, r), Code.NO_CONNTRACK_ASSOCIATION);

        NetworkView broken = Topologies.seed000(false);
        Simulation sim = new Simulation(broken);
        ProbeResult out = sim.probe(Probe.from("client", Packet.udp(null, "18.7.15.75", 2104, 2103)).noReply());
        ProbeResult back = sim.probe(Probe.from("net", Packet.udp("18.7.15.75", "18.4.5.6", 2103, 2104)));
        assertEquals(Location.of("client", "eth0"), back.deliveredTo(), back.toText());
        assertEquals(List.of(), diagnose(broken, out));
        assertEquals(List.of(), diagnose(broken, back));
    }

    @Test
    void anInsideHostTalkingToTheNatBoxItselfIsNotUnsolicitedInbound() {
        NetworkView v = Topologies.seed000(false);
        ProbeResult lan = new Simulation(v).probe(Probe.from("client", Packet.udp(null, "10.1.2.1", 2104, 53)));
        ProbeResult wan = new Simulation(v).probe(Probe.from("client", Packet.udp(null, "18.4.5.6", 2104, 53)));
        assertEquals(Disposition.Fate.DROPPED, lan.disposition().fate(), lan.toText());
        assertEquals(Disposition.Fate.DROPPED, wan.disposition().fate(), wan.toText());
        absent(diagnose(v, lan), Code.NO_CONNTRACK_ASSOCIATION);
        absent(diagnose(v, wan), Code.NO_CONNTRACK_ASSOCIATION);
    }

    @Test
    void aPayloadCarryingTheTranslatedSourceIsFlagged() {
        NetworkView v = Topologies.seed000(false);
        ProbeResult r = new Simulation(v).probe(Probe.from("client", Packet.udp(null, "18.7.15.82", 2104, 2103)));
        Diagnostic d = only(TraceDiagnostics.of(v, r, "zephyr notice from 10.1.2.3 (krb)"),
                Code.PAYLOAD_ADDRESS_NOT_TRANSLATED);
        TraceEvent.NatTranslated t = Events.of(r, TraceEvent.NatTranslated.class).get(0);
        assertEquals(IpAddr.parse("10.1.2.3"), t.fromAddress());
        assertEquals(IpAddr.parse("18.4.5.6"), t.toAddress());
        assertEquals(List.of(t.entry()), d.entries(), "the entry whose translation the payload does not follow");
        assertEquals(List.of("natbox"), d.namespaces());
        assertTrue(names(d, "-A POSTROUTING -o eth0 -j MASQUERADE"), d.toText());
        absent(TraceDiagnostics.of(v, r, "plain text, no address"), Code.PAYLOAD_ADDRESS_NOT_TRANSLATED);
        // the server's own address is not rewritten: nothing to warn about
        absent(TraceDiagnostics.of(v, r, "to 18.7.15.82"), Code.PAYLOAD_ADDRESS_NOT_TRANSLATED);
        absent(TraceDiagnostics.of(v, r, "999.1.2.3"), Code.PAYLOAD_ADDRESS_NOT_TRANSLATED);
    }

    // ------------------------------------------------------------------ seed 002

    @Test
    void secondEspClientBehindOneMasqueradeClashes() {
        NetworkView v = Topologies.seed002(false);
        Simulation sim = new Simulation(v);
        ProbeResult first = sim.probe(Probe.from("c1", esp(0x1001)));
        ProbeResult second = sim.probe(Probe.from("c2", esp(0x1002)));
        assertEquals(List.of(), diagnose(v, first));
        Diagnostic d = only(diagnose(v, second), Code.GENERIC_TRACKING_CLASH);
        assertEquals(List.of("rtr"), d.namespaces());
        TraceEvent.CtClash clash = Events.of(second, TraceEvent.CtClash.class).get(0);
        assertEquals(List.of(clash.entry(), clash.other()), d.entries());
        assertEquals(Events.of(first, TraceEvent.CtCreated.class).get(0).entry(), clash.other(), "client 1's entry");
        assertTrue(names(d, "-A POSTROUTING -s 192.168.1.0/24 -o eth1 -j MASQUERADE"), d.toText());
        assertTrue(d.suggestion().contains("-s 192.168.1.2 -d 2.2.2.2 -j SNAT --to-source 1.1.1.2"), d.suggestion());
    }

    @Test
    void perClientSnatLeavesNoClash() {
        NetworkView v = Topologies.seed002(true);
        Simulation sim = new Simulation(v);
        sim.probe(Probe.from("c1", esp(0x1001)));
        ProbeResult second = sim.probe(Probe.from("c2", esp(0x1002)));
        assertEquals(Location.of("vpn", "eth0"), second.deliveredTo(), second.toText());
        assertEquals(List.of(), diagnose(v, second));
    }

    private static Packet esp(long spi) {
        Packet p = Packet.ip(null, "2.2.2.2", Packet.ESP);
        return new Packet(p.src(), p.dst(), p.proto(), 0, 0, 0, 0, 64, 0, 0, 0, spi, null);
    }

    // ------------------------------------------------------------------ seed 004

    /**
     * lan 192.168.0.0/24 -- gw (wan 200.2.2.2) -- nothing modelled; the out policy selects 192.168.0.0/24 ->
     * 10.0.0.0/8 before NAT. {@code exempt}: an ipsec policy match accepts ahead of the masquerade.
     * {@code outputDnat}: a DNAT in nat OUTPUT for the office network.
     */
    private static NetworkView tunnelGateway(boolean exempt, boolean outputDnat) {
        Iptables ipt = new Iptables();
        if (exempt) {
            ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -m policy --dir out --pol ipsec -j ACCEPT",
                    m(new Match.IptPolicy(false, true)), Statement.accept()));
        }
        ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -o wan -j MASQUERADE", m(oif("wan")), Statement.masquerade()));
        if (outputDnat) {
            ipt.append("nat", "OUTPUT", rule("-A OUTPUT -d 10.0.0.5 -j DNAT --to 10.0.0.6", m(daddr("10.0.0.5")),
                    Statement.dnat("10.0.0.6")));
        }
        Namespace home = Namespace.builder("home").iface(Topologies.veth("eth0", "192.168.0.10/24", "gw", "lan"))
                .route(Route.to("default").via("192.168.0.1").dev("eth0")).build();
        Namespace gw = Namespace.builder("gw").sysctls(Topologies.router())
                .iface(Topologies.veth("lan", "192.168.0.1/24", "home", "eth0"))
                .iface(Interface.builder("wan").address("200.2.2.2/24"))
                .route(Route.to("default").via("200.2.2.1").dev("wan"))
                .nfTables(ipt.build())
                .xfrmState(XfrmState.esp("200.2.2.2", "100.1.1.1", 0x100, XfrmMode.TUNNEL, 1))
                .xfrmPolicy(XfrmPolicy.ipsec(XfrmPolicy.Dir.OUT, "192.168.0.0/24", "10.0.0.0/8", 10,
                        XfrmPolicy.Template.tunnel("200.2.2.2", "100.1.1.1", 1)))
                .build();
        return NetworkView.builder().namespace(home).namespace(gw).build();
    }

    @Test
    void masqueradeBeforeEncryptionTakesThePacketOutOfThePolicy() {
        NetworkView v = tunnelGateway(false, false);
        ProbeResult r = new Simulation(v).probe(Probe.from("home", Packet.tcpSyn(null, "10.0.0.5", 40000, 80)));
        assertEquals(Packet.TCP, r.seenLeaving("gw", "wan").proto(), r.toText());
        Diagnostic d = only(diagnose(v, r), Code.XFRM_POLICY_LOST_BY_NAT);
        assertEquals(List.of("gw"), d.namespaces());
        assertTrue(names(d, "-A POSTROUTING -o wan -j MASQUERADE"), d.toText());
        assertTrue(d.suggestion().contains("-m policy --dir out --pol ipsec -j ACCEPT")
                && d.suggestion().contains("rt ipsec exists"), d.suggestion());
    }

    @Test
    void anIpsecExemptionKeepsThePolicyAndIsNotReported() {
        NetworkView v = tunnelGateway(true, false);
        ProbeResult r = new Simulation(v).probe(Probe.from("home", Packet.tcpSyn(null, "10.0.0.5", 40000, 80)));
        assertEquals(Packet.ESP, r.seenLeaving("gw", "wan").proto(), r.toText());
        assertEquals(List.of(), diagnose(v, r));
    }

    @Test
    void aNatOutputRuleForTunnelTrafficOnlySeesTheEspPacket() {
        NetworkView v = tunnelGateway(true, true);
        ProbeResult r = new Simulation(v).probe(Probe.from("home", Packet.tcpSyn(null, "10.0.0.5", 40000, 80)));
        assertEquals(Packet.ESP, r.seenLeaving("gw", "wan").proto(), r.toText());
        Diagnostic d = only(diagnose(v, r), Code.NAT_SAW_ONLY_ESP);
        assertTrue(names(d, "-A OUTPUT -d 10.0.0.5 -j DNAT --to 10.0.0.6"), d.toText());
        assertEquals(List.of("gw"), d.namespaces());
        absent(diagnose(v, r), Code.NAT_HOOK_NOT_TRAVERSED);
    }

    // ------------------------------------------------------------------ drops

    @Test
    void aPolicyDropNamesTheChainAndTheAcceptThatNeedsAnEstablishedConnection() {
        Iptables ipt = new Iptables();
        ipt.policy("filter", "FORWARD", Verdict.DROP);
        ipt.append("filter", "FORWARD", rule("-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                m(Match.ctState(CtState.ESTABLISHED, CtState.RELATED)), Statement.accept()));
        ipt.append("filter", "FORWARD", rule("-A FORWARD -i eth0 -p tcp -j ACCEPT", m(Match.iif("eth0"), Match.tcp()),
                Statement.accept()));
        NetworkView v = new Lab().tables(ipt.build()).build();
        Simulation sim = new Simulation(v);
        ProbeResult dropped = sim.probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 4000, 53)));
        Diagnostic d = only(diagnose(v, dropped), Code.POLICY_DROP);
        assertEquals(List.of("r"), d.namespaces());
        assertTrue(names(d, "-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"), d.toText());
        assertTrue(d.suggestion().contains("-A FORWARD -i eth0 -o eth1 -p udp -s 10.0.1.2 -d 10.0.2.2 --dport 53 -j ACCEPT"),
                d.suggestion());
        ProbeResult accepted = sim.probe(Probe.from("client", Packet.tcpSyn(null, "10.0.2.2", 4000, 80)));
        assertEquals(Location.of("server", "eth0"), accepted.deliveredTo(), accepted.toText());
        assertEquals(List.of(), diagnose(v, accepted));
    }

    @Test
    void strictRpFilterDropIsExplainedAndLooseIsNot() {
        Lab lab = new Lab();
        lab.routerSysctls = Sysctls.builder().ipForward(true).rpFilterAll(1).build();
        lab.routerRoutes.add(Route.to("10.0.9.0/24").via("10.0.2.2").dev("eth1").build());
        NetworkView v = lab.build();
        ProbeResult r = new Simulation(v).probe(Probe.arriving("r", "eth0", Packet.udp("10.0.9.9", "10.0.2.2", 7, 53)).noReply());
        Diagnostic d = only(diagnose(v, r), Code.RP_FILTER_DROP);
        assertEquals(List.of("r"), d.namespaces());
        assertTrue(d.suggestion().contains("net.ipv4.conf.eth0.rp_filter=2"), d.toText());

        lab.routerSysctls = Sysctls.builder().ipForward(true).rpFilterAll(2).build();
        NetworkView loose = lab.build();
        ProbeResult ok = new Simulation(loose).probe(Probe.arriving("r", "eth0", Packet.udp("10.0.9.9", "10.0.2.2", 7, 53)).noReply());
        assertEquals(Location.of("server", "eth0"), ok.deliveredTo());
        assertEquals(List.of(), diagnose(loose, ok));
    }

    @Test
    void ipForwardOffIsExplainedAndOnIsNot() {
        Lab lab = new Lab();
        lab.routerSysctls = Sysctls.DEFAULTS;
        NetworkView off = lab.build();
        ProbeResult r = new Simulation(off).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)));
        Diagnostic d = only(diagnose(off, r), Code.IP_FORWARD_OFF);
        assertEquals(List.of("r"), d.namespaces());
        assertTrue(d.suggestion().contains("net.ipv4.ip_forward=1"), d.suggestion());
        NetworkView on = new Lab().build();
        ProbeResult ok = new Simulation(on).probe(Probe.from("client", Packet.udp(null, "10.0.2.2", 1, 53)));
        assertEquals(Location.of("server", "eth0"), ok.deliveredTo());
        assertEquals(List.of(), diagnose(on, ok));
    }

    /**
     * Many probes (seeded, so reproducible) between all namespaces of the seed topologies in one conntrack
     * state: the diagnostics never fail, and every one names existing namespaces and says something.
     */
    @Test
    void randomProbesOverTheSeedTopologiesGiveWellFormedDiagnostics() {
        java.util.Random rnd = new java.util.Random(5);
        List<NetworkView> views = List.of(Topologies.seed000(false), Topologies.seed000(true), Topologies.seed001(false),
                Topologies.seed001(true), Topologies.seed002(false), Topologies.seed002(true), Topologies.seed004(),
                tunnelGateway(false, true), dscpMasquerade(), dnatAt("OUTPUT"));
        int diagnosed = 0;
        for (NetworkView v : views) {
            Simulation sim = new Simulation(v);
            List<String> names = List.copyOf(v.namespaces().keySet());
            List<IpAddr> addrs = new java.util.ArrayList<>();
            v.namespaces().values().forEach(n -> n.interfaces().values().forEach(i -> i.addresses().forEach(a -> {
                if (!a.addr().isLoopback()) {
                    addrs.add(a.addr());
                }
            })));
            for (int i = 0; i < 60; i++) {
                String from = names.get(rnd.nextInt(names.size()));
                String dst = addrs.get(rnd.nextInt(addrs.size())).toString();
                int sport = 1000 + rnd.nextInt(4);
                Packet p = switch (rnd.nextInt(4)) {
                    case 0 -> Packet.udp(null, dst, sport, 53);
                    case 1 -> Packet.tcpSyn(null, dst, sport, 80);
                    case 2 -> Packet.icmpEcho(null, dst, sport);
                    default -> Packet.ip(null, dst, Packet.ESP);
                };
                ProbeResult r = sim.probe(Probe.from(from, p));
                for (Diagnostic d : TraceDiagnostics.of(v, r, "from " + dst)) {
                    diagnosed++;
                    assertFalse(d.message().isBlank(), d.toString());
                    assertFalse(d.namespaces().isEmpty(), d.toString());
                    assertTrue(v.namespaces().keySet().containsAll(d.namespaces()), d.toString());
                    String json = WalkJson.write(WalkJson.diagnostic(d), false);
                    assertTrue(json.startsWith("{\"code\":\"" + d.code().id() + "\""), json);
                }
            }
        }
        assertTrue(diagnosed > 0, "the random walks include drops and clashes to explain");
    }

    @Test
    void jsonCarriesCodeRulesAndSuggestion() {
        NetworkView v = Topologies.seed001(false);
        ProbeResult r = new Simulation(v).probe(Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 1)));
        String json = WalkJson.write(diagnose(v, r).stream().map(WalkJson::diagnostic).toList(), false);
        assertTrue(json.startsWith("[{\"code\":\"nat-second-pass-same-zone\",\"severity\":\"error\""), json);
        assertTrue(json.contains("\"namespaces\":[\"host\"],\"entries\":[1]") && json.contains("\"suggestion\":\"give one pass"), json);
        assertTrue(json.contains("\"text\":\"-A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o enp4s0 -j MASQUERADE\""),
                json);
    }
}
