package org.netwright.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.draw2d.geometry.Rectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.model.Address;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.Route;
import org.netwright.model.VethInterface;
import org.netwright.diagram.properties.TextLists;

class DiagramLayoutTest {
    private static final NetwrightFactory F = NetwrightFactory.eINSTANCE;

    private static Namespace ns(Network net, String name, String... interfaces) {
        Namespace ns = F.createNamespace();
        ns.setName(name);
        for (String i : interfaces) {
            VethInterface v = F.createVethInterface();
            v.setName(i);
            ns.getInterfaces().add(v);
        }
        net.getNamespaces().add(ns);
        return ns;
    }

    @Test
    void keysAreNamePaths() {
        Network net = F.createNetwork();
        Namespace client = ns(net, "client", "veth0");
        assertEquals("ns/client", DiagramLayout.keyOf(client));
        assertEquals("ns/client/if/veth0", DiagramLayout.keyOf(client.getInterfaces().get(0)));
        assertEquals(Path.of("a/client.nwp.layout"), DiagramLayout.sidecarFor(Path.of("a/client.nwp")));
    }

    @Test
    void savesAtomicallyAndReadsBackIgnoringUnknownMembers(@TempDir Path dir) throws Exception {
        Network net = F.createNetwork();
        Namespace client = ns(net, "client", "veth0");
        DiagramLayout layout = DiagramLayout.load(dir.resolve("t.nwp.layout"));
        layout.setBounds(client, new Rectangle(10, 20, 200, -1));
        layout.save();
        assertFalse(layout.isDirty());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("t.nwp.layout")), files.toList(), "no temporary files left behind");
        }
        String json = Files.readString(dir.resolve("t.nwp.layout"));
        assertTrue(json.contains("\"ns/client\": {\"x\": 10, \"y\": 20, \"w\": 200, \"h\": -1"), json);

        Files.writeString(dir.resolve("t.nwp.layout"), json.replace("\"format\": 1,", "\"format\": 1, \"future\": [1, {\"a\": null}],")
            .replace("\"nodes\": {", "\"nodes\": {\"ns/gone\": {\"x\": 1, \"y\": 2, \"extra\": true}, \"bad\": 3,"));
        DiagramLayout again = DiagramLayout.load(dir.resolve("t.nwp.layout"));
        assertEquals(new Rectangle(10, 20, 200, -1), again.boundsOf(client));
        assertEquals(new Rectangle(1, 2, -1, -1), again.get("ns/gone"), "unknown keys are kept, not used");
        assertNull(again.get("bad"));
    }

    /** A damaged sidecar names its line and column; a folder in its place is refused, not opened; both keep the 0644-style mode. */
    @Test
    void aBrokenSidecarIsALocatedErrorAndANewOneHasTheUsualPermissions(@TempDir Path dir) throws Exception {
        Path sidecar = Files.writeString(dir.resolve("t.nwp.layout"), "{\n  \"format\": 1,\n  \"nodes\": {\"ns/a\": {\"x\": 1,}}\n}\n");
        org.netwright.input.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.netwright.input.InputException.class,
            () -> DiagramLayout.load(sidecar));
        assertEquals(sidecar + ":3:29: unexpected '}': expected a member name in double quotes (at $.nodes[\"ns/a\"])", e.describe());
        Path folder = Files.createDirectories(dir.resolve("f.nwp.layout"));
        e = org.junit.jupiter.api.Assertions.assertThrows(org.netwright.input.InputException.class, () -> DiagramLayout.load(folder));
        assertEquals(folder + ": is a folder, not a file", e.describe());
        Path reference = Files.createFile(dir.resolve("reference"));
        new DiagramLayout().saveTo(dir.resolve("n.nwp.layout"));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(dir.resolve("n.nwp.layout")));
    }

    @Test
    void followsRenamesAndReordering() {
        Network net = F.createNetwork();
        Namespace a = ns(net, "a", "x");
        Namespace b = ns(net, "b", "y");
        DiagramLayout layout = new DiagramLayout();
        layout.setBounds(a, new Rectangle(1, 1, 10, 10));
        layout.setBounds(b, new Rectangle(100, 1, 10, 10));
        net.getNamespaces().move(0, 1); // reorder: nothing moves
        assertEquals(new Rectangle(1, 1, 10, 10), layout.boundsOf(a));
        a.setName("alpha"); // live rename
        assertEquals(new Rectangle(1, 1, 10, 10), layout.boundsOf(a));
        assertTrue(layout.keys().contains("ns/alpha"));
        assertFalse(layout.keys().contains("ns/a"));
    }

    @Test
    void reparsedAndRenamedNamespaceKeepsItsPlaceByFingerprint() {
        Network net = F.createNetwork();
        Namespace a = ns(net, "a", "x", "x2");
        ns(net, "b", "y");
        DiagramLayout layout = new DiagramLayout();
        layout.setBounds(a, new Rectangle(5, 6, 70, 80));
        layout.setBounds(net.getNamespaces().get(1), new Rectangle(300, 6, 70, 80));
        // the text was edited: the parser builds new objects, "a" is now called "gw"
        Network reparsed = F.createNetwork();
        Namespace gw = ns(reparsed, "gw", "x2", "x");
        Namespace b2 = ns(reparsed, "b", "y");
        layout.reconcile(reparsed);
        assertEquals(new Rectangle(5, 6, 70, 80), layout.boundsOf(gw));
        assertEquals(new Rectangle(300, 6, 70, 80), layout.boundsOf(b2));
    }

    @Test
    void textListsRoundTrip() {
        Namespace ns = ns(F.createNetwork(), "r", "veth0");
        List<Address> addresses = TextLists.parseAddresses("10.0.0.1/24, fd00::1/64 ,192.168.1.1 secondary");
        assertEquals("10.0.0.1/24, fd00::1/64, 192.168.1.1/32 secondary", TextLists.formatAddresses(addresses));
        List<Route> routes = TextLists.parseRoutes("default via 10.0.0.254 dev veth0; blackhole 10.9.0.0/16 metric 5", ns);
        assertEquals("default via 10.0.0.254 dev veth0; blackhole 10.9.0.0/16 metric 5", TextLists.formatRoutes(routes));
        assertEquals("net.ipv4.ip_forward = 1", TextLists.formatSysctls(TextLists.parseSysctls("net.ipv4.ip_forward=1;")));
        Interface unused = ns.getInterfaces().get(0);
        assertEquals("veth0", unused.getName());
    }
}
