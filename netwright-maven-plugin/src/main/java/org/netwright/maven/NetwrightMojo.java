package org.netwright.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.netwright.headless.FileCheck;
import org.netwright.headless.Netwright;
import org.netwright.headless.Problem;
import org.netwright.headless.Sources;
import org.netwright.input.InputException;
import org.netwright.report.HeadlessBuild;
import org.netwright.report.Report;

/**
 * What every goal shares: which files (the source folder with includes and excludes), where the output goes, and one
 * run of validation and checks per build of a project, kept between the goals of that build (a goal that comes later,
 * {@code report} after {@code check}, does not load and check the same files again unless they changed).
 */
abstract class NetwrightMojo extends AbstractMojo {
    private static final String RUN_KEY = "org.netwright.maven.run";
    /** The language's setup registers itself in EMF's global registries: one module at a time in a parallel build. */
    private static final Object SETUP_LOCK = new Object();

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The folder of the {@code .nwp} files. */
    @Parameter(property = "netwright.sourceDirectory", defaultValue = "${project.basedir}/src/main/netwright", required = true)
    protected File sourceDirectory;

    /** Where the reports ({@code index.html}, {@code junit.xml}, {@code netwright.sarif}) and the exports ({@code export/}) go. */
    @Parameter(property = "netwright.outputDirectory", defaultValue = "${project.build.directory}/netwright", required = true)
    protected File outputDirectory;

    /** The files to take, Ant patterns relative to the source folder. */
    @Parameter
    protected List<String> includes = new ArrayList<>(List.of("**/*.nwp"));

    /** The files to leave out, Ant patterns relative to the source folder. */
    @Parameter
    protected List<String> excludes = new ArrayList<>();

    /** Fail the build on warnings too (of the language, and of the engine where it only approximates the kernel). */
    @Parameter(property = "netwright.failOnWarning", defaultValue = "false")
    protected boolean failOnWarning;

    /** Skip every Netwright goal. */
    @Parameter(property = "netwright.skip", defaultValue = "false")
    protected boolean skip;

    /** A validation and the checks of the files that could be checked (null until asked for), for one set of inputs. */
    static final class Run {
        final String fingerprint;
        final HeadlessBuild build;
        final Sources sources;
        List<FileCheck> checks;

        Run(String fingerprint, HeadlessBuild build, Sources sources) {
            this.fingerprint = fingerprint;
            this.build = build;
            this.sources = sources;
        }

        List<FileCheck> checks() {
            if (checks == null) {
                checks = build.check(sources);
            }
            return checks;
        }

        Report report() {
            return build.report(sources, checks());
        }
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipped()) {
            getLog().info("Netwright: skipped");
            return;
        }
        List<Path> files = files();
        if (files.isEmpty()) {
            getLog().info("Netwright: no .nwp files in " + display(sourceDirectory.toPath()));
            return;
        }
        try {
            execute(files);
        } catch (IOException e) {
            throw new MojoExecutionException("Netwright: cannot write " + display(outputDirectory.toPath()) + ": " + e.getMessage(), e);
        } catch (InputException e) {
            throw new MojoFailureException("Netwright: " + e.describe());
        }
    }

    /** True when this goal is switched off by a setting of its own (the check honours {@code skipTests}). */
    boolean skipped() {
        return false;
    }

    abstract void execute(List<Path> files) throws IOException, MojoExecutionException, MojoFailureException;

    /** The {@code .nwp} files of the source folder that the includes take and the excludes leave, in name order. */
    List<Path> files() throws MojoExecutionException {
        Path root = sourceDirectory.toPath();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        AntPatterns patterns = new AntPatterns(includes, excludes);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !Files.isDirectory(p))
                    .filter(p -> patterns.matches(root.relativize(p).toString().replace(File.separatorChar, '/')))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("Netwright: cannot list " + display(root) + ": " + e.getMessage(), e);
        }
    }

    /** This build's run for these files: validated now, or earlier in this build when nothing changed since. */
    Run run(List<Path> files) throws IOException {
        String fingerprint = fingerprint(files);
        if (project.getContextValue(RUN_KEY) instanceof Run run && run.fingerprint.equals(fingerprint)) {
            return run;
        }
        Netwright netwright;
        synchronized (SETUP_LOCK) {
            netwright = new Netwright();
        }
        HeadlessBuild build = new HeadlessBuild(netwright, project.getBasedir().toPath(), outputDirectory.toPath());
        Run run = new Run(fingerprint, build, build.validate(files));
        project.setContextValue(RUN_KEY, run);
        return run;
    }

    /** The files with their sizes and times, and the folders the output goes to: what makes two runs the same. */
    private String fingerprint(List<Path> files) throws IOException {
        StringBuilder sb = new StringBuilder(outputDirectory.getAbsolutePath()).append('\n');
        for (Path f : files) {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            sb.append(f).append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The problems in Maven's log, one {@code file:line:column: message} line each (errors as errors, warnings as
     * warnings); fails the build on an error, or on a warning with {@code failOnWarning}.
     */
    void reportProblems(HeadlessBuild build, List<Problem> problems) throws MojoFailureException {
        for (Problem p : problems) {
            String line = located(build, p);
            switch (p.severity()) {
                case ERROR -> getLog().error(line);
                case WARNING -> getLog().warn(line);
                case INFO -> getLog().info(line);
            }
        }
        List<Problem> failing = problems.stream().filter(p -> p.isError() || failOnWarning && p.severity() == Problem.Severity.WARNING).toList();
        if (!failing.isEmpty()) {
            long errors = failing.stream().filter(Problem::isError).count();
            String what = errors > 0 ? errors + " error(s)" : failing.size() + " warning(s) (failOnWarning)";
            throw new MojoFailureException("Netwright: " + what + " in the .nwp files: " + failing.stream().limit(3)
                    .map(p -> located(build, p)).collect(Collectors.joining("; ")) + (failing.size() > 3 ? "; ..." : ""));
        }
    }

    /** {@code file:line:column: message}, the file relative to the project. */
    static String located(HeadlessBuild build, Problem p) {
        String where = p.file() == null ? "" : build.nameOf(p.file()) + ":" + Math.max(p.line(), 1) + ":" + Math.max(p.column(), 1) + ": ";
        return where + p.message();
    }

    String display(Path p) {
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) && !abs.equals(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
