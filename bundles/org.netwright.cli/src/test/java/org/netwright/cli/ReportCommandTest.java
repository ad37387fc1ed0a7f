package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} and {@code check --junit --sarif}: the reports the Maven plugin writes, from the command line. */
class ReportCommandTest {
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

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
        assertEquals(Main.OK, run("report", sample().toString(), "-o", o.toString()), err());
        assertTrue(out().contains("report " + o.resolve("index.html") + ": 3 file(s), 3 of 3 expectation(s) hold, 0 violated, 0 error(s)"), out());
        assertTrue(Files.readString(o.resolve("index.html")).contains("checks.nwp"));
        assertTrue(Files.readString(o.resolve("junit.xml")).contains("tests=\"6\" failures=\"0\" errors=\"0\""));
        assertTrue(Files.readString(o.resolve("netwright.sarif")).contains("\"version\": \"2.1.0\""));
        try (var files = Files.walk(o.resolve("export"))) {
            assertTrue(files.anyMatch(p -> p.endsWith("gateway/ruleset.nft")), "the gateway's nft ruleset is exported");
        }
        assertEquals(Main.VIOLATED, run("report", sampleWith("violated", "violated.nwp").toString(), "-o", o.toString()), out() + err());
        assertEquals(Main.INVALID, run("report"), err());
        assertTrue(err().contains("report needs at least one .nwp file or folder"), err());
        assertEquals(Main.INVALID, run("report", sample().toString()), err());
        assertTrue(err().contains("report needs -o <dir>"), err());
    }

    @Test
    void checkWritesJUnitAndSarifAlsoWhenItFails() throws Exception {
        Path junit = dir.resolve("results/junit.xml");
        Path sarif = dir.resolve("results/netwright.sarif");
        assertEquals(Main.VIOLATED, run("check", sampleWith("violated", "violated.nwp").toString(), "--junit", junit.toString(), "--sarif", sarif.toString()),
                err());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<failure type=\"violated\""), xml);
        assertTrue(xml.contains("name=\"the office keeps its address\""), xml);
        assertTrue(Files.readString(sarif).contains("\"ruleId\": \"org.netwright.check.violated\""));

        assertEquals(Main.INVALID, run("check", sampleWith("syntax-error", "broken.nwp").toString(), "--junit", junit.toString()), err());
        assertTrue(Files.readString(junit).contains("<error type=\"invalid\""), "an invalid file is an error case");
    }
}
