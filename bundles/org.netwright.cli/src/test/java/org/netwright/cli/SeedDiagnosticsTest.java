package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.engine.diagnostics.Code;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.mapping.ExpectationChecker;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelToEngine;
import org.netwright.headless.Netwright;
import org.netwright.headless.Sources;
import org.netwright.model.Network;

/**
 * The seed examples as shipped: each broken variant gets the diagnostic that explains its failure (code,
 * namespace and the rule named with its location), its fixed variants do not; check and walk print them.
 */
class SeedDiagnosticsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Path example(String rel) {
        return IoCommandsTest.repo().resolve("examples").resolve(rel);
    }

    /** The diagnostics of every expectation of the file, in order. */
    private static List<Diagnostic> diagnostics(String rel) {
        Sources l = new Netwright().load(List.of(example(rel)));
        assertEquals(List.of(), l.errors());
        List<Diagnostic> all = new ArrayList<>();
        for (Network root : l.models()) {
            ModelMapping m = new ModelToEngine(l.locator()).map(List.of(root));
            for (ExpectationChecker.Result r : new ExpectationChecker(m).checkAll(root)) {
                all.addAll(r.diagnostics());
            }
        }
        return all;
    }

    private static Diagnostic find(List<Diagnostic> ds, Code code) {
        List<Diagnostic> found = ds.stream().filter(d -> d.code() == code).toList();
        assertEquals(1, found.size(), code + " expected once in " + ds);
        return found.get(0);
    }

    private static void none(List<Diagnostic> ds, Code... codes) {
        for (Code c : codes) {
            assertFalse(ds.stream().anyMatch(d -> d.code() == c), c + " not expected in " + ds);
        }
    }

    /** The diagnostic names the rule by its text and points at its line in the given file. */
    private static void namesRule(Diagnostic d, String file, int line, String text) {
        assertTrue(d.rules().stream().anyMatch(r -> text.equals(r.text()) && r.line() == line && r.file() != null
                && r.file().endsWith(file)), d.toText());
    }

    @Test
    void seed001BrokenCrossesTheHostTwiceInOneZone() {
        Diagnostic d = find(diagnostics("001-policy-routing-twice/broken.nwp"), Code.NAT_SECOND_PASS_SAME_ZONE);
        assertEquals(List.of("host"), d.namespaces());
        namesRule(d, "broken.nwp", 13, "-A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o enp4s0 -j MASQUERADE");
        assertTrue(d.suggestion().contains("CT --zone") && d.suggestion().contains("ct zone set"), d.suggestion());
    }

    @Test
    void seed001FixedVariantsHaveNoDiagnostics() {
        assertEquals(List.of(), diagnostics("001-policy-routing-twice/fixed.nwp"));
        assertEquals(List.of(), diagnostics("001-policy-routing-twice/fixed-nft.nwp"));
    }

    @Test
    void seed000BrokenWarnsAboutThePayloadAndTheUnsolicitedNotice() {
        List<Diagnostic> ds = diagnostics("000-zephyr-nat/broken.nwp");
        Diagnostic payload = find(ds, Code.PAYLOAD_ADDRESS_NOT_TRANSLATED);
        assertEquals(List.of("nat-box"), payload.namespaces());
        assertEquals(1, payload.entries().size(), "the connection whose translation the payload does not follow");
        Diagnostic assoc = find(ds, Code.NO_CONNTRACK_ASSOCIATION);
        assertEquals(List.of("nat-box"), assoc.namespaces());
        namesRule(assoc, "broken.nwp", 18, "-A POSTROUTING -s 10.1.2.0/24 -o eth0 -j MASQUERADE");
        assertEquals(1, assoc.entries().size(), "the new entry the unsolicited notice made");
        assertTrue(assoc.suggestion().contains("DNAT"), assoc.toText());
    }

    @Test
    void seed000FixedDeliversTheKnownServerWithoutAnAssociationWarning() {
        Sources l = new Netwright().load(List.of(example("000-zephyr-nat/fixed.nwp")));
        ModelMapping m = new ModelToEngine(l.locator()).map(l.models());
        List<ExpectationChecker.Result> rs = new ExpectationChecker(m).checkAll(l.models().get(0));
        assertEquals("unsolicited notice from a known server now reaches the client", rs.get(1).name());
        none(rs.get(0).diagnostics(), Code.PAYLOAD_ADDRESS_NOT_TRANSLATED, Code.NO_CONNTRACK_ASSOCIATION);
        none(rs.get(1).diagnostics(), Code.NO_CONNTRACK_ASSOCIATION);
    }

    @Test
    void seed002BrokenSecondClientClashesOnGenericTracking() {
        Diagnostic d = find(diagnostics("002-ipsec-masquerade/broken.nwp"), Code.GENERIC_TRACKING_CLASH);
        assertEquals(List.of("router"), d.namespaces());
        namesRule(d, "broken.nwp", 11, "-A POSTROUTING -s 192.168.1.0/24 -o eth1 -j MASQUERADE");
        assertTrue(d.suggestion().contains("-s 192.168.1.2 -d 2.2.2.2 -j SNAT --to-source 1.1.1.2"), d.suggestion());
        assertEquals(List.of(), diagnostics("002-ipsec-masquerade/fixed.nwp"));
    }

    @Test
    void seed004BrokenMasqueradeTakesTheTunnelPacketOutOfItsPolicy() {
        Diagnostic d = find(diagnostics("004-nat-ipsec-xfrm/broken.nwp"), Code.XFRM_POLICY_LOST_BY_NAT);
        assertEquals(List.of("home"), d.namespaces());
        namesRule(d, "broken.nwp", 11, "-A POSTROUTING -o eth0 -j MASQUERADE");
        assertTrue(d.suggestion().contains("--pol ipsec") && d.suggestion().contains("rt ipsec exists"), d.suggestion());
        assertEquals(List.of(), diagnostics("004-nat-ipsec-xfrm/fixed.nwp"));
        assertEquals(List.of(), diagnostics("004-nat-ipsec-xfrm/fixed-nft.nwp"));
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void checkPrintsTheDiagnosticsAsNotesUnderAnExpectationThatHolds() {
        assertEquals(Main.OK, run("check", example("001-policy-routing-twice/broken.nwp").toString()), err.toString());
        String o = out.toString(StandardCharsets.UTF_8);
        assertTrue(o.contains("holds: the private source leaks to the uplink\n  note: error nat-second-pass-same-zone: "), o);
        assertTrue(o.contains("      fix: give one pass its own conntrack zone"), o);
    }

    @Test
    void checkPrintsWhyAfterTheTraceOfAViolation(@TempDir Path dir) throws Exception {
        String broken = Files.readString(example("001-policy-routing-twice/broken.nwp"))
                .replace("delivered to inet with src 10.10.1.1", "delivered to inet with src 172.16.202.30");
        Files.copy(example("001-policy-routing-twice/topology.nwp"), dir.resolve("topology.nwp"));
        Path f = Files.writeString(dir.resolve("broken.nwp"), broken);
        assertEquals(Main.VIOLATED, run("check", f.toString()), err.toString());
        String o = out.toString(StandardCharsets.UTF_8);
        int trace = o.indexOf("trace of probe client");
        int why = o.indexOf("  why: error nat-second-pass-same-zone: ");
        assertTrue(trace > 0 && why > trace, o);
    }

    @Test
    @SuppressWarnings("unchecked")
    void walkJsonHasADiagnosticsArrayPerProbeAndTextADiagnosticsSection() throws Exception {
        String model = example("001-policy-routing-twice/broken.nwp").toString();
        assertEquals(Main.OK, run("walk", model, "--from", "client", "--proto", "icmp", "--dst", "8.8.8.8", "--json"),
                err.toString());
        Map<String, Object> j = (Map<String, Object>) MiniJson.parse(out.toString(StandardCharsets.UTF_8));
        List<Object> ds = (List<Object>) j.get("diagnostics");
        assertEquals(1, ds.size(), ds.toString());
        Map<String, Object> d = (Map<String, Object>) ds.get(0);
        assertEquals("nat-second-pass-same-zone", d.get("code"));
        assertEquals("error", d.get("severity"));
        assertEquals(List.of("host"), d.get("namespaces"));
        assertEquals(List.of(1L), d.get("entries"), "the host's entry of the first pass");
        Map<String, Object> rule = (Map<String, Object>) ((List<Object>) d.get("rules")).get(0);
        assertEquals("-A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o enp4s0 -j MASQUERADE", rule.get("text"));
        assertTrue(String.valueOf(rule.get("file")).endsWith("broken.nwp"), rule.toString());

        out.reset();
        String fixed = example("001-policy-routing-twice/fixed.nwp").toString();
        assertEquals(Main.OK, run("walk", fixed, "--from", "client", "--proto", "icmp", "--dst", "8.8.8.8", "--json"));
        Map<String, Object> jf = (Map<String, Object>) MiniJson.parse(out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), jf.get("diagnostics"));

        out.reset();
        assertEquals(Main.OK, run("walk", model, "--from", "client", "--proto", "icmp", "--dst", "8.8.8.8"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("-- result: ") && text.indexOf("-- diagnostics\nerror nat-second-pass-same-zone: ")
                > text.indexOf("-- result: "), text);
    }
}
