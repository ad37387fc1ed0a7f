package org.netwright.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.model.Network;

/**
 * The real tools judge the exports: topology.sh and every setup.sh are applied in throw-away
 * namespaces (prefix nwexp-), every ruleset.nft is checked with nft -c -f and loaded twice, every
 * iptables.rules is checked with iptables-restore --test and iptables-legacy-restore --test.
 * Needs root and the tools; without them the test is skipped, or fails when CI=true.
 */
class KernelAcceptanceTest {

    static void requireKernelTools() {
        var missing = LabCheck.missingPrerequisite();
        if (missing.isPresent()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("kernel acceptance checks cannot run under CI=true: " + missing.get());
            }
            Assumptions.abort("kernel acceptance checks skipped: " + missing.get());
        }
    }

    static LabCheck.Result check(List<Network> model, Path dir, int expectedChecksAtLeast) throws Exception {
        requireKernelTools();
        String prefix = LabCheck.randomPrefix();
        try {
            Exporter.export(model, dir, prefix);
            LabCheck.Result result;
            try {
                result = LabCheck.run(dir, prefix);
            } catch (LabCheck.Failure f) {
                throw new AssertionError("a real tool rejected an export:\n" + f.getMessage(), f);
            }
            result.passed().forEach(p -> System.out.println("[kernel] ok    " + p));
            result.notes().forEach(n -> System.out.println("[kernel] note  " + n));
            assertTrue(result.passed().size() >= expectedChecksAtLeast, "only " + result.passed().size() + " checks ran: " + result.passed());
            return result;
        } finally {
            LabCheck.cleanup(prefix);
            assertEquals(List.of(), LabCheck.namespaces(prefix), "namespaces left behind");
        }
    }

    @Test
    void richModelIsAcceptedByNftIptablesAndIp(@TempDir Path dir) throws Exception {
        LabCheck.Result result = check(List.of(TestModels.rich()), dir, 11);
        assertEquals(11, result.passed().size(), result.passed().toString());
        // topology; setup.sh twice in each of 3 namespaces; host: nft -c, nft -f twice, iptables-nft and -legacy --test
        assertTrue(result.passed().contains("host/ruleset.nft: nft -c -f"));
        assertTrue(result.passed().contains("host/iptables.rules: iptables-legacy-restore --test"));
        assertTrue(result.passed().contains("server/setup.sh applied"));
    }

    @Test
    void namespacesAreDeletedWhenAToolRejectsAFile(@TempDir Path dir) throws Exception {
        requireKernelTools();
        String prefix = LabCheck.randomPrefix();
        Exporter.export(List.of(TestModels.rich()), dir, prefix);
        // a rule the kernel refuses at load time (jump to a chain that the file does not define)
        Files.writeString(dir.resolve("client/ruleset.nft"), "table inet broken {\n\tchain c {\n\t\tjump nowhere\n\t}\n}\n");
        try {
            LabCheck.run(dir, prefix);
            fail("nft accepted a broken file");
        } catch (LabCheck.Failure expected) {
            assertTrue(expected.getMessage().contains("nowhere"), expected.getMessage());
        }
        assertEquals(List.of(), LabCheck.namespaces(prefix), "namespaces left behind after a failure");
    }
}
