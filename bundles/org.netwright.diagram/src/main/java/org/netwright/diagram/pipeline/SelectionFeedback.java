package org.netwright.diagram.pipeline;

import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.LineBorder;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.gef.GraphicalEditPart;
import org.eclipse.gef.LayerConstants;
import org.eclipse.gef.editpolicies.SelectionEditPolicy;
import org.netwright.diagram.figures.Styles;

/** Shows that a part is selected: a frame on the feedback layer (the part's own figure is left as the walk drew it). */
final class SelectionFeedback extends SelectionEditPolicy {
    private IFigure frame;

    @Override
    protected void showSelection() {
        hideSelection();
        IFigure host = ((GraphicalEditPart) getHost()).getFigure();
        frame = new org.eclipse.draw2d.Figure();
        frame.setBorder(new LineBorder(Styles.TEXT, 2));
        Rectangle r = host.getBounds().getCopy();
        host.translateToAbsolute(r);
        getLayer(LayerConstants.FEEDBACK_LAYER).translateToRelative(r);
        frame.setBounds(r.expand(2, 2));
        getLayer(LayerConstants.FEEDBACK_LAYER).add(frame);
    }

    @Override
    protected void hideSelection() {
        if (frame != null) {
            frame.getParent().remove(frame);
            frame = null;
        }
    }
}
