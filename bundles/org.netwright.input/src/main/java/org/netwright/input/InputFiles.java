package org.netwright.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the files users hand to Netwright (models and their imports, probes, snapshot dumps, diagram
 * layouts), bounded and without blocking: only regular files are opened (a named pipe, a device or a file
 * of the kernel's pseudo file systems such as {@code /proc/self/mem} is refused before it is opened, so a
 * read never waits for a writer or runs forever), at most a given number of bytes is read, and text must
 * be UTF-8 (a bad byte is reported at its line and column). Every refusal is an {@link InputException}
 * whose message is the same for every reader.
 */
public final class InputFiles {
    private static final long MIB = 1024L * 1024L;
    /** A {@code .nwp} model file. */
    public static final long MODEL_BYTES = 16 * MIB;
    /** A probes file or a diagram layout. */
    public static final long SMALL_BYTES = 4 * MIB;
    /** One file of a host snapshot ({@code nft -j} of a large ruleset is tens of megabytes). */
    public static final long DUMP_BYTES = 256 * MIB;
    /** The longest line of a text file (a JSON dump is one line and is bounded by its size instead). */
    public static final int MAX_LINE_CHARS = 1 << 20;

    /** File systems whose files are kernel interfaces, not data: reading them blocks, never ends or has effects. */
    private static final Set<String> PSEUDO_FILE_SYSTEMS = Set.of("proc", "sysfs", "devtmpfs", "devpts", "debugfs",
            "tracefs", "securityfs", "configfs", "cgroup", "cgroup2", "bpf", "pstore", "efivarfs", "fusectl", "mqueue");
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private InputFiles() {
    }

    /**
     * Why {@code path} cannot be read as an input file, or null when it can: it does not exist, is a folder, a
     * named pipe, a device or a socket, lives on a pseudo file system ({@code /proc}, {@code /sys}, {@code /dev}),
     * cannot be read, or is larger than {@code maxBytes}. Nothing is opened.
     */
    public static String problem(Path path, long maxBytes) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return "no such file";
        } catch (AccessDeniedException e) {
            return "cannot be read: permission denied";
        } catch (IOException e) {
            return "cannot be read: " + reason(e);
        }
        if (attributes.isDirectory()) {
            return "is a folder, not a file";
        }
        if (!attributes.isRegularFile()) {
            return "is " + kind(path) + ", not a regular file (only regular files are read)";
        }
        String pseudo = pseudoFileSystem(path);
        if (pseudo != null) {
            return "is a file of the kernel's " + pseudo + " file system, not a regular file (only regular files are read)";
        }
        if (!Files.isReadable(path)) {
            return "cannot be read: permission denied";
        }
        if (attributes.size() > maxBytes) {
            return "is larger than " + megabytes(maxBytes) + " (" + attributes.size() + " bytes), more than an input file can be";
        }
        return null;
    }

    /** {@link #problem(Path, long)} as an exception naming the file; does nothing when the file can be read. */
    public static void check(Path path, long maxBytes) {
        String problem = problem(path, maxBytes);
        if (problem != null) {
            throw new InputException(path.toString(), problem);
        }
    }

    /** The file's bytes, after {@link #check}; a file that grows past {@code maxBytes} while it is read is refused too. */
    public static byte[] readBytes(Path path, long maxBytes) {
        check(path, maxBytes);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new InputException(path.toString(), "is larger than " + megabytes(maxBytes) + ", more than an input file can be");
            }
            return bytes;
        } catch (IOException e) {
            throw new InputException(path.toString(), "cannot be read: " + reason(e));
        }
    }

    /** The file as UTF-8 text, bounded in size and line length; a byte that is not UTF-8 is an error at its position. */
    public static String readUtf8(Path path, long maxBytes) {
        String text = decodeUtf8(path.toString(), readBytes(path, maxBytes));
        checkLineLength(path.toString(), text, MAX_LINE_CHARS);
        return text;
    }

    /** Strict UTF-8 decoding: malformed input is reported at the line and column of the first bad byte. */
    public static String decodeUtf8(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < out.position(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            throw new InputException(file, line, column, String.format(Locale.ROOT,
                    "not UTF-8 text: byte 0x%02x at offset %d is not valid UTF-8", bytes[in.position()] & 0xff, in.position()));
        }
        out.flip();
        return out.toString();
    }

    /** Refuses text with a line longer than {@code maxChars}, at the line where it happens. */
    public static void checkLineLength(String file, String text, int maxChars) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > maxChars) {
                    throw new InputException(file, line, maxChars + 1, "line " + line + " is longer than " + maxChars
                            + " characters (" + (i - start) + ")");
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** The pseudo file system (proc, sysfs, ...) a file lives on, or null for an ordinary one. */
    private static String pseudoFileSystem(Path path) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            real = path.toAbsolutePath().normalize();
        }
        for (String root : new String[] {"/proc", "/sys", "/dev"}) {
            if (real.startsWith(root)) {
                return root;
            }
        }
        try {
            String type = Files.getFileStore(real).type();
            return PSEUDO_FILE_SYSTEMS.contains(type) ? type : null;
        } catch (IOException | RuntimeException e) {
            return null; // unknown store: an ordinary file as far as we can tell
        }
    }

    private static String kind(Path path) {
        try {
            int mode = ((Integer) Files.getAttribute(path, "unix:mode")) & S_IFMT;
            return switch (mode) {
                case S_IFIFO -> "a named pipe (FIFO)";
                case S_IFCHR -> "a character device";
                case S_IFBLK -> "a block device";
                case S_IFSOCK -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "a special file";
        }
    }

    private static String megabytes(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MB" : bytes + " bytes";
    }

    /** An I/O error in words: "permission denied", "is a directory", never only the exception's class. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int paren = m.lastIndexOf(" (");
        return paren > 0 && m.endsWith(")") ? m.substring(paren + 2, m.length() - 1).toLowerCase(Locale.ROOT) : m;
    }
}
