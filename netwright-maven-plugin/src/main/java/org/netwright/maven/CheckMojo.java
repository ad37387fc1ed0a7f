package org.netwright.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.netwright.headless.ExpectationResult;
import org.netwright.headless.Problem;
import org.netwright.report.HeadlessBuild;
import org.netwright.report.Report;

/**
 * Checks every expectation and scenario on the packet-walk engine, like tests: writes the JUnit XML, the SARIF log and
 * the HTML report, logs the trace of each violated expectation, and fails the build naming them. Files with errors are
 * reported as such and the others still checked.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.TEST, threadSafe = true)
public class CheckMojo extends NetwrightMojo {
    /** Fail the build when an expectation does not hold. */
    @Parameter(property = "netwright.failOnViolation", defaultValue = "true")
    protected boolean failOnViolation;

    /**
     * Fail the build when an expectation is uncertain: its walk passed a match or statement the engine does not
     * execute, so it may hold or not (as the command line's exit code 4).
     */
    @Parameter(property = "netwright.failOnUncertain", defaultValue = "true")
    protected boolean failOnUncertain;

    /** Maven's switch for tests also skips the checks. */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    @Override
    boolean skipped() {
        return skipTests;
    }

    @Override
    void execute(List<Path> files) throws IOException, MojoFailureException {
        Run run = run(files);
        Report report = run.report();
        Path index = run.build.writeReports(report);

        List<String> violated = new ArrayList<>();
        List<String> uncertain = new ArrayList<>();
        for (Report.Entry e : report.entries()) {
            for (ExpectationResult r : e.results()) {
                String where = run.build.nameOf(r.file() == null ? e.source().path() : r.file()) + ":" + Math.max(r.line(), 1) + ":"
                        + Math.max(r.column(), 1);
                if (r.holds()) {
                    getLog().debug(where + ": holds: " + r.name());
                } else if (r.uncertain()) {
                    uncertain.add("'" + r.name() + "' (" + where + ")");
                    getLog().warn(where + ": expectation '" + r.name() + "' is uncertain");
                    r.report().lines().forEach(line -> getLog().warn("  " + line));
                } else {
                    violated.add("'" + r.name() + "' (" + where + ")");
                    getLog().error(where + ": expectation '" + r.name() + "' does not hold");
                    r.report().lines().forEach(line -> getLog().error("  " + line));
                }
            }
        }
        getLog().info("Netwright: " + report.expectations() + " expectation(s) checked in " + report.entries().size() + " file(s): "
                + report.held() + " hold, " + report.violated() + " violated, " + report.uncertain() + " uncertain; report " + display(index) + ", "
                + display(run.build.output().resolve(HeadlessBuild.JUNIT_FILE)) + ", " + display(run.build.output().resolve(HeadlessBuild.SARIF_FILE)));
        // errors first (a file that cannot be checked), then what was checked
        List<Problem> problems = report.problems();
        reportProblems(run.build, problems);
        if (!violated.isEmpty() && failOnViolation) {
            throw new MojoFailureException("Netwright: " + violated.size() + " expectation(s) violated: "
                    + violated.stream().collect(Collectors.joining(", ")));
        }
        if (!uncertain.isEmpty() && failOnUncertain) {
            throw new MojoFailureException("Netwright: " + uncertain.size() + " expectation(s) uncertain (they pass a rule element the engine"
                    + " does not execute; -Dnetwright.failOnUncertain=false accepts them): "
                    + uncertain.stream().collect(Collectors.joining(", ")));
        }
    }
}
