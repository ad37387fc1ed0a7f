package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.VethInterface;

class SnapshotImporterTest {

    static Namespace ns(Network n, String name) {
        return n.getNamespaces().stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
    }

    static Interface iface(Namespace ns, String name) {
        return ns.getInterfaces().stream().filter(i -> i.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void importsTheCapturedLabSnapshot() throws IOException {
        SnapshotImporter.Result r = new SnapshotImporter().importFolder(TestFiles.path("snapshots/lab"));
        assertFalse(r.hasErrors(), r.problems().toString());
        Network n = r.network();
        assertEquals(List.of("nwimp-a", "nwimp-b", "nwimp-c"), n.getNamespaces().stream().map(Namespace::getName).toList());
        Namespace a = ns(n, "nwimp-a"), b = ns(n, "nwimp-b"), c = ns(n, "nwimp-c");
        assertSame(iface(b, "vb0"), ((VethInterface) iface(a, "va0")).getPeer());
        assertSame(iface(a, "va0"), ((VethInterface) iface(b, "vb0")).getPeer());
        assertSame(iface(c, "vc0"), ((VethInterface) iface(b, "vb2")).getPeer());
        assertEquals(2, ((BridgeInterface) iface(b, "br0")).getPorts().size());

        // nwimp-a: native nft
        assertEquals(3, a.getNftRulesets().get(0).getTables().size());
        assertTrue(a.getIptablesRulesets().isEmpty());
        assertEquals(4, a.getXfrmPolicies().size());
        assertEquals(2, a.getXfrmStates().size());
        assertTrue(a.getSysctls().stream().anyMatch(s -> s.getKey().equals("net.ipv4.conf.all.rp_filter") && s.getValue().equals("2")));

        // nwimp-b: iptables-nft; iptables-save.txt is preferred over the xtables-compat rules in nft.json
        assertTrue(b.getNftRulesets().isEmpty());
        assertEquals(4, b.getIptablesRulesets().get(0).getTables().size());
        assertTrue(b.getDescription().contains("written by iptables-nft"), b.getDescription());
        assertTrue(b.getDescription().contains("ip filter"), b.getDescription());
        assertTrue(b.getSysctls().stream().anyMatch(s -> s.getKey().equals("net.ipv4.ip_forward") && s.getValue().equals("1")));
        assertTrue(r.problems().stream().anyMatch(p -> p.file().equals("nwimp-b/nft.json") && p.severity() == ImportProblem.Severity.INFO));

        // nwimp-c: iptables-legacy, nothing in nft
        assertEquals(2, c.getIptablesRulesets().get(0).getTables().size());
        assertEquals("default", String.valueOf(c.getRoutes().get(0).getDestination()));

        // the warnings say what is kept opaque
        assertTrue(r.problems().stream().anyMatch(p -> p.toString().startsWith("nwimp-b/iptables-save.txt:37:56: warning: unknown match -m hashlimit")));
        assertTrue(r.problems().stream().anyMatch(p -> p.file().equals("nwimp-a/nft.json") && p.message().contains("tcp option")));
    }

    @Test
    void withoutIptablesSaveTheXtablesRulesStayOpaqueAndTheModelSaysSo(@TempDir Path dir) throws IOException {
        Path b = Files.createDirectories(dir.resolve("host"));
        Files.copy(TestFiles.path(TestFiles.LAB + "nwimp-b/nft.json"), b.resolve("nft.json"));
        Files.copy(TestFiles.path(TestFiles.LAB + "nwimp-b/link.json"), b.resolve("link.json"));
        Files.writeString(b.resolve("notes.txt"), "x");
        SnapshotImporter.Result r = new SnapshotImporter().importFolder(dir);
        Namespace host = ns(r.network(), "host");
        assertEquals(4, host.getNftRulesets().get(0).getTables().size());
        assertTrue(host.getDescription().contains("kept opaque"), host.getDescription());
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("add iptables-save output")));
        assertTrue(r.problems().stream().anyMatch(p -> p.file().equals("host/notes.txt")));
        assertTrue(r.problems().stream().anyMatch(p -> p.file().equals("links.json") && p.message().startsWith("missing")));
    }

    @Test
    void vethPairsAreInferredWhenLinksJsonIsMissing(@TempDir Path dir) throws IOException {
        for (String n : List.of("nwimp-a", "nwimp-b", "nwimp-c")) {
            Path d = Files.createDirectories(dir.resolve(n));
            Files.copy(TestFiles.path(TestFiles.LAB + n + "/link.json"), d.resolve("link.json"));
        }
        Network net = new SnapshotImporter().importFolder(dir).network();
        assertSame(iface(ns(net, "nwimp-b"), "vb0"), ((VethInterface) iface(ns(net, "nwimp-a"), "va0")).getPeer());
        assertSame(iface(ns(net, "nwimp-c"), "vc0"), ((VethInterface) iface(ns(net, "nwimp-b"), "vb2")).getPeer());
    }

    @Test
    void brokenLinksJsonIsReportedWithItsPath(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("nwimp-a"));
        Files.copy(TestFiles.path(TestFiles.LAB + "nwimp-a/link.json"), a.resolve("link.json"));
        Files.writeString(dir.resolve("links.json"), "{\"veth_pairs\": [[\"nwimp-a\", \"va0\", \"nwimp-x\", \"vx0\"], [\"nwimp-a\"]],\n \"bridges\": [");
        SnapshotImporter.Result r = new SnapshotImporter().importFolder(dir);
        List<String> msgs = r.problems().stream().map(ImportProblem::toString).toList();
        assertTrue(msgs.stream().anyMatch(m -> m.startsWith("links.json:2:") && m.contains("truncated")), msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.contains("nwimp-x/vx0 is not a veth") && m.contains("$.veth_pairs[0]")), msgs.toString());
        assertTrue(msgs.stream().anyMatch(m -> m.contains("$.veth_pairs[1]")), msgs.toString());
        assertNull(((VethInterface) iface(ns(r.network(), "nwimp-a"), "va0")).getPeer());
    }

    @Test
    void collectorPairsVethsThroughNetnsIdsAndRunsNoShell(@TempDir Path dir) throws IOException {
        Map<String, String> canned = Map.of(
                "ip -j netns list", "[{\"name\":\"x\",\"id\":0},{\"name\":\"y\",\"id\":1}]",
                "ip -n x -d -j link show", "[{\"ifindex\":2,\"link_index\":2,\"ifname\":\"e0\",\"flags\":[\"UP\"],\"link_netnsid\":0,\"linkinfo\":{\"info_kind\":\"veth\"}}]",
                "ip -n y -d -j link show", "[{\"ifindex\":2,\"link_index\":2,\"ifname\":\"e1\",\"flags\":[\"UP\"],\"link_netnsid\":0,\"linkinfo\":{\"info_kind\":\"veth\"}}]",
                "ip -n x -j netns list-id", "[{\"nsid\":0,\"name\":\"y\"}]",
                "ip -n y -j netns list-id", "[{\"nsid\":0,\"name\":\"x\"}]",
                "ip netns exec x sysctl -a", "kernel.x = 1\nnet.ipv4.ip_forward = 1\nnet.core.y = 2\n");
        List<List<String>> seen = new java.util.ArrayList<>();
        SnapshotCollector.Runner fake = (argv, timeout) -> {
            seen.add(argv);
            String out = canned.get(String.join(" ", argv));
            return out != null ? new SnapshotCollector.Output(0, out, "") : new SnapshotCollector.Output(0, "", "");
        };
        List<ImportProblem> p = new SnapshotCollector(fake, java.time.Duration.ofSeconds(1)).collect(dir, n -> true, false);
        assertTrue(p.isEmpty(), p.toString());
        assertTrue(seen.contains(List.of("ip", "netns", "exec", "x", "nft", "-j", "list", "ruleset")));
        assertTrue(Files.readString(dir.resolve("links.json")).contains("[\"x\", \"e0\", \"y\", \"e1\"]"));
        assertEquals("net.ipv4.ip_forward = 1\n", Files.readString(dir.resolve("x/sysctl.txt")));
        assertFalse(Files.exists(dir.resolve("x/iptables-save.txt")));
    }

    @Test
    void aNativeNftTableIsNotReplacedByIptablesNftSavesLossyViewOfIt() throws IOException {
        // regression (issue 12): iptables-nft-save prints the native "tcp dport { 22, 80 } accept" as "-p tcp -j ACCEPT" and
        // "ip saddr @blocked drop" as "-j DROP"; taking table filter from it lost the nft table and changed the policy
        SnapshotImporter.Result r = new SnapshotImporter().importFolder(TestFiles.path("snapshots/native-filter"));
        assertFalse(r.hasErrors(), r.problems().toString());
        Namespace host = ns(r.network(), "host");
        var tables = host.getNftRulesets().get(0).getTables();
        var filter = tables.stream().filter(t -> t.getName().equals("filter")).findFirst().orElseThrow(() -> new AssertionError(tables));
        assertEquals("blocked", filter.getSets().get(0).getName());
        assertEquals(2, filter.getChains().get(0).getRules().size());
        assertTrue(filter.getChains().get(0).getRules().stream().allMatch(x -> !x.getStatements().isEmpty()), "nothing opaque");
        // the nat table is iptables-nft's (an xt MASQUERADE): from iptables-save.txt, and only it
        assertTrue(tables.stream().noneMatch(t -> t.getName().equals("nat")), tables.toString());
        var ipt = host.getIptablesRulesets().stream().flatMap(x -> x.getTables().stream()).map(t -> t.getTable().getLiteral()).toList();
        assertEquals(List.of("nat"), ipt);
        assertTrue(r.problems().stream().anyMatch(p -> p.severity() == ImportProblem.Severity.INFO && p.message().contains("table filter is the native nft table")),
                r.problems().toString());
    }
}
