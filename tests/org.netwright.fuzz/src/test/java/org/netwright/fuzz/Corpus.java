package org.netwright.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the inputs of a target come from: seeds (the examples, the importer tests' snapshot of a real lab, the files
 * under src/test/resources/seeds/TARGET) and regression inputs (src/test/resources/regressions/TARGET: every finding,
 * kept so that it is replayed by every build).
 */
final class Corpus {
    private static final Path RESOURCES = FuzzTarget.repo().resolve("tests/org.netwright.fuzz/src/test/resources");
    private static final Path SNAPSHOT = FuzzTarget.repo().resolve("bundles/org.netwright.importer/src/test/resources/snapshots");

    private Corpus() {
    }

    static List<Path> seeds(FuzzTarget target) {
        List<Path> out = new ArrayList<>(files(RESOURCES.resolve("seeds").resolve(target.id())));
        if (target == FuzzTarget.DSL) {
            out.addAll(files(FuzzTarget.repo().resolve("examples")).stream().filter(p -> p.toString().endsWith(".nwp")).toList());
        } else {
            String name = target.seeds();
            out.addAll(files(SNAPSHOT).stream().filter(p -> p.getFileName().toString().equals(name)).toList());
        }
        return out;
    }

    static Path resources() {
        return RESOURCES;
    }

    static Path regressionFolder(FuzzTarget target) {
        return RESOURCES.resolve("regressions").resolve(target.id());
    }

    static List<Path> regressions(FuzzTarget target) {
        return files(regressionFolder(target));
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
