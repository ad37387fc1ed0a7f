package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} and {@code check --junit --sarif}: the reports the Maven plugin writes, from the command line. */
class ReportCommandTest {
    private final CliRun cli = new CliRun();
    @TempDir
    Path dir;

    private static Path sample() {
        return IoCommandsTest.repo().resolve("examples/headless-build/src/main/netwright");
    }

    /** The sample with a file of the Maven plugin's integration test beside it (it imports the sample's files). */
    private Path sampleWith(String variant, String file) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("sample-" + variant));
        try (var files = Files.list(sample())) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Files.copy(IoCommandsTest.repo().resolve("netwright-maven-plugin/src/it").resolve(variant).resolve("src/main/netwright").resolve(file),
                copy.resolve(file));
        return copy;
    }

    @Test
    void reportWritesTheHtmlTheJUnitXmlTheSarifAndTheExports() throws Exception {
        Path o = dir.resolve("report");
        assertEquals(Main.OK, cli.run("report", sample().toString(), "-o", o.toString()), cli.err());
        assertTrue(cli.out().contains("report " + o.resolve("index.html") + ": 3 file(s), 3 of 3 expectation(s) hold, 0 violated, 0 uncertain, 0 error(s)"), cli.out());
        assertTrue(Files.readString(o.resolve("index.html")).contains("checks.nwp"));
        assertTrue(Files.readString(o.resolve("junit.xml")).contains("tests=\"6\" failures=\"0\" errors=\"0\""));
        assertTrue(Files.readString(o.resolve("netwright.sarif")).contains("\"version\": \"2.1.0\""));
        try (var files = Files.walk(o.resolve("export"))) {
            assertTrue(files.anyMatch(p -> p.endsWith("gateway/ruleset.nft")), "the gateway's nft ruleset is exported");
        }
        assertEquals(Main.VIOLATED, cli.run("report", sampleWith("violated", "violated.nwp").toString(), "-o", o.toString()), cli.out() + cli.err());
        assertEquals(Main.INVALID, cli.run("report"), cli.err());
        assertTrue(cli.err().contains("report needs at least one .nwp file or folder"), cli.err());
        assertEquals(Main.INVALID, cli.run("report", sample().toString()), cli.err());
        assertTrue(cli.err().contains("report needs -o <dir>"), cli.err());
    }

    @Test
    void checkWritesJUnitAndSarifAlsoWhenItFails() throws Exception {
        Path junit = dir.resolve("results/junit.xml");
        Path sarif = dir.resolve("results/netwright.sarif");
        assertEquals(Main.VIOLATED, cli.run("check", sampleWith("violated", "violated.nwp").toString(), "--junit", junit.toString(), "--sarif", sarif.toString()),
                cli.err());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<failure type=\"violated\""), xml);
        assertTrue(xml.contains("name=\"the office keeps its address\""), xml);
        assertTrue(Files.readString(sarif).contains("\"ruleId\": \"org.netwright.check.violated\""));

        assertEquals(Main.INVALID, cli.run("check", sampleWith("syntax-error", "broken.nwp").toString(), "--junit", junit.toString()), cli.err());
        assertTrue(Files.readString(junit).contains("<error type=\"invalid\""), "an invalid file is an error case");
    }
}
