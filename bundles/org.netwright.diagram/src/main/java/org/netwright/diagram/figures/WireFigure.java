package org.netwright.diagram.figures;

import org.eclipse.draw2d.Graphics;
import org.eclipse.draw2d.PolylineConnection;
import org.eclipse.draw2d.geometry.PointList;
import org.eclipse.swt.graphics.Color;

/**
 * A link of the diagram. On a packet walk it is drawn thick in the walk's colour; when the reply took
 * it too, as two parallel lines (walk and reply colour), so that both paths stay visible.
 */
public class WireFigure extends PolylineConnection {
    private Color normalColour;
    private int normalWidth;
    private int normalStyle;
    private Color walk;
    private Color reply;

    private org.eclipse.draw2d.Label crossings;

    /** The numbered crossings of a stepped walk (null: none); {@code current}: the packet is on this link now. */
    public void setCrossings(String text, boolean current, Color colour) {
        if (text == null) {
            if (crossings != null) {
                remove(crossings);
                crossings = null;
            }
            return;
        }
        if (crossings == null) {
            crossings = new org.eclipse.draw2d.Label();
            crossings.setOpaque(true);
            add(crossings, new org.eclipse.draw2d.ConnectionLocator(this, org.eclipse.draw2d.ConnectionLocator.MIDDLE));
        }
        crossings.setText(" " + text + " ");
        crossings.setFont(Styles.bold());
        crossings.setForegroundColor(current ? org.eclipse.draw2d.ColorConstants.white : colour);
        crossings.setBackgroundColor(current ? colour : org.eclipse.draw2d.ColorConstants.white);
        crossings.setBorder(new org.eclipse.draw2d.LineBorder(colour, 1));
        revalidate();
    }

    public String getCrossingsText() {
        return crossings == null ? null : crossings.getText().strip();
    }

    public void setNormal(Color colour, int width, int style) {
        normalColour = colour;
        normalWidth = width;
        normalStyle = style;
        apply();
    }

    /** Colours of the walk and of the reply over this link; null: not on that path. */
    public void setWalk(Color walkColour, Color replyColour) {
        walk = walkColour;
        reply = replyColour;
        apply();
    }

    private void apply() {
        if (walk != null && reply != null) {
            setForegroundColor(walk);
            setLineStyle(org.eclipse.swt.SWT.LINE_SOLID);
            setLineWidth(9); // only for the bounds: the two lines are painted in outlineShape
        } else if (walk != null || reply != null) {
            setForegroundColor(walk != null ? walk : reply);
            setLineStyle(org.eclipse.swt.SWT.LINE_SOLID);
            setLineWidth(4);
        } else {
            setForegroundColor(normalColour);
            setLineStyle(normalStyle);
            setLineWidth(normalWidth);
        }
        repaint();
    }

    @Override
    protected void outlineShape(Graphics g) {
        if (walk == null || reply == null) {
            super.outlineShape(g);
            return;
        }
        PointList points = getPoints();
        g.setLineWidth(3);
        g.setLineStyle(org.eclipse.swt.SWT.LINE_SOLID);
        g.setForegroundColor(walk);
        g.drawPolyline(offset(points, -2.5));
        g.setForegroundColor(reply);
        g.drawPolyline(offset(points, 2.5));
    }

    /** The polyline moved sideways by {@code d} pixels (each segment along its own normal). */
    private static PointList offset(PointList points, double d) {
        PointList out = new PointList();
        for (int i = 0; i < points.size(); i++) {
            org.eclipse.draw2d.geometry.Point a = points.getPoint(i > 0 ? i - 1 : i);
            org.eclipse.draw2d.geometry.Point b = points.getPoint(i > 0 ? i : i + 1 < points.size() ? i + 1 : i);
            double dx = b.x - a.x;
            double dy = b.y - a.y;
            double len = Math.max(1e-6, Math.hypot(dx, dy));
            org.eclipse.draw2d.geometry.Point p = points.getPoint(i);
            out.addPoint((int) Math.round(p.x - dy / len * d), (int) Math.round(p.y + dx / len * d));
        }
        return out;
    }
}
