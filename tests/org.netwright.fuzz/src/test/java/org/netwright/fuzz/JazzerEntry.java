package org.netwright.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer's entry point (libFuzzer style, {@code --target_class}): the target named by the system property
 * {@code netwright.fuzz.target}.
 */
public final class JazzerEntry {
    private static FuzzTarget target;

    private JazzerEntry() {
    }

    public static void fuzzerInitialize() {
        target = FuzzTarget.of(System.getProperty("netwright.fuzz.target"));
        // the first reads load and instrument the reader's classes (the DSL's: Xtext, Guice, EMF), which takes
        // seconds: done here, outside the per-input time-out that finds hangs. The seeds reach most of them (an empty
        // input only the reader's own): on a loaded machine the first seed, instrumenting the model's classes one by
        // one as it met them, took over the 10 s of a hang
        target.check(new byte[0]);
        for (Path seed : Corpus.seeds(target)) {
            try {
                target.check(Files.readAllBytes(seed));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void fuzzerTestOneInput(byte[] input) {
        target.check(input);
    }
}
