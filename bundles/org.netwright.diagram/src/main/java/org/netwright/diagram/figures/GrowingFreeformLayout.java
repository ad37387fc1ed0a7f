package org.netwright.diagram.figures;

import java.util.List;

import org.eclipse.draw2d.FreeformLayout;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.geometry.Dimension;
import org.eclipse.draw2d.geometry.Rectangle;

/**
 * Places nodes at their stored bounds, but never smaller than their contents: a namespace that got a
 * new interface in the text grows instead of cutting off its last rows.
 */
public class GrowingFreeformLayout extends FreeformLayout {
    @Override
    public void layout(IFigure parent) {
        for (Object o : (List<?>) parent.getChildren()) {
            IFigure child = (IFigure) o;
            Rectangle constraint = (Rectangle) getConstraint(child);
            if (constraint == null) {
                continue;
            }
            Rectangle bounds = constraint.getCopy();
            Dimension preferred = child.getPreferredSize();
            bounds.width = Math.max(bounds.width, preferred.width);
            bounds.height = Math.max(bounds.height, preferred.height);
            bounds.translate(getOrigin(parent));
            child.setBounds(bounds);
        }
    }
}
