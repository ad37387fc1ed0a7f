package org.netwright.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Validates the {@code .nwp} files: syntax, links, the language's rules, and what the engine and the exporters would
 * refuse. Every problem is logged as {@code file:line:column: message}; an error fails the build.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends NetwrightMojo {
    @Override
    void execute(List<Path> files) throws IOException, MojoFailureException {
        Run run = run(files);
        reportProblems(run.build, run.sources.problems());
        getLog().info("Netwright: " + files.size() + " file(s) valid");
    }
}
