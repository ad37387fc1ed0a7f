package org.netwright.diagram.pipeline;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.gef.EditPart;
import org.netwright.topology.Pipeline;
import org.netwright.topology.WalkSteps;

/**
 * What every part of one pipeline drawing shares (a viewer property): the walk step to show (null: none) and
 * which chains are folded to their heading. View state only: the pipeline is drawn from the model, never changes it.
 */
public final class PipelineContext {
    public static final String VIEWER_PROPERTY = "org.netwright.diagram.pipeline.context";

    private WalkSteps.Step step;
    private final Set<String> folded = new HashSet<>();

    public static PipelineContext of(EditPart part) {
        return (PipelineContext) part.getViewer().getProperty(VIEWER_PROPERTY);
    }

    public WalkSteps.Step step() {
        return step;
    }

    void setStep(WalkSteps.Step step) {
        this.step = step;
    }

    /** The step when it happened in this stage of the shown namespace, else null. */
    WalkSteps.Step stepIn(Pipeline pipeline, Pipeline.StageKind stage) {
        return step != null && pipeline != null && step.namespace().equals(pipeline.namespace()) && step.stage() == stage ? step : null;
    }

    static String key(Pipeline.StageKind stage, Pipeline.Chain chain) {
        return stage + "/" + chain.family() + "/" + chain.table() + "/" + chain.name();
    }

    boolean isFolded(String key) {
        return folded.contains(key);
    }

    void toggle(String key) {
        if (!folded.remove(key)) {
            folded.add(key);
        }
    }
}
