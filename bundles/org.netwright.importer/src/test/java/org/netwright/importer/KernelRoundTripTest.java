package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.model.BridgeInterface;
import org.netwright.model.IptablesTable;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NftChain;
import org.netwright.model.NftTable;
import org.netwright.model.VethInterface;

/**
 * Builds three namespaces with lab-setup.sh, collects them with {@link SnapshotCollector} from the
 * live kernel and imports the folder. Needs root: skipped otherwise, except under CI=true where that fails.
 */
class KernelRoundTripTest {

    private static boolean isRoot() {
        try {
            SnapshotCollector.Output o = SnapshotCollector.exec(List.of("id", "-u"), Duration.ofSeconds(5));
            return o.exitCode() == 0 && o.stdout().strip().equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    private static void lab(String prefix, String... args) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of("bash", TestFiles.path("lab-setup.sh").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("NWIMP_PREFIX", prefix);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("lab-setup.sh timed out");
            }
            if (p.exitValue() != 0 && args.length == 0) {
                fail("lab-setup.sh failed (" + p.exitValue() + "):\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void snapshotOfLiveNamespacesImportsIntoTheModel(@TempDir Path dir) throws IOException {
        if (!isRoot()) {
            String why = "KernelRoundTripTest needs root (network namespaces, nft, iptables)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + ", and CI=true");
            }
            Assumptions.abort(why + "; skipped");
        }
        // nw<tag>-krtNNNN: the team tag keeps concurrent checkouts apart, as the lab's own namespaces (LabNames)
        String tag = System.getenv().getOrDefault("NETWRIGHT_LAB_TAG", "");
        String prefix = "nw" + (tag.matches("[a-z]{1,3}") ? tag : "") + "-krt" + ProcessHandle.current().pid() % 100000;
        try {
            lab(prefix);
            List<ImportProblem> collected = new SnapshotCollector().collect(dir, n -> n.startsWith(prefix + "-"), false);
            assertFalse(collected.stream().anyMatch(ImportProblem::isError), collected.toString());
            SnapshotImporter.Result r = new SnapshotImporter().importFolder(dir);
            assertFalse(r.hasErrors(), r.problems().toString());
            Network n = r.network();
            assertEquals(List.of(prefix + "-a", prefix + "-b", prefix + "-c"), n.getNamespaces().stream().map(Namespace::getName).toList());
            Namespace a = SnapshotImporterTest.ns(n, prefix + "-a");
            Namespace b = SnapshotImporterTest.ns(n, prefix + "-b");
            Namespace c = SnapshotImporterTest.ns(n, prefix + "-c");

            assertSame(SnapshotImporterTest.iface(b, "vb0"), ((VethInterface) SnapshotImporterTest.iface(a, "va0")).getPeer());
            assertSame(SnapshotImporterTest.iface(b, "vb1"), ((VethInterface) SnapshotImporterTest.iface(a, "va1")).getPeer());
            assertSame(SnapshotImporterTest.iface(c, "vc0"), ((VethInterface) SnapshotImporterTest.iface(b, "vb2")).getPeer());
            assertEquals(List.of("vb1", "vb2"), ((BridgeInterface) SnapshotImporterTest.iface(b, "br0")).getPorts().stream().map(i -> i.getName()).toList());

            assertEquals("10.77.0.1", String.valueOf(SnapshotImporterTest.iface(a, "va0").getAddresses().get(0).getAddress()));
            assertEquals("10.88.0.3", String.valueOf(SnapshotImporterTest.iface(c, "vc0").getAddresses().get(0).getAddress()));
            assertTrue(a.getRoutes().stream().anyMatch(rt -> "10.78.0.0/16".equals(String.valueOf(rt.getDestination())) && "10.77.0.2".equals(String.valueOf(rt.getVia()))));
            assertTrue(a.getRoutes().stream().anyMatch(rt -> "default".equals(String.valueOf(rt.getDestination())) && rt.getTable() != null && rt.getTable().getId() == 100));
            assertEquals(List.of(1000, 1100, 1200), a.getRoutingRules().stream().map(rr -> rr.getPriority()).toList());

            List<NftTable> tables = a.getNftRulesets().get(0).getTables();
            assertEquals(List.of("nwfilter", "nwnat", "nwedge"), tables.stream().map(NftTable::getName).toList());
            NftChain input = tables.get(0).getChains().get(0);
            assertEquals("input", input.getName());
            assertEquals(10, input.getRules().size());
            assertEquals(4, a.getXfrmPolicies().size());

            assertTrue(b.getNftRulesets().isEmpty(), "iptables-nft tables come from iptables-save");
            IptablesTable filter = b.getIptablesRulesets().get(0).getTables().stream()
                    .filter(t -> t.getTable().getLiteral().equals("filter")).findFirst().orElseThrow();
            assertEquals(15, filter.getRules().size());
            assertTrue(b.getDescription().contains("iptables-nft"));
            assertEquals(2, c.getIptablesRulesets().get(0).getTables().size());
        } finally {
            lab(prefix, "down");
        }
    }
}
