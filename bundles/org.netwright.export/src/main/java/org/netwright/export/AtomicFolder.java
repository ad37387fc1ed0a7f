package org.netwright.export;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Publishes an export as one set: a reader of the folder sees the whole previous export or the whole new one,
 * never a mix, and a failure at any point (full disk, no permission, a kill) leaves the previous export as it was.
 *
 * <p>The files are written, completely and flushed, into a hidden sibling {@code .<name>.nw-new-<random>}; the
 * folder entries are flushed too; then the previous folder is renamed to {@code .<name>.nw-old-<random>}, the new
 * one is renamed into place and the old one is deleted. Siblings on the same file system make both renames atomic.
 * A process killed before the switch leaves a {@code nw-new} sibling, one killed between the two renames leaves the
 * previous export under its {@code nw-old} name: the next export of the same folder deletes the first and puts the
 * second back before it starts.
 *
 * <p>The folder is replaced as a whole, so it must be the export's own: it may not exist yet, be empty, or hold a
 * previous export (folders of {@code ruleset.nft}, {@code iptables.rules} and {@code setup.sh} only). A folder that
 * holds anything else, the current working folder or one of its ancestors (as {@code -o .}) is refused before
 * anything is written: replacing it would delete the other things, or pull the folder from under its user.
 */
public final class AtomicFolder {
    static final String NEW = ".nw-new-";
    static final String OLD = ".nw-old-";
    private static final Set<String> EXPORT_FILES = Set.of(Exporter.NFT_FILE, Exporter.IPTABLES_FILE, Exporter.SETUP_FILE);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a publication is; tests stop or kill a publication at one of these. */
    enum Step {
        /** one file is complete in the staging folder */
        FILE_STAGED,
        /** every file and folder of the new export is on the device */
        STAGED,
        /** the previous export has been renamed away, the new one is not in place yet */
        PREVIOUS_MOVED,
        /** the new export is in place */
        PUBLISHED
    }

    @FunctionalInterface
    interface Hook {
        Hook NONE = (step, path) -> {
        };

        void at(Step step, Path path) throws IOException;
    }

    private AtomicFolder() {
    }

    /**
     * Replaces {@code folder} by a folder holding exactly {@code files} (relative path with '/' to content; names
     * ending in ".sh" get mode 755, the others 644).
     *
     * @return the paths of the files, under {@code folder}, in the order of {@code files}
     * @throws ExportWriteException the export could not be published (the reason in words; the previous one is unchanged)
     */
    public static List<Path> publish(Path folder, Map<String, String> files) throws ExportWriteException {
        return publish(folder, files, Hook.NONE);
    }

    static List<Path> publish(Path folder, Map<String, String> files, Hook hook) throws ExportWriteException {
        Path target = checkedTarget(folder);
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ExportWriteException("cannot create " + parent + ": " + AtomicFiles.reason(e));
        }
        recoverInterrupted(parent, name, target);
        checkOwnFolder(target);
        boolean previous = Files.exists(target);
        String unchanged = previous ? " (the previous export in " + target + " is unchanged)" : " (nothing was exported)";
        Path staging = create(parent, name, NEW, unchanged);
        try {
            stage(staging, target, files, hook, unchanged);
            switchInto(staging, target, previous, hook, unchanged);
        } catch (ExportWriteException | RuntimeException | Error e) {
            deleteQuietly(staging, e);
            throw e;
        }
        List<Path> written = new ArrayList<>();
        files.keySet().forEach(rel -> written.add(folder.resolve(rel)));
        return written;
    }

    /** The folder to replace, symbolic links resolved, and refused when replacing it would hurt. */
    private static Path checkedTarget(Path folder) throws ExportWriteException {
        Path target = folder.toAbsolutePath().normalize();
        try {
            if (Files.exists(target)) {
                target = target.toRealPath();
            }
        } catch (IOException e) {
            throw new ExportWriteException("cannot read " + folder + ": " + AtomicFiles.reason(e));
        }
        if (target.getParent() == null) {
            throw new ExportWriteException("cannot export into " + target + ": name a folder of its own for the export, e.g. out");
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        try {
            cwd = cwd.toRealPath();
        } catch (IOException ignored) {
            // a working folder that is gone cannot be replaced either way
        }
        if (cwd.startsWith(target)) {
            throw new ExportWriteException("cannot export into " + folder + ": it is the current folder or holds it, and the"
                    + " export replaces its folder as a whole; name a folder of its own for the export, e.g. out");
        }
        return target;
    }

    /** An existing target must be a folder that is empty or holds a previous export, and nothing else. */
    private static void checkOwnFolder(Path target) throws ExportWriteException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new ExportWriteException("cannot export into " + target + ": it is a file, not a folder");
        }
        String foreign = null;
        try (Stream<Path> entries = Files.list(target)) {
            for (Path ns : (Iterable<Path>) entries::iterator) {
                foreign = foreign != null ? foreign : foreignEntry(ns);
            }
        } catch (IOException e) {
            throw new ExportWriteException("cannot read " + target + ": " + AtomicFiles.reason(e));
        }
        if (foreign != null) {
            throw new ExportWriteException("cannot export into " + target + ": it holds " + foreign
                    + ", which is not part of an export, and the export replaces the folder as a whole;"
                    + " export into a new or empty folder (nothing was written)");
        }
    }

    /** {@code null} when {@code ns} is a namespace folder of an export, otherwise what it is instead. */
    private static String foreignEntry(Path ns) throws IOException {
        if (!Files.isDirectory(ns, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return ns.getFileName().toString();
        }
        try (Stream<Path> files = Files.list(ns)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                // ".<file>*.tmp": what a killed export of an older version left beside its files
                boolean known = EXPORT_FILES.contains(n) || n.startsWith(".") && n.endsWith(".tmp");
                if (!known || !Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return ns.getFileName() + "/" + n;
                }
            }
        }
        return null;
    }

    /**
     * Cleans up after a publication that was killed: a staging folder is deleted; a previous export renamed away is put
     * back when the folder is missing (killed between the two renames), deleted otherwise (killed before its deletion).
     */
    private static void recoverInterrupted(Path parent, String name, Path target) throws ExportWriteException {
        List<Path> staged = new ArrayList<>();
        List<Path> previous = new ArrayList<>();
        try (Stream<Path> siblings = Files.list(parent)) {
            siblings.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.startsWith("." + name + NEW)) {
                    staged.add(p);
                } else if (n.startsWith("." + name + OLD)) {
                    previous.add(p);
                }
            });
        } catch (IOException e) {
            throw new ExportWriteException("cannot read " + parent + ": " + AtomicFiles.reason(e));
        }
        try {
            for (Path p : staged) {
                deleteTree(p);
            }
            previous.sort(Comparator.comparing(AtomicFolder::modified).reversed());
            if (!previous.isEmpty() && !Files.exists(target)) {
                Files.move(previous.remove(0), target, StandardCopyOption.ATOMIC_MOVE);
                AtomicFiles.fsync(parent);
            }
            for (Path p : previous) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new ExportWriteException("cannot clean up an interrupted export beside " + target + ": " + AtomicFiles.reason(e));
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private static Path create(Path parent, String name, String kind, String unchanged) throws ExportWriteException {
        while (true) {
            byte[] random = new byte[6];
            RANDOM.nextBytes(random);
            Path p = parent.resolve("." + name + kind + HexFormat.of().formatHex(random));
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException again) {
                // another random name
            } catch (IOException e) {
                throw new ExportWriteException("cannot create a folder in " + parent + ": " + AtomicFiles.reason(e) + unchanged);
            }
        }
    }

    /** Every file written completely and flushed, then every folder of the new export flushed. */
    private static void stage(Path staging, Path target, Map<String, String> files, Hook hook, String unchanged)
            throws ExportWriteException {
        Set<Path> folders = new java.util.TreeSet<>(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(p -> p));
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = staging.resolve(e.getKey());
            try {
                Files.createDirectories(file.getParent());
                for (Path f = file.getParent(); !f.equals(staging); f = f.getParent()) {
                    folders.add(f);
                }
                AtomicFiles.writeDurably(file, e.getValue(), e.getKey().endsWith(".sh"));
                hook.at(Step.FILE_STAGED, file);
            } catch (IOException x) {
                throw new ExportWriteException("cannot write " + target.resolve(e.getKey()) + ": " + AtomicFiles.reason(x) + unchanged);
            }
        }
        try {
            for (Path f : folders) {
                AtomicFiles.fsync(f);
            }
            AtomicFiles.fsync(staging);
            hook.at(Step.STAGED, staging);
        } catch (IOException x) {
            throw new ExportWriteException("cannot write " + target + ": " + AtomicFiles.reason(x) + unchanged);
        }
    }

    /** Renames the previous export away, the new one into place, and deletes the previous one. */
    private static void switchInto(Path staging, Path target, boolean previous, Hook hook, String unchanged)
            throws ExportWriteException {
        Path parent = target.getParent();
        Path old = null;
        try {
            if (previous) {
                old = parent.resolve("." + target.getFileName() + OLD + staging.getFileName().toString()
                        .substring(staging.getFileName().toString().lastIndexOf('-') + 1));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                hook.at(Step.PREVIOUS_MOVED, old);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            ExportWriteException failure = new ExportWriteException("cannot replace " + target + ": " + AtomicFiles.reason(e) + unchanged);
            if (old != null && !Files.exists(target)) {
                try {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException back) {
                    failure = new ExportWriteException("cannot replace " + target + ": " + AtomicFiles.reason(e)
                            + "; the previous export is in " + old + " and the next export puts it back");
                }
            }
            throw failure;
        }
        try {
            AtomicFiles.fsync(parent);
            hook.at(Step.PUBLISHED, target);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            // the new export is in place (renamed); what is left of the old one is deleted by the next export
        }
    }

    private static void deleteQuietly(Path tree, Throwable cause) {
        try {
            deleteTree(tree);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(tree)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
