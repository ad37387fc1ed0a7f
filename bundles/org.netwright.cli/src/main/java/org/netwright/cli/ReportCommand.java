package org.netwright.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.netwright.headless.ExportFormat;
import org.netwright.headless.Sources;
import org.netwright.input.InputFiles;
import org.netwright.report.HeadlessBuild;
import org.netwright.report.Report;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netwright report <files or folders...> -o <dir>}: the headless build the Maven plugin runs, into one folder:
 * validate, check, export the valid files, and write the HTML report, JUnit XML and SARIF. Exit codes as {@code check}.
 */
@Command(name = "report", description = {
    "Validates the given files, checks every expectation, exports what each valid file's boxes load, and writes into DIR:",
    "  index.html (open it in a browser: every file, its topology, each expectation with its walks and why),",
    "  junit.xml (JUnit XML for CI servers), netwright.sarif (SARIF 2.1.0 for code-scanning views),",
    "  export/<file>/<ns>/ruleset.nft, iptables.rules, setup.sh (only files that changed since the last run are written).",
    "Names are relative to the working directory. Exit 1 when an expectation is violated, 2 on invalid input,",
    "4 when none is violated but one is uncertain (as check)."})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final Commands commands;

    @Option(names = "-o", paramLabel = "DIR", description = "the folder to write the report into")
    Path dir;

    @Parameters(paramLabel = "FILE|FOLDER", arity = "0..*", description = ".nwp files, or folders to search for them")
    List<Path> paths = new ArrayList<>();

    ReportCommand(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Integer call() {
        if (paths.isEmpty()) {
            throw new Main.UsageException("report needs at least one .nwp file or folder: report <files|folders> -o <dir>");
        }
        if (dir == null) {
            throw new Main.UsageException("report needs -o <dir>");
        }
        HeadlessBuild build = new HeadlessBuild(commands.netwright(), Path.of(""), dir);
        Sources sources = build.validate(paths);
        Path index;
        Report report;
        try {
            build.export(sources, ExportFormat.all());
            report = build.report(sources, build.check(sources));
            index = build.writeReports(report);
        } catch (IOException e) {
            commands.err.println("netwright: report: cannot write " + dir + ": " + InputFiles.reason(e));
            return Main.INVALID;
        }
        report.problems().forEach(p -> (p.isError() ? commands.err : commands.out).println(p));
        commands.out.println("report " + index + ": " + report.entries().size() + " file(s), " + report.held() + " of "
                + report.expectations() + " expectation(s) hold, " + report.violated() + " violated, " + report.uncertain() + " uncertain, "
                + report.errors() + " error(s)");
        return report.errors() > 0 ? Main.INVALID : report.violated() > 0 ? Main.VIOLATED : report.uncertain() > 0 ? Main.UNCERTAIN : Main.OK;
    }
}
