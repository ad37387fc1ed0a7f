package org.netwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.gef.EditPart;
import org.eclipse.gef.GraphicalViewer;
import org.eclipse.gef.Request;
import org.eclipse.gef.RequestConstants;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.diagram.figures.WireFigure;
import org.netwright.diagram.parts.NamespacePart;
import org.netwright.diagram.parts.WirePart;
import org.netwright.diagram.pipeline.ChainPart;
import org.netwright.diagram.pipeline.FixedPart;
import org.netwright.diagram.pipeline.PipelinePart;
import org.netwright.diagram.pipeline.RulePart;
import org.netwright.engine.TraceEvent;
import org.netwright.topology.Pipeline;
import org.netwright.topology.WalkSteps;
import org.netwright.ui.editor.NwpEditor;
import org.netwright.ui.walk.PacketWalkView;
import org.netwright.ui.walk.PipelineView;
import org.netwright.ui.walk.WalkRunner;

/**
 * The Pipeline view and step-through walks in the real workbench (UI harness, Xvfb): a namespace's pipeline opens
 * from the diagram with its chains in hook and priority order, a rule selects its text, text edits redraw it; a
 * walk is stepped forward, back and played, and each step shows on the diagram (numbered link crossings) and in the
 * pipeline of the namespace it is in. Screenshots of the seeds' decisive steps go to target/screenshots.
 */
class PipelineUITest {
    private static final Path SHOTS = Path.of(System.getProperty("netwright.screenshots", "target/screenshots"));
    private IWorkbenchPage page;

    @BeforeEach
    void setUp() {
        page = freshPage();
    }

    @AfterEach
    void tearDown() {
        closeAll(page);
    }

    /** The workbench page in the Netwright perspective, no editor open, the window 1600 x 1000. */
    static IWorkbenchPage freshPage() {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(NetwrightPerspective.ID));
        page.closeAllEditors(false);
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setSize(1600, 1000);
        DesignerUITest.settle();
        return page;
    }

    /** Closes the Pipeline view and every editor, unsaved. */
    static void closeAll(IWorkbenchPage page) {
        IViewPart pipeline = page.findView(PipelineView.ID);
        if (pipeline != null) {
            page.hideView(pipeline);
        }
        page.closeAllEditors(false);
        DesignerUITest.settle();
    }

    private NwpEditor open(String example) throws Exception {
        IEditorPart part = IDE.openEditor(page, DesignerUITest.example("pipeline-examples", example), NwpEditor.ID);
        DesignerUITest.settle();
        return assertInstanceOf(NwpEditor.class, part);
    }

    /** Double-clicks the namespace in the diagram (the GEF open request a double-click sends). */
    private PipelineView doubleClick(NwpEditor editor, String namespace) {
        NamespacePart part = DesignerUITest.partOf(editor, namespace);
        assertNotNull(part, namespace);
        part.performRequest(new Request(RequestConstants.REQ_OPEN));
        DesignerUITest.settle();
        PipelineView view = assertInstanceOf(PipelineView.class, page.findView(PipelineView.ID), "the double-click opens the Pipeline view");
        return view;
    }

    private static List<EditPart> parts(GraphicalViewer viewer, Predicate<Object> which) {
        List<EditPart> out = new ArrayList<>();
        for (Object p : viewer.getEditPartRegistry().values()) {
            if (which.test(p)) {
                out.add((EditPart) p);
            }
        }
        return out;
    }

    private static List<String> names(Pipeline.Stage stage) {
        return stage.slots().stream().map(s -> s instanceof Pipeline.Chain c ? c.name() : ((Pipeline.Fixed) s).label()).toList();
    }

    private static Pipeline.Chain chain(Pipeline p, Pipeline.StageKind stage, String name) {
        return p.stage(stage).chains().stream().filter(c -> c.name().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError(name + " not in " + names(p.stage(stage))));
    }

    @Test
    void doubleClickOpensTheNamespacesPipelineARuleSelectsItsTextAndEditsRedrawIt() throws Exception {
        NwpEditor editor = open("003-distributed-stateless-nat/broken.nwp");
        PipelineView view = doubleClick(editor, "node1");
        Pipeline p = view.getViewer().getPipeline();
        assertEquals("node1", p.namespace());
        List<String> pre = names(p.stage(Pipeline.StageKind.PREROUTING));
        assertTrue(pre.indexOf("diy-dnat") >= 0 && pre.indexOf("diy-dnat") < pre.indexOf("conntrack lookup"),
            "the chain at -300 runs before conntrack: " + pre);
        assertEquals(-300, chain(p, Pipeline.StageKind.PREROUTING, "diy-dnat").priority());
        chain(p, Pipeline.StageKind.INGRESS, "convergent-inbound");
        chain(p, Pipeline.StageKind.EGRESS, "convergent-outbound");
        List<String> post = names(p.stage(Pipeline.StageKind.POSTROUTING));
        assertTrue(post.indexOf("dunnat-spoof") < post.indexOf("postrouting"), "the stateless rewrite at 90 runs before snat at 100: " + post);
        assertNotNull(p.stage(Pipeline.StageKind.BRIDGE_FORWARD), "node1 has bridges: the bridge path is drawn");

        GraphicalViewer drawing = view.getViewer().getGraphicalViewer();
        PipelinePart root = assertInstanceOf(PipelinePart.class, drawing.getContents());
        assertEquals(p.stages().size(), root.getChildren().size(), "one part per stage");
        assertEquals(p.stages().stream().mapToInt(s -> s.chains().size()).sum(), parts(drawing, ChainPart.class::isInstance).size());

        // selecting a rule selects its text on the Source page
        RulePart rule = (RulePart) parts(drawing, o -> o instanceof RulePart r && r.getRule().text().contains("meta mark set 0x01")).get(0);
        drawing.select(rule);
        DesignerUITest.settle();
        assertFalse(editor.isDiagramShown(), "the Source page is shown");
        ITextSelection selected = (ITextSelection) editor.getSourceEditor().getSelectionProvider().getSelection();
        assertEquals(rule.getRule().source().line(), selected.getStartLine() + 1);
        assertTrue(selected.getText().contains("meta mark set 0x01"), selected.getText());

        // a ct mark set before conntrack is marked where it is; editing the text redraws the pipeline
        String text = editor.getModel().document().get();
        int at = text.indexOf("meta mark set 0x01 ip daddr set");
        DesignerUITest.type(editor, at, "meta mark set 0x01".length(), "ct mark set 0x01");
        Pipeline marked = view.getViewer().getPipeline();
        assertNotSame(p, marked, "redrawn after the edit");
        List<String> problems = marked.problems();
        assertTrue(problems.stream().anyMatch(s -> s.contains("diy-dnat") && s.contains("before conntrack")), problems.toString());
        RulePart flagged = (RulePart) parts(drawing, o -> o instanceof RulePart r && !r.getRule().problems().isEmpty()).get(0);
        assertTrue(((org.eclipse.draw2d.Label) flagged.getFigure()).getText().startsWith("\u26a0"), "the rule is marked in the drawing");
        assertTrue(view.getViewer().getInfoText().contains("placement problem"), view.getViewer().getInfoText());

        text = editor.getModel().document().get();
        at = text.indexOf("priority -300");
        DesignerUITest.type(editor, at, "priority -300".length(), "priority -150");
        Pipeline moved = view.getViewer().getPipeline();
        assertEquals(-150, chain(moved, Pipeline.StageKind.PREROUTING, "diy-dnat").priority());
        List<String> after = names(moved.stage(Pipeline.StageKind.PREROUTING));
        assertTrue(after.indexOf("diy-dnat") > after.indexOf("conntrack lookup"), after.toString());
        assertTrue(moved.problems().stream().noneMatch(s -> s.contains("before conntrack")), moved.problems().toString());
    }

    @Test
    void aWalkIsSteppedForwardBackAndPlayedOnTheDiagramAndThePipeline() throws Exception {
        NwpEditor editor = open("001-policy-routing-twice/broken.nwp");
        PacketWalkView walk = (PacketWalkView) page.showView(PacketWalkView.ID);
        page.activate(editor);
        DesignerUITest.settle();
        WalkRunner.Result result = walk.runChoice(0);
        List<WalkSteps.Step> steps = walk.steps();
        assertEquals(result.rows().size(), steps.size(), "one step per row");
        assertEquals(-1, walk.currentStep(), "a new walk is shown whole");

        walk.step(0);
        DesignerUITest.settle();
        assertEquals(0, walk.currentStep());
        assertEquals(steps.get(0), editor.getDiagramEditor().getStep());
        PipelineView view = assertInstanceOf(PipelineView.class, page.findView(PipelineView.ID), "stepping shows the Pipeline view");
        assertEquals("client", view.getNamespace());
        assertNotNull(view.getViewer().currentPart(), "the step is drawn in the pipeline");

        walk.stepForward();
        walk.stepForward();
        assertEquals(2, walk.currentStep());
        walk.stepBack();
        assertEquals(1, walk.currentStep());
        walk.table().setSelection(new StructuredSelection(walk.rows().get(5)));
        DesignerUITest.settle();
        assertEquals(5, walk.currentStep(), "selecting a row makes it the current step");

        // the decisive step: the second pass through host finds the connection's binding and skips the nat chains
        int decisive = decisive(steps, s -> "host".equals(s.namespace()) && s.event() instanceof TraceEvent.NatNotConsulted);
        walk.step(decisive);
        DesignerUITest.flush(editor);
        assertEquals("host", view.getNamespace(), "the pipeline follows the packet into host");
        EditPart current = view.getViewer().currentPart();
        ChainPart nat = assertInstanceOf(ChainPart.class, current, "the skipped nat chain is the step's place");
        assertEquals("nat", nat.getChain().type());
        List<String> crossings = new ArrayList<>();
        for (EditPart w : parts(DesignerUITest.viewer(editor), WirePart.class::isInstance)) {
            String t = ((WireFigure) ((WirePart) w).getFigure()).getCrossingsText();
            if (t != null) {
                crossings.add(t);
            }
        }
        assertTrue(crossings.stream().anyMatch(t -> t.matches("\\d+ \u2192 proxy\\s+\\d+ \u2192 host")),
            "the host-proxy link is crossed twice, numbered in order: " + crossings);
        assertTrue(crossings.contains("1 \u2192 host"), crossings.toString());

        // a step that changed the header has its changed fields emphasised
        WalkSteps.Step changing = steps.stream().filter(s -> !s.changed().isEmpty()).findFirst().orElseThrow();
        walk.step(changing.index());
        assertEquals(changing.changed().size(), view.getViewer().getEmphasis().size(), changing.header() + " " + changing.changed());

        // play to the end (the reply is stepped too, in its own colour)
        walk.setPlayInterval(15);
        walk.play();
        Display display = Display.getCurrent();
        long until = System.currentTimeMillis() + 60_000;
        while (walk.isPlaying() && System.currentTimeMillis() < until) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        assertFalse(walk.isPlaying(), "playing stops at the last step");
        assertEquals(steps.size() - 1, walk.currentStep());
        assertTrue(steps.get(walk.currentStep()).reply(), "the reply is walked after the probe");
        walk.step(-1);
        assertEquals(null, editor.getDiagramEditor().getStep(), "the whole walk again");
    }

    private static int decisive(List<WalkSteps.Step> steps, Predicate<WalkSteps.Step> which) {
        return steps.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("no decisive step in\n" + dump(steps))).index();
    }

    private static String dump(List<WalkSteps.Step> steps) {
        StringBuilder out = new StringBuilder();
        for (WalkSteps.Step s : steps) {
            out.append(s.index() + 1).append(s.reply() ? " reply " : " ").append(s.namespace()).append('/').append(s.device()).append(' ')
                .append(s.stage()).append(' ').append(s.chain() == null ? "" : s.chain() + " (" + s.chain().priority() + ") ").append(s.kind())
                .append(": ").append(s.what()).append(s.verdict().isEmpty() ? "" : " -> " + s.verdict()).append(" | ").append(s.header())
                .append(s.changed().isEmpty() ? "" : " changed " + s.changed()).append('\n');
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- the seeds' decisive steps, as pictures

    @Test
    void seed001SecondPassSkipsNat() throws Exception {
        // the MASQUERADE is at postrouting: on the second pass the source binding is already made, nat is not consulted
        shoot("001-policy-routing-twice/broken.nwp", 0, "001-second-pass-skips-nat",
            s -> "host".equals(s.namespace()) && s.event() instanceof TraceEvent.NatNotConsulted n && n.manip() == TraceEvent.Manip.SOURCE);
    }

    @Test
    void seed003MarkSetAtMinus300BeforeConntrack() throws Exception {
        shoot("003-distributed-stateless-nat/broken.nwp", 1, "003-mark-before-conntrack",
            s -> "node1".equals(s.namespace()) && s.chain() != null && s.chain().chain().equals("diy-dnat") && s.changed().contains("meta mark"));
    }

    @Test
    void seed004NatSeesTheEspPacket() throws Exception {
        shoot("004-nat-ipsec-xfrm/fixed.nwp", 0, "004-nat-sees-esp",
            s -> "home".equals(s.namespace()) && s.stage() == Pipeline.StageKind.POSTROUTING && s.header().contains("protocol esp")
                && s.rule() != null && s.rule().text().contains("MASQUERADE"));
    }

    /**
     * Walks the example's expectation, steps to its decisive step and writes two pictures: the workbench (diagram
     * with the numbered crossings, the walk, the pipeline) and the pipeline view maximised; and the steps as text.
     */
    private void shoot(String example, int choice, String name, Predicate<WalkSteps.Step> decisive) throws Exception {
        NwpEditor editor = open(example);
        PacketWalkView walk = (PacketWalkView) page.showView(PacketWalkView.ID);
        page.activate(editor);
        DesignerUITest.settle();
        WalkRunner.Result result = walk.runChoice(choice);
        List<WalkSteps.Step> steps = walk.steps();
        Files.createDirectories(SHOTS);
        Files.writeString(SHOTS.resolve("pipeline-" + name + "-steps.txt"), result.summary() + "\n" + dump(steps), StandardCharsets.UTF_8);
        int index = decisive(steps, decisive);
        walk.step(index);
        editor.showDiagram();
        editor.getDiagramEditor().zoomToFit();
        DesignerUITest.flush(editor);
        PipelineView view = assertInstanceOf(PipelineView.class, page.findView(PipelineView.ID));
        assertEquals(steps.get(index).namespace(), view.getNamespace());
        EditPart current = view.getViewer().currentPart();
        assertNotNull(current, "the decisive step is drawn in the pipeline");
        assertTrue(current instanceof ChainPart || current instanceof RulePart || current instanceof FixedPart, current.toString());
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        ImageData whole = Screenshots.capture(shell, SHOTS.resolve("pipeline-" + name + ".png"));
        assertTrue(Screenshots.distinctColours(whole) > 8, "a real picture");
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        DesignerUITest.settle();
        view.getViewer().zoomToFit();
        DesignerUITest.settle();
        ImageData pipeline = Screenshots.capture(view.getViewer().getControl(), SHOTS.resolve("pipeline-" + name + "-pipeline.png"));
        assertTrue(Screenshots.distinctColours(pipeline) > 8, "a real picture");
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
        DesignerUITest.settle();
    }
}
