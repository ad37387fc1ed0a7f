package org.netwright.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Writes output files so that a reader never sees half of one: the content goes to a temporary
 * file in the same directory, is written completely and flushed to disk, and is then renamed over the target.
 * {@link AtomicFolder} publishes a whole folder of such files as one set.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, String content) throws IOException {
        write(target, content, false);
    }

    /** @param executable whether the file is a script (mode 755 instead of 644) */
    public static void write(Path target, String content, boolean executable) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            writeDurably(tmp, content, executable);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            fsync(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code content} into {@code file} (created if absent, truncated otherwise), every byte of it, flushes it to
     * the device and sets its mode; fails rather than leave a short file.
     */
    static void writeDurably(Path file, String content, boolean executable) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, ByteBuffer.wrap(bytes));
            channel.force(true);
            if (channel.size() != bytes.length) {
                throw new IOException("short write: " + channel.size() + " of " + bytes.length + " bytes");
            }
        }
        setMode(file, executable);
    }

    /** A single write may take fewer bytes than offered (a full disk, a signal): write until none is left. */
    static void writeFully(WritableByteChannel channel, ByteBuffer bytes) throws IOException {
        int stalls = 0;
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) > 0) {
                stalls = 0;
            } else if (++stalls > 100) {
                throw new IOException("short write: the file system took no more bytes (" + bytes.remaining() + " left)");
            }
        }
    }

    /** Flushes a file's or a folder's entries to the device (a rename is durable only once its folder is). */
    static void fsync(Path fileOrFolder) throws IOException {
        try (FileChannel channel = FileChannel.open(fileOrFolder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** What went wrong, in the words of the product: "permission denied", "no space left on device", ... */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        String text = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        // the system's own words (strerror) are already the product's, once in lower case: "No space left on device"
        return text == null || text.isBlank() ? "input/output error" : text.toLowerCase(Locale.ROOT);
    }

    private static void setMode(Path file, boolean executable) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // permissions are a convenience on non-POSIX file systems, not a requirement
        }
    }
}
