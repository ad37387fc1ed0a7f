package org.netwright.diagram.pipeline;

import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.Label;
import org.eclipse.draw2d.LineBorder;
import org.eclipse.draw2d.MarginBorder;
import org.eclipse.draw2d.PositionConstants;
import org.eclipse.gef.EditPolicy;
import org.eclipse.gef.editparts.AbstractGraphicalEditPart;
import org.netwright.diagram.figures.Styles;
import org.netwright.topology.Pipeline;
import org.netwright.topology.WalkSteps;

/** One rule of a chain, as written (shortened; the whole text and its problems in the tool tip). Selecting it selects its text in the source. */
public class RulePart extends AbstractGraphicalEditPart {
    public Pipeline.Rule getRule() {
        return (Pipeline.Rule) getModel();
    }

    @Override
    protected IFigure createFigure() {
        Label l = new Label();
        l.setLabelAlignment(PositionConstants.LEFT);
        return l;
    }

    @Override
    protected void createEditPolicies() {
        installEditPolicy(EditPolicy.SELECTION_FEEDBACK_ROLE, new SelectionFeedback());
    }

    /** The walk's step when it is this rule. */
    WalkSteps.Step step() {
        WalkSteps.Step s = ((ChainPart) getParent()).step();
        return s != null && getRule().is(s.rule()) ? s : null;
    }

    @Override
    protected void refreshVisuals() {
        Label l = (Label) getFigure();
        Pipeline.Rule r = getRule();
        WalkSteps.Step s = step();
        String mark = r.problems().isEmpty() ? "  " : "\u26a0 ";
        l.setText(mark + StepWords.shorten(r.text(), 54) + (s == null || s.verdict().isEmpty() ? "" : "   \u2192 " + s.verdict()));
        l.setForegroundColor(r.problems().isEmpty() ? Styles.TEXT : PipelineStyles.PROBLEM);
        l.setOpaque(s != null);
        if (s != null) {
            l.setBackgroundColor(PipelineStyles.step(s.reply()));
            l.setForegroundColor(org.eclipse.draw2d.ColorConstants.white);
            l.setBorder(new LineBorder(PipelineStyles.step(s.reply()), 1));
        } else {
            l.setBorder(new MarginBorder(1));
        }
        l.setFont(s != null || !r.problems().isEmpty() ? Styles.bold() : Styles.normal());
        StringBuilder tip = new StringBuilder(r.text());
        if (r.source() != null && r.source().line() > 0) {
            tip.append("\nline ").append(r.source().line());
        }
        r.problems().forEach(p -> tip.append("\n\u26a0 ").append(p));
        l.setToolTip(new Label(" " + tip.toString().replace("\n", " \n ") + " "));
    }
}
