package org.netwright.referee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.netwright.dsl.NetwrightStandaloneSetup;
import org.netwright.model.Network;

import com.google.inject.Injector;

/** The bundled examples (every .nwp under examples/), parsed headlessly with the language, imports resolved. */
final class ExampleFiles {
    private static Injector injector;

    private ExampleFiles() {
    }

    /** The repository's examples folder, found from the working directory upwards. */
    static Path folder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/ folder above " + Path.of("").toAbsolutePath());
    }

    /** Every example file relative to {@link #folder()}, '/'-separated, in name order. */
    static List<String> all() {
        Path root = folder();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".nwp")).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example's own network; any syntax, link or validation error fails with file:line:column. */
    static synchronized Network load(String example) {
        if (injector == null) {
            injector = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();
        }
        Path file = folder().resolve(example);
        XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
        Resource r = resources.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
        EcoreUtil.resolveAll(resources);
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        List<String> errors = new ArrayList<>();
        for (Resource each : new ArrayList<>(resources.getResources())) {
            for (Issue issue : validator.validate(each, CheckMode.ALL, CancelIndicator.NullImpl)) {
                if (issue.getSeverity() == Severity.ERROR) {
                    errors.add(each.getURI().lastSegment() + ":" + issue.getLineNumber() + ":" + issue.getColumn() + ": "
                            + issue.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new AssertionError(example + " does not load:\n" + String.join("\n", errors));
        }
        return (Network) r.getContents().get(0);
    }
}
