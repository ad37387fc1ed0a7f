package org.netwright.app;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Editors in the middle, Outline on the right, Properties and Problems below. */
public final class NetwrightPerspective implements IPerspectiveFactory {
    public static final String ID = "org.netwright.app.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.addView(IPageLayout.ID_OUTLINE, IPageLayout.RIGHT, 0.78f, editors);
        IFolderLayout bottom = layout.createFolder("org.netwright.app.bottom", IPageLayout.BOTTOM, 0.7f, editors);
        bottom.addView(IPageLayout.ID_PROP_SHEET);
        bottom.addPlaceholder(IPageLayout.ID_PROBLEM_VIEW);
    }
}
