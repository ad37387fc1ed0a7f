package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.LabNames;
import org.netwright.lab.NetnsLab;

/** export, import, snapshot and lab on the command line (the kernel ones need root: skipped otherwise, an error under CI=true). */
class IoCommandsTest {
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    @Test
    void exportWritesTheFilesOfTheModelAndItsImportsTheSameEveryTime(@TempDir Path dir) throws Exception {
        String model = repo().resolve("examples/001-policy-routing-twice/fixed.nwp").toString();
        assertEquals(Main.OK, run("export", model, "-o", dir.resolve("a").toString()), err());
        assertEquals(Main.OK, run("export", model, "-o", dir.resolve("b").toString()), err());
        List<Path> a = files(dir.resolve("a"));
        assertEquals(List.of(Path.of("client/setup.sh"), Path.of("host/iptables.rules"), Path.of("host/setup.sh"), Path.of("inet/setup.sh"),
                Path.of("proxy/setup.sh")), a);
        for (Path f : a) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f.toString());
        }
        assertTrue(Files.readString(dir.resolve("a/host/iptables.rules")).contains("-A PREROUTING -i client-veth0 -j CT --zone 1"));
    }

    @Test
    void exportReplacesAPreviousExportButNotAFolderOfOtherThings(@TempDir Path dir) throws Exception {
        String model = repo().resolve("examples/001-policy-routing-twice/fixed.nwp").toString();
        Path out = dir.resolve("out");
        assertEquals(Main.OK, run("export", model, "-o", out.toString()), err());
        assertEquals(Main.OK, run("export", model, "-o", out.toString()), err());
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertEquals(Main.INVALID, run("export", model, "-o", out.toString()));
        assertTrue(err().startsWith("netwright: export: cannot export into " + out.toRealPath() + ": it holds notes.txt, which is not part"), err());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals(6, files(out).size(), "the previous export and the notes, untouched");
        assertEquals(Main.INVALID, run("export", model, "-o", "."));
        assertTrue(err().contains("it is the current folder or holds it"), err());
    }

    @Test
    void exportOfAnInvalidModelWritesNothingAndNamesTheLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.nwp");
        Files.writeString(bad, "namespace a {\n\tinterface eth0 { address 10.0.0.1/24 }\n\troute default via 10.0.0.254 dev nosuch\n}\n");
        assertEquals(Main.INVALID, run("export", bad.toString(), "-o", dir.resolve("out").toString()));
        assertTrue(err().contains("bad.nwp:3:"), err());
        assertFalse(Files.exists(dir.resolve("out")));
        assertEquals(Main.INVALID, run("export", bad.toString()));
        assertTrue(err().contains("needs -o"), err());
    }

    @Test
    void importWritesAModelThatLoadsAndReportsWhatItCouldNotExpress(@TempDir Path dir) throws Exception {
        Path snapshot = repo().resolve("bundles/org.netwright.importer/src/test/resources/snapshots/lab");
        Path model = dir.resolve("host.nwp");
        assertEquals(Main.OK, run("import", snapshot.toString(), "-o", model.toString()), err());
        String text = Files.readString(model);
        assertTrue(text.contains("namespace nwimp-b"), text);
        // the snapshot's IPv6 address is written, not left out with a warning (it was before IPv6)
        assertTrue(text.contains("2001:db8:77::1"), text);
        assertFalse(err().contains("IPv4 addresses only"), err());
        // what the language still cannot write is reported
        assertTrue(err().contains("not written"), err());
        // the written model is a valid model
        assertEquals(Main.OK, run("validate", model.toString()), err());
    }

    @Test
    void importOfMalformedJsonNamesFileLineAndKeepsWhatCouldBeRead(@TempDir Path dir) throws Exception {
        Path snapshot = dir.resolve("snap");
        Files.createDirectories(snapshot.resolve("host"));
        Files.writeString(snapshot.resolve("host/addr.json"), "[{\"ifname\": \"eth0\", \"addr_info\": [{\"family\": \"inet\", \"local\": \"10.0.0.1\", \"prefixlen\": 24}]},\n"
                + " {\"ifname\": \"eth1\", \"addr_info\": [{\"family\": \"inet\", \"local\": ");
        Files.writeString(snapshot.resolve("host/link.json"), "[{\"ifindex\": 2, \"ifname\": \"eth0\", \"flags\": [\"UP\"], \"mtu\": 1500, \"link_type\": \"ether\","
                + " \"address\": \"02:00:00:00:00:01\"}]");
        Files.writeString(snapshot.resolve("host/iptables-save.txt"), "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m frobnicate --level 3 -j DROP\nCOMMIT\n");
        Path model = dir.resolve("m.nwp");
        assertEquals(Main.INVALID, run("import", snapshot.toString(), "-o", model.toString()));
        assertTrue(err().matches("(?s).*host/addr\\.json:2:\\d+: error: malformed JSON.*"), err());
        assertTrue(err().matches("(?s).*host/iptables-save\\.txt:3:\\d+: warning: .*frobnicate.*"), err());
        String text = Files.readString(model);
        assertTrue(text.contains("address 10.0.0.1/24"), text);
        assertTrue(text.contains("-m frobnicate --level 3 -j DROP"), text);
    }

    @Test
    void labUpStatusExecDownAndSnapshotOfTheLab(@TempDir Path dir) throws Exception {
        KernelAvailability.require();
        String lab = "clit1";
        try {
            String model = repo().resolve("examples/baselines/masquerade-nft.nwp").toString();
            assertEquals(Main.OK, run("lab", "up", model, "--name", lab), err());
            assertTrue(out().contains("router = " + LabNames.PREFIX + lab + "-router"), out());
            assertEquals(Main.OK, run("lab", "status"));
            assertTrue(out().contains("lab " + lab + ": 4 of 4 namespaces present"), out());
            assertEquals(Main.OK, run("lab", "exec", "--name", lab, "router", "--", "nft", "list", "ruleset"), err());
            assertTrue(out().contains("masquerade"), out());
            assertEquals(Main.OK, run("lab", "exec", "--name", lab, "pc", "--", "ping", "-c", "1", "-W", "2", "198.51.100.10"), out() + err());
            assertEquals(Main.INVALID, run("lab", "exec", "--name", lab, "nosuch", "--", "true"));
            assertTrue(err().contains("has no namespace 'nosuch'"), err());

            Path snap = dir.resolve("snap");
            assertEquals(Main.OK, run("snapshot", "-o", snap.toString(), "--only", LabNames.labPrefix(lab)), err());
            assertTrue(Files.isRegularFile(snap.resolve(LabNames.PREFIX + lab + "-router/nft.json")));
            assertTrue(Files.readString(snap.resolve("links.json")).contains(LabNames.PREFIX + lab + "-router"));
            assertEquals(Main.OK, run("import", snap.toString(), "-o", dir.resolve("lab.nwp").toString()), err());
            assertTrue(Files.readString(dir.resolve("lab.nwp")).contains("masquerade"));

            assertEquals(Main.OK, run("lab", "down", lab), err());
            assertTrue(NetnsLab.listNetns().stream().noneMatch(n -> n.startsWith(LabNames.labPrefix(lab))));
            assertEquals(Main.INVALID, run("lab", "down", lab));
        } finally {
            NetnsLab.removeLeftovers(lab);
        }
    }
}
