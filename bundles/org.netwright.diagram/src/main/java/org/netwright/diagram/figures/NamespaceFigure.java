package org.netwright.diagram.figures;

import java.util.List;

import org.eclipse.draw2d.AbstractBorder;
import org.eclipse.draw2d.Figure;
import org.eclipse.draw2d.Graphics;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.Label;
import org.eclipse.draw2d.LineBorder;
import org.eclipse.draw2d.MarginBorder;
import org.eclipse.draw2d.PositionConstants;
import org.eclipse.draw2d.ToolbarLayout;
import org.eclipse.draw2d.geometry.Dimension;
import org.eclipse.draw2d.geometry.Insets;
import org.eclipse.draw2d.geometry.Rectangle;

/**
 * A namespace (host, router): a title band with the name and a one-line summary, and below it the
 * compartment that lists the interfaces ({@link InterfaceFigure} rows) with their addresses.
 */
public class NamespaceFigure extends Figure {
    private final Label title = new Label();
    private final Label summary = new Label();
    private final Figure header = new Figure();
    private final Figure compartment = new Figure();
    private final Label note = new Label();
    private final Label origin = new Label();

    public NamespaceFigure() {
        setBorder(new LineBorder(Styles.NS_BORDER, 2));
        setOpaque(true);
        setBackgroundColor(Styles.NS_BODY);
        ToolbarLayout outer = new ToolbarLayout();
        outer.setStretchMinorAxis(true);
        setLayoutManager(outer);

        header.setOpaque(true);
        header.setBackgroundColor(Styles.NS_HEADER);
        ToolbarLayout headerLayout = new ToolbarLayout();
        headerLayout.setStretchMinorAxis(true);
        header.setLayoutManager(headerLayout);
        header.setBorder(new BottomLine(new Insets(4, 8, 4, 8)));
        title.setFont(Styles.bold());
        title.setForegroundColor(Styles.TEXT);
        title.setLabelAlignment(PositionConstants.LEFT);
        summary.setForegroundColor(Styles.TEXT_DIM);
        summary.setLabelAlignment(PositionConstants.LEFT);
        header.add(title);
        header.add(summary);
        add(header);
        origin.setForegroundColor(Styles.TEXT_DIM);
        origin.setLabelAlignment(PositionConstants.LEFT);
        note.setFont(Styles.bold());
        note.setLabelAlignment(PositionConstants.LEFT);
        note.setTextAlignment(PositionConstants.LEFT);
        note.setBorder(new MarginBorder(2, 8, 4, 8));

        ToolbarLayout rows = new ToolbarLayout() {
            @Override
            protected Dimension calculatePreferredSize(IFigure container, int wHint, int hHint) {
                alignNames();
                return super.calculatePreferredSize(container, wHint, hHint);
            }

            @Override
            public void layout(IFigure parent) {
                alignNames();
                super.layout(parent);
            }
        };
        rows.setStretchMinorAxis(true);
        rows.setSpacing(3);
        compartment.setLayoutManager(rows);
        compartment.setBorder(new MarginBorder(6, 8, 8, 10));
        add(compartment);
    }

    private void alignNames() {
        int widest = 0;
        for (Object child : compartment.getChildren()) {
            if (child instanceof InterfaceFigure row) {
                widest = Math.max(widest, row.getNamePreferredWidth());
            }
        }
        for (Object child : compartment.getChildren()) {
            if (child instanceof InterfaceFigure row) {
                row.setNameColumn(widest);
            }
        }
    }

    /** Where the edit part puts the interface rows. */
    public IFigure getCompartment() {
        return compartment;
    }

    public Label getTitleLabel() {
        return title;
    }

    public void update(String name, List<String> facts) {
        title.setText(name == null ? "?" : name);
        summary.setText(String.join(" \u00b7 ", facts));
        if (facts.isEmpty() && summary.getParent() == header) {
            header.remove(summary);
        } else if (!facts.isEmpty() && summary.getParent() == null) {
            header.add(summary);
        }
    }

    /** Marks a namespace of an imported file: a grey band and the file it comes from. */
    public void setOrigin(String file) {
        header.setBackgroundColor(file == null ? Styles.NS_HEADER : Styles.NS_HEADER_IMPORTED);
        if (file == null && origin.getParent() == header) {
            header.remove(origin);
        } else if (file != null) {
            origin.setText("from " + file);
            if (origin.getParent() == null) {
                header.add(origin);
            }
        }
    }

    /** The walk through this namespace: border colour (null: none) and a line under the interfaces. */
    public void setWalk(org.eclipse.swt.graphics.Color colour, String text) {
        setBorder(new LineBorder(colour == null ? Styles.NS_BORDER : colour, colour == null ? 2 : 4));
        if (text == null || text.isEmpty()) {
            if (note.getParent() == this) {
                remove(note);
            }
        } else {
            note.setText(text);
            note.setForegroundColor(colour == null ? Styles.TEXT : colour);
            if (note.getParent() == null) {
                add(note);
            }
        }
        repaint();
    }

    @Override
    public Dimension getPreferredSize(int wHint, int hHint) {
        Dimension d = super.getPreferredSize(wHint, hHint).getCopy();
        d.width = Math.max(d.width, 140);
        d.height = Math.max(d.height, 70);
        return d;
    }

    /** Separates the title band from the compartment. */
    private static final class BottomLine extends AbstractBorder {
        private final Insets insets;

        BottomLine(Insets insets) {
            this.insets = insets;
        }

        @Override
        public Insets getInsets(IFigure figure) {
            return insets;
        }

        @Override
        public void paint(IFigure figure, Graphics g, Insets in) {
            Rectangle r = getPaintRectangle(figure, in);
            g.setForegroundColor(Styles.NS_BORDER);
            g.drawLine(r.x, r.bottom() - 1, r.right(), r.bottom() - 1);
        }
    }
}
