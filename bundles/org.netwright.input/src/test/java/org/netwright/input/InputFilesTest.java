package org.netwright.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only regular files are read, never blocking (a FIFO, /dev/zero, /proc/self/mem are refused before opening). */
class InputFilesTest {
    @TempDir
    Path dir;

    private static String problem(Path p) {
        return InputFiles.problem(p, InputFiles.MODEL_BYTES);
    }

    @Test
    void aRegularFileIsRead() throws Exception {
        Path f = Files.writeString(dir.resolve("a.nwp"), "namespace a {}\n");
        assertNull(problem(f));
        assertEquals("namespace a {}\n", InputFiles.readUtf8(f, InputFiles.MODEL_BYTES));
        assertArrayEquals("namespace a {}\n".getBytes(StandardCharsets.UTF_8), InputFiles.readBytes(f, 100));
    }

    @Test
    void specialFilesAreRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("pipe.nwp");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        // opening a FIFO without a writer blocks forever: the refusal must come first
        InputException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(InputException.class, () -> InputFiles.readUtf8(fifo, InputFiles.MODEL_BYTES)));
        assertEquals(fifo + ": is a named pipe (FIFO), not a regular file (only regular files are read)", e.describe());
        assertEquals("is a character device, not a regular file (only regular files are read)", problem(Path.of("/dev/zero")));
        assertEquals("is a file of the kernel's /proc file system, not a regular file (only regular files are read)",
                problem(Path.of("/proc/self/mem")));
        assertEquals("is a file of the kernel's /proc file system, not a regular file (only regular files are read)",
                problem(Path.of("/proc/self/status")));
        assertEquals("is a folder, not a file", problem(dir));
        assertEquals("no such file", problem(dir.resolve("missing.nwp")));
    }

    @Test
    void aSymbolicLinkToAKernelFileIsRefusedToo() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("innocent.nwp"), Path.of("/proc/self/mem"));
        assertTrue(problem(link).contains("/proc"), problem(link));
    }

    @Test
    void sizeIsBounded() throws Exception {
        Path f = Files.write(dir.resolve("big.json"), new byte[2048]);
        assertEquals("is larger than 1024 bytes (2048 bytes), more than an input file can be", InputFiles.problem(f, 1024));
        assertThrows(InputException.class, () -> InputFiles.readBytes(f, 1024));
    }

    @Test
    void invalidUtf8IsReportedAtItsLineAndColumn() throws Exception {
        byte[] bytes = "{\n  \"a\": \"x\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xff;
        bad[bytes.length + 1] = '"';
        bad[bytes.length + 2] = '}';
        Path f = Files.write(dir.resolve("probes.json"), bad);
        InputException e = assertThrows(InputException.class, () -> InputFiles.readUtf8(f, 100));
        assertEquals(2, e.line());
        assertEquals(11, e.column());
        assertEquals(f + ":2:11: not UTF-8 text: byte 0xff at offset 13 is not valid UTF-8", e.describe());
    }

    @Test
    void longLinesAreRefused() {
        String text = "short\n" + "x".repeat(50) + "\n";
        InputFiles.checkLineLength("t", text, 50);
        InputException e = assertThrows(InputException.class, () -> InputFiles.checkLineLength("t", text, 49));
        assertEquals("t:2:50: line 2 is longer than 49 characters (50)", e.describe());
    }
}
