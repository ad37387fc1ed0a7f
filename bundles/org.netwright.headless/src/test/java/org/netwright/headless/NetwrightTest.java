package org.netwright.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.dsl.validation.IssueCodes;
import org.netwright.input.InputException;

/** The headless API on real files: what the command line, a build plugin and reports call. */
class NetwrightTest {
    private static final Netwright NETWRIGHT = new Netwright();
    @TempDir
    Path dir;

    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    @Test
    void aFolderIsLoadedWithItsImportsAndEveryProblemIsLocatedWithItsCode() throws Exception {
        write("lab/topology.nwp", "namespace a {\n\tinterface e { address 10.0.0.1/24 }\n}\n");
        write("lab/policy.nwp", "import \"topology.nwp\"\nextend a {\n\troute default via 10.0.0.254 dev nosuch\n}\n");
        Sources sources = NETWRIGHT.load(List.of(dir.resolve("lab")));
        assertEquals(List.of(dir.resolve("lab/policy.nwp"), dir.resolve("lab/topology.nwp")),
                sources.files().stream().map(SourceFile::path).toList(), "sorted by name");
        assertTrue(sources.files().stream().allMatch(SourceFile::loaded));
        Problem p = sources.errors().get(0);
        assertEquals(dir.resolve("lab/policy.nwp"), p.file());
        assertEquals(3, p.line());
        assertTrue(p.column() > 1, p.toString());
        assertEquals(IssueCodes.UNKNOWN_INTERFACE, p.code(), p.toString());
        assertTrue(p.toString().startsWith(dir.resolve("lab/policy.nwp") + ":3:"), p.toString());
        assertEquals(1, sources.errors().size(), "the imported file is validated once: " + sources.problems());
    }

    /** A FIFO named like a model inside a folder (issue 18: validate hung on it) is refused without being opened. */
    @Test
    void aPipeAmongTheModelsIsAProblemNotAHang() throws Exception {
        write("m/a.nwp", "namespace a {\n}\n");
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("m/pipe.nwp").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Sources sources = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> NETWRIGHT.load(List.of(dir.resolve("m"))));
        assertEquals(1, sources.errors().size(), sources.problems().toString());
        Problem p = sources.errors().get(0);
        assertEquals(Problem.UNREADABLE, p.code());
        assertEquals(dir.resolve("m/pipe.nwp") + ":1:1: error: is a named pipe (FIFO), not a regular file (only regular files are read)",
                p.toString());
        assertTrue(sources.files().get(0).loaded());
        assertFalse(sources.files().get(1).loaded());
    }

    @Test
    void aMissingPathIsAnInputErrorAndUnreadableFilesAreProblems() throws Exception {
        InputException e = assertThrows(InputException.class, () -> NETWRIGHT.load(dir.resolve("none.nwp")));
        assertEquals("no such file: " + dir.resolve("none.nwp"), e.describe());
        byte[] latin1 = "namespace caf\u00e9 {\n}\n".getBytes(StandardCharsets.ISO_8859_1);
        Path bad = Files.write(dir.resolve("latin1.nwp"), latin1);
        Problem p = NETWRIGHT.load(bad).errors().get(0);
        assertEquals("1:14", p.line() + ":" + p.column());
        assertTrue(p.message().startsWith("not UTF-8 text: byte 0xe9"), p.message());
    }

    /** The same wording for an empty model wherever it is loaded (issue 18: it was accepted everywhere). */
    @Test
    void anEmptyModelIsAnError() throws Exception {
        Path empty = write("empty.nwp", "# nothing here yet\n");
        Problem p = NETWRIGHT.load(empty).errors().get(0);
        assertEquals(IssueCodes.EMPTY_MODEL, p.code());
        assertEquals(empty + ":1:1: error: The model is empty: the file defines no namespace, link, probe, expectation or scenario"
                + " and imports nothing", p.toString());
    }

    /** validate also asks what check and export would refuse: a service name the engine does not know is found there. */
    @Test
    void validateIncludesWhatCheckAndExportWouldRefuse() throws Exception {
        Path f = write("svc.nwp", "namespace r {\n\tinterface eth0 { address 10.0.0.1/24 }\n\tnftables {\n\t\ttable ip t {\n"
                + "\t\t\tchain c {\n\t\t\t\ttype filter hook input priority 0;\n\t\t\t\ttcp dport gopher accept\n\t\t\t}\n\t\t}\n\t}\n}\n");
        assertEquals(List.of(), NETWRIGHT.load(f).errors(), "the language takes any service name");
        Sources validated = NETWRIGHT.validate(List.of(f));
        Problem p = validated.errors().get(0);
        assertEquals(Problem.MAPPING, p.code());
        assertEquals(7, p.line());
        assertTrue(p.message().startsWith("bad value: 'gopher' is neither a port number nor a service name the engine knows"), p.message());
        assertTrue(NETWRIGHT.check(NETWRIGHT.load(f)).get(0).invalid(), "check refuses what validate refused");
    }

    @Test
    void checkGivesVerdictsTracesAndReports() {
        Sources sources = NETWRIGHT.load(repo().resolve("examples/baselines/masquerade-nft.nwp"));
        assertEquals(List.of(), sources.errors());
        List<FileCheck> checks = NETWRIGHT.check(sources);
        assertEquals(1, checks.size());
        FileCheck check = checks.get(0);
        assertFalse(check.invalid(), check.problems().toString());
        assertEquals(2, check.results().size());
        for (ExpectationResult r : check.results()) {
            assertTrue(r.holds(), r.report());
            assertEquals(List.of(), r.violations());
            assertFalse(r.walks().isEmpty(), "every expectation walks a probe");
            assertTrue(r.line() > 0 && r.file().toString().endsWith("masquerade-nft.nwp"), r.file() + ":" + r.line());
            assertTrue(r.report().contains("holds: "), r.report());
        }
    }

    @Test
    void exportWritesTheFilesOfTheModelAndItsImports() throws Exception {
        Sources sources = NETWRIGHT.load(repo().resolve("examples/001-policy-routing-twice/fixed.nwp"));
        ExportResult r = NETWRIGHT.export(sources.files().get(0), dir.resolve("out"));
        assertTrue(r.written().contains(dir.resolve("out/host/iptables.rules")), r.written().toString());
        assertEquals(0, r.opaqueNftRules());
        assertTrue(Files.readString(dir.resolve("out/host/iptables.rules")).contains("-j CT --zone 1"));
    }

    @Test
    void exportWritesOnlyTheFormatsAskedFor() throws Exception {
        Sources sources = NETWRIGHT.load(repo().resolve("examples/001-policy-routing-twice/fixed.nwp"));
        ExportResult r = NETWRIGHT.export(sources.files().get(0), dir.resolve("out"), java.util.EnumSet.of(ExportFormat.SCRIPTS));
        assertFalse(r.written().isEmpty());
        assertTrue(r.written().stream().allMatch(p -> p.getFileName().toString().equals("setup.sh")), r.written().toString());
        assertFalse(Files.exists(dir.resolve("out/host/iptables.rules")));
        assertEquals(ExportFormat.IPTABLES, ExportFormat.parse(" IPTables"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportFormat.parse("pf"));
        assertEquals("unknown export format 'pf' (nft, iptables, scripts)", e.getMessage());
    }

    /** What an up-to-date check of an export compares: the file and what it imports, transitively, imports first. */
    @Test
    void theInputsOfAFileAreItAndItsImports() throws Exception {
        Path topology = write("lab/topology.nwp", "namespace a {\n\tinterface e { address 10.0.0.1/24 }\n}\n");
        Path middle = write("lab/middle.nwp", "import \"topology.nwp\"\nnamespace b {\n}\n");
        Path policy = write("lab/policy.nwp", "import \"middle.nwp\"\nimport \"topology.nwp\"\nextend a {\n\troute default via 10.0.0.254 dev e\n}\n");
        Sources sources = NETWRIGHT.load(List.of(policy));
        assertEquals(List.of(), sources.errors());
        assertEquals(List.of(topology, middle, policy), NETWRIGHT.inputsOf(sources.files().get(0)));
    }

    @Test
    void aSnapshotIsImportedAsTextThatLoads() {
        Path snapshot = repo().resolve("bundles/org.netwright.importer/src/test/resources/snapshots/lab");
        SnapshotImport s = NETWRIGHT.importSnapshot(snapshot, List.of("test"));
        assertFalse(s.hasErrors(), s.problems().toString());
        assertTrue(s.namespaces() > 0);
        assertNotNull(s.sources());
        assertEquals(List.of(), s.sources().errors());
        assertTrue(s.text().startsWith("# test"), s.text());
    }

    /** An empty snapshot folder gets the answer an empty model gets: an error, the same for import and walk. */
    @Test
    void anEmptySnapshotFolderIsAnError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("snap"));
        SnapshotImport s = NETWRIGHT.importSnapshot(empty, List.of());
        assertTrue(s.hasErrors());
        assertNull(s.sources());
        assertEquals(empty + ":1:1: error: not a snapshot folder: it holds no namespace folders (each with link.json, addr.json,"
                + " route.json, ...)", s.problems().get(0).toString());
    }
}
