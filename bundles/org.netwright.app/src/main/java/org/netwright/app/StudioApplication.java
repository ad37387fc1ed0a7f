package org.netwright.app;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/** Entry point of Netwright Studio: creates the display and runs the workbench. */
public final class StudioApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        org.eclipse.osgi.service.datalocation.Location workspace = org.eclipse.core.runtime.Platform.getInstanceLocation();
        if (workspace != null && !workspace.isSet()) {
            // without -data: a workspace folder in the user's home
            workspace.set(java.nio.file.Path.of(System.getProperty("user.home"), "netwright-workspace").toUri().toURL(), false);
        }
        Display display = PlatformUI.createDisplay();
        try {
            int code = PlatformUI.createAndRunWorkbench(display, new StudioWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
