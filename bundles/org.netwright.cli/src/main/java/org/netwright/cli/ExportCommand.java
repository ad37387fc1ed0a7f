package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.netwright.headless.ExportResult;
import org.netwright.headless.Sources;
import org.netwright.input.InputException;
import org.netwright.input.InputFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netwright export <model.nwp> -o <dir>}: the files a real box loads, per namespace ruleset.nft, iptables.rules
 * and setup.sh, with the namespaces of the files the model imports. Nothing is written when the model cannot be
 * exported; the export replaces the folder as one set (the whole previous export or the whole new one, see
 * {@link org.netwright.export.AtomicFolder}), so the folder must be new, empty or a previous export.
 */
@Command(name = "export", description = {
    "Writes what a real box loads, per namespace of the model and of what it imports: DIR/<ns>/ruleset.nft (nft -f), "
            + "iptables.rules (iptables-restore) and setup.sh (ip, sysctl).",
    "Nothing is written when the model cannot be exported; the same model gives byte-identical files."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final Commands commands;

    @Parameters(paramLabel = "MODEL", arity = "0..*", description = "the .nwp model file")
    List<Path> files = new ArrayList<>();

    @Option(names = "-o", paramLabel = "DIR", description = "the folder to write into")
    Path dir;

    ExportCommand(Commands commands) {
        this.commands = commands;
    }

    int run(List<String> args) {
        return commands.run(this, args);
    }

    @Override
    public Integer call() {
        if (files.size() != 1) {
            throw new Main.UsageException("export needs one model file: export <model.nwp> -o <dir>");
        }
        if (dir == null) {
            throw new Main.UsageException("export needs -o <dir>");
        }
        Path file = files.get(0);
        if (Files.isDirectory(file)) {
            throw new InputException(file.toString(), "is a folder, not a file");
        }
        Sources sources = commands.load(List.of(file));
        if (sources.hasErrors()) {
            sources.errors().forEach(commands.err::println);
            return Main.INVALID;
        }
        ExportResult result;
        try {
            result = commands.netwright().export(sources.files().get(0), dir);
        } catch (IOException e) {
            // the message names the path and says why in words, and that the previous export is unchanged
            commands.err.println("netwright: export: " + e.getMessage());
            return Main.INVALID;
        }
        PrintStream out = commands.out;
        result.written().forEach(p -> out.println("wrote " + p));
        if (result.opaqueNftRules() > 0) {
            commands.err.println("warning: " + result.opaqueNftRules()
                    + " nft rule(s) kept opaque on import are not exported (their comments say what they were)");
        }
        out.println(result.written().size() + " file(s) exported to " + dir);
        return Main.OK;
    }
}
