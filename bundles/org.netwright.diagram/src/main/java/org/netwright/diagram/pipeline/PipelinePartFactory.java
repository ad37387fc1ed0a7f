package org.netwright.diagram.pipeline;

import org.eclipse.gef.EditPart;
import org.eclipse.gef.EditPartFactory;
import org.netwright.topology.Pipeline;

/** Pipeline element -> edit part. */
public class PipelinePartFactory implements EditPartFactory {
    @Override
    public EditPart createEditPart(EditPart context, Object model) {
        EditPart part = switch (model) {
            case Pipeline p -> new PipelinePart();
            case Pipeline.Stage s -> new StagePart();
            case Pipeline.Chain c -> new ChainPart();
            case Pipeline.Fixed f -> new FixedPart();
            case Pipeline.Rule r -> new RulePart();
            case Pipeline.Flow f -> new FlowPart();
            default -> throw new IllegalArgumentException("no pipeline part for " + model);
        };
        part.setModel(model);
        return part;
    }
}
