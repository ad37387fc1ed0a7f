package org.netwright.app;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * Files on the left, the editors (Diagram | Source) in the middle, Outline on the right, and below
 * the Packet Walk, Properties and Problems, and beside them the Pipeline of a namespace when it is opened.
 */
public final class NetwrightPerspective implements IPerspectiveFactory {
    public static final String ID = "org.netwright.app.perspective";
    public static final String PACKET_WALK = "org.netwright.ui.packetWalk";
    public static final String PIPELINE = "org.netwright.ui.pipeline";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.addView(IPageLayout.ID_PROJECT_EXPLORER, IPageLayout.LEFT, 0.16f, editors);
        layout.addView(IPageLayout.ID_OUTLINE, IPageLayout.RIGHT, 0.80f, editors);
        IFolderLayout bottom = layout.createFolder("org.netwright.app.bottom", IPageLayout.BOTTOM, 0.60f, editors);
        bottom.addView(PACKET_WALK);
        bottom.addView(IPageLayout.ID_PROP_SHEET);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        // a namespace's pipeline beside the walk, so that a stepped walk shows in both
        layout.createPlaceholderFolder("org.netwright.app.pipeline", IPageLayout.RIGHT, 0.45f, "org.netwright.app.bottom").addPlaceholder(PIPELINE);
        layout.addNewWizardShortcut("org.netwright.ui.newFile");
        layout.addNewWizardShortcut("org.netwright.ui.newExample");
        layout.addShowViewShortcut(PACKET_WALK);
        layout.addShowViewShortcut(PIPELINE);
        layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
        layout.addShowViewShortcut(IPageLayout.ID_OUTLINE);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
    }
}
