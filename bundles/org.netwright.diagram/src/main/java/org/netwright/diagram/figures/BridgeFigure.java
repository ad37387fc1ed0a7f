package org.netwright.diagram.figures;

import java.util.List;

import org.eclipse.draw2d.Figure;
import org.eclipse.draw2d.Graphics;
import org.eclipse.draw2d.Label;
import org.eclipse.draw2d.MarginBorder;
import org.eclipse.draw2d.PositionConstants;
import org.eclipse.draw2d.ToolbarLayout;
import org.eclipse.draw2d.geometry.Dimension;
import org.eclipse.draw2d.geometry.Rectangle;

/** A Linux bridge: a rounded amber box with its name, the namespace it lives in, and its addresses. */
public class BridgeFigure extends Figure {
    private final Label title = new Label();
    private final Label owner = new Label();
    private final Label addresses = new Label();

    public BridgeFigure() {
        ToolbarLayout layout = new ToolbarLayout();
        layout.setStretchMinorAxis(true);
        layout.setSpacing(1);
        setLayoutManager(layout);
        setBorder(new MarginBorder(6, 12, 7, 12));
        title.setFont(Styles.bold());
        title.setForegroundColor(Styles.TEXT);
        owner.setForegroundColor(Styles.TEXT_DIM);
        addresses.setForegroundColor(Styles.TEXT);
        for (Label l : new Label[] { title, owner, addresses }) {
            l.setLabelAlignment(PositionConstants.CENTER);
            add(l);
        }
    }

    public Label getTitleLabel() {
        return title;
    }

    public void update(String name, String namespace, List<String> addressList) {
        title.setText(name == null ? "?" : name);
        owner.setText("bridge in " + namespace);
        addresses.setText(String.join("\n", addressList));
        if (addressList.isEmpty() && addresses.getParent() == this) {
            remove(addresses);
        } else if (!addressList.isEmpty() && addresses.getParent() == null) {
            add(addresses);
        }
    }

    @Override
    public Dimension getPreferredSize(int wHint, int hHint) {
        Dimension d = super.getPreferredSize(wHint, hHint).getCopy();
        d.width = Math.max(d.width, 110);
        return d;
    }

    @Override
    protected void paintFigure(Graphics g) {
        Rectangle r = getBounds().getCopy().resize(-1, -1);
        g.setAntialias(1);
        g.setBackgroundColor(Styles.BRIDGE_FILL);
        g.fillRoundRectangle(r, 18, 18);
        g.setForegroundColor(Styles.BRIDGE_BORDER);
        g.setLineWidth(2);
        g.drawRoundRectangle(r.getCopy().shrink(1, 1), 18, 18);
    }
}
