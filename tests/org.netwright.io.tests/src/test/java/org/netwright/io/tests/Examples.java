package org.netwright.io.tests;

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
import org.netwright.export.Models;
import org.netwright.model.Network;

import com.google.inject.Injector;

/** The bundled examples (every .nwp under examples/), loaded with the DSL together with the files they import. */
final class Examples {
    private static Injector injector;

    private Examples() {
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

    /** Every example file, relative to {@link #folder()} with '/', in name order. */
    static List<String> all() {
        Path root = folder();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".nwp")).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A lab name for an example: 1-10 of [a-z0-9], unique among {@link #all()}. */
    static String labName(String example) {
        return "ex" + all().indexOf(example);
    }

    /** The example with its imports, imported files first; fails on any syntax, link or validation error. */
    static List<Network> load(String example) {
        Network n = loadOne(folder().resolve(example));
        return Models.withImports(n);
    }

    static synchronized Network loadOne(Path file) {
        if (injector == null) {
            injector = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();
        }
        XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
        Resource r = resources.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
        EcoreUtil.resolveAll(resources);
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        List<String> errors = new ArrayList<>();
        for (Resource each : new ArrayList<>(resources.getResources())) {
            for (Issue issue : validator.validate(each, CheckMode.ALL, CancelIndicator.NullImpl)) {
                if (issue.getSeverity() == Severity.ERROR) {
                    errors.add(each.getURI().lastSegment() + ":" + issue.getLineNumber() + ":" + issue.getColumn() + ": " + issue.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new AssertionError(file + " does not load:\n" + String.join("\n", errors));
        }
        return (Network) r.getContents().get(0);
    }
}
