package org.netwright.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(dir::relativize).sorted().toList();
        }
    }

    /** The same permissions as any file the user creates there (umask), not 0600 (issue 18). */
    @Test
    void writesAtomicallyWithTheUsualPermissions() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path target = dir.resolve("sub/model.nwp");
        OutputFiles.writeAtomically(target, "namespace a {}\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("namespace a {}\n", Files.readString(target));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        OutputFiles.writeAtomically(target, "namespace b {}\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("namespace b {}\n", Files.readString(target));
        try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
            assertEquals(List.of(target), s.toList(), "no temporary file left");
        }
    }

    @Test
    void aSiblingFolderIsDiscardedWithItsContent() throws Exception {
        Path sibling = OutputFiles.newSibling(dir.resolve("snap"), true);
        assertTrue(sibling.getFileName().toString().startsWith(".snap."), sibling.toString());
        Files.writeString(Files.createDirectories(sibling.resolve("ns")).resolve("addr.json"), "[]");
        OutputFiles.discard(sibling);
        assertEquals(List.of(), files());
    }

    /** A killed writer (SIGTERM) leaves nothing beside the target: the shutdown hook removes it. */
    @Test
    void aTemporaryFileIsRemovedWhenTheProcessIsTerminated() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(),
                dir.resolve("model.nwp").toString()).redirectErrorStream(true).start();
        String line = new String(child.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
        assertEquals("ready\n", line, "the child created its temporary file");
        assertEquals(1, files().size(), files().toString());
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), files());
    }

    /** The child of the SIGTERM test: creates a sibling, says so, waits to be killed. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            OutputFiles.newSibling(Path.of(args[0]), false);
            System.out.print("ready\n");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
