package org.netwright.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netwright.dsl.writer.NwpWriter;
import org.netwright.importer.ImportProblem;
import org.netwright.importer.SnapshotCollector;
import org.netwright.importer.SnapshotImporter;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.LabNames;
import org.netwright.lab.ModelLab;
import org.netwright.lab.NetnsLab;
import org.netwright.model.Network;
import org.netwright.testsupport.ModelNormalizer;

/**
 * The round trips of every example, with the real kernel: model -> export -> lab up -> snapshot -> import gives a model
 * equivalent to the original ({@link ModelNormalizer}: same cables, bridges, addresses, routes, rules, sysctls, nft and
 * iptables rulesets, xfrm), and export(import(snapshot)) brought up in a second lab lists the same nft ruleset and
 * iptables rules as the first. Needs root: skipped otherwise, an error under CI=true.
 */
class RoundTripTest {

    static Stream<String> examples() {
        return Examples.all().stream();
    }

    @BeforeEach
    void needKernel() {
        KernelAvailability.require();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void modelToLabToSnapshotToModelIsTheSameModel(String example, @TempDir Path dir) throws Exception {
        roundTrip(example, Examples.load(example), "rt" + Examples.all().indexOf(example), "rtb" + Examples.all().indexOf(example), dir);
    }

    /**
     * A dual-stack router and client (IPv6 addresses, routes, a rule, a neighbour, ip6/inet tables with NAT66, an
     * ip6tables block, IPv6 forwarding): the same round trip, and the import says nothing about IPv6.
     */
    @org.junit.jupiter.api.Test
    void dualStackModelRoundTrips(@TempDir Path dir) throws Exception {
        List<ImportProblem> warnings = roundTrip("dual stack", List.of(org.netwright.testsupport.TestModels.dualStack()), "rtds", "rtdsb", dir);
        assertEquals(List.of(), warnings.stream().filter(p -> p.message().matches("(?is).*(ipv6|ip6|inet6|family).*")).toList(),
                "warnings about IPv6");
    }

    /** @return the import's warnings */
    private static List<ImportProblem> roundTrip(String example, List<Network> model, String lab, String lab2, Path dir) throws Exception {
        List<ImportProblem> warnings;
        try (ModelLab first = ModelLab.up(model, lab, ModelLab.Options.DEFAULT)) {
            Map<String, String> folders = new LinkedHashMap<>();
            first.namespaces().keySet().forEach(ns -> folders.put(first.netns(ns), ns));
            List<ImportProblem> collected = new SnapshotCollector().collect(dir, folders, false);
            assertTrue(collected.stream().noneMatch(ImportProblem::isError), collected.toString());
            SnapshotImporter.Result imported = new SnapshotImporter().importFolder(dir);
            List<ImportProblem> errors = imported.problems().stream().filter(ImportProblem::isError).toList();
            assertEquals(List.of(), errors, "import errors");
            warnings = imported.problems().stream().filter(p -> p.severity() == ImportProblem.Severity.WARNING).toList();
            warnings.forEach(p -> System.out.println("[roundtrip] " + example + ": " + p));

            ModelNormalizer.Options options = ModelNormalizer.of(model, first.xfrmStatesRefused() == 0).withExtraCables(first.extraCables());
            String expected = ModelNormalizer.text(model, options, true);
            String actual = ModelNormalizer.text(List.of(imported.network()), options, false);
            if (!expected.equals(actual)) {
                fail(example + ": the imported model differs from the original (- original, + imported):\n" + ModelNormalizer.diff(expected, actual));
            }

            // the imported model written as .nwp (netwright import) parses back to the same model
            NwpWriter.Result written = NwpWriter.write(imported.network(), List.of("round trip of " + example));
            // the only thing the language cannot say here: a stand-in veth's peer waits in the lab's stub namespace,
            // which is not in the snapshot, so it is written as an interface
            assertEquals(List.of(), written.problems().stream().filter(p -> !p.contains("has its peer outside the snapshot")).toList(),
                    "the writer could not express everything");
            Files.writeString(dir.resolve("imported.nwp"), written.text());
            Network parsed = Examples.loadOne(dir.resolve("imported.nwp"));
            assertEquals(actual, ModelNormalizer.text(List.of(parsed), options, false), example + ": imported.nwp parsed back");

            // export(import(snapshot)) loads into namespaces again and the kernel lists the same rulesets
            try (ModelLab second = ModelLab.up(List.of(imported.network()), lab2, ModelLab.Options.DEFAULT)) {
                for (String ns : first.namespaces().keySet()) {
                    assertEquals(listing(first, ns), listing(second, ns), example + ": ruleset listed in " + ns + " after export(import(snapshot))");
                }
            }
        }
        assertTrue(NetnsLab.listNetns().stream().noneMatch(n -> n.startsWith(LabNames.labPrefix(lab)) || n.startsWith(LabNames.labPrefix(lab2))));
        return warnings;
    }

    /** nft list ruleset, iptables-save and ip6tables-save of a namespace, without counters and comments. */
    static String listing(ModelLab lab, String ns) {
        String nft = lab.exec(ns, Duration.ofSeconds(10), "nft", "list", "ruleset").orThrow().stdout();
        StringBuilder out = new StringBuilder(nft.replaceAll("counter packets \\d+ bytes \\d+", "counter"));
        for (String save : List.of("iptables-save", "ip6tables-save")) {
            String ipt = lab.exec(ns, Duration.ofSeconds(10), save).orThrow().stdout();
            out.append("\n---\n").append(ipt.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("\\[\\d+:\\d+\\]", "[0:0]"))
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        return out.toString();
    }
}
