package org.netwright.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.netwright.headless.ExportFormat;
import org.netwright.report.HeadlessBuild;

/**
 * Exports what a real box loads, per file and namespace: {@code export/<file>/<ns>/ruleset.nft} ({@code nft -f}),
 * {@code iptables.rules} ({@code iptables-restore}) and {@code setup.sh} ({@code ip}, {@code sysctl}). A file whose
 * inputs (it and every file it imports) did not change since the last export is not written again.
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ExportMojo extends NetwrightMojo {
    /** Which files to write: {@code nft}, {@code iptables}, {@code scripts} (all three by default). */
    @Parameter(property = "netwright.exports", defaultValue = "nft,iptables,scripts")
    protected List<String> exports = new ArrayList<>();

    @Override
    void execute(List<Path> files) throws IOException, MojoFailureException {
        Set<ExportFormat> formats = EnumSet.noneOf(ExportFormat.class);
        for (String name : exports) {
            for (String one : name.split(",")) {
                if (!one.isBlank()) {
                    try {
                        formats.add(ExportFormat.parse(one));
                    } catch (IllegalArgumentException e) {
                        throw new MojoFailureException("Netwright: <exports>: " + e.getMessage());
                    }
                }
            }
        }
        Run run = run(files);
        reportProblems(run.build, run.sources.problems()); // nothing is exported from files with errors
        List<HeadlessBuild.Exported> exported = run.build.export(run.sources, formats);
        long written = 0;
        long upToDate = 0;
        for (HeadlessBuild.Exported e : exported) {
            if (e.upToDate()) {
                upToDate++;
                getLog().debug(run.build.nameOf(e.file().path()) + ": exports up to date");
            } else {
                written += e.written().size();
                getLog().debug(run.build.nameOf(e.file().path()) + ": " + e.written().size() + " file(s) exported");
            }
            if (e.opaqueNftRules() > 0) {
                getLog().warn(run.build.nameOf(e.file().path()) + ": " + e.opaqueNftRules()
                        + " nft rule(s) kept opaque on import are not exported (their comments say what they were)");
            }
        }
        String folder = display(run.build.output().resolve(HeadlessBuild.EXPORT_FOLDER));
        if (upToDate == exported.size()) {
            getLog().info("Netwright: the exports of " + upToDate + " model(s) in " + folder + " are up to date");
        } else {
            getLog().info("Netwright: " + written + " file(s) exported from " + (exported.size() - upToDate) + " model(s) to " + folder
                    + (upToDate > 0 ? ", " + upToDate + " up to date" : ""));
        }
    }
}
