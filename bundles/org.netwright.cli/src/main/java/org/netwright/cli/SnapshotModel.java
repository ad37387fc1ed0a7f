package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.emf.common.util.URI;
import org.netwright.dsl.writer.NwpWriter;
import org.netwright.importer.ImportProblem;
import org.netwright.importer.SnapshotImporter;

/**
 * A snapshot folder (as {@code netwright snapshot} writes it) used directly as a model: imported in memory
 * exactly as {@code netwright import} would write it, nothing written to disk. Import errors (a dump that does
 * not parse) are input errors named file:line:column; warnings go to stderr. Rules in traces point into the
 * imported text under the name {@code snapshot:<folder>/imported.nwp} ({@code netwright import} writes the
 * same text to a file).
 */
final class SnapshotModel {
    private SnapshotModel() {
    }

    static ModelLoader.Loaded load(Path folder, PrintStream err) {
        SnapshotImporter.Result result;
        try {
            result = new SnapshotImporter().importFolder(folder);
        } catch (IOException e) {
            throw new Main.UsageException("cannot read snapshot folder " + folder + ": " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        for (ImportProblem p : result.problems()) {
            if (p.severity() == ImportProblem.Severity.INFO) {
                continue;
            }
            if (p.isError()) {
                errors.add(describe(folder, p));
            } else {
                err.println(describe(folder, p));
            }
        }
        if (result.network().getNamespaces().isEmpty()) {
            errors.add(folder + ": error: not a snapshot folder (no namespace folders with link.json, addr.json, ...)");
        }
        if (!errors.isEmpty()) {
            return new ModelLoader.Loaded(List.of(folder), List.of(), null, errors);
        }
        NwpWriter.Result written = NwpWriter.write(result.network(), List.of("Imported in memory by netwright walk from "
                + folder.getFileName() + "."));
        URI uri = URI.createURI("snapshot:" + folder.toAbsolutePath().normalize() + "/imported.nwp");
        written.problems().forEach(p -> err.println(uri + ": warning: " + p));
        return new XtextModelLoader().loadText(uri, written.text());
    }

    /** The same format as {@code netwright import}: file:line:column: severity: message (at JSON path). */
    static String describe(Path folder, ImportProblem p) {
        return folder.resolve(p.file()) + ":" + p.line() + ":" + p.column() + ": "
                + p.severity().name().toLowerCase(Locale.ROOT) + ": " + p.message()
                + (p.jsonPath() == null ? "" : " (at " + p.jsonPath() + ")");
    }
}
