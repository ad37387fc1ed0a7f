package org.eclipse.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Cursor;
import org.eclipse.swt.widgets.Display;

/**
 * Netwright's stand-in for the workbench-internal drag cursor helper that GEF 3.2's flyout
 * palette calls while its title bar is dragged to dock left or right. The workbench removed the
 * class; GEF 3.2 only needs {@link #getCursor(int)} with codes 0 (invalid), 1 (left), 2 (right).
 */
public final class DragCursors {
    public static final int INVALID = 0;
    public static final int LEFT = 1;
    public static final int RIGHT = 2;

    private DragCursors() {
    }

    /** A shared system cursor owned by the display: callers must not dispose it. */
    public static Cursor getCursor(int code) {
        Display display = Display.getCurrent() != null ? Display.getCurrent() : Display.getDefault();
        int style = switch (code) {
            case LEFT -> SWT.CURSOR_SIZEW;
            case RIGHT -> SWT.CURSOR_SIZEE;
            case INVALID -> SWT.CURSOR_NO;
            default -> SWT.CURSOR_ARROW;
        };
        return display.getSystemCursor(style);
    }
}
