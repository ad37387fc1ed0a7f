package org.netwright.fuzz;

import java.util.List;

/**
 * A finding that is reported rather than fixed at once (for example in a reader another branch is rewriting), with
 * its reproducer under src/test/resources/known-findings/TARGET/. The fuzzer does not stop for it (so the build stays usable), and
 * {@link RegressionInputsTest} fails once the reproducer no longer fails this way: then the input moves to
 * regressions/ and the entry goes.
 *
 * @param exception the class of the exception the reader throws
 * @param where the first Netwright method on its stack, {@code class.method}, or its start ({@code class.})
 */
record KnownFinding(FuzzTarget target, String exception, String where, String reproducer) {
    /** Empty: the findings of the long runs are fixed and their inputs are under regressions/. */
    static final List<KnownFinding> ALL = List.of();

    boolean matches(FuzzTarget t, Throwable e) {
        return t == target && e.getClass().getName().equals(exception) && firstNetwrightFrame(e).startsWith(where);
    }

    static String firstNetwrightFrame(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("org.netwright.")) {
                return f.getClassName() + "." + f.getMethodName();
            }
        }
        return "";
    }

    static boolean isKnown(FuzzTarget t, Throwable e) {
        return ALL.stream().anyMatch(k -> k.matches(t, e));
    }
}
