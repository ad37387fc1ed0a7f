package org.netwright.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.export.TestModels.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.model.*;

class ExporterTest {

    @Test
    void writesOnlyTheFilesThatHaveContent(@TempDir Path dir) throws Exception {
        List<Path> written = Exporter.export(rich(), dir, "lab-");
        List<String> names = written.stream().map(p -> dir.relativize(p).toString()).toList();
        assertEquals(List.of("host/ruleset.nft", "host/iptables.rules", "host/setup.sh", "client/setup.sh", "server/setup.sh", "topology.sh"), names);
        assertTrue(Files.isExecutable(dir.resolve("topology.sh")));
        assertTrue(Files.isExecutable(dir.resolve("host/setup.sh")));
        assertFalse(Files.isExecutable(dir.resolve("host/ruleset.nft")));
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(0, all.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "temporary files left");
        }
    }

    @Test
    void exportIsDeterministic(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Exporter.export(rich(), a, "lab-");
        Exporter.export(rich(), b, "lab-"); // a second, separately built model
        Exporter.export(rich(), b, "lab-"); // and again over the first output
        List<Path> files;
        try (Stream<Path> s = Files.walk(a)) {
            files = s.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        assertEquals(6, files.size());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
        }
        assertEquals(Exporter.render(List.of(rich()), "lab-"), Exporter.render(List.of(rich()), "lab-"));
    }

    @Test
    void aModelThatCannotBeExportedWritesNothing(@TempDir Path dir) throws Exception {
        Network net = rich();
        phys(net.getNamespaces().get(2), "abcdefghijklmnop");
        assertThrows(ExportException.class, () -> Exporter.export(net, dir, "lab-"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void topologyCreatesNamespacesPairsLinksAndStandIns() {
        String topo = Exporter.render(List.of(rich()), "lab-").get("topology.sh");
        for (String expected : List.of(
                "set -eu\n",
                "ip netns add 'lab-host'\nip netns add 'lab-client'\nip netns add 'lab-server'\n",
                "ip link add 'client-veth0' netns 'lab-host' type veth peer name 'veth0' netns 'lab-client'\n",
                "ip link add 'uplink' netns 'lab-host' type veth peer name 'eth0' netns 'lab-server'\n",
                "stand_in 'lab-host' 'enp4s0' 's0' stand-in\n",
                "stand_in 'lab-host' 'nw-dummy0' 's1' dummy\n",
                "ip -n 'lab-host' link add link 'enp4s0' name 'enp4s0.100' type vlan id 100 2>/dev/null ||\n",
                "ip -n 'lab-server' link add 'br0' type bridge\n",
                "ip -n 'lab-server' link set dev 'eth0' master 'br0'\n",
                "\tip netns del 'lab-nw.stubs' 2>/dev/null || true\n")) {
            assertTrue(topo.contains(expected), () -> "missing:\n" + expected + "\nin:\n" + topo);
        }
        // the peer declared on one side only still gives exactly one pair
        assertEquals(1, topo.split("type veth peer name 'veth0'", -1).length - 1);
    }

    @Test
    void extensionsAreMergedIntoTheirNamespace() {
        Network net = F.createNetwork();
        Namespace host = ns(net, "host");
        phys(host, "eth0", "10.0.0.1/24");
        NamespaceExtension ext = F.createNamespaceExtension();
        ext.setNamespace(host);
        route(ext, "default", "10.0.0.254", host.getInterfaces().get(0));
        net.getExtensions().add(ext);
        String setup = Exporter.render(List.of(net), "").get("host/setup.sh");
        assertTrue(setup.contains("ip route replace 'default' via '10.0.0.254' dev 'eth0'\n"), setup);
    }

    @Test
    void aLinkToAnInterfaceThatIsAlreadyPairedIsRejected() {
        Network net = rich();
        Link again = F.createLink();
        again.setA(net.getNamespaces().get(0).getInterfaces().get(2)); // client-veth0, already a veth pair
        again.setB(net.getNamespaces().get(2).getInterfaces().get(0));
        net.getLinks().add(again);
        assertTrue(assertThrows(ExportException.class, () -> Exporter.render(List.of(net), "lab-")).getMessage().contains("connected twice"));
    }
}
