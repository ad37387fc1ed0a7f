package org.netwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.diagram.parts.NamespacePart;
import org.netwright.ui.editor.NwpEditor;

/**
 * The set-up of the large-network benchmark ({@link LargeNetworkBenchmark}, run outside the suite) as a test: the
 * generated 500-namespace model opens on the diagram with every namespace drawn, Arrange All places them without
 * overlap, and a screenshot of the result goes to target/screenshots/large-network-500.png.
 */
class LargeNetworkUITest {
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
    void theGenerated500NamespaceModelOpensOnTheDiagramAndArrangesWithoutOverlap() throws Exception {
        String text = LargeNetwork.text(500);
        NwpEditor editor = assertInstanceOf(NwpEditor.class,
            IDE.openEditor(page, LargeNetworkBenchmark.file("large-test", "large-500.nwp", text), NwpEditor.ID));
        DesignerUITest.flush(editor);
        assertTrue(editor.isDiagramShown(), "a valid model opens on the diagram: " + editor.getModel().firstSyntaxError());
        List<NamespacePart> parts = DesignerUITest.namespaceParts(editor);
        assertEquals(500, parts.size(), "every namespace is drawn");
        assertTrue(parts.stream().anyMatch(p -> "h49-8".equals(p.getNamespace().getName())), "the last host is drawn");

        editor.getDiagramEditor().arrangeAll();
        DesignerUITest.flush(editor);
        List<Rectangle> boxes = parts.stream().map(p -> DesignerUITest.partOf(editor, p.getNamespace().getName()).getFigure().getBounds().getCopy())
            .toList();
        // sorted by x, each box is compared with the boxes that start before it ends: no overlap, without 125 000 pairs
        List<Rectangle> byX = boxes.stream().sorted((a, b) -> Integer.compare(a.x, b.x)).toList();
        for (int i = 0; i < byX.size(); i++) {
            Rectangle a = byX.get(i);
            assertTrue(a.width > 0 && a.height > 0, "laid out: " + a);
            for (int j = i + 1; j < byX.size() && byX.get(j).x < a.right(); j++) {
                assertFalse(a.intersects(byX.get(j)), a + " overlaps " + byX.get(j));
            }
        }

        // found by name, then by address: selected and scrolled into view
        assertEquals("h37-4", editor.getDiagramEditor().find("h37-4").getName());
        assertEquals(List.of(DesignerUITest.partOf(editor, "h37-4")), DesignerUITest.viewer(editor).getSelectedEditParts());
        assertEquals("h12-3", editor.getDiagramEditor().find(LargeNetwork.hostAddress(12, 3)).getName());
        NamespacePart found = DesignerUITest.partOf(editor, "h12-3");
        assertEquals(List.of(found), DesignerUITest.viewer(editor).getSelectedEditParts());
        DesignerUITest.flush(editor);
        org.eclipse.draw2d.FigureCanvas canvas = (org.eclipse.draw2d.FigureCanvas) DesignerUITest.viewer(editor).getControl();
        // in the canvas's own coordinates (after scrolling and zoom), the found box is on screen
        Rectangle shownArea = new Rectangle(0, 0, canvas.getSize().x, canvas.getSize().y);
        Rectangle foundBox = found.getFigure().getBounds().getCopy();
        found.getFigure().translateToAbsolute(foundBox);
        assertTrue(shownArea.intersects(foundBox), "revealed: " + foundBox + " in " + shownArea);
        assertEquals(null, editor.getDiagramEditor().find("no-such-namespace"));

        ImageData shot = Screenshots.capture(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
            Path.of(System.getProperty("netwright.screenshots", "target/screenshots"), "large-network-500.png"));
        assertTrue(Screenshots.distinctColours(shot) > 3, "screenshot looks blank");
    }
}
