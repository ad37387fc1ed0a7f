package org.netwright.fuzz;

import java.util.List;

/**
 * A finding in a reader that another branch of issue 18 is rewriting (arch-cli: the JSON readers of the importer
 * and of the probes file), reported there with its reproducer under src/test/resources/known-findings/TARGET/
 * instead of being fixed here. The fuzzer does not stop for it (so the build stays usable), and
 * {@link RegressionInputsTest} fails once the reproducer no longer fails this way: then the input moves to
 * regressions/ and the entry goes.
 *
 * @param exception the class of the exception the reader throws
 * @param where the first Netwright method on its stack, {@code class.method}
 */
record KnownFinding(FuzzTarget target, String exception, String where, String reproducer) {

    static final List<KnownFinding> ALL = List.of(
            // an "ip" table item without "name": Set.contains(null) while deciding whether iptables-nft owns it
            new KnownFinding(FuzzTarget.NFT_JSON, "java.lang.NullPointerException", "org.netwright.importer.NftJsonImporter.importInto",
                    "known-findings/nft-json/ip-table-without-name.json"));

    boolean matches(FuzzTarget t, Throwable e) {
        return t == target && e.getClass().getName().equals(exception) && where.equals(firstNetwrightFrame(e));
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
