package org.netwright.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.netwright.headless.FileCheck;
import org.netwright.headless.Netwright;
import org.netwright.headless.Sources;

/**
 * The sample project of examples/headless-build copied into a folder, optionally with a file whose expectation is
 * violated and one with a syntax error (the variants of the Maven plugin's integration test, from its src/it), run
 * through a {@link HeadlessBuild}.
 */
final class BuildFixture {
    static final Netwright NETWRIGHT = new Netwright();
    /** A file whose expectation the gateway does not meet, at line 5 (the Maven plugin's integration test builds it too). */
    static final Path VIOLATED = variant("violated", "violated.nwp");
    /** A file with a syntax error at line 4. */
    static final Path BROKEN = variant("syntax-error", "broken.nwp");

    final Path project;
    final Path sources;
    final HeadlessBuild build;

    BuildFixture(Path project) {
        this.project = project;
        this.sources = project.resolve("src/main/netwright");
        copyTree(repo().resolve("examples/headless-build/src/main/netwright"), sources);
        this.build = new HeadlessBuild(NETWRIGHT, project, project.resolve("target/netwright"));
    }

    /** The sample project with one of the integration test's variant files added. */
    BuildFixture with(Path variantFile) {
        try {
            Files.copy(variantFile, sources.resolve(variantFile.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    List<Path> files() {
        try (Stream<Path> s = Files.list(sources)) {
            return s.filter(p -> p.toString().endsWith(".nwp")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validate, check, export, and the report of it all. */
    Report run() throws IOException {
        Sources validated = build.validate(files());
        List<FileCheck> checks = build.check(validated);
        build.export(validated, org.netwright.headless.ExportFormat.all());
        return build.report(validated, checks);
    }

    private static Path variant(String name, String file) {
        return repo().resolve("netwright-maven-plugin/src/it").resolve(name).resolve("src/main/netwright").resolve(file);
    }

    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
