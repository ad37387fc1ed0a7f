package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.netwright.export.ExportException;
import org.netwright.export.Exporter;
import org.netwright.export.Models;
import org.netwright.model.Network;
import org.netwright.model.NftRule;

/**
 * {@code netwright export <model.nwp> -o <dir>}: the files a real box loads, per namespace ruleset.nft, iptables.rules
 * and setup.sh, with the namespaces of the files the model imports. Nothing is written when the model cannot be
 * exported; the export replaces the folder as one set (the whole previous export or the whole new one, see
 * {@link org.netwright.export.AtomicFolder}), so the folder must be new, empty or a previous export.
 */
final class ExportCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final ModelLoader loader;

    ExportCommand(PrintStream out, PrintStream err, ModelLoader loader) {
        this.out = out;
        this.err = err;
        this.loader = loader;
    }

    int run(List<String> argv) {
        Args args = Args.parse("export", argv, "-o");
        if (args.positional.size() != 1) {
            throw new Main.UsageException("export needs one model file: export <model.nwp> -o <dir>");
        }
        Path dir = Path.of(args.required("export", "-o"));
        Path file = Path.of(args.positional.get(0));
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("no such file: " + file);
        }
        ModelLoader.Loaded loaded = loader.load(List.of(file));
        if (!loaded.errors().isEmpty()) {
            loaded.errors().forEach(err::println);
            return Main.INVALID;
        }
        List<Network> networks = Models.withImports(loaded.roots().get(0));
        List<Path> written;
        try {
            written = Exporter.export(networks, dir);
        } catch (ExportException e) {
            err.println(file + ": cannot be exported: " + e.getMessage());
            return Main.INVALID;
        } catch (IOException e) {
            // the message names the path and says why in words, and that the previous export is unchanged
            err.println("netwright: export: " + e.getMessage());
            return Main.INVALID;
        }
        written.forEach(p -> out.println("wrote " + p));
        long opaque = networks.stream().flatMap(n -> java.util.stream.StreamSupport.stream(
                ((Iterable<org.eclipse.emf.ecore.EObject>) n::eAllContents).spliterator(), false))
                .filter(o -> o instanceof NftRule r && r.getStatements().isEmpty()).count();
        if (opaque > 0) {
            err.println("warning: " + opaque + " nft rule(s) kept opaque on import are not exported (their comments say what they were)");
        }
        out.println(written.size() + " file(s) exported to " + dir);
        return Main.OK;
    }
}
