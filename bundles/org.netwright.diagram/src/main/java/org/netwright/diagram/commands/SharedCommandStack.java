package org.netwright.diagram.commands;

import java.util.EventObject;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.gef.commands.Command;
import org.eclipse.gef.commands.CommandStack;

/**
 * GEF's command stack as a view of the EditingDomain's EMF command stack: everything the diagram
 * executes lands on the EMF stack, undo/redo/dirty state come from it, and changes made by others on
 * it (the text editor, the Properties view) are announced to GEF's listeners (undo/redo actions,
 * the editor's dirty flag). There is exactly one history.
 */
public final class SharedCommandStack extends CommandStack {
    private final org.eclipse.emf.common.command.CommandStack emf;
    private final CommandStackListener relay = this::emfStackChanged;
    private java.util.function.UnaryOperator<org.eclipse.emf.common.command.Command> wrapper = c -> c;

    public SharedCommandStack(EditingDomain domain) {
        this.emf = domain.getCommandStack();
        emf.addCommandStackListener(relay);
    }

    /** Applied to every command before it goes on the EMF stack (e.g. to write the change into the text). */
    public void setWrapper(java.util.function.UnaryOperator<org.eclipse.emf.common.command.Command> wrapper) {
        this.wrapper = wrapper == null ? c -> c : wrapper;
    }

    private void emfStackChanged(EventObject event) {
        notifyListeners();
    }

    @Override
    public void execute(Command command) {
        if (command == null || !command.canExecute()) {
            return;
        }
        emf.execute(wrapper.apply(toEmf(command)));
    }

    static org.eclipse.emf.common.command.Command toEmf(Command command) {
        if (command instanceof GefCommandOnEmf wrapper && !wrapper.wasExecuted()) {
            return wrapper.getEmfCommand();
        }
        return new EmfCommandOnGef(command);
    }

    @Override
    public boolean canUndo() {
        return emf.canUndo();
    }

    @Override
    public boolean canRedo() {
        return emf.canRedo();
    }

    @Override
    public void undo() {
        emf.undo();
    }

    @Override
    public void redo() {
        emf.redo();
    }

    @Override
    public Command getUndoCommand() {
        return labelOf(emf.getUndoCommand());
    }

    @Override
    public Command getRedoCommand() {
        return labelOf(emf.getRedoCommand());
    }

    private static Command labelOf(org.eclipse.emf.common.command.Command c) {
        if (c == null) {
            return null;
        }
        if (c instanceof EmfCommandOnGef g) {
            return g.getGefCommand();
        }
        return new Command(c.getLabel()) {
            @Override
            public boolean canExecute() {
                return false;
            }
        };
    }

    @Override
    public boolean isDirty() {
        return emf instanceof BasicCommandStack b ? b.isSaveNeeded() : emf.canUndo();
    }

    @Override
    public void markSaveLocation() {
        if (emf instanceof BasicCommandStack b) {
            b.saveIsDone();
        }
        notifyListeners();
    }

    /** The history belongs to the EditingDomain's owner (the multi-page editor); the diagram never drops it. */
    @Override
    public void flush() {
        notifyListeners();
    }

    @Override
    public Object[] getCommands() {
        return new Object[0];
    }

    /** Detaches from the EMF stack; never flushes it. */
    @Override
    public void dispose() {
        emf.removeCommandStackListener(relay);
    }
}
