package org.netwright.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.netwright.headless.Problem;
import org.netwright.headless.SnapshotImport;
import org.netwright.input.InputFiles;
import org.netwright.input.OutputFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netwright import <snapshot-folder> -o model.nwp}: a host snapshot (the folder {@code netwright snapshot}
 * writes) as a model file. Every problem is printed as {@code file:line:column: severity: message} (with the JSON path
 * for JSON files); what could be imported is written even when a file had errors (exit 2 then). The text is loaded
 * back with the language before it replaces the target, so a file that does not load is never written.
 */
@Command(name = "import", description = {
    "Writes a host snapshot (the folder 'netwright snapshot' writes) as a model file.",
    "Every problem of the dumps is shown as file:line:column (with the JSON path in JSON files); what could be "
            + "imported is written even when a dump had errors (exit 2 then)."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final Commands commands;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*", description = "the snapshot folder")
    List<Path> folders = new ArrayList<>();

    @Option(names = "-o", paramLabel = "MODEL", description = "the .nwp file to write")
    Path target;

    ImportCommand(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Integer call() throws IOException {
        if (folders.size() != 1) {
            throw new Main.UsageException("import needs one snapshot folder: import <snapshot-folder> -o model.nwp");
        }
        if (target == null) {
            throw new Main.UsageException("import needs -o <model.nwp>");
        }
        Path folder = folders.get(0);
        if (!Files.isDirectory(folder)) {
            throw new Main.UsageException("no such snapshot folder: " + folder);
        }
        if (!target.getFileName().toString().endsWith(".nwp")) {
            throw new Main.UsageException("import: the model file must end in .nwp: " + target);
        }
        SnapshotImport result = commands.netwright().importSnapshot(folder, List.of(
                "Imported by netwright import from the host snapshot " + folder.toAbsolutePath().normalize().getFileName() + ".",
                "Each namespace's description says where its rules came from; '# not written' lines are what the language cannot express."));
        int errors = 0;
        for (Problem p : result.problems()) {
            (p.severity() == Problem.Severity.INFO ? commands.out : commands.err).println(p);
            errors += p.isError() ? 1 : 0;
        }
        result.notWritten().forEach(p -> commands.err.println(target + ": warning: " + p));
        if (result.sources() == null) {
            commands.err.println("netwright: import: nothing written: " + folder + " holds no namespace to import");
            return Main.INVALID;
        }
        if (result.sources().hasErrors()) {
            result.sources().errors().forEach(e -> commands.err.println("  " + e));
            throw new IllegalStateException("the model written for " + folder + " does not load, nothing written");
        }
        try {
            OutputFiles.writeAtomically(target, result.text().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            commands.err.println("netwright: import: cannot write " + target + ": " + InputFiles.reason(e));
            return Main.INVALID;
        }
        commands.out.println("wrote " + target.toAbsolutePath() + " (" + result.namespaces() + " namespaces"
                + (errors > 0 ? ", " + errors + " error(s) above" : "") + ")");
        return errors > 0 ? Main.INVALID : Main.OK;
    }
}
