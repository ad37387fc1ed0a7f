package org.netwright.fuzz;

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
        // the first read loads and instruments the reader's classes (the DSL's: Xtext, Guice, EMF), which takes
        // seconds: done here, outside the per-input time-out that finds hangs
        target.check(new byte[0]);
    }

    public static void fuzzerTestOneInput(byte[] input) {
        target.check(input);
    }
}
