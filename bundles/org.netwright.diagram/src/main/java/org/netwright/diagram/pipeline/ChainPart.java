package org.netwright.diagram.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.draw2d.IFigure;
import org.eclipse.gef.EditPolicy;
import org.eclipse.gef.Request;
import org.eclipse.gef.RequestConstants;
import org.eclipse.gef.editparts.AbstractGraphicalEditPart;
import org.netwright.engine.TraceStep;
import org.netwright.topology.Pipeline;
import org.netwright.topology.WalkSteps;

/**
 * A chain in its stage: heading (family, table, name, type, priority), its placement problems, and its rules
 * (double-click folds it to its heading and opens it again). The walk's current step is shown on it when the
 * step ran in it; a NAT step of its stage (a binding made, or nat not consulted) marks the nat chains.
 */
public class ChainPart extends AbstractGraphicalEditPart {
    public Pipeline.Chain getChain() {
        return (Pipeline.Chain) getModel();
    }

    private StagePart stage() {
        return (StagePart) getParent();
    }

    private String key() {
        return PipelineContext.key(stage().getStage().kind(), getChain());
    }

    @Override
    protected IFigure createFigure() {
        return new BoxFigure(1);
    }

    @Override
    public IFigure getContentPane() {
        return ((BoxFigure) getFigure()).compartment();
    }

    @Override
    protected void createEditPolicies() {
        installEditPolicy(EditPolicy.SELECTION_FEEDBACK_ROLE, new SelectionFeedback());
    }

    @Override
    protected List<Pipeline.Rule> getModelChildren() {
        return PipelineContext.of(this).isFolded(key()) ? List.of() : getChain().rules();
    }

    /** The walk's step when it ran in this chain (or is a NAT event of this nat chain's stage). */
    WalkSteps.Step step() {
        WalkSteps.Step s = PipelineContext.of(this).stepIn(stage().pipeline(), stage().getStage().kind());
        if (s == null) {
            return null;
        }
        if (getChain().is(s.chain())) {
            return s;
        }
        return s.kind() == TraceStep.Kind.NAT && "nat".equals(getChain().type()) && getChain().base() ? s : null;
    }

    @Override
    protected void refreshVisuals() {
        BoxFigure f = (BoxFigure) getFigure();
        Pipeline.Chain c = getChain();
        boolean folded = PipelineContext.of(this).isFolded(key());
        String count = folded ? "  [" + c.rules().size() + " rules \u25b8]" : c.rules().isEmpty() ? "  (no rules)" : "";
        f.setHeading(c.heading() + count, PipelineStyles.family(c));
        WalkSteps.Step s = step();
        List<String> notes = new ArrayList<>();
        c.problems().forEach(p -> notes.add("\u26a0 " + p));
        if (s != null) {
            boolean nat = s.kind() == TraceStep.Kind.NAT;
            f.setFrame(nat ? PipelineStyles.SKIPPED_FILL : PipelineStyles.stepFill(s.reply()), PipelineStyles.step(s.reply()), 2, 3);
            if (s.rule() == null || folded || nat) {
                notes.add("\u25b6 " + StepWords.brief(s));
            }
        } else {
            f.setFrame(PipelineStyles.CHAIN_FILL, PipelineStyles.family(c), 1, 3);
        }
        f.setNotes(notes, s != null && c.problems().isEmpty() ? PipelineStyles.step(s.reply()) : PipelineStyles.PROBLEM);
    }

    /** Double-click: fold or unfold the chain's rules (view state only). */
    @Override
    public void performRequest(Request request) {
        if (RequestConstants.REQ_OPEN.equals(request.getType())) {
            PipelineContext.of(this).toggle(key());
            refresh();
        } else {
            super.performRequest(request);
        }
    }
}
