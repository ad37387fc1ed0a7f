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
 * @param where the first Netwright method on its stack, {@code class.method}, or its start ({@code class.})
 */
record KnownFinding(FuzzTarget target, String exception, String where, String reproducer) {
    private static final String NFT_IMPORTER = "org.netwright.importer.NftJsonImporter.";

    static final List<KnownFinding> ALL = List.of(
            // a JSON null or a value of the wrong type where the importer expects a string or a number reaches the model
            // mapping as null; whole class, as the fuzzer finds one such place after the other
            // an "ip" table item without "name": Set.contains(null) while deciding whether iptables-nft owns it
            new KnownFinding(FuzzTarget.NFT_JSON, "java.lang.NullPointerException", NFT_IMPORTER, "known-findings/nft-json/ip-table-without-name.json"),
            // a NAT statement whose "port" is not a number: Long.intValue() on null
            new KnownFinding(FuzzTarget.NFT_JSON, "java.lang.NullPointerException", NFT_IMPORTER, "known-findings/nft-json/nat-port-not-a-number.json"),
            // a route whose "type" is not a string ("type": []): Set.contains(null)
            new KnownFinding(FuzzTarget.IP_ROUTE, "java.lang.NullPointerException", "org.netwright.importer.IpRouteJson.",
                    "known-findings/ip-route/route-type-not-a-string.json"));

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
