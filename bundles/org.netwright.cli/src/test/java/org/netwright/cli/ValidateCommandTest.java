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
    void missingFileIsAUsageError() {
        assertEquals(Main.INVALID, run("validate", "/nonexistent/x.nwp"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file: /nonexistent/x.nwp"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(Main.INVALID, run("frobnicate"));
    }
}
