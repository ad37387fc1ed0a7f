package org.netwright.diagram.figures;

import java.util.List;

import org.eclipse.draw2d.AbstractLayout;
import org.eclipse.draw2d.Figure;
import org.eclipse.draw2d.Graphics;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.Label;
import org.eclipse.draw2d.PositionConstants;
import org.eclipse.draw2d.geometry.Dimension;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.swt.graphics.Color;

/**
 * One row of a namespace's interface compartment: a marker for the kind, the name (bold) in a column
 * as wide as the longest name of the namespace, and the addresses, one a line.
 */
public class InterfaceFigure extends Figure {
    private static final int MARKER = 8;
    private static final int GAP = 8;

    private final Label name = new Label();
    private final Label addresses = new Label();
    private Color kindColor = Styles.KIND_OTHER;
    private int nameColumn = -1;

    public InterfaceFigure() {
        name.setFont(Styles.bold());
        name.setForegroundColor(Styles.TEXT);
        name.setLabelAlignment(PositionConstants.LEFT);
        addresses.setForegroundColor(Styles.TEXT);
        addresses.setLabelAlignment(PositionConstants.LEFT);
        addresses.setTextAlignment(PositionConstants.LEFT);
        add(name);
        add(addresses);
        setLayoutManager(new AbstractLayout() {
            @Override
            protected Dimension calculatePreferredSize(IFigure container, int wHint, int hHint) {
                Dimension n = name.getPreferredSize();
                Dimension a = addresses.getPreferredSize();
                int w = MARKER + GAP + nameWidth() + (addresses.getText().isEmpty() ? 0 : GAP + a.width);
                return new Dimension(w, Math.max(n.height, a.height) + 2);
            }

            @Override
            public void layout(IFigure container) {
                Rectangle r = container.getClientArea();
                Dimension n = name.getPreferredSize();
                name.setBounds(new Rectangle(r.x + MARKER + GAP, r.y + 1, nameWidth(), n.height));
                int ax = r.x + MARKER + GAP + nameWidth() + GAP;
                addresses.setBounds(new Rectangle(ax, r.y + 1, Math.max(0, r.right() - ax), addresses.getPreferredSize().height));
            }
        });
    }

    public Label getNameLabel() {
        return name;
    }

    public int getNamePreferredWidth() {
        return name.getPreferredSize().width;
    }

    private int nameWidth() {
        return Math.max(nameColumn, name.getPreferredSize().width);
    }

    /** Set by the compartment so that the addresses of all rows start in the same column. */
    public void setNameColumn(int width) {
        if (width != nameColumn) {
            nameColumn = width;
            revalidate();
        }
    }

    public void update(String interfaceName, String kind, List<String> addressList, boolean down, Color kindColor) {
        name.setText(interfaceName == null ? "?" : interfaceName);
        addresses.setText(String.join("\n", addressList));
        this.kindColor = kindColor;
        Color fg = down ? Styles.TEXT_DIM : Styles.TEXT;
        name.setForegroundColor(fg);
        addresses.setForegroundColor(fg);
        setToolTip(new Label(" " + kind + " " + interfaceName + (down ? " (down)" : "") + " "));
        repaint();
    }

    @Override
    protected void paintFigure(Graphics g) {
        super.paintFigure(g);
        Rectangle r = getClientArea();
        int y = r.y + 1 + (name.getPreferredSize().height - MARKER) / 2;
        g.setBackgroundColor(kindColor);
        g.fillRoundRectangle(new Rectangle(r.x + 1, y, MARKER, MARKER), 3, 3);
    }
}
