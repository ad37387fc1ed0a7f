package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reproducers of issue 18 on the command line: each ends in a located error and exit 2 (never a hang, a stack
 * trace, exit 1 or "a bug, please report"), and every command gives the same answer to the same bad input.
 */
class BadInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return assertTimeoutPreemptively(LIMIT, () -> Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private void assertCleanError() {
        assertFalse(err().contains("Exception") || err().contains("\tat ") || err().contains("a bug"), err());
    }

    private Path model() throws Exception {
        return Files.writeString(dir.resolve("lab.nwp"), """
                namespace client {
                	veth eth0 <-> server:eth0 { address 10.0.1.2/24 }
                }
                namespace server {
                	veth eth0 <-> client:eth0 { address 10.0.1.3/24 }
                }
                """);
    }

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).start().waitFor());
        return p;
    }

    @Test
    void aProbesFileNested5000DeepIsOneLocatedLine() throws Exception {
        Path probes = Files.writeString(dir.resolve("deep.json"), "[".repeat(5000));
        assertEquals(Main.INVALID, run("walk", model().toString(), "--probes", probes.toString()));
        assertEquals("netwright: " + probes + ":1:65: nested deeper than 64 levels (at $" + "[0]".repeat(63) + ")\n", err());
    }

    @Test
    void aPipeAsProbesFileIsRefusedNotWaitedOn() throws Exception {
        Path pipe = fifo("probes.json");
        assertEquals(Main.INVALID, run("walk", model().toString(), "--probes", pipe.toString()));
        assertEquals("netwright: cannot read probes file " + pipe + " (--probes): is a named pipe (FIFO), not a regular file"
                + " (only regular files are read)\n", err());
    }

    @Test
    void aMissingProbesFileNamesTheOptionAndTheFile() throws Exception {
        assertEquals(Main.INVALID, run("walk", model().toString(), "--probes", dir.resolve("none.json").toString()));
        assertEquals("netwright: cannot read probes file " + dir.resolve("none.json") + " (--probes): no such file\n", err());
    }

    @Test
    void invalidUtf8InAProbesFileIsLocated() throws Exception {
        byte[] text = "{\"probes\": [{\"from\": \"cl\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1);
        Path probes = Files.write(dir.resolve("latin1.json"), text);
        assertEquals(Main.INVALID, run("walk", model().toString(), "--probes", probes.toString()));
        assertEquals("netwright: " + probes + ":1:25: not UTF-8 text: byte 0xe9 at offset 24 is not valid UTF-8\n", err());
    }

    /** A FIFO named *.nwp among the models (validate and check blocked forever) is one located error; the rest is checked. */
    @ParameterizedTest
    @ValueSource(strings = {"validate", "check"})
    void aPipeAmongTheModelsIsALocatedError(String command) throws Exception {
        model();
        Path pipe = fifo("pipe.nwp");
        assertEquals(Main.INVALID, run(command, dir.toString()));
        assertTrue(err().contains(pipe + ":1:1: error: is a named pipe (FIFO), not a regular file (only regular files are read)"), err());
        assertCleanError();
    }

    /** The same file gives the same answer to every command that reads a model. */
    @Test
    void anEmptyModelGetsTheSameAnswerEverywhere() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.nwp"), "# to do\n");
        String expected = empty + ":1:1: error: The model is empty: the file defines no namespace, link, probe, expectation or scenario"
                + " and imports nothing\n";
        for (List<String> args : List.of(List.of("validate", empty.toString()), List.of("check", empty.toString()),
                List.of("export", empty.toString(), "-o", dir.resolve("out").toString()),
                List.of("walk", empty.toString(), "--from", "a", "--proto", "icmp", "--dst", "10.0.0.1"))) {
            assertEquals(Main.INVALID, run(args.toArray(String[]::new)), args.toString());
            assertEquals(expected, err(), args.toString());
        }
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aFolderNamedLikeAModelIsNotAFile() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("model.nwp"));
        for (List<String> args : List.of(List.of("export", folder.toString(), "-o", dir.resolve("out").toString()),
                List.of("walk", folder.toString(), "--from", "a", "--proto", "icmp", "--dst", "10.0.0.1"))) {
            assertEquals(Main.INVALID, run(args.toArray(String[]::new)), args.toString());
            assertEquals("netwright: " + folder + ": is a folder, not a file\n", err(), args.toString());
        }
    }

    /** An empty snapshot folder gets the same answer from import and walk (import wrote "0 namespaces" before). */
    @Test
    void anEmptySnapshotFolderGetsTheSameAnswerEverywhere() throws Exception {
        Path snap = Files.createDirectories(dir.resolve("snap"));
        String expected = snap + ":1:1: error: not a snapshot folder: it holds no namespace folders (each with link.json, addr.json,"
                + " route.json, ...)\n";
        assertEquals(Main.INVALID, run("import", snap.toString(), "-o", dir.resolve("m.nwp").toString()));
        assertTrue(err().startsWith(expected), err());
        assertFalse(Files.exists(dir.resolve("m.nwp")));
        assertEquals(Main.INVALID, run("walk", snap.toString(), "--from", "a", "--proto", "icmp", "--dst", "10.0.0.1"));
        assertTrue(err().startsWith(expected), err());
    }

    /** An empty addr.json: a located error about the input, and a model that loads (routes that lost their addresses as comments). */
    @Test
    void aDamagedSnapshotImportsAsAModelThatLoads() throws Exception {
        Path snap = Files.createDirectories(dir.resolve("snap/host"));
        Files.writeString(snap.resolve("link.json"), "[{\"ifindex\": 1, \"ifname\": \"lo\", \"flags\": [\"LOOPBACK\", \"UP\"], \"link_type\": \"loopback\"},"
                + " {\"ifindex\": 2, \"ifname\": \"eth0\", \"flags\": [\"UP\"], \"link_type\": \"ether\", \"address\": \"02:00:00:00:00:01\"}]");
        Files.writeString(snap.resolve("addr.json"), "");
        Files.writeString(snap.resolve("route.json"), "[{\"dst\": \"default\", \"gateway\": \"10.0.0.254\", \"dev\": \"eth0\", \"flags\": []}]");
        Files.writeString(snap.resolve("iptables-save.txt"), "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m fr\u001b[31mob -j DROP\nCOMMIT\n");
        Path model = dir.resolve("host.nwp");
        assertEquals(Main.INVALID, run("import", dir.resolve("snap").toString(), "-o", model.toString()));
        assertTrue(err().contains(snap.resolve("addr.json") + ":1:1: error: malformed JSON: empty input"), err());
        assertTrue(err().contains("-m fr\\u001b[31mob"), "control characters are shown escaped: " + err());
        assertFalse(err().contains("\u001b"), err());
        assertTrue(err().contains("'route default via 10.0.0.254 dev eth0' is written as a comment"), err());
        assertCleanError();
        assertTrue(out().contains("wrote " + model), out());
        assertEquals(Main.OK, run("validate", model.toString()), err());
        // the model file gets the permissions any new file gets here (the umask), not 0600
        Path reference = Files.createFile(dir.resolve("reference"));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(model)));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".host.nwp")), "no temporary file left");
        }
    }

    @Test
    void aPipeInASnapshotIsAnErrorOfThatFile() throws Exception {
        Path snap = Files.createDirectories(dir.resolve("snap/ns1"));
        Files.writeString(snap.resolve("link.json"), "[{\"ifindex\": 1, \"ifname\": \"lo\", \"flags\": [\"UP\"], \"link_type\": \"loopback\"}]");
        assertEquals(0, new ProcessBuilder("mkfifo", snap.resolve("addr.json").toString()).start().waitFor());
        assertEquals(Main.INVALID, run("import", dir.resolve("snap").toString(), "-o", dir.resolve("m.nwp").toString()));
        assertTrue(err().contains(snap.resolve("addr.json") + ":1:1: error: is a named pipe (FIFO), not a regular file"), err());
        assertCleanError();
    }
}
