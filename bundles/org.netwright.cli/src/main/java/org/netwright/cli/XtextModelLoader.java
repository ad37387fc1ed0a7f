package org.netwright.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

/** Loads .nwp files with Xtext standalone; syntax, link and validation errors as file:line:column. */
final class XtextModelLoader implements ModelLoader {
    @Override
    public Loaded load(List<Path> files) {
        Injector injector = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();
        XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
        List<Resource> loaded = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path file : files) {
            try {
                loaded.add(resources.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true));
            } catch (RuntimeException e) {
                errors.add(file + ": cannot be loaded: " + e.getMessage());
                loaded.add(null);
            }
        }
        return finish(injector, resources, files, loaded, errors);
    }

    /**
     * A model given as text (a snapshot written by the importer) under a URI that names where it came from;
     * validated like a file.
     */
    Loaded loadText(URI uri, String text) {
        Injector injector = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();
        XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
        Resource r = resources.createResource(uri);
        List<String> errors = new ArrayList<>();
        try {
            r.load(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), null);
        } catch (java.io.IOException e) {
            errors.add(uri + ": cannot be loaded: " + e.getMessage());
        }
        List<Resource> loaded = new ArrayList<>();
        loaded.add(r);
        return finish(injector, resources, List.of(Path.of(uri.lastSegment())), loaded, errors);
    }

    private static Loaded finish(Injector injector, XtextResourceSet resources, List<Path> files, List<Resource> loaded,
            List<String> errors) {
        // imports are loaded by linking; resolve everything so that imported files are validated too
        EcoreUtil.resolveAll(resources);
        XtextSourceLocator locator = new XtextSourceLocator();
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        List<Network> roots = new ArrayList<>();
        for (Resource r : new ArrayList<>(resources.getResources())) {
            for (Issue issue : validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl)) {
                if (issue.getSeverity() == Severity.ERROR) {
                    errors.add(locator.display(r.getURI()) + ":" + issue.getLineNumber() + ":" + issue.getColumn()
                            + ": error: " + issue.getMessage());
                }
            }
        }
        for (int i = 0; i < loaded.size(); i++) {
            Resource r = loaded.get(i);
            if (r == null) {
                continue;
            }
            if (r.getContents().isEmpty() || !(r.getContents().get(0) instanceof Network n)) {
                errors.add(files.get(i) + ": not a netwright model");
                continue;
            }
            roots.add(n);
        }
        return new Loaded(files, roots, locator, errors);
    }
}
