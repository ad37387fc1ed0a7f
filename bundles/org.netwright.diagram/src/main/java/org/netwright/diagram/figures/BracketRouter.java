package org.netwright.diagram.figures;

import org.eclipse.draw2d.AbstractRouter;
import org.eclipse.draw2d.Connection;
import org.eclipse.draw2d.geometry.Point;
import org.eclipse.draw2d.geometry.PointList;

/**
 * Routes a link between two interface rows: a straight line when the ends face each other, and a
 * bracket around the outside (out, along, back in) when both ends leave their boxes on the same side,
 * as for namespaces placed above one another. Lines never run through a box.
 */
public class BracketRouter extends AbstractRouter {
    private static final int OFFSET = 22;

    @Override
    public void route(Connection conn) {
        Point sourceRef = conn.getSourceAnchor().getReferencePoint();
        Point targetRef = conn.getTargetAnchor().getReferencePoint();
        Point start = conn.getSourceAnchor().getLocation(targetRef).getCopy();
        Point end = conn.getTargetAnchor().getLocation(sourceRef).getCopy();
        PointList points = new PointList();
        points.addPoint(start);
        if (conn.getSourceAnchor() instanceof SideAnchor a && conn.getTargetAnchor() instanceof SideAnchor b) {
            boolean left = a.isLeft(targetRef);
            if (left == b.isLeft(sourceRef)) {
                int x = left ? Math.min(start.x, end.x) - OFFSET : Math.max(start.x, end.x) + OFFSET;
                points.addPoint(new Point(x, start.y));
                points.addPoint(new Point(x, end.y));
            }
        }
        points.addPoint(end);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.getPoint(i);
            conn.translateToRelative(p);
            points.setPoint(p, i);
        }
        conn.setPoints(points);
    }
}
