package org.netwright.diagram.pipeline;

import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.PolygonDecoration;
import org.eclipse.draw2d.PolylineConnection;
import org.eclipse.gef.editparts.AbstractConnectionEditPart;
import org.netwright.topology.Pipeline;

/** An arrow of the packet path from one stage to the next. */
public class FlowPart extends AbstractConnectionEditPart {
    @Override
    protected IFigure createFigure() {
        PolylineConnection line = new PolylineConnection();
        line.setTargetDecoration(new PolygonDecoration());
        line.setForegroundColor(PipelineStyles.FLOW);
        line.setLineWidth(2);
        return line;
    }

    public Pipeline.Flow getFlow() {
        return (Pipeline.Flow) getModel();
    }

    /** Stage boxes are not connection ends of their own: the arrow meets the box's edge towards the other end (none before both ends are set). */
    @Override
    protected org.eclipse.draw2d.ConnectionAnchor getSourceConnectionAnchor() {
        return getSource() == null ? null : new org.eclipse.draw2d.ChopboxAnchor(((org.eclipse.gef.GraphicalEditPart) getSource()).getFigure());
    }

    @Override
    protected org.eclipse.draw2d.ConnectionAnchor getTargetConnectionAnchor() {
        return getTarget() == null ? null : new org.eclipse.draw2d.ChopboxAnchor(((org.eclipse.gef.GraphicalEditPart) getTarget()).getFigure());
    }

    @Override
    protected void createEditPolicies() {
        // the packet path is fixed
    }
}
