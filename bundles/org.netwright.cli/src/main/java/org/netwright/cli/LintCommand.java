package org.netwright.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.netwright.headless.SourceFile;
import org.netwright.headless.Sources;
import org.netwright.mapping.MappingIssue;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelToEngine;
import org.netwright.symbolic.Lint;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code netwright lint <files or folders>}: rules that can never match, as located warnings. */
@Command(name = "lint", description = {
    "Finds rules that can never match, for all packets at once: rules shadowed by earlier rules of the same chain "
            + "(which are named), rules whose matches exclude each other, and rules impossible where they are (an "
            + "interface the namespace lacks, iif in an output chain, oif before routing, a ct state a nat chain never "
            + "sees). One 'file:line:column: warning: ...' line each; a file's imports are linted with it (each finding "
            + "once). Exit 0 with or without findings, 2 on invalid input."})
final class LintCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final Commands commands;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = ".nwp files or folders of them")
    List<Path> paths = new ArrayList<>();

    LintCommand(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Integer call() {
        if (paths.isEmpty()) {
            throw new Main.UsageException("lint needs at least one .nwp file or folder");
        }
        Sources sources = commands.load(paths);
        if (sources.hasErrors()) {
            sources.errors().forEach(commands.err::println);
            return Main.INVALID;
        }
        Set<String> findings = new LinkedHashSet<>();
        for (SourceFile f : sources.files()) {
            if (!f.loaded()) {
                continue;
            }
            ModelMapping mapping = new ModelToEngine(sources.locator()).map(List.of(f.model()));
            if (mapping.hasErrors()) {
                mapping.errors().forEach(commands.err::println);
                return Main.INVALID;
            }
            for (MappingIssue w : mapping.warnings()) {
                commands.err.println(w);
            }
            Lint.run(mapping.view()).forEach(x -> findings.add(x.text()));
        }
        findings.forEach(commands.out::println);
        commands.out.println(findings.size() + (findings.size() == 1 ? " rule" : " rules") + " that can never match");
        return Main.OK;
    }
}
