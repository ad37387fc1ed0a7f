package org.netwright.diagram.pipeline;

import java.util.List;

import org.eclipse.draw2d.IFigure;
import org.eclipse.gef.GraphicalEditPart;
import org.eclipse.gef.editparts.AbstractGraphicalEditPart;
import org.netwright.topology.Pipeline;
import org.netwright.topology.WalkSteps;

/** A stage of the packet path (a hook, the routing decision, ingress, ...) with what runs in it, in order. */
public class StagePart extends AbstractGraphicalEditPart {
    public Pipeline.Stage getStage() {
        return (Pipeline.Stage) getModel();
    }

    Pipeline pipeline() {
        return ((PipelinePart) getParent()).getPipeline();
    }

    @Override
    protected IFigure createFigure() {
        return new BoxFigure(4);
    }

    @Override
    public IFigure getContentPane() {
        return ((BoxFigure) getFigure()).compartment();
    }

    @Override
    protected void createEditPolicies() {
        installEditPolicy(org.eclipse.gef.EditPolicy.SELECTION_FEEDBACK_ROLE, new SelectionFeedback());
    }

    @Override
    protected List<Pipeline.Slot> getModelChildren() {
        return getStage().slots();
    }

    @Override
    protected List<Pipeline.Flow> getModelSourceConnections() {
        return pipeline().flows().stream().filter(f -> f.from() == getStage().kind()).toList();
    }

    @Override
    protected List<Pipeline.Flow> getModelTargetConnections() {
        return pipeline().flows().stream().filter(f -> f.to() == getStage().kind()).toList();
    }

    @Override
    protected void refreshVisuals() {
        BoxFigure f = (BoxFigure) getFigure();
        Pipeline.StageKind kind = getStage().kind();
        WalkSteps.Step step = PipelineContext.of(this).stepIn(pipeline(), kind);
        f.setHeading(kind.title(), step == null ? PipelineStyles.STAGE_TITLE : PipelineStyles.step(step.reply()));
        if (step != null) {
            f.setFrame(PipelineStyles.stepFill(step.reply()), PipelineStyles.step(step.reply()), 3, 5);
        } else {
            f.setFrame(PipelineStyles.STAGE_FILL, PipelineStyles.STAGE_BORDER, 1, 7);
        }
        f.setNotes(step != null && !childShows() ? List.of("\u25b6 " + StepWords.brief(step)) : List.of(), PipelineStyles.step(step != null && step.reply()));
        ((GraphicalEditPart) getParent()).setLayoutConstraint(this, f, kind);
    }

    /** Whether a chain or kernel operation of this stage shows the step (else the stage says what happened). */
    private boolean childShows() {
        for (Object c : getChildren()) {
            if (c instanceof ChainPart ch && ch.step() != null || c instanceof FixedPart f && f.step() != null) {
                return true;
            }
        }
        return false;
    }
}
