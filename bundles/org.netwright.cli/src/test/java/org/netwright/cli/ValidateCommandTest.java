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

class ValidateCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void syntaxErrorIsReportedWithFileLineAndColumnAndExitCode2(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.nwp");
        Files.writeString(bad, "namespace client {\n    interface \n  }\n");
        assertEquals(Main.INVALID, run("validate", bad.toString()));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.startsWith(bad + ":"), errors);
        assertTrue(errors.matches("(?s).*bad\\.nwp:\\d+:\\d+: error: .*"), errors);
    }

    @Test
    void brokenReferenceIsReportedWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ref.nwp");
        Files.writeString(file, "namespace a {\n\tinterface eth0 { address 10.0.0.1/24 }\n\troute default via 10.0.0.254 dev eth9\n}\n");
        assertEquals(Main.INVALID, run("validate", file.toString()));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.matches("(?s)" + java.util.regex.Pattern.quote(file.toString())
                + ":3:\\d+: error: Unknown interface 'eth9' in namespace 'a'.*"), errors);
        assertTrue(!errors.contains("Exception") && !errors.contains("\tat "), "no stack trace: " + errors);
    }

    @Test
    void importsResolveRelativeToTheFileAndAMissingImportIsAnError(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lab"));
        Files.writeString(dir.resolve("lab/topology.nwp"), "namespace a {\n\tinterface e\n}\n");
        Path policy = dir.resolve("lab/policy.nwp");
        Files.writeString(policy, "import \"topology.nwp\"\nextend a {\n\troute default dev e\n}\n");
        assertEquals(Main.OK, run("validate", policy.toString()), err.toString(StandardCharsets.UTF_8));
        Path broken = dir.resolve("lab/broken.nwp");
        Files.writeString(broken, "import \"nothere.nwp\"\n");
        assertEquals(Main.INVALID, run("validate", broken.toString()));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains(broken + ":1:8: error: Cannot import 'nothere.nwp': " + dir.resolve("lab/nothere.nwp")
                + " does not exist"), errors);
    }

    /** The time is printed, not asserted: the point is that it ends, with located errors. */
    @Test
    void aMegabyteOfGarbageEndsWithLocatedErrors(@TempDir Path dir) throws Exception {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789{}[]();:,./-+*&@$#\"' \t\n=<>!^";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1_000_000) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        Path garbage = dir.resolve("garbage.nwp");
        Files.writeString(garbage, sb.toString());
        long start = System.nanoTime();
        assertEquals(Main.INVALID, run("validate", garbage.toString()));
        System.out.printf("netwright validate: 1 MB of garbage rejected in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.lines().allMatch(l -> l.matches(java.util.regex.Pattern.quote(garbage.toString()) + ":\\d+:\\d+: error: .*")),
                errors.lines().limit(5).toList().toString());
        assertTrue(errors.lines().count() > 0);
    }

    @Test
    void everyExampleValidatesWithoutErrors() {
        Path examples = Path.of(System.getProperty("netwright.examples", "../../examples"));
        assertEquals(Main.OK, run("validate", examples.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(" 0 error(s)"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void missingFileIsAUsageError() {
        assertEquals(Main.INVALID, run("validate", "/nonexistent/x.nwp"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file: /nonexistent/x.nwp"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(Main.INVALID, run("frobnicate"));
    }
}
