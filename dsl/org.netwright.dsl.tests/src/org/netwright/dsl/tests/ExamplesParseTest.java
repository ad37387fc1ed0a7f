package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netwright.dsl.NetwrightStandaloneSetup;

import com.google.inject.Injector;

/** Every bundled example parses, links and validates without errors (runs inside OSGi under tycho-surefire). */
class ExamplesParseTest {
    static final Injector INJECTOR = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();

    static Stream<Path> examples() throws IOException {
        Path root = Path.of(System.getProperty("netwright.examples", "../../examples"));
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".nwp")).sorted().toList().stream();
        }
    }

    @Test
    void examplesAreFound() throws IOException {
        assertFalse(examples().toList().isEmpty(), "no examples found");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleParsesAndLinks(Path file) {
        XtextResourceSet rs = INJECTOR.getInstance(XtextResourceSet.class);
        Resource r = rs.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
        EcoreUtil.resolveAll(rs);
        String errors = r.getErrors().stream().map(d -> d.getLine() + ":" + d.getColumn() + " " + d.getMessage())
                .collect(Collectors.joining("\n"));
        assertTrue(r.getErrors().isEmpty(), file + ":\n" + errors);
        assertEquals(1, r.getContents().size());
    }

    /** Broken variants may carry warnings (that is what they demonstrate), never errors. */
    @ParameterizedTest
    @MethodSource("examples")
    void exampleValidatesWithoutErrors(Path file) {
        XtextResourceSet rs = INJECTOR.getInstance(XtextResourceSet.class);
        Resource r = rs.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
        List<Issue> errors = INJECTOR.getInstance(IResourceValidator.class)
                .validate(r, CheckMode.ALL, CancelIndicator.NullImpl).stream()
                .filter(i -> i.getSeverity() == Severity.ERROR).toList();
        assertTrue(errors.isEmpty(), file + ":\n" + errors.stream()
                .map(i -> i.getLineNumber() + ":" + i.getColumn() + " " + i.getMessage()).collect(Collectors.joining("\n")));
    }
}
