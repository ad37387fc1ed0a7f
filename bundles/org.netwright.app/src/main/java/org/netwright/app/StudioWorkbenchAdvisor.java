package org.netwright.app;

import java.nio.file.Path;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * Opens the Netwright perspective. With {@code -Dnetwright.smokeScreenshot=<file.png>} the
 * workbench writes a screenshot of its window once it is up and then exits: that is how the
 * build checks that the product archive really starts.
 */
final class StudioWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(false);
        // the navigator and the Problems view show workspace resources through these adapters
        org.eclipse.ui.ide.IDE.registerAdapters();
    }

    /** The Project Explorer shows the workspace's projects. */
    @Override
    public org.eclipse.core.runtime.IAdaptable getDefaultPageInput() {
        return org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public void postShutdown() {
        try {
            org.eclipse.core.resources.ResourcesPlugin.getWorkspace().save(true, null);
        } catch (org.eclipse.core.runtime.CoreException e) {
            System.err.println("netwright: the workspace could not be saved: " + e.getMessage());
        }
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return NetwrightPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new WorkbenchWindowAdvisor(configurer) {
            @Override
            public org.eclipse.ui.application.ActionBarAdvisor createActionBarAdvisor(org.eclipse.ui.application.IActionBarConfigurer bars) {
                return new StudioActionBarAdvisor(bars);
            }

            @Override
            public void preWindowOpen() {
                configurer.setInitialSize(new Point(1280, 800));
                configurer.setShowStatusLine(true);
                configurer.setTitle("Netwright Studio");
            }
        };
    }

    @Override
    public void postStartup() {
        String target = System.getProperty("netwright.smokeScreenshot");
        if (target == null || target.isBlank()) {
            return;
        }
        var display = getWorkbenchConfigurer().getWorkbench().getDisplay();
        // give the window a moment to paint before capturing it
        display.timerExec(1500, () -> {
            var shell = getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow().getShell();
            try {
                Screenshots.capture(shell, Path.of(target));
            } catch (Exception e) {
                System.err.println("netwright: screenshot failed: " + e);
            }
            getWorkbenchConfigurer().getWorkbench().close();
        });
    }
}
