package org.netwright.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.netwright.headless.Problem;
import org.netwright.headless.Sources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code netwright validate}: every problem as {@code file:line:column: severity: message}, of the files and what they import. */
@Command(name = "validate", description = {
    "Parses and validates models: every problem as file:line:column: severity: message, for the given files, "
            + "the .nwp files below the given folders and every file they import.",
    "What validate accepts, check, walk, export and lab accept."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final Commands commands;

    @Parameters(paramLabel = "FILE|FOLDER", arity = "0..*", description = ".nwp files, or folders to search for them")
    List<Path> paths = new ArrayList<>();

    ValidateCommand(Commands commands) {
        this.commands = commands;
    }

    ValidateCommand(PrintStream out, PrintStream err) {
        this(new Commands(out, err, null));
    }

    int run(List<String> args) {
        return commands.run(this, args);
    }

    @Override
    public Integer call() {
        if (paths.isEmpty()) {
            throw new Main.UsageException("validate needs at least one .nwp file or folder");
        }
        Sources sources = commands.validate(paths);
        int errors = 0;
        int warnings = 0;
        for (Problem p : sources.problems()) {
            (p.isError() ? commands.err : commands.out).println(p);
            errors += p.isError() ? 1 : 0;
            warnings += p.severity() == Problem.Severity.WARNING ? 1 : 0;
        }
        commands.out.println(sources.files().size() + " file(s) validated: " + errors + " error(s), " + warnings + " warning(s)");
        return errors > 0 ? Main.INVALID : Main.OK;
    }
}
