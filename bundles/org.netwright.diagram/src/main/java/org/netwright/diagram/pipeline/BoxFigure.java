package org.netwright.diagram.pipeline;

import org.eclipse.draw2d.Figure;
import org.eclipse.draw2d.Label;
import org.eclipse.draw2d.LineBorder;
import org.eclipse.draw2d.MarginBorder;
import org.eclipse.draw2d.PositionConstants;
import org.eclipse.draw2d.ToolbarLayout;
import org.eclipse.swt.graphics.Color;
import org.netwright.diagram.figures.Styles;

/** A titled box of the pipeline drawing (a stage, a chain): a heading, notes below it, then its children. */
class BoxFigure extends Figure {
    private final Label heading = new Label();
    private final Figure notes = new Figure();
    private final Figure compartment = new Figure();

    BoxFigure(int spacing) {
        ToolbarLayout outer = new ToolbarLayout();
        outer.setStretchMinorAxis(true);
        outer.setSpacing(2);
        setLayoutManager(outer);
        setOpaque(true);
        heading.setLabelAlignment(PositionConstants.LEFT);
        heading.setFont(Styles.bold());
        add(heading);
        ToolbarLayout noteRows = new ToolbarLayout();
        noteRows.setStretchMinorAxis(true);
        notes.setLayoutManager(noteRows);
        add(notes);
        ToolbarLayout rows = new ToolbarLayout();
        rows.setStretchMinorAxis(true);
        rows.setSpacing(spacing);
        compartment.setLayoutManager(rows);
        add(compartment);
    }

    Figure compartment() {
        return compartment;
    }

    Label heading() {
        return heading;
    }

    void setHeading(String text, Color colour) {
        heading.setText(text);
        heading.setForegroundColor(colour);
    }

    /** Lines under the heading (problems, the step's verdict), each in its colour. */
    void setNotes(java.util.List<String> lines, Color colour) {
        notes.removeAll();
        for (String line : lines) {
            Label l = new Label(line);
            l.setLabelAlignment(PositionConstants.LEFT);
            l.setForegroundColor(colour);
            notes.add(l);
        }
    }

    void setFrame(Color fill, Color border, int width, int margin) {
        setBackgroundColor(fill);
        setBorder(new org.eclipse.draw2d.CompoundBorder(new LineBorder(border, width), new MarginBorder(margin)));
    }
}
