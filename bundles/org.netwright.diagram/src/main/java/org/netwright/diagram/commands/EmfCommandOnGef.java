package org.netwright.diagram.commands;

import org.eclipse.emf.common.command.AbstractCommand;
import org.eclipse.gef.commands.Command;

/** A GEF command (GEF's own compounds: multi-selection delete or move) as an EMF command for the shared stack. */
final class EmfCommandOnGef extends AbstractCommand {
    private final Command gef;

    EmfCommandOnGef(Command gef) {
        super(gef.getLabel() == null ? "Diagram edit" : gef.getLabel());
        this.gef = gef;
    }

    Command getGefCommand() {
        return gef;
    }

    @Override
    protected boolean prepare() {
        return gef.canExecute();
    }

    @Override
    public boolean canUndo() {
        return gef.canUndo();
    }

    @Override
    public void execute() {
        gef.execute();
    }

    @Override
    public void undo() {
        gef.undo();
    }

    @Override
    public void redo() {
        gef.redo();
    }

    @Override
    public void dispose() {
        gef.dispose();
    }
}
