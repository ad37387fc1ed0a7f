package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.netwright.headless.ExpectationResult;
import org.netwright.headless.FileCheck;
import org.netwright.headless.Netwright;
import org.netwright.headless.Problem;
import org.netwright.headless.Sources;
import org.netwright.input.InputException;
import org.netwright.input.InputFiles;
import org.netwright.report.JUnitReport;
import org.netwright.report.Report;
import org.netwright.report.SarifReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netwright check <files or folders...>}: runs every expectation and scenario of the given files,
 * each file mapped with what it imports. Exit 0 when all hold, 1 when one is violated (with its trace),
 * 2 on invalid input (syntax, link and mapping errors as file:line:column), 4 when none is violated but one is
 * uncertain (its walk passed a match or statement the engine does not execute).
 */
@Command(name = "check", description = {
    "Runs every expectation and scenario of the given files (each with what it imports) on the packet-walk engine.",
    "Prints each result with the trace of every violated one and the diagnostics that explain it (why:, note:).",
    "With --junit and --sarif also writes the results for CI servers and code-scanning views (also when input is invalid).",
    "Exit 1 when an expectation is violated, 2 on invalid input, 4 when none is violated but one is",
    "uncertain: its walk passed a match or statement the engine does not execute (listed with",
    "file:line:column), so it neither holds nor is violated."})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final Commands commands;

    @Option(names = "--summary", description = "one line per file; violated expectations without their traces")
    boolean summary;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the results as JUnit XML (one test case per expectation) to FILE")
    Path junit;

    @Option(names = "--sarif", paramLabel = "FILE", description = "also write problems and violated expectations as SARIF 2.1.0 to FILE")
    Path sarif;

    @Parameters(paramLabel = "FILE|FOLDER", arity = "0..*", description = ".nwp files, or folders to search for them")
    List<Path> paths = new ArrayList<>();

    CheckCommand(Commands commands) {
        this.commands = commands;
    }

    CheckCommand(PrintStream out, PrintStream err, ModelLoader loader) {
        this(new Commands(out, err, loader));
    }

    int run(List<String> args) {
        return commands.run(this, args);
    }

    @Override
    public Integer call() {
        if (paths.isEmpty()) {
            throw new Main.UsageException("check needs at least one .nwp file or folder");
        }
        Sources sources = commands.load(paths);
        if (sources.hasErrors()) {
            sources.errors().forEach(commands.err::println);
            // the reports still say which files are invalid, and what the others' expectations gave
            writeReports(sources, commands.netwright().checkValid(sources));
            return Main.INVALID;
        }
        PrintStream out = commands.out;
        int held = 0;
        int violated = 0;
        int uncertain = 0;
        boolean invalid = false;
        List<FileCheck> checks = commands.netwright().check(sources);
        writeReports(sources, checks);
        for (FileCheck file : checks) {
            for (Problem p : file.problems()) {
                if (p.isError() || !summary) {
                    commands.err.println(p);
                }
            }
            invalid |= file.invalid();
            for (ExpectationResult r : file.results()) {
                if (r.holds()) {
                    held++;
                    if (!summary) {
                        out.print(r.report());
                    }
                } else {
                    if (r.uncertain()) {
                        uncertain++;
                    } else {
                        violated++;
                    }
                    out.print(summary ? headline(r.report()) : r.report());
                }
            }
            if (summary && !file.invalid()) {
                summaryLine(file);
            }
        }
        out.println((held + violated + uncertain) + " expectation(s) checked: " + held + " hold, " + violated + " violated"
                + (uncertain == 0 ? "" : ", " + uncertain + " uncertain"));
        return invalid ? Main.INVALID : violated > 0 ? Main.VIOLATED : uncertain > 0 ? Main.UNCERTAIN : Main.OK;
    }

    /** {@code --junit}, {@code --sarif}: the reports of this run, names relative to the working directory. */
    private void writeReports(Sources sources, List<FileCheck> checks) {
        if (junit == null && sarif == null) {
            return;
        }
        Report report = Report.of(Path.of(""), Netwright.version(), sources, checks, Map.of());
        try {
            if (junit != null) {
                JUnitReport.write(report, junit);
            }
            if (sarif != null) {
                SarifReport.write(report, sarif);
            }
        } catch (IOException e) {
            throw new InputException((junit != null ? junit : sarif).toString(), "cannot be written: " + InputFiles.reason(e));
        }
    }

    /** {@code --summary}: one line per file; the traces are printed only for violated expectations. */
    private void summaryLine(FileCheck file) {
        String name = file.file().path().toString();
        long n = file.results().size();
        long violated = file.violated();
        int warnings = file.warnings().size();
        long uncertain = file.uncertain();
        commands.out.println(name + ": " + (n == 0 ? "no expectations"
                : violated > 0 ? "VIOLATED " + violated + " of " + n + " expectation(s)"
                : uncertain > 0 ? "UNCERTAIN " + uncertain + " of " + n + " expectation(s)"
                : "ok, " + n + " expectation(s) hold")
                + (warnings == 0 ? "" : " (" + warnings + " engine warning(s): netwright check " + name + ")"));
    }

    /** A violated result without its trace: the headline and the reasons, up to "trace of probe". */
    private static String headline(String explain) {
        StringBuilder sb = new StringBuilder();
        for (String line : explain.split("\n")) {
            if (line.trim().startsWith("trace of ")) {
                break;
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
