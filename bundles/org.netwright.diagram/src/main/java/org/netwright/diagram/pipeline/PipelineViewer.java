package org.netwright.diagram.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.gef.EditDomain;
import org.eclipse.gef.EditPart;
import org.eclipse.gef.GraphicalViewer;
import org.eclipse.gef.editparts.ScalableRootEditPart;
import org.eclipse.gef.ui.parts.ScrollingGraphicalViewer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.netwright.diagram.figures.Styles;
import org.netwright.topology.Pipeline;
import org.netwright.topology.WalkSteps;

/**
 * The pipeline drawing of one namespace with, above it, the walk's current step in words (where, what, verdict,
 * conntrack, the header after the step with the changed fields emphasised). A read-only GEF viewer: selecting a
 * rule tells the listeners (the workbench view selects its text in the source).
 */
public final class PipelineViewer {
    private final Composite top;
    private final StyledText info;
    private final ScrollingGraphicalViewer viewer = new ScrollingGraphicalViewer();
    private final PipelineContext context = new PipelineContext();
    private final List<Consumer<Pipeline.Rule>> ruleListeners = new ArrayList<>();
    private Pipeline pipeline;

    public PipelineViewer(Composite parent) {
        top = new Composite(parent, SWT.NONE);
        GridLayout grid = new GridLayout(1, false);
        grid.marginWidth = 0;
        grid.marginHeight = 0;
        grid.verticalSpacing = 0;
        top.setLayout(grid);
        info = new StyledText(top, SWT.READ_ONLY | SWT.WRAP | SWT.MULTI);
        info.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        info.setMargins(8, 4, 8, 4);
        info.setBackground(new org.eclipse.swt.graphics.Color(247, 248, 250));
        viewer.createControl(top);
        viewer.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.getControl().setBackground(org.eclipse.draw2d.ColorConstants.white);
        ScalableRootEditPart root = new ScalableRootEditPart();
        root.getZoomManager().setZoomLevels(new double[] { 0.3, 0.4, 0.5, 0.6, 0.75, 0.85, 1.0, 1.25, 1.5, 2.0 });
        viewer.setRootEditPart(root);
        viewer.setEditPartFactory(new PipelinePartFactory());
        viewer.setProperty(PipelineContext.VIEWER_PROPERTY, context);
        new EditDomain().addViewer(viewer);
        viewer.addSelectionChangedListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof RulePart part) {
                ruleListeners.forEach(l -> l.accept(part.getRule()));
            }
        });
        describe();
    }

    public Control getControl() {
        return top;
    }

    public GraphicalViewer getGraphicalViewer() {
        return viewer;
    }

    public Pipeline getPipeline() {
        return pipeline;
    }

    public WalkSteps.Step getStep() {
        return context.step();
    }

    public String getInfoText() {
        return info.getText();
    }

    /** The ranges of the info text shown emphasised (the header fields the step changed). */
    public List<StyleRange> getEmphasis() {
        List<StyleRange> out = new ArrayList<>();
        for (StyleRange r : info.getStyleRanges()) {
            if (Styles.WALK_DROPPED.equals(r.foreground)) {
                out.add(r);
            }
        }
        return out;
    }

    public void addRuleListener(Consumer<Pipeline.Rule> listener) {
        ruleListeners.add(listener);
    }

    /** Shows the whole width of the pipeline (never enlarged beyond 100 %). */
    public void zoomToFit() {
        org.eclipse.gef.editparts.ZoomManager zoom = ((ScalableRootEditPart) viewer.getRootEditPart()).getZoomManager();
        zoom.setZoomAsText(org.eclipse.gef.editparts.ZoomManager.FIT_WIDTH);
        if (zoom.getZoom() > 1.0) {
            zoom.setZoom(1.0);
        }
    }

    /** Back to 100 %. */
    public void zoomReset() {
        ((ScalableRootEditPart) viewer.getRootEditPart()).getZoomManager().setZoom(1.0);
    }

    /** Draws this pipeline (a new one after every parse; null: nothing). */
    public void setPipeline(Pipeline p) {
        pipeline = p;
        viewer.setContents(p);
        describe();
    }

    /** Shows a walk step (null: none) on the drawing and in words, and scrolls to where it happened. */
    public void setStep(WalkSteps.Step step) {
        context.setStep(step);
        if (viewer.getContents() instanceof PipelinePart root) {
            root.refreshAll();
        }
        describe();
        EditPart current = currentPart();
        if (current != null) {
            viewer.flush();
            viewer.reveal(current);
        }
    }

    /** The most precise part that shows the current step (rule, chain, conntrack, stage), or null. */
    public EditPart currentPart() {
        WalkSteps.Step s = context.step();
        if (s == null || !(viewer.getContents() instanceof PipelinePart root)) {
            return null;
        }
        EditPart best = null;
        for (Object o : root.getChildren()) {
            StagePart stage = (StagePart) o;
            if (context.stepIn(pipeline, stage.getStage().kind()) == null) {
                continue;
            }
            best = stage;
            for (Object c : stage.getChildren()) {
                if (c instanceof FixedPart f && f.step() != null || c instanceof ChainPart ch && ch.step() != null) {
                    best = (EditPart) c;
                    if (c instanceof ChainPart ch) {
                        for (Object r : ch.getChildren()) {
                            if (((RulePart) r).step() != null) {
                                return (EditPart) r;
                            }
                        }
                    }
                    if (c instanceof FixedPart || s.chain() != null) {
                        return best;
                    }
                }
            }
        }
        return best;
    }

    private void describe() {
        if (info.isDisposed()) {
            return;
        }
        WalkSteps.Step s = context.step();
        List<StyleRange> styles = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String title = pipeline == null ? "No namespace shown: double-click a namespace in the diagram." : "Pipeline of " + pipeline.namespace();
        styles.add(new StyleRange(0, title.length(), Styles.NS_BORDER, null, SWT.BOLD));
        text.append(title);
        if (pipeline != null && !pipeline.problems().isEmpty()) {
            text.append("   \u26a0 ").append(pipeline.problems().size()).append(pipeline.problems().size() == 1 ? " placement problem" : " placement problems");
        }
        if (s != null) {
            text.append('\n');
            String head = "Step " + (s.index() + 1) + (s.reply() ? " (reply)" : "") + " \u00b7 " + s.namespace() + (s.device() == null ? "" : "/" + s.device())
                + " \u00b7 " + s.stage().title() + (s.chain() == null ? "" : " \u00b7 " + s.chain() + " (" + s.chain().priority() + ")");
            styles.add(new StyleRange(text.length(), head.length(), s.reply() ? Styles.WALK_REPLY : Styles.WALK_DELIVERED, null, SWT.BOLD));
            text.append(head);
            if (!s.namespace().equals(pipeline == null ? null : pipeline.namespace())) {
                text.append("  (in another namespace)");
            }
            text.append('\n').append(s.what().isEmpty() ? s.kind().lower() : s.what());
            if (!s.verdict().isEmpty()) {
                text.append("  \u2192 ").append(s.verdict());
            }
            if (s.conntrack() != null && !s.conntrack().equals(s.what())) {
                text.append("\nconntrack: ").append(s.conntrack());
            }
            text.append("\nheader after: ");
            int at = text.length();
            text.append(s.header());
            for (int[] r : s.changedRanges()) {
                styles.add(new StyleRange(at + r[0], r[1] - r[0], Styles.WALK_DROPPED, null, SWT.BOLD));
            }
            if (!s.changed().isEmpty()) {
                text.append("   (changed: ").append(String.join(", ", s.changed())).append(')');
            }
        }
        info.setText(text.toString());
        info.setStyleRanges(styles.toArray(StyleRange[]::new));
        top.layout(true, true);
    }
}
