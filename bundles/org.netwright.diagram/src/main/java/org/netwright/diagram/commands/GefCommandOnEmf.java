package org.netwright.diagram.commands;

import org.eclipse.gef.commands.Command;

/**
 * The GEF face of an EMF command: what edit policies return. The command stack of the diagram
 * ({@link SharedCommandStack}) unwraps it and runs the EMF command on the EditingDomain's stack, so the
 * diagram and the text editor share one undo history; run on its own (inside a GEF compound), it
 * delegates each step to the EMF command.
 */
public final class GefCommandOnEmf extends Command {
    private final org.eclipse.emf.common.command.Command emf;
    private boolean executed;

    public GefCommandOnEmf(org.eclipse.emf.common.command.Command emf) {
        super(emf.getLabel());
        this.emf = emf;
    }

    public org.eclipse.emf.common.command.Command getEmfCommand() {
        return emf;
    }

    boolean wasExecuted() {
        return executed;
    }

    @Override
    public boolean canExecute() {
        return emf.canExecute();
    }

    @Override
    public boolean canUndo() {
        return emf.canUndo();
    }

    @Override
    public void execute() {
        redo();
    }

    @Override
    public void redo() {
        if (!executed) {
            executed = true;
            emf.execute(); // an EMF command runs execute() once, redo() after an undo
        } else {
            emf.redo();
        }
    }

    @Override
    public void undo() {
        emf.undo();
    }

    @Override
    public void dispose() {
        emf.dispose();
    }
}
