package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netwright.input.InputException;

/** Help for every command, completion, and the exit codes of the top level: 2 for input and usage, 3 for a bug, never 1. */
class CliContractTest {
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(ModelLoader loader, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                loader);
    }

    private int run(String... args) {
        return run(null, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "check", "walk", "reach", "lint", "export", "import", "snapshot", "lab", "lab up",
        "lab down", "lab exec", "lab status", "lsp", "completion"})
    void everyCommandAnswersHelpWithItsOptionsAndTheExitCodes(String command) {
        String[] words = command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        assertEquals(Main.OK, run(args), err());
        assertTrue(out().startsWith("Usage: netwright " + command), out());
        assertTrue(out().contains("-h, --help"), out());
        assertTrue(out().contains("Exit status:\n  0  success\n  1  an expectation is violated (check)\n  2  invalid input or usage")
                && out().contains("  3  internal error"), out());
        assertEquals("", err());
        assertEquals(Main.OK, run("help", words[0]));
        assertTrue(out().startsWith("Usage: netwright " + words[0]), out());
    }

    @Test
    void theTopLevelListsTheCommandsAndWithoutOneIsAUsageError() {
        assertEquals(Main.OK, run("--help"));
        for (String c : new String[] {"validate", "check", "walk", "reach", "lint", "export", "import", "snapshot", "lab", "lsp",
            "completion"}) {
            assertTrue(out().contains("\n  " + c + " "), c + " in\n" + out());
        }
        assertEquals(Main.INVALID, run());
        assertTrue(out().startsWith("Usage: netwright"), out());
        assertEquals(Main.INVALID, run("frobnicate"));
        assertTrue(err().startsWith("netwright: unknown command 'frobnicate'"), err());
        assertEquals(1, err().lines().count(), err());
        assertEquals(Main.OK, run("--version"));
        assertTrue(out().startsWith("netwright "), out());
    }

    @Test
    void completionIsABashScriptForEveryCommandAndOption() {
        assertEquals(Main.OK, run("completion"));
        String script = out();
        assertTrue(script.contains("complete -F"), script.substring(0, Math.min(200, script.length())));
        for (String word : new String[] {"validate", "walk", "--probes", "--summary", "exec", "--only"}) {
            assertTrue(script.contains(word), word);
        }
    }

    /** Issue 18: a StackOverflowError ended in a thousand-line trace and exit 1, read by scripts as "violated". */
    @Test
    void aBugIsOneLineAndExit3AndDebugShowsItsTrace(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("a.nwp"), "namespace a {\n}\n");
        ModelLoader overflowing = files -> {
            throw new StackOverflowError();
        };
        assertEquals(Main.INTERNAL, run(overflowing, "check", f.toString()));
        assertEquals("netwright: internal error in check: StackOverflowError (a bug: please report it with the output of --debug)\n", err());
        assertEquals(Main.INTERNAL, run(overflowing, "check", "--debug", f.toString()));
        assertTrue(err().startsWith("netwright: internal error in check: StackOverflowError\njava.lang.StackOverflowError\n\tat "), err());
        ModelLoader failing = files -> {
            throw new IllegalStateException("two\nlines");
        };
        assertEquals(Main.INTERNAL, run(failing, "validate", f.toString()));
        assertEquals("netwright: internal error in validate: IllegalStateException: two (a bug: please report it with the output of --debug)\n",
                err());
        ModelLoader badInput = files -> {
            throw new InputException(files.get(0).toString(), 3, 4, "bad input");
        };
        assertEquals(Main.INVALID, run(badInput, "walk", f.toString(), "--from", "a", "--proto", "icmp", "--dst", "10.0.0.1"));
        assertEquals("netwright: " + f + ":3:4: bad input\n", err());
    }

    @Test
    void argumentsAreBounded() {
        assertEquals(Main.INVALID, run("validate", "x".repeat(100_000)));
        assertTrue(err().startsWith("netwright: an argument is longer than 8192 characters"), err());
        assertFalse(err().contains("Exception"), err());
    }

    @Test
    void atFilesAreNotExpanded(@TempDir Path dir) throws Exception {
        Path args = Files.writeString(dir.resolve("args"), "--help\n");
        assertEquals(Main.INVALID, run("validate", "@" + args));
        assertTrue(err().contains("no such file: @" + args), err());
    }
}
