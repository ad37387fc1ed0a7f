package org.netwright.diagram.figures;

import org.eclipse.draw2d.AbstractConnectionAnchor;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.geometry.Point;
import org.eclipse.draw2d.geometry.Rectangle;

/**
 * Anchors a connection to an interface row at the left or right edge of the namespace box, level with
 * the row, on the side that faces the other end: lines leave the box instead of crossing its text.
 */
public class SideAnchor extends AbstractConnectionAnchor {
    private final IFigure box;

    public SideAnchor(IFigure row, IFigure box) {
        super(row);
        this.box = box;
    }

    /**
     * Right when the other end lies beyond the box's right edge, else left. Two boxes above one another
     * (the other end within the box's width) thus both use their left edges, and the
     * {@link BracketRouter} runs the line around the outside instead of through a box.
     */
    public boolean isLeft(Point reference) {
        Rectangle outer = box.getBounds().getCopy();
        box.translateToAbsolute(outer);
        return reference.x <= outer.right();
    }

    @Override
    public Point getLocation(Point reference) {
        Rectangle row = getOwner().getBounds().getCopy();
        getOwner().translateToAbsolute(row);
        Rectangle outer = box.getBounds().getCopy();
        box.translateToAbsolute(outer);
        int y = row.y + Math.min(row.height, 20) / 2;
        return isLeft(reference) ? new Point(outer.x, y) : new Point(outer.right() - 1, y);
    }

    @Override
    public Point getReferencePoint() {
        Rectangle row = getOwner().getBounds().getCopy();
        getOwner().translateToAbsolute(row);
        return row.getCenter();
    }
}
