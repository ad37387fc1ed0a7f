package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.netwright.dsl.NetwrightStandaloneSetup;

import com.google.inject.Injector;

/** {@code netwright validate}: every issue as {@code file:line:column: severity: message}. */
final class ValidateCommand {
    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            throw new Main.UsageException("validate needs at least one .nwp file or folder");
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            files.addAll(nwpFiles(Path.of(arg)));
        }
        Injector injector = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();
        XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        int errors = 0;
        int warnings = 0;
        for (Path file : files) {
            List<Issue> issues;
            try {
                Resource resource = resources.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
                issues = new ArrayList<>(validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl));
            } catch (RuntimeException e) {
                // unreadable file (permissions, not UTF-8 text, ...): one located line, never a stack trace
                err.println(file + ":1:1: error: cannot be read: " + describe(e));
                errors++;
                continue;
            }
            issues.sort(Comparator.comparing((Issue i) -> i.getLineNumber() == null ? 0 : i.getLineNumber())
                    .thenComparing(i -> i.getColumn() == null ? 0 : i.getColumn()));
            for (Issue issue : issues) {
                String where = file + ":" + orOne(issue.getLineNumber()) + ":" + orOne(issue.getColumn());
                String severity = issue.getSeverity().name().toLowerCase(java.util.Locale.ROOT);
                (issue.getSeverity() == Severity.ERROR ? err : out).println(where + ": " + severity + ": " + issue.getMessage());
                if (issue.getSeverity() == Severity.ERROR) {
                    errors++;
                } else if (issue.getSeverity() == Severity.WARNING) {
                    warnings++;
                }
            }
        }
        out.println(files.size() + " file(s) validated: " + errors + " error(s), " + warnings + " warning(s)");
        return errors > 0 ? Main.INVALID : Main.OK;
    }

    private static int orOne(Integer i) {
        return i == null || i < 1 ? 1 : i;
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static List<Path> nwpFiles(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                return walk.filter(p -> p.toString().endsWith(".nwp")).sorted().toList();
            } catch (IOException e) {
                throw new Main.UsageException("cannot read folder " + path + ": " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new Main.UsageException("no such file: " + path);
        }
        return List.of(path);
    }

    static boolean isXtext(Resource r) {
        return r instanceof XtextResource;
    }
}
