package org.netwright.diagram.pipeline;

import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.Label;
import org.eclipse.draw2d.LineBorder;
import org.eclipse.draw2d.PositionConstants;
import org.eclipse.gef.editparts.AbstractGraphicalEditPart;
import org.netwright.engine.TraceStep;
import org.netwright.topology.Pipeline;
import org.netwright.topology.WalkSteps;

/** A kernel operation at its fixed priority (conntrack lookup at -200, confirm last); a conntrack step of its stage shows on it. */
public class FixedPart extends AbstractGraphicalEditPart {
    public Pipeline.Fixed getFixed() {
        return (Pipeline.Fixed) getModel();
    }

    @Override
    protected IFigure createFigure() {
        Label l = new Label();
        l.setOpaque(true);
        l.setLabelAlignment(PositionConstants.LEFT);
        return l;
    }

    @Override
    protected void createEditPolicies() {
        // a fixed kernel operation: nothing to select or change
    }

    WalkSteps.Step step() {
        StagePart stage = (StagePart) getParent();
        WalkSteps.Step s = PipelineContext.of(this).stepIn(stage.pipeline(), stage.getStage().kind());
        return s != null && s.kind() == TraceStep.Kind.CONNTRACK ? s : null;
    }

    @Override
    protected void refreshVisuals() {
        Label l = (Label) getFigure();
        Pipeline.Fixed fixed = getFixed();
        String priority = fixed.priority() == Integer.MAX_VALUE ? "last" : Integer.toString(fixed.priority());
        WalkSteps.Step s = step();
        l.setText(" \u2699 " + fixed.label() + " \u00b7 " + priority + (s == null ? "" : "   \u25b6 " + StepWords.shorten(s.conntrack() == null ? s.what() : s.conntrack(), 60)));
        l.setBackgroundColor(s == null ? PipelineStyles.CONNTRACK : PipelineStyles.stepFill(s.reply()));
        l.setBorder(s == null ? null : new LineBorder(PipelineStyles.step(s.reply()), 2));
        l.setFont(s == null ? org.netwright.diagram.figures.Styles.normal() : org.netwright.diagram.figures.Styles.bold());
    }
}
