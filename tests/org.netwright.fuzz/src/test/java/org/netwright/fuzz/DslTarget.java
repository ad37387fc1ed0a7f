package org.netwright.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.netwright.dsl.NetwrightStandaloneSetup;

import com.google.inject.Injector;

/**
 * The DSL target: parse, link and validate a .nwp text as {@code netwright validate} does. The text lives in a
 * resource set of its own under a URI scheme that no file system answers, so an {@code import} in the input fails to
 * load (a located error) instead of reading this machine's files.
 */
final class DslTarget {
    private static final Injector INJECTOR = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();

    private DslTarget() {
    }

    /** The errors and warnings that have no line or column. */
    static List<String> check(String text) {
        XtextResourceSet set = INJECTOR.getInstance(XtextResourceSet.class);
        XtextResource resource = (XtextResource) set.createResource(URI.createURI("fuzz:/" + FuzzTarget.FILE + ".nwp"));
        try {
            resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), set.getLoadOptions());
        } catch (IOException e) {
            throw new FuzzTarget.Finding("dsl: loading from memory failed", e);
        }
        List<String> unlocated = new ArrayList<>();
        for (Resource.Diagnostic d : resource.getErrors()) {
            if (d.getLine() <= 0 || d.getColumn() <= 0) {
                unlocated.add("syntax: " + d.getMessage());
            }
        }
        IResourceValidator validator = INJECTOR.getInstance(IResourceValidator.class);
        for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
            Integer line = issue.getLineNumber();
            Integer column = issue.getColumn();
            if (line == null || line <= 0 || column == null || column <= 0) {
                unlocated.add(issue.getSeverity() + ": " + issue.getMessage());
            }
        }
        return unlocated;
    }
}
