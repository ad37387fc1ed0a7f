package org.netwright.ui;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.jface.action.Action;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.actions.ActionFactory;

/**
 * Undo and Redo on the open file's one command stack (diagram, text and Properties view edits alike),
 * labelled with what they will undo.
 */
public final class HistoryActions {
    private HistoryActions() {
    }

    public static Action undo(CommandStack stack) {
        return new StackAction(stack, true);
    }

    public static Action redo(CommandStack stack) {
        return new StackAction(stack, false);
    }

    private static final class StackAction extends Action implements CommandStackListener {
        private final CommandStack stack;
        private final boolean undo;

        StackAction(CommandStack stack, boolean undo) {
            this.stack = stack;
            this.undo = undo;
            setId(undo ? ActionFactory.UNDO.getId() : ActionFactory.REDO.getId());
            setActionDefinitionId(undo ? IWorkbenchCommandConstants.EDIT_UNDO : IWorkbenchCommandConstants.EDIT_REDO);
            stack.addCommandStackListener(this);
            update();
        }

        private void update() {
            Command next = undo ? stack.getUndoCommand() : stack.getRedoCommand();
            setEnabled(undo ? stack.canUndo() : stack.canRedo());
            String what = next == null || next.getLabel() == null ? "" : " " + next.getLabel();
            setText((undo ? "&Undo" : "&Redo") + what + (undo ? "\tCtrl+Z" : "\tCtrl+Y"));
        }

        @Override
        public void commandStackChanged(java.util.EventObject event) {
            update();
        }

        @Override
        public void run() {
            if (undo && stack.canUndo()) {
                stack.undo();
            } else if (!undo && stack.canRedo()) {
                stack.redo();
            }
        }
    }
}
