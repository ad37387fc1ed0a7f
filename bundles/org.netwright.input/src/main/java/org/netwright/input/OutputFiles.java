package org.netwright.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The writing side of user files (an imported model, a snapshot folder, a diagram layout): a temporary
 * sibling is written completely, flushed to disk and renamed over the target, so nobody ever sees half a
 * file. Temporary files and folders are created with the process's umask, like any file the user creates
 * ({@code Files.createTempFile} would make them 0600, and the rename would keep that), and are removed on
 * every way out: an error, a normal exit and a SIGTERM (a shutdown hook).
 */
public final class OutputFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private OutputFiles() {
    }

    /** Writes {@code bytes} to {@code target} atomically; the folder is created when missing. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = newSibling(target, false);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(tmp, target);
        } finally {
            discard(tmp);
        }
    }

    /**
     * A new, empty file or folder beside {@code target} (hidden, named after it), created with the umask and
     * removed at exit unless {@link #moveIntoPlace moved into place} or {@link #discard discarded} before.
     */
    public static Path newSibling(Path target, boolean directory) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        hook();
        for (int attempt = 0;; attempt++) {
            Path candidate = dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                PENDING.add(candidate);
                return directory ? Files.createDirectory(candidate) : Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                PENDING.remove(candidate);
                if (attempt > 100) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                PENDING.remove(candidate);
                throw e;
            }
        }
    }

    /** Renames a sibling over the target (atomically where the file system can) and forgets it. */
    public static void moveIntoPlace(Path sibling, Path target) throws IOException {
        try {
            Files.move(sibling, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(sibling, target, StandardCopyOption.REPLACE_EXISTING);
        }
        PENDING.remove(sibling);
    }

    /** Removes a sibling (a folder with everything in it) if it is still there. */
    public static void discard(Path sibling) throws IOException {
        if (Files.exists(sibling)) {
            try (Stream<Path> all = Files.walk(sibling)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        PENDING.remove(sibling);
    }

    private static void hook() {
        if (hooked) {
            return;
        }
        synchronized (OutputFiles.class) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(OutputFiles::discardPending, "netwright: remove temporary files"));
                hooked = true;
            }
        }
    }

    private static void discardPending() {
        for (Path p : Set.copyOf(PENDING)) {
            try {
                discard(p);
            } catch (IOException | RuntimeException e) {
                // the JVM is going down; nothing else can be done about a file that will not go
            }
        }
    }
}
