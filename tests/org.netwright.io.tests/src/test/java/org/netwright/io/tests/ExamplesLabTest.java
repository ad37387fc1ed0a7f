package org.netwright.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netwright.export.Exporter;
import org.netwright.lab.Commands;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.LabNames;
import org.netwright.lab.ModelLab;
import org.netwright.lab.NetnsLab;
import org.netwright.model.Network;
import org.netwright.model.semantics.NamespaceConfig;

/**
 * Every example in a {@link ModelLab} with the real tools judging its exports: each setup.sh applied (twice), each
 * ruleset.nft checked with nft -c -f and loaded (twice, same ruleset), each iptables.rules checked with
 * iptables-restore --test and iptables-legacy-restore --test and loaded. Needs root: skipped otherwise, an error under
 * CI=true. No namespace of the lab survives the test.
 */
class ExamplesLabTest {

    static Stream<String> examples() {
        return Examples.all().stream();
    }

    @BeforeEach
    void needKernel() {
        KernelAvailability.require("iptables-legacy-restore");
    }

    private static List<String> ours(String lab) {
        return NetnsLab.listNetns().stream().filter(n -> n.startsWith(LabNames.labPrefix(lab))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExportedFileIsAcceptedByTheRealTools(String example) {
        List<Network> model = Examples.load(example);
        var files = Exporter.render(model);
        String lab = Examples.labName(example);
        List<String> checks;
        try (ModelLab m = ModelLab.up(model, lab, ModelLab.Options.CHECK)) {
            checks = m.checks();
            List<NamespaceConfig> namespaces = NamespaceConfig.of(model);
            assertEquals(namespaces.stream().map(NamespaceConfig::name).toList(), List.copyOf(m.namespaces().keySet()));
            for (NamespaceConfig ns : namespaces) {
                // the namespace exists and answers
                assertTrue(m.exec(ns.name(), NetnsLab.TIMEOUT, "ip", "link", "show", "lo").ok(), ns.name());
            }
            System.out.println("[lab] " + example + ": " + checks.size() + " checks passed; notes:");
            m.notes().forEach(n -> System.out.println("[lab]   " + n));
        }
        for (String file : files.keySet()) {
            String ns = file.substring(0, file.indexOf('/'));
            List<String> expected = switch (file.substring(file.indexOf('/') + 1)) {
                case Exporter.SETUP_FILE -> List.of(ns + "/setup.sh applied", ns + "/setup.sh applied again (idempotent)");
                case Exporter.NFT_FILE -> List.of(ns + "/ruleset.nft: nft -c -f", ns + "/ruleset.nft: nft -f twice, same ruleset");
                default -> List.of(ns + "/iptables.rules: iptables-restore --test", ns + "/iptables.rules: iptables-legacy-restore --test",
                        ns + "/iptables.rules: iptables-restore");
            };
            for (String e : expected) {
                assertTrue(checks.contains(e), () -> example + ": missing check '" + e + "' in " + checks);
            }
        }
        assertTrue(checks.stream().anyMatch(c -> c.startsWith("isolation:")), checks.toString());
        assertEquals(List.of(), ours(lab), "namespaces left behind");
    }

    @Test
    void aCrashedLabIsRemovedByTheNextUpOfTheSameName() throws Exception {
        String example = "001-policy-routing-twice/fixed.nwp";
        List<Network> model = Examples.load(example);
        Path state = NetnsLab.STATE_ROOT.resolve("excrash");
        try {
            ModelLab crashed = ModelLab.up(model, "excrash", ModelLab.Options.DEFAULT);
            crashed.lab().spawn(crashed.ns("host"), java.time.Duration.ofSeconds(60), "sleep", "60");
            List<String> before = ours("excrash");
            // client, proxy, host, inet, and the stub namespace of the stand-in for inet's dummy (no dummy driver here)
            assertTrue(before.size() >= 4, before.toString());
            assertTrue(Files.exists(state));
            // no close(): as if the JVM had died. The next up of the same name starts from nothing.
            try (ModelLab again = ModelLab.up(model, "excrash", ModelLab.Options.DEFAULT)) {
                assertEquals(before.stream().sorted().toList(), ours("excrash").stream().sorted().toList(), "the same namespaces, created anew");
                assertEquals("", Commands.run(List.of("ip", "netns", "pids", again.netns("host")), null, NetnsLab.TIMEOUT).stdout().strip(),
                        "the old lab's program is gone");
            }
            assertEquals(List.of(), ours("excrash"));
            assertTrue(Files.notExists(state));
        } finally {
            NetnsLab.removeLeftovers("excrash");
        }
    }
}
