package org.netwright.ui.editor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/** The issues of the last parse as problem markers of the file: the ruler, the Problems view. */
public final class ProblemMarkers {
    public static final String TYPE = "org.netwright.ui.problem";
    /** Marker attribute: the issue code (for quick fixes from the Problems view). */
    public static final String CODE = "org.netwright.ui.code";

    private ProblemMarkers() {
    }

    public static void update(IFile file, IDocument document, List<Issue> issues) {
        if (file == null || !file.exists()) {
            return;
        }
        try {
            ResourcesPlugin.getWorkspace().run(monitor -> {
                file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
                for (Issue issue : issues) {
                    IMarker marker = file.createMarker(TYPE);
                    Map<String, Object> attributes = new HashMap<>();
                    attributes.put(IMarker.MESSAGE, issue.getMessage());
                    attributes.put(IMarker.SEVERITY, issue.getSeverity() == Severity.ERROR ? IMarker.SEVERITY_ERROR
                        : issue.getSeverity() == Severity.WARNING ? IMarker.SEVERITY_WARNING : IMarker.SEVERITY_INFO);
                    if (issue.getLineNumber() != null) {
                        attributes.put(IMarker.LINE_NUMBER, issue.getLineNumber());
                    }
                    if (issue.getOffset() != null && issue.getLength() != null && issue.getOffset() + issue.getLength() <= document.getLength()) {
                        attributes.put(IMarker.CHAR_START, issue.getOffset());
                        attributes.put(IMarker.CHAR_END, issue.getOffset() + Math.max(1, issue.getLength()));
                    }
                    attributes.put(IMarker.LOCATION, "line " + issue.getLineNumber());
                    if (issue.getCode() != null) {
                        attributes.put(CODE, issue.getCode());
                    }
                    marker.setAttributes(attributes);
                }
            }, file, 0, null);
        } catch (CoreException e) {
            // markers are a convenience; the diagnostics still show in the editor's hover
        }
    }

    public static IMarker[] of(IFile file) throws CoreException {
        return file.findMarkers(TYPE, false, IResource.DEPTH_ZERO);
    }
}
