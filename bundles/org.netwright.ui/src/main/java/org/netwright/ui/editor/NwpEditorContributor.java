package org.netwright.ui.editor;

import org.eclipse.gef.ui.actions.GEFActionConstants;
import org.eclipse.jface.action.IAction;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.MultiPageEditorActionBarContributor;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.texteditor.ITextEditorActionConstants;
import org.netwright.diagram.TopologyDiagramEditor;

/**
 * Routes the workbench's Edit actions to the page shown: undo and redo always to the file's one
 * history; delete, select all and the clipboard to the diagram or the text.
 */
public class NwpEditorContributor extends MultiPageEditorActionBarContributor {
    private static final String[] TEXT_ACTIONS = { ActionFactory.DELETE.getId(), ActionFactory.SELECT_ALL.getId(), ActionFactory.CUT.getId(),
        ActionFactory.COPY.getId(), ActionFactory.PASTE.getId(), ActionFactory.FIND.getId(), ITextEditorActionConstants.GOTO_LINE };
    private NwpEditor editor;
    private final org.eclipse.jface.action.Action fit = new org.eclipse.jface.action.Action("Fit") {
        @Override
        public void run() {
            if (editor != null) {
                editor.showDiagram();
                editor.getDiagramEditor().zoomToFit();
            }
        }
    };
    private final org.eclipse.jface.action.Action arrange = new org.eclipse.jface.action.Action("Arrange") {
        @Override
        public void run() {
            if (editor != null) {
                editor.showDiagram();
                editor.getDiagramEditor().arrangeAll();
            }
        }
    };

    /** Zoom (a combo of levels, fit all/width/height), fit and automatic layout for the diagram. */
    @Override
    public void contributeToToolBar(org.eclipse.jface.action.IToolBarManager toolBar) {
        fit.setToolTipText("Zoom to fit the whole diagram");
        arrange.setToolTipText("Lay out every node automatically (undoable)");
        toolBar.add(new org.eclipse.jface.action.Separator());
        toolBar.add(new org.eclipse.gef.ui.actions.ZoomComboContributionItem(getPage()));
        toolBar.add(fit);
        toolBar.add(arrange);
    }

    @Override
    public void setActiveEditor(IEditorPart part) {
        editor = part instanceof NwpEditor e ? e : null;
        super.setActiveEditor(part);
    }

    @Override
    public void setActivePage(IEditorPart page) {
        IActionBars bars = getActionBars();
        if (bars == null) {
            return;
        }
        for (String id : TEXT_ACTIONS) {
            bars.setGlobalActionHandler(id, page instanceof ITextEditor text ? text.getAction(id) : null);
        }
        if (page instanceof TopologyDiagramEditor diagram) {
            bars.setGlobalActionHandler(ActionFactory.DELETE.getId(), diagram.getActionRegistry().getAction(ActionFactory.DELETE.getId()));
            bars.setGlobalActionHandler(ActionFactory.SELECT_ALL.getId(), diagram.getActionRegistry().getAction(ActionFactory.SELECT_ALL.getId()));
            bars.setGlobalActionHandler(GEFActionConstants.ZOOM_IN, diagram.getActionRegistry().getAction(GEFActionConstants.ZOOM_IN));
            bars.setGlobalActionHandler(GEFActionConstants.ZOOM_OUT, diagram.getActionRegistry().getAction(GEFActionConstants.ZOOM_OUT));
        }
        IAction undo = editor == null ? null : editor.undoAction();
        IAction redo = editor == null ? null : editor.redoAction();
        bars.setGlobalActionHandler(ActionFactory.UNDO.getId(), undo);
        bars.setGlobalActionHandler(ActionFactory.REDO.getId(), redo);
        bars.updateActionBars();
    }
}
