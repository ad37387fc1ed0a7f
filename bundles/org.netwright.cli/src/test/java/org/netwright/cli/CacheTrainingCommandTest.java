package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The launcher's training run: every command it runs succeeds on its model (else the cache misses their classes). */
class CacheTrainingCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void everyTrainingRunSucceedsAndPrintsNothing() {
        assertEquals(Main.OK, run("cache-training"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theTrainingModelChecksWithEveryExpectationHolding() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("training", ".nwp");
        try {
            java.nio.file.Files.writeString(file, CacheTrainingCommand.MODEL);
            assertEquals(Main.OK, run("check", "--summary", file.toString()), err.toString(StandardCharsets.UTF_8));
            assertEquals(true, out.toString(StandardCharsets.UTF_8).contains("2 expectation(s) checked: 2 hold, 0 violated"),
                    out.toString(StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void theHelpDoesNotListIt() {
        assertEquals(Main.OK, run("--help"));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("cache-training"), out.toString(StandardCharsets.UTF_8));
    }
}
