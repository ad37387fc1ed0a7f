package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.netwright.dsl.writer.NwpWriter;
import org.netwright.importer.ImportProblem;
import org.netwright.importer.SnapshotImporter;

/**
 * {@code netwright import <snapshot-folder> -o model.nwp}: a host snapshot (the folder {@code netwright snapshot}
 * writes) as a model file. Every problem is printed as {@code file:line:column: severity: message} (with the JSON path
 * for JSON files); what could be imported is written even when a file had errors (exit 2 then). The written text is
 * parsed back with the language before it replaces the target, so a file that does not load is never written.
 */
final class ImportCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final ModelLoader loader;

    ImportCommand(PrintStream out, PrintStream err, ModelLoader loader) {
        this.out = out;
        this.err = err;
        this.loader = loader;
    }

    int run(List<String> argv) {
        Args args = Args.parse("import", argv, "-o");
        if (args.positional.size() != 1) {
            throw new Main.UsageException("import needs one snapshot folder: import <snapshot-folder> -o model.nwp");
        }
        Path folder = Path.of(args.positional.get(0));
        Path target = Path.of(args.required("import", "-o")).toAbsolutePath();
        if (!Files.isDirectory(folder)) {
            throw new Main.UsageException("no such snapshot folder: " + folder);
        }
        if (!target.getFileName().toString().endsWith(".nwp")) {
            throw new Main.UsageException("import: the model file must end in .nwp: " + target);
        }
        SnapshotImporter.Result result;
        try {
            result = new SnapshotImporter().importFolder(folder);
        } catch (IOException e) {
            err.println("netwright: import: cannot read " + folder + ": " + e.getMessage());
            return Main.INVALID;
        }
        int errors = 0;
        for (ImportProblem p : result.problems()) {
            String shown = folder.resolve(p.file()) + ":" + p.line() + ":" + p.column() + ": " + p.severity().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + p.message() + (p.jsonPath() == null ? "" : " (at " + p.jsonPath() + ")");
            (p.severity() == ImportProblem.Severity.INFO ? out : err).println(shown);
            errors += p.isError() ? 1 : 0;
        }
        NwpWriter.Result written = NwpWriter.write(result.network(), List.of("Imported by netwright import from the host snapshot " + folder.getFileName() + ".",
                "Each namespace's description says where its rules came from; '# not written' lines are what the language cannot express."));
        written.problems().forEach(p -> err.println(target + ": warning: " + p));
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".nwp");
            try {
                Files.writeString(tmp, written.text(), StandardCharsets.UTF_8);
                ModelLoader.Loaded check = loader.load(List.of(tmp));
                if (!check.errors().isEmpty()) {
                    err.println("netwright: import: the model written for " + folder + " does not load, nothing written (a bug, please report):");
                    check.errors().forEach(e -> err.println("  " + e));
                    return Main.INVALID;
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            err.println("netwright: import: cannot write " + target + ": " + e.getMessage());
            return Main.INVALID;
        }
        out.println("wrote " + target + " (" + result.network().getNamespaces().size() + " namespaces" + (errors > 0 ? ", " + errors + " error(s) above" : "")
                + ")");
        return errors > 0 ? Main.INVALID : Main.OK;
    }
}
