package org.netwright.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.netwright.headless.ExpectationResult;
import org.netwright.headless.FileCheck;
import org.netwright.headless.Problem;
import org.netwright.headless.SourceFile;
import org.netwright.headless.Sources;
import org.netwright.mapping.ExpectationChecker;

/**
 * What one headless build found, in the shape every report reads: per given file its status, its problems (the
 * language's and the engine's), its checked expectations and the files exported for it; and the problems of files
 * that were only imported. Names are relative to a base folder (the project, the working directory), with '/'.
 * The HTML, JUnit XML and SARIF reports are three views of one {@code Report}.
 */
public final class Report {
    /** How a file fared, worst first. */
    public enum Status {
        /** It does not load, validate or map onto the engine: nothing of it was checked. */
        INVALID,
        /** At least one of its expectations does not hold. */
        VIOLATED,
        /** None is violated, but at least one walk passed an element the engine does not execute: it may hold or not. */
        UNCERTAIN,
        /** Every expectation holds. */
        PASSED,
        /** It is valid and states no expectation (a topology that others import). */
        NO_EXPECTATIONS;

        public String label() {
            return switch (this) {
                case INVALID -> "invalid";
                case VIOLATED -> "violated";
                case UNCERTAIN -> "uncertain";
                case PASSED -> "passed";
                case NO_EXPECTATIONS -> "no expectations";
            };
        }
    }

    /** One given file: its name relative to the base, status, problems, checked expectations, exported files. */
    public record Entry(SourceFile source, String name, Status status, List<Problem> problems, List<ExpectationResult> results,
            List<Path> exports) {
        public Entry {
            problems = List.copyOf(problems);
            results = List.copyOf(results);
            exports = List.copyOf(exports);
        }

        public long held() {
            return results.stream().filter(ExpectationResult::holds).count();
        }

        public long violated() {
            return results.stream().filter(r -> r.verdict() == ExpectationChecker.Verdict.VIOLATED).count();
        }

        public long uncertain() {
            return results.stream().filter(ExpectationResult::uncertain).count();
        }

        public List<Problem> errors() {
            return problems.stream().filter(Problem::isError).toList();
        }
    }

    private final Path base;
    private final String version;
    private final Instant created;
    private final List<Entry> entries;
    private final List<Problem> otherProblems;

    private Report(Path base, String version, Instant created, List<Entry> entries, List<Problem> otherProblems) {
        this.base = base;
        this.version = version;
        this.created = created;
        this.entries = List.copyOf(entries);
        this.otherProblems = List.copyOf(otherProblems);
    }

    /**
     * The report of a run: {@code sources} as loaded and validated, {@code checks} of the files that could be checked (a
     * file without one is invalid), and the files exported per given file (by its path; absent when not exported).
     *
     * @param base folder the names are relative to
     * @param version the tool's version (null: a development build)
     */
    public static Report of(Path base, String version, Sources sources, List<FileCheck> checks, Map<Path, List<Path>> exports) {
        Path absoluteBase = base.toAbsolutePath().normalize();
        Map<Path, FileCheck> checkOf = new LinkedHashMap<>();
        checks.forEach(c -> checkOf.put(key(c.file().path()), c));
        Map<Path, List<Path>> exportsOf = new LinkedHashMap<>();
        exports.forEach((file, written) -> exportsOf.put(key(file), written));
        Set<Path> given = sources.files().stream().map(f -> key(f.path())).collect(Collectors.toSet());
        List<Entry> entries = new ArrayList<>();
        for (SourceFile file : sources.files()) {
            Path key = key(file.path());
            List<Problem> problems = new ArrayList<>(sources.problems().stream().filter(p -> p.file() != null && key(p.file()).equals(key)).toList());
            FileCheck check = checkOf.get(key);
            List<ExpectationResult> results = List.of();
            if (check != null) {
                problems.addAll(check.problems());
                results = check.results();
            }
            // no check: the file or one it imports has errors (Netwright#checkValid leaves it out)
            boolean invalid = !file.loaded() || check == null || problems.stream().anyMatch(Problem::isError);
            Status status = invalid ? Status.INVALID
                    : results.stream().anyMatch(r -> r.verdict() == ExpectationChecker.Verdict.VIOLATED) ? Status.VIOLATED
                    : results.stream().anyMatch(ExpectationResult::uncertain) ? Status.UNCERTAIN
                    : results.isEmpty() ? Status.NO_EXPECTATIONS : Status.PASSED;
            entries.add(new Entry(file, relative(absoluteBase, file.path()), status, problems, results,
                    exportsOf.getOrDefault(key, List.of())));
        }
        List<Problem> others = sources.problems().stream().filter(p -> p.file() == null || !given.contains(key(p.file()))).toList();
        return new Report(absoluteBase, version, Instant.now(), entries, others);
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** {@code file} relative to {@code base} with '/', when below it; else the absolute path. */
    static String relative(Path base, Path file) {
        Path absolute = key(file);
        Path shown = absolute.startsWith(base) && !absolute.equals(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace(java.io.File.separatorChar, '/');
    }

    /** A file's name as every report shows it: relative to the base with '/', or absolute when outside it. */
    public String nameOf(Path file) {
        return relative(base, file);
    }

    public Path base() {
        return base;
    }

    /** The tool's version, or null for a development build. */
    public String version() {
        return version;
    }

    public Instant created() {
        return created;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Problems of files that were not given but imported (or of no file at all). */
    public List<Problem> otherProblems() {
        return otherProblems;
    }

    /**
     * Every problem of the run, each once (a problem of an imported file shows under each file that imports it): the
     * given files' in order, then the others.
     */
    public List<Problem> problems() {
        Set<Problem> all = new java.util.LinkedHashSet<>();
        entries.forEach(e -> all.addAll(e.problems()));
        all.addAll(otherProblems);
        return List.copyOf(all);
    }

    public long expectations() {
        return entries.stream().mapToLong(e -> e.results().size()).sum();
    }

    public long held() {
        return entries.stream().mapToLong(Entry::held).sum();
    }

    public long violated() {
        return entries.stream().mapToLong(Entry::violated).sum();
    }

    public long uncertain() {
        return entries.stream().mapToLong(Entry::uncertain).sum();
    }

    public long errors() {
        return problems().stream().filter(Problem::isError).count();
    }

    public long warnings() {
        return problems().stream().filter(p -> p.severity() == Problem.Severity.WARNING).count();
    }

    /** The worst status of any file (PASSED for a run without files). */
    public Status status() {
        return entries.stream().map(Entry::status).min(Enum::compareTo).orElse(Status.PASSED);
    }
}
