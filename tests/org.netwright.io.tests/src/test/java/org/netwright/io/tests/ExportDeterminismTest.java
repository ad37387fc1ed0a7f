package org.netwright.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netwright.export.Exporter;
import org.netwright.model.Network;

/** Every example exports to byte-identical files from two separate loads, written atomically (no temporary file left). */
class ExportDeterminismTest {

    static Stream<String> examples() {
        return Examples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void sameModelGivesByteIdenticalFiles(String example, @TempDir Path dir) throws Exception {
        List<Network> first = Examples.load(example);
        List<Network> second = Examples.load(example); // a second resource set: separately built objects
        Map<String, String> a = Exporter.render(first);
        assertEquals(List.copyOf(a.entrySet()), List.copyOf(Exporter.render(second).entrySet()));
        Exporter.export(first, dir.resolve("a"));
        Exporter.export(second, dir.resolve("b"));
        Exporter.export(second, dir.resolve("b")); // again, over the first output
        for (String file : a.keySet()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)), Files.readAllBytes(dir.resolve("b").resolve(file)), file);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
        try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
            assertEquals(a.size(), s.filter(Files::isRegularFile).count());
        }
    }
}
