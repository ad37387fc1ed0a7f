package org.netwright.ui.walk;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.netwright.diagram.pipeline.PipelineViewer;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.topology.Pipeline;
import org.netwright.topology.Topology;
import org.netwright.topology.WalkSteps;
import org.netwright.ui.editor.NwpEditor;
import org.netwright.ui.model.OpenModel;

/**
 * Pipeline: the netfilter packet path of one namespace of the active .nwp file (opened from the diagram by a
 * double-click on a namespace or its Show Pipeline action), drawn anew after every parse, with the Packet Walk
 * view's current step on it. Selecting a rule selects its text on the Source page.
 */
public class PipelineView extends ViewPart implements OpenModel.Listener {
    public static final String ID = "org.netwright.ui.pipeline";

    private PipelineViewer viewer;
    private NwpEditor editor;
    private String namespace;
    private WalkSteps.Step step;

    private final IPartListener2 partListener = new IPartListener2() {
        @Override
        public void partClosed(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == editor) {
                show(null, null);
            }
        }
    };

    /** Opens (or brings up) the view on a namespace of the editor's model. */
    public static PipelineView open(IWorkbenchPage page, NwpEditor editor, String namespace, boolean activate) {
        try {
            IViewPart part = page.showView(ID, null, activate ? IWorkbenchPage.VIEW_ACTIVATE : IWorkbenchPage.VIEW_VISIBLE);
            PipelineView view = (PipelineView) part;
            view.show(editor, namespace);
            return view;
        } catch (PartInitException e) {
            throw new IllegalStateException("The Pipeline view could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        viewer = new PipelineViewer(parent);
        viewer.addRuleListener(rule -> {
            if (editor != null && rule.source() != null && rule.source().line() > 0) {
                editor.reveal(rule.source().line(), rule.source().column());
            }
        });
        getSite().getPage().addPartListener(partListener);
        org.eclipse.jface.action.IToolBarManager tools = getViewSite().getActionBars().getToolBarManager();
        tools.add(action("Fit", "Show the whole width of the pipeline", viewer::zoomToFit));
        tools.add(action("100 %", "Actual size", viewer::zoomReset));
    }

    private static org.eclipse.jface.action.Action action(String text, String tip, Runnable run) {
        org.eclipse.jface.action.Action a = new org.eclipse.jface.action.Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        a.setToolTipText(tip);
        return a;
    }

    /** Shows {@code ns} of the editor's model (null editor: nothing). */
    public void show(NwpEditor e, String ns) {
        if (editor != e) {
            if (editor != null && editor.getModel() != null) {
                editor.getModel().removeListener(this);
            }
            editor = e;
            if (editor != null && editor.getModel() != null) {
                editor.getModel().addListener(this);
            }
        }
        namespace = ns;
        redraw();
    }

    /** Shows a walk's step, switching to the namespace it happened in (null: no step). */
    public void showStep(NwpEditor e, WalkSteps.Step s) {
        step = s;
        if (s != null && (e != editor || !s.namespace().equals(namespace))) {
            show(e, s.namespace());
        }
        viewer.setStep(s);
    }

    @Override
    public void parsed(OpenModel model) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            redraw();
        }
    }

    private void redraw() {
        Pipeline p = pipelineOf(editor, namespace);
        viewer.setPipeline(p);
        viewer.setStep(step);
        setContentDescription(p == null ? "" : p.namespace());
        setPartName(p == null ? "Pipeline" : "Pipeline: " + p.namespace());
    }

    /** The pipeline of the named namespace of the editor's model, as the walk's mapping locates its rules; null when there is none. */
    static Pipeline pipelineOf(NwpEditor e, String ns) {
        if (e == null || ns == null || e.getModel() == null || !e.getModel().isValid()) {
            return null;
        }
        Network root = e.getModel().shownRoot();
        if (root == null) {
            return null;
        }
        Topology topology = Topology.of(root);
        NodeLocator locator = new NodeLocator();
        for (Namespace n : topology.namespaces()) {
            if (ns.equals(n.getName())) {
                return Pipeline.of(n, topology.blocksOf(n), locator::locate);
            }
        }
        return null;
    }

    public PipelineViewer getViewer() {
        return viewer;
    }

    public String getNamespace() {
        return namespace;
    }

    @Override
    public void setFocus() {
        viewer.getGraphicalViewer().getControl().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePartListener(partListener);
        if (editor != null && editor.getModel() != null) {
            editor.getModel().removeListener(this);
        }
        super.dispose();
    }
}
