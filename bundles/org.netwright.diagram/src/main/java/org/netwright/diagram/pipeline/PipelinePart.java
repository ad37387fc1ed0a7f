package org.netwright.diagram.pipeline;

import java.util.List;

import org.eclipse.draw2d.Figure;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.MarginBorder;
import org.eclipse.gef.EditPart;
import org.eclipse.gef.editparts.AbstractGraphicalEditPart;
import org.netwright.topology.Pipeline;

/** The pipeline of one namespace: its stages on the packet-flow figure's grid. Read-only: it has no edit policies that change anything. */
public class PipelinePart extends AbstractGraphicalEditPart {
    public Pipeline getPipeline() {
        return (Pipeline) getModel();
    }

    @Override
    protected IFigure createFigure() {
        Figure f = new Figure();
        f.setLayoutManager(new StageGridLayout());
        f.setBorder(new MarginBorder(18));
        return f;
    }

    @Override
    protected void createEditPolicies() {
        // nothing to edit: chains and rules are changed in the text or the diagram
    }

    @Override
    protected List<Pipeline.Stage> getModelChildren() {
        return getPipeline().stages();
    }

    /** Re-reads the walk step (and folding) into every part. */
    public void refreshAll() {
        refreshAll(this);
    }

    private static void refreshAll(EditPart part) {
        part.refresh();
        for (Object child : part.getChildren()) {
            refreshAll((EditPart) child);
        }
        if (part instanceof AbstractGraphicalEditPart g) {
            for (Object c : g.getSourceConnections()) {
                ((EditPart) c).refresh();
            }
        }
    }
}
