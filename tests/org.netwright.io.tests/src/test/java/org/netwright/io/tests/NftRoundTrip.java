package org.netwright.io.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.netwright.export.NftExporter;
import org.netwright.dsl.writer.NwpWriter;
import org.netwright.importer.ImportProblem;
import org.netwright.importer.NftJsonImporter;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;

/**
 * One nft ruleset through the whole language, as a user's ruleset goes: loaded by the real nft into a private network
 * namespace ({@code unshare -n}: it disappears with the process), listed as {@code nft -j list ruleset} and {@code nft
 * list ruleset}; the JSON imported, written as .nwp, parsed back by the DSL and exported as an nft script; that script
 * loaded into a second private namespace and listed. The two listings must be the same (declarations in any order
 * within a table, which is not policy), or the warnings of the import, the writer and the export must say why.
 */
final class NftRoundTrip {

    enum Fate {
        /** The local nft or kernel refuses the input itself: not counted. */
        REJECTED,
        /** Same listing and no warning. */
        SAME,
        /** Imported with warnings (opaque or left-out elements); the listing may differ. */
        OPAQUE,
        /** Imported without warnings but the listing differs: a silent rewrite. */
        DIFFERS,
        /** The exported script does not load, or the .nwp does not parse. */
        BROKEN
    }

    record Outcome(Fate fate, List<String> problems, String detail) {
    }

    private NftRoundTrip() {
    }

    static Outcome run(String nftInput, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path in = work.resolve("in.nft");
        Files.writeString(in, nftInput, StandardCharsets.UTF_8);
        Tool first = nft(work, in, true);
        if (first.rc != 0) {
            return new Outcome(Fate.REJECTED, List.of(), first.err);
        }
        String json = Files.readString(work.resolve("list.json"));
        String listed = Files.readString(work.resolve("list.txt"));

        List<String> problems = new ArrayList<>();
        NftJsonImporter.Result imported = new NftJsonImporter().importInto(null, "nft.json", json, java.util.Set.of(),
                org.netwright.importer.NftTextDevices.read(listed));
        imported.problems().stream().filter(p -> p.severity() != ImportProblem.Severity.INFO).forEach(p -> problems.add("import: " + p));
        if (imported.opaqueRules() > 0) {
            problems.add("import: " + imported.opaqueRules() + " opaque rule(s)");
        }
        Network network = NetwrightFactory.eINSTANCE.createNetwork();
        Namespace ns = NetwrightFactory.eINSTANCE.createNamespace();
        ns.setName("n");
        ns.getNftRulesets().add(imported.ruleset());
        network.getNamespaces().add(ns);
        NwpWriter.Result written = NwpWriter.write(network, List.of("nft round trip"));
        written.problems().forEach(p -> problems.add("write: " + p));
        Path nwp = work.resolve("model.nwp");
        Files.writeString(nwp, written.text(), StandardCharsets.UTF_8);
        String exported;
        try {
            Network parsed = Examples.loadOne(nwp);
            exported = NftExporter.export("n", ((Namespace) parsed.getNamespaces().get(0)).getNftRulesets());
        } catch (AssertionError | RuntimeException e) {
            return new Outcome(Fate.BROKEN, problems, "the .nwp does not load or export: " + firstLine(e.getMessage()));
        }
        Path out = work.resolve("out.nft");
        Files.writeString(out, exported, StandardCharsets.UTF_8);
        Tool second = nft(work, out, false);
        if (second.rc != 0) {
            return new Outcome(Fate.BROKEN, problems, "the export does not load: " + firstLine(second.err));
        }
        String again = Files.readString(work.resolve("list.txt"));
        boolean same = NftListing.canonical(listed).equals(NftListing.canonical(again));
        if (!problems.isEmpty()) {
            return new Outcome(Fate.OPAQUE, problems, same ? "" : NftListing.diff(listed, again));
        }
        return same ? new Outcome(Fate.SAME, problems, "") : new Outcome(Fate.DIFFERS, problems, NftListing.diff(listed, again));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    private record Tool(int rc, String err) {
    }

    /** nft -f FILE in a private network namespace, then the listings (and the JSON one when asked) into the work folder. */
    private static Tool nft(Path work, Path file, boolean json) throws IOException, InterruptedException {
        String script = "ip link set lo up; ip link add d23456789012345 type veth peer name vpeer0 2>/dev/null; nft -f \"$1\" || exit 3; "
                + "nft list ruleset > \"$2/list.txt\" || exit 4; " + (json ? "nft -j list ruleset > \"$2/list.json\" || exit 5" : "true");
        ProcessBuilder pb = new ProcessBuilder("unshare", "-n", "sh", "-c", script, "sh", file.toString(), work.toString());
        pb.redirectErrorStream(false);
        Path err = work.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Tool(124, "nft timed out");
        }
        return new Tool(p.exitValue(), Files.readString(err));
    }
}
