package org.netwright.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.model.*;
import org.netwright.model.semantics.NamespaceConfig;
import org.netwright.model.semantics.Namespaces;

class ExporterTest {

    @Test
    void writesOnlyTheFilesThatHaveContent(@TempDir Path dir) throws Exception {
        List<Path> written = Exporter.export(rich(), dir);
        List<String> names = written.stream().map(p -> dir.relativize(p).toString()).toList();
        assertEquals(List.of("host/ruleset.nft", "host/iptables.rules", "host/setup.sh", "client/setup.sh", "server/setup.sh"), names);
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
        Exporter.export(rich(), a);
        Exporter.export(rich(), b); // a second, separately built model
        Exporter.export(rich(), b); // and again over the first output
        List<Path> files;
        try (Stream<Path> s = Files.walk(a)) {
            files = s.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        assertEquals(5, files.size());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
        }
        assertEquals(Exporter.render(List.of(rich())), Exporter.render(List.of(rich())));
    }

    @Test
    void aModelThatCannotBeExportedWritesNothing(@TempDir Path dir) throws Exception {
        Network net = rich();
        phys(net.getNamespaces().get(2), "abcdefghijklmnop");
        assertThrows(ExportException.class, () -> Exporter.export(net, dir));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void labTopologyCablesPairsAndLinksAndListsWhatNeedsAStandIn() {
        Network net = rich();
        LabTopology t = LabTopology.of(NamespaceConfig.of(List.of(net)), net.getLinks());
        // the veth pair declared on one side only is still exactly one cable
        assertEquals(List.of("veth pair host:client-veth0 <-> client:veth0", "link host:uplink <-> server:eth0"),
                t.cables().stream().map(Object::toString).toList());
        assertEquals(List.of("host:enp4s0 (unconnected)", "host:enp4s0.100 (vlan)", "host:nw-dummy0 (dummy)"),
                t.devices().stream().map(Object::toString).toList());
        // enp4s0 is not cabled, so its vlan has no peer vlan to be joined with
        assertEquals(null, t.devices().get(1).peerVlan());
    }

    @Test
    void vlansOnBothEndsOfALinkArePeers() {
        Network net = F.createNetwork();
        Namespace a = ns(net, "a");
        Namespace b = ns(net, "b");
        PhysicalInterface ea = phys(a, "eth1");
        PhysicalInterface eb = phys(b, "eth1");
        for (PhysicalInterface parent : List.of(ea, eb)) {
            VlanInterface v = itf(Namespaces.namespaceOf(parent), F.createVlanInterface(), "eth1.100");
            v.setParent(parent);
            v.setVlanId(100);
        }
        VlanInterface other = itf(a, F.createVlanInterface(), "eth1.200");
        other.setParent(ea);
        other.setVlanId(200);
        Link link = F.createLink();
        link.setA(ea);
        link.setB(eb);
        net.getLinks().add(link);
        LabTopology t = LabTopology.of(NamespaceConfig.of(List.of(net)), net.getLinks());
        assertSame(b.getInterfaces().get(1), t.devices().get(0).peerVlan());
        assertSame(a.getInterfaces().get(1), t.devices().get(2).peerVlan());
        assertEquals(null, t.devices().get(1).peerVlan(), "no vlan 200 on the other end");
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
        String setup = Exporter.render(List.of(net)).get("host/setup.sh");
        assertTrue(setup.contains("ip route replace 'default' via '10.0.0.254' dev 'eth0'\n"), setup);
    }

    @Test
    void aLinkToAnInterfaceThatIsAlreadyPairedIsRejected() {
        Network net = rich();
        Link again = F.createLink();
        again.setA(net.getNamespaces().get(0).getInterfaces().get(2)); // client-veth0, already a veth pair
        again.setB(net.getNamespaces().get(2).getInterfaces().get(0));
        net.getLinks().add(again);
        assertTrue(assertThrows(ExportException.class, () -> Exporter.render(List.of(net))).getMessage().contains("connected twice"));
    }
}
