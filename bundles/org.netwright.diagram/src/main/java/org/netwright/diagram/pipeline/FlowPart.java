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

    @Override
    protected void createEditPolicies() {
        // the packet path is fixed
    }
}
