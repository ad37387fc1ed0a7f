package org.netwright.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.netwright.report.Report;

/**
 * Writes the reports with links to the exports: {@code index.html} (the files, their topology, every expectation with
 * its walks and why), {@code junit.xml} and {@code netwright.sarif}. It reports; it never fails the build over what it
 * reports ({@code validate} and {@code check} do).
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends NetwrightMojo {
    @Override
    void execute(List<Path> files) throws IOException {
        Run run = run(files);
        Report report = run.report();
        Path index = run.build.writeReports(report);
        getLog().info("Netwright: report " + display(index) + " (" + report.entries().size() + " file(s), " + report.held() + " of "
                + report.expectations() + " expectation(s) hold)");
    }
}
