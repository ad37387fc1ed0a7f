package org.netwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.ui.editor.NwpEditor;
import org.netwright.ui.walk.PacketWalkView;
import org.netwright.ui.walk.WalkRunner;

/**
 * A probabilistic walk in the Packet Walk view: the kube-proxy example's cluster-IP probe picks an endpoint at
 * random (statistic --mode random, p=0.5), so the view offers one outcome per endpoint with its probability and
 * the choice that led to it; picking the second outcome shows its own rows, steps and delivery.
 */
class BranchingWalkUITest {
    private IWorkbenchPage page;

    @BeforeEach
    void setUp() {
        page = PipelineUITest.freshPage();
    }

    @AfterEach
    void tearDown() {
        PipelineUITest.closeAll(page);
    }

    @Test
    void aRandomEndpointChoiceShowsEachOutcomeWithItsProbabilityAndReason() throws Exception {
        NwpEditor editor = assertInstanceOf(NwpEditor.class,
            IDE.openEditor(page, DesignerUITest.example("branching-examples", "kube-proxy-iptables/kube-proxy-iptables.nwp"), NwpEditor.ID));
        DesignerUITest.settle();
        PacketWalkView walk = (PacketWalkView) page.showView(PacketWalkView.ID);
        page.activate(editor);
        DesignerUITest.settle();
        int clusterIp = walk.choiceLabels().indexOf(walk.choiceLabels().stream().filter(l -> l.contains("cluster IP, first endpoint")).findFirst()
            .orElseThrow(() -> new AssertionError(walk.choiceLabels().toString())));
        WalkRunner.Result result = walk.runChoice(clusterIp);
        DesignerUITest.settle();

        assertTrue(result.branched(), result.summary());
        List<String> labels = walk.outcomeLabels();
        assertTrue(labels.size() >= 2, "one outcome per endpoint: " + labels);
        assertTrue(labels.get(0).contains("p=0.5"), labels.get(0));
        assertTrue(walk.branchReasonsText().contains("random choice"), walk.branchReasonsText());
        assertTrue(walk.branchReasonsText().contains("matches"), walk.branchReasonsText());
        WalkRunner.Result first = walk.shownOutcome();
        assertEquals(result.outcomes().get(0), first, "the first outcome is shown first");
        assertEquals(first.rows(), walk.rows());

        walk.showOutcome(1);
        DesignerUITest.flush(editor);
        WalkRunner.Result second = walk.shownOutcome();
        assertEquals(result.outcomes().get(1), second);
        assertEquals(second.rows(), walk.rows(), "the table shows the picked outcome");
        assertEquals(second.rows().size(), walk.steps().size(), "stepping follows the picked outcome");
        assertNotEquals(first.probe().deliveredTo(), second.probe().deliveredTo(), "the other endpoint: " + second.summary());
        assertTrue(walk.branchReasonsText().contains("does not match"), walk.branchReasonsText());

        walk.step(walk.steps().size() - 1);
        DesignerUITest.flush(editor);
        ImageData shot = Screenshots.capture(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
            Path.of(System.getProperty("netwright.screenshots", "target/screenshots"), "walk-branch-kube-proxy.png"));
        assertTrue(Screenshots.distinctColours(shot) > 3, "screenshot looks blank");
    }
}
