package org.netwright.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFolder} in one process: failures injected at each step leave the previous export as it was. */
class AtomicFolderTest {
    private static final Map<String, String> A = ExportChild.files(1);
    private static final Map<String, String> B = ExportChild.files(3);

    /** A failure at {@code step} (the {@code nth} time it is reached), as the file system would report it. */
    private static AtomicFolder.Hook failAt(AtomicFolder.Step step, int nth, String reason) {
        int[] seen = {0};
        return (s, path) -> {
            if (s == step && ++seen[0] == nth) {
                throw new java.nio.file.FileSystemException(path.toString(), null, reason);
            }
        };
    }

    private static List<String> siblings(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void assertHolds(Path out, Map<String, String> files) throws IOException {
        assertEquals(ExportChild.expectedListing(out.getParent(), out, files), ExportChild.listing(out.getParent()).stream()
                .filter(l -> l.equals("dir " + out.getFileName()) || l.startsWith("dir " + out.getFileName() + "/")
                        || l.startsWith("file " + out.getFileName() + "/")).toList());
    }

    @Test
    void shortWritesAreContinuedUntilEveryByteIsWritten() throws IOException {
        ByteBuffer into = ByteBuffer.allocate(1000);
        int[] calls = {0};
        WritableByteChannel stingy = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                if (++calls[0] % 3 == 0) {
                    return 0; // a write that took nothing, as after a signal
                }
                int n = Math.min(7, src.remaining());
                for (int i = 0; i < n; i++) {
                    into.put(src.get());
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        AtomicFiles.writeFully(stingy, ByteBuffer.wrap(bytes));
        assertEquals(1000, into.position());
        assertTrue(java.util.Arrays.equals(bytes, into.array()));
    }

    @Test
    void aFileSystemThatTakesNothingIsAnErrorNotAShortFile() {
        WritableByteChannel full = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                return 0;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeFully(full, ByteBuffer.wrap(new byte[10])));
        assertTrue(e.getMessage().contains("short write"), e.getMessage());
    }

    @Test
    void aNewExportReplacesThePreviousOneAsAWhole(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        AtomicFolder.publish(out, A);
        Map<String, String> onlyHost = Map.of("host/ruleset.nft", "flush ruleset\n");
        List<Path> written = AtomicFolder.publish(out, onlyHost);
        assertEquals(List.of(out.resolve("host/ruleset.nft")), written);
        assertHolds(out, onlyHost); // the namespaces that are gone from the model are gone from the folder
        assertEquals(List.of("out"), siblings(dir), "temporary folders left");
    }

    @Test
    void aFailureWhileWritingAnyFileLeavesThePreviousExportUntouched(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        AtomicFolder.publish(out, A);
        for (int nth = 1; nth <= B.size(); nth++) {
            var hook = failAt(AtomicFolder.Step.FILE_STAGED, nth, "No space left on device");
            ExportWriteException e = assertThrows(ExportWriteException.class, () -> AtomicFolder.publish(out, B, hook));
            assertTrue(e.getMessage().contains(": no space left on device (the previous export in "), e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot write " + out.toRealPath() + "/"), e.getMessage());
            assertHolds(out, A);
            assertEquals(List.of("out"), siblings(dir), "temporary folders left");
        }
    }

    @Test
    void aFailureAfterThePreviousExportWasMovedPutsItBack(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        AtomicFolder.publish(out, A);
        for (AtomicFolder.Step step : List.of(AtomicFolder.Step.STAGED, AtomicFolder.Step.PREVIOUS_MOVED)) {
            var hook = failAt(step, 1, "Input/output error");
            ExportWriteException e = assertThrows(ExportWriteException.class, () -> AtomicFolder.publish(out, B, hook));
            assertTrue(e.getMessage().contains("input/output error"), e.getMessage());
            assertHolds(out, A);
            assertEquals(List.of("out"), siblings(dir), "temporary folders left after a failure at " + step);
        }
    }

    @Test
    void theNextExportCleansUpAfterAKilledOne(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        AtomicFolder.publish(out, A);
        // killed between the two renames: the previous export under its temporary name, a staged one beside it
        Files.move(out, dir.resolve(".out" + AtomicFolder.OLD + "1"));
        Files.createDirectories(dir.resolve(".out" + AtomicFolder.NEW + "1/host"));
        Files.writeString(dir.resolve(".out" + AtomicFolder.NEW + "1/host/ruleset.nft"), "flush rul");
        // the next export fails too: the previous one is back in place all the same
        var hook = failAt(AtomicFolder.Step.FILE_STAGED, 1, "No space left on device");
        assertThrows(ExportWriteException.class, () -> AtomicFolder.publish(out, B, hook));
        assertHolds(out, A);
        assertEquals(List.of("out"), siblings(dir));
        // killed after the switch, before the previous export was deleted
        Files.createDirectories(dir.resolve(".out" + AtomicFolder.OLD + "2/x"));
        AtomicFolder.publish(out, B);
        assertHolds(out, B);
        assertEquals(List.of("out"), siblings(dir));
    }

    @Test
    void aFolderHoldingOtherThingsIsRefusedAndLeftAsItWas(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        AtomicFolder.publish(out, A);
        Files.writeString(out.resolve("README"), "my notes");
        Files.writeString(out.resolve("host/notes.txt"), "mine too");
        List<String> before = ExportChild.listing(out);
        ExportWriteException e = assertThrows(ExportWriteException.class, () -> AtomicFolder.publish(out, B));
        assertTrue(e.getMessage().contains("which is not part of an export"), e.getMessage());
        assertTrue(e.getMessage().contains("README") || e.getMessage().contains("host/notes.txt"), e.getMessage());
        assertEquals(before, ExportChild.listing(out));
        assertEquals(List.of("out"), siblings(dir));

        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        assertTrue(assertThrows(ExportWriteException.class, () -> AtomicFolder.publish(file, A)).getMessage()
                .contains("it is a file, not a folder"));
    }

    @Test
    void theCurrentFolderAndItsAncestorsAreRefused() {
        for (String here : List.of(".", "", "..", "/")) {
            ExportWriteException e = assertThrows(ExportWriteException.class, () -> AtomicFolder.publish(Path.of(here), A));
            assertTrue(e.getMessage().contains("name a folder of its own for the export"), here + ": " + e.getMessage());
        }
    }

    @Test
    void anEmptyFolderAndALinkToAnExportAreReplacedInPlace(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        AtomicFolder.publish(empty, A);
        assertHolds(empty, A);
        Path link = Files.createSymbolicLink(dir.resolve("link"), empty);
        AtomicFolder.publish(link, B);
        assertTrue(Files.isSymbolicLink(link), "the link is kept, the folder it names is replaced");
        assertHolds(empty, B);
        List<String> names = new ArrayList<>(siblings(dir));
        assertEquals(List.of("empty", "link"), names);
        assertFalse(Files.exists(dir.resolve("empty/pad/ruleset.nft.tmp")));
    }
}
