package org.netwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/** Runs inside the real workbench (tycho-surefire UI harness, Xvfb in CI). */
class WorkbenchStartupUITest {

    @Test
    void studioOpensTheNetwrightPerspectiveAndPaintsIt() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "no workbench window");
        IWorkbenchPage page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(NetwrightPerspective.ID));
        assertEquals(NetwrightPerspective.ID, page.getPerspective().getId());
        assertNotNull(page.findView(org.eclipse.ui.IPageLayout.ID_OUTLINE), "Outline view missing from the perspective");

        Display display = window.getShell().getDisplay();
        window.getShell().setSize(1280, 800);
        while (display.readAndDispatch()) {
            // let the window lay out and paint before it is captured
        }
        Path png = Path.of(System.getProperty("netwright.screenshots", "target/screenshots"), "workbench.png");
        ImageData shot = Screenshots.capture(window.getShell(), png);
        assertTrue(Files.size(png) > 1000, "screenshot is suspiciously small");
        assertTrue(Screenshots.distinctColours(shot) > 3, "screenshot looks blank");
    }
}
