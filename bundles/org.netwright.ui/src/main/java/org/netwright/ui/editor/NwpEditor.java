package org.netwright.ui.editor;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.MultiPageEditorPart;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.netwright.diagram.DiagramLayout;
import org.netwright.diagram.TopologyDiagramEditor;
import org.netwright.diagram.TopologyDiagramEditorInput;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.ui.HistoryActions;
import org.netwright.ui.model.OpenModel;

/**
 * The editor of a {@code .nwp} file: Diagram | Source, two views of one model with one history.
 *
 * <p>A file that does not parse still opens: on the Source page, with its diagnostics; the Diagram
 * page then shows the last model that parsed (or nothing yet) and says why it is read-only. A missing
 * or unreadable layout sidecar means automatic layout.
 */
public class NwpEditor extends MultiPageEditorPart {
    public static final String ID = "org.netwright.ui.nwpEditor";
    public static final String DIAGRAM_PAGE = "Diagram";
    public static final String SOURCE_PAGE = "Source";

    private SourceEditor source;
    private TopologyDiagramEditor diagram;
    private OpenModel model;
    private int diagramPage = -1;
    private int sourcePage = -1;
    private IAction undo;
    private IAction redo;
    private String layoutProblem;
    private final CommandStackListener dirtyRelay = e -> firePropertyChange(PROP_DIRTY);
    private final OpenModel.Listener parsed = this::parsed;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput) && !(input instanceof IURIEditorInput)) {
            throw new PartInitException("A .nwp editor opens files, not " + input.getName());
        }
        super.init(site, input);
        setPartName(input.getName());
    }

    @Override
    protected void createPages() {
        source = new SourceEditor();
        try {
            sourcePage = addPage(source, getEditorInput());
        } catch (PartInitException e) {
            throw new IllegalStateException("The source page could not be opened: " + e.getMessage(), e);
        }
        setPageText(sourcePage, SOURCE_PAGE);
        IDocument document = source.getDocumentProvider().getDocument(getEditorInput());
        DiagramLayout layout = loadLayout();
        model = new OpenModel(document, modelUri(), layout);
        source.attach(model);
        undo = HistoryActions.undo(model.commandStack());
        redo = HistoryActions.redo(model.commandStack());

        Network shown = model.shownRoot() != null ? model.shownRoot() : NetwrightFactory.eINSTANCE.createNetwork();
        diagram = new TopologyDiagramEditor(shown, model.domain(), layout);
        diagram.setCommandWrapper(model::wrap);
        diagram.setNamespaceOpener(ns -> org.netwright.ui.walk.PipelineView.open(getSite().getPage(), this, ns.getName(), true));
        try {
            addPage(0, diagram, new TopologyDiagramEditorInput(getEditorInput().getName(), shown, model.domain(), layout));
            diagramPage = 0;
            sourcePage = 1;
        } catch (PartInitException e) {
            throw new IllegalStateException("The diagram page could not be opened: " + e.getMessage(), e);
        }
        setPageText(diagramPage, DIAGRAM_PAGE);
        model.commandStack().addCommandStackListener(dirtyRelay);
        model.addListener(parsed);
        parsed(model);
        updateDiagram(model);
        setActivePage(model.isValid() ? diagramPage : sourcePage);
    }

    private URI modelUri() {
        if (getEditorInput() instanceof IFileEditorInput f) {
            return URI.createPlatformResourceURI(f.getFile().getFullPath().toString(), true);
        }
        return URI.createURI(((IURIEditorInput) getEditorInput()).getURI().toString());
    }

    private Path modelPath() {
        if (getEditorInput() instanceof IFileEditorInput f && f.getFile().getLocation() != null) {
            return f.getFile().getLocation().toFile().toPath();
        }
        if (getEditorInput() instanceof IURIEditorInput u && "file".equals(u.getURI().getScheme())) {
            return Path.of(u.getURI());
        }
        return null;
    }

    /** The sidecar layout; a missing one is empty, a broken one is ignored (automatic layout) and reported. */
    private DiagramLayout loadLayout() {
        Path path = modelPath();
        if (path == null) {
            return new DiagramLayout();
        }
        Path sidecar = DiagramLayout.sidecarFor(path);
        try {
            return DiagramLayout.load(sidecar);
        } catch (RuntimeException e) {
            layoutProblem = "The layout file " + sidecar.getFileName() + " could not be read (" + e.getMessage()
                + "): the diagram is laid out automatically and the file is replaced when you save.";
            DiagramLayout fresh = new DiagramLayout();
            fresh.setFile(sidecar);
            return fresh;
        }
    }

    private boolean diagramUpdatePending;

    /**
     * After a parse: markers and status now; the diagram once the current event is done, since a diagram
     * edit (a direct edit, a tool) that caused the parse still works on the parts it started with.
     */
    private void parsed(OpenModel m) {
        if (getEditorInput() instanceof IFileEditorInput f) {
            ProblemMarkers.update(f.getFile(), m.document(), m.issues());
        }
        updateStatus();
        if (diagram == null || diagramUpdatePending) {
            return;
        }
        diagramUpdatePending = true;
        getSite().getShell().getDisplay().asyncExec(() -> {
            diagramUpdatePending = false;
            if (diagram.getGraphicalViewer() != null && diagram.getGraphicalViewer().getControl() != null
                && !diagram.getGraphicalViewer().getControl().isDisposed()) {
                updateDiagram(model);
            }
        });
    }

    private void updateDiagram(OpenModel m) {
        if (m.isValid()) {
            diagram.setNetwork(m.shownRoot());
            diagram.setReadOnly(null);
        } else {
            diagram.setReadOnly("The text has syntax errors (" + m.firstSyntaxError()
                + "). The diagram shows the last valid model and cannot be edited until the Source page parses again.");
        }
    }

    private void updateStatus() {
        String message = model.lastProblem() != null ? model.lastProblem() : layoutProblem;
        if (getEditorSite() != null && getEditorSite().getActionBars() != null) {
            getEditorSite().getActionBars().getStatusLineManager().setMessage(message);
        }
    }

    // ------------------------------------------------------------------ access

    public OpenModel getModel() {
        return model;
    }

    public SourceEditor getSourceEditor() {
        return source;
    }

    public TopologyDiagramEditor getDiagramEditor() {
        return diagram;
    }

    public String getLayoutProblem() {
        return layoutProblem;
    }

    public void showDiagram() {
        setActivePage(diagramPage);
    }

    public void showSource() {
        setActivePage(sourcePage);
    }

    public boolean isDiagramShown() {
        return getActivePage() == diagramPage;
    }

    IAction undoAction() {
        return undo;
    }

    IAction redoAction() {
        return redo;
    }

    /** Shows the source page with the given 1-based line (and column) selected. */
    public void reveal(int line, int column) {
        showSource();
        IDocument doc = model.document();
        try {
            int lineOffset = doc.getLineOffset(Math.max(0, line - 1));
            int lineLength = doc.getLineLength(Math.max(0, line - 1));
            int start = lineOffset + Math.max(0, Math.min(column - 1, lineLength));
            String delimiter = doc.getLineDelimiter(Math.max(0, line - 1));
            source.selectAndReveal(start, lineOffset + lineLength - (delimiter == null ? 0 : delimiter.length()) - start);
        } catch (org.eclipse.jface.text.BadLocationException e) {
            source.selectAndReveal(0, 0);
        }
    }

    // ------------------------------------------------------------------ saving

    @Override
    public boolean isDirty() {
        return model != null && model.isDirty();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        source.doSave(monitor);
        try {
            saveLayout();
            layoutProblem = null;
        } catch (IOException e) {
            layoutProblem = "The layout could not be saved: " + e.getMessage();
        }
        model.markSaved();
        firePropertyChange(PROP_DIRTY);
        updateStatus();
    }

    private void saveLayout() throws IOException {
        Path path = modelPath();
        if (path == null) {
            return;
        }
        DiagramLayout layout = model.layout();
        layout.setFile(DiagramLayout.sidecarFor(path));
        layout.save();
        if (getEditorInput() instanceof IFileEditorInput f) {
            try {
                f.getFile().getParent().refreshLocal(IResource.DEPTH_ONE, null);
            } catch (CoreException e) {
                // the sidecar is written; the navigator shows it after the next refresh
            }
        }
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void doSaveAs() {
        // not offered
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAdapter(Class<T> type) {
        if (type == TopologyDiagramEditor.class) {
            return (T) diagram;
        }
        if (type == org.eclipse.gef.editparts.ZoomManager.class && diagram != null && diagram.getGraphicalViewer() != null) {
            return (T) diagram.getZoomManager();
        }
        if (type == org.eclipse.ui.ide.IGotoMarker.class && source != null) {
            // the Problems view: show the Source page at the marker
            return (T) (org.eclipse.ui.ide.IGotoMarker) marker -> {
                showSource();
                org.eclipse.ui.ide.IGotoMarker inner = source.getAdapter(org.eclipse.ui.ide.IGotoMarker.class);
                if (inner != null) {
                    inner.gotoMarker(marker);
                }
            };
        }
        if (type == OpenModel.class) {
            return (T) model;
        }
        if (type == IContentOutlinePage.class) {
            T page = source == null ? null : source.getAdapter(type);
            if (page instanceof OutlinePage outline) {
                // on the Diagram page, a symbol selected in the Outline selects its namespace's figure
                outline.onNamespaceSelected(name -> {
                    if (isDiagramShown() && diagram != null) {
                        diagram.reveal(name);
                    }
                });
            }
            return page;
        }
        if (type == IFile.class && getEditorInput() instanceof IFileEditorInput f) {
            return (T) f.getFile();
        }
        return super.getAdapter(type);
    }

    @Override
    public void dispose() {
        if (model != null) {
            model.commandStack().removeCommandStackListener(dirtyRelay);
            model.removeListener(parsed);
        }
        super.dispose();
        if (model != null) {
            model.dispose();
        }
    }
}
