package org.netwright.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.netwright.testsupport.TestModels;

/**
 * A separate JVM for the fault tests of {@link AtomicFolder}: runs its arguments as steps and prints one line per
 * result, so a test can run it inside a private mount namespace, with fewer capabilities, or kill it mid-write.
 * <ul>
 * <li>{@code export FOLDER KB}: publishes {@link #files(int)} (about KB kibibytes), prints "export ok" or "export
 * failed: MESSAGE"</li>
 * <li>{@code hang FOLDER STEP}: the same with 64 KiB, stopping for good at {@link AtomicFolder.Step} STEP after
 * printing "at STEP"</li>
 * <li>{@code sh COMMAND}: runs a shell command, prints "sh EXIT"</li>
 * <li>{@code list FOLDER}: prints every entry under FOLDER, hidden ones too: "dir PATH" or "file PATH SHA-256"</li>
 * </ul>
 */
public final class ExportChild {
    private ExportChild() {
    }

    /** A set of export files of about {@code kib} KiB in two namespaces; the content depends on the size only. */
    static Map<String, String> files(int kib) {
        Map<String, String> files = new LinkedHashMap<>(Exporter.render(List.of(TestModels.rich())));
        StringBuilder big = new StringBuilder("flush ruleset\ntable inet pad {\n");
        for (int i = 0; big.length() < kib * 1024; i++) {
            big.append("  # rule ").append(i).append(" of a ruleset of ").append(kib).append(" KiB\n");
        }
        files.put("pad/ruleset.nft", big.append("}\n").toString());
        return files;
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "export" -> export(Path.of(args[++i]), Integer.parseInt(args[++i]), AtomicFolder.Hook.NONE);
            case "hang" -> {
                Path folder = Path.of(args[++i]);
                AtomicFolder.Step stop = AtomicFolder.Step.valueOf(args[++i]);
                export(folder, 64, (step, path) -> {
                    if (step == stop) {
                        System.out.println("at " + step);
                        System.out.flush();
                        sleepForever();
                    }
                });
            }
            case "sh" -> {
                Process p = new ProcessBuilder("sh", "-c", args[++i]).inheritIO().start();
                System.out.println("sh " + p.waitFor());
            }
            case "list" -> list(Path.of(args[++i]));
            default -> throw new IllegalArgumentException("unknown step " + args[i]);
            }
        }
        System.out.flush();
    }

    private static void export(Path folder, int kib, AtomicFolder.Hook hook) {
        try {
            AtomicFolder.publish(folder, files(kib), hook);
            System.out.println("export ok");
        } catch (ExportWriteException e) {
            System.out.println("export failed: " + e.getMessage());
        }
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void list(Path folder) throws IOException {
        for (String line : listing(folder)) {
            System.out.println(line);
        }
    }

    /** Every entry under {@code folder}, sorted: "dir PATH" or "file PATH SHA-256". */
    static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> !p.equals(folder)).map(p -> {
                String rel = folder.relativize(p).toString();
                return Files.isDirectory(p) ? "dir " + rel : "file " + rel + " " + sha256(p);
            }).sorted().toList();
        }
    }

    /** What {@link #listing} says of {@code files} published in {@code folder} (relative to {@code base}). */
    static List<String> expectedListing(Path base, Path folder, Map<String, String> files) {
        java.util.TreeSet<String> lines = new java.util.TreeSet<>();
        Path rel = base.relativize(folder);
        for (Path p = rel; p != null; p = p.getParent()) {
            lines.add("dir " + p);
        }
        files.forEach((name, content) -> {
            Path f = rel.resolve(name);
            lines.add("dir " + f.getParent());
            lines.add("file " + f + " " + sha256(content.getBytes(StandardCharsets.UTF_8)));
        });
        return List.copyOf(lines);
    }

    private static String sha256(Path p) {
        try {
            return sha256(Files.readAllBytes(p));
        } catch (IOException e) {
            return "unreadable(" + AtomicFiles.reason(e) + ")";
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
