package org.netwright.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.xtext.validation.Issue;
import org.netwright.ui.model.OpenModel;

/**
 * Quick fixes from the Problems view: for a Netwright problem marker with an issue code, the same fixes as
 * Ctrl+1 in the editor (the language's code actions), applied to the file's editor (opened when it is not) as
 * one step of its history; the user saves.
 */
public final class MarkerResolutions implements IMarkerResolutionGenerator2 {
    @Override
    public boolean hasResolutions(IMarker marker) {
        return marker.getAttribute(ProblemMarkers.CODE, null) != null && marker.getResource() instanceof IFile && CodeActions.available();
    }

    @Override
    public IMarkerResolution[] getResolutions(IMarker marker) {
        List<IMarkerResolution> out = new ArrayList<>();
        for (CodeActions.Fix fix : fixes(marker)) {
            out.add(new IMarkerResolution() {
                @Override
                public String getLabel() {
                    return fix.title();
                }

                @Override
                public void run(IMarker ignored) {
                    apply(marker, fix);
                }
            });
        }
        return out.toArray(IMarkerResolution[]::new);
    }

    /** The fixes of the marker's issue (the file's editor is opened when it is not). */
    public static List<CodeActions.Fix> fixes(IMarker marker) {
        NwpEditor editor = editorOf(marker);
        if (editor == null || editor.getModel() == null) {
            return List.of();
        }
        OpenModel m = editor.getModel();
        m.ensureParsed();
        String code = marker.getAttribute(ProblemMarkers.CODE, "");
        List<Issue> issues = new ArrayList<>();
        for (Issue i : CodeActions.issuesAt(m, offsetOf(marker, m))) {
            if (code.equals(i.getCode())) {
                issues.add(i);
            }
        }
        return CodeActions.fixes(m, issues);
    }

    /** Applies a fix to the marker's file in its editor, as one step of its history. */
    public static boolean apply(IMarker marker, CodeActions.Fix fix) {
        NwpEditor editor = editorOf(marker);
        return editor != null && editor.getModel() != null && editor.getModel().applyText(fix.title(), fix.resultText());
    }

    /** Where the marker is in the editor's text: its start, else the start of its line. */
    private static int offsetOf(IMarker marker, OpenModel m) {
        int start = marker.getAttribute(IMarker.CHAR_START, -1);
        if (start >= 0) {
            return start;
        }
        try {
            return m.document().getLineOffset(Math.max(0, marker.getAttribute(IMarker.LINE_NUMBER, 1) - 1));
        } catch (org.eclipse.jface.text.BadLocationException e) {
            return 0;
        }
    }

    /** The file's open .nwp editor, opened when there is none. */
    private static NwpEditor editorOf(IMarker marker) {
        if (PlatformUI.getWorkbench().getActiveWorkbenchWindow() == null) {
            return null;
        }
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try {
            IEditorPart part = IDE.openEditor(page, (IFile) marker.getResource(), NwpEditor.ID, false);
            return part instanceof NwpEditor e ? e : null;
        } catch (PartInitException e) {
            return null;
        }
    }
}
