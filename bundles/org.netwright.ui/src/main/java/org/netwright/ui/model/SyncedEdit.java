package org.netwright.ui.model;

import java.util.Collection;
import java.util.Map;

import org.eclipse.emf.common.command.AbstractCommand;
import org.eclipse.emf.common.command.Command;
import org.netwright.diagram.DiagramLayout;

/**
 * A diagram or Properties view edit of an open file: the model change, written into the text (only the
 * changed part, formatted) and the layout change, as one step of the file's history.
 *
 * <p>After the change the text is parsed again, so the model objects are new: undo and redo therefore
 * put back the text (and the layout) rather than undoing the model change on objects that are gone.
 */
final class SyncedEdit extends AbstractCommand {
    private final OpenModel model;
    private final Command inner;
    private Map<String, DiagramLayout.Entry> layoutBefore;
    private Map<String, DiagramLayout.Entry> layoutAfter;
    private TextChange text;

    SyncedEdit(OpenModel model, Command inner) {
        super(inner.getLabel(), inner.getDescription());
        this.model = model;
        this.inner = inner;
    }

    @Override
    protected boolean prepare() {
        return inner.canExecute();
    }

    @Override
    public void execute() {
        layoutBefore = model.layout().snapshot();
        text = model.writeModelChange(inner); // null: the edit only moved or resized nodes
        layoutAfter = model.layout().snapshot();
    }

    @Override
    public boolean canUndo() {
        return true;
    }

    @Override
    public void undo() {
        if (text != null) {
            text.undoText();
        }
        model.layout().restore(layoutBefore);
        if (text != null) {
            model.reparse();
        }
    }

    @Override
    public void redo() {
        if (text != null) {
            text.redoText();
        }
        model.layout().restore(layoutAfter);
        if (text != null) {
            model.reparse();
        }
    }

    /** The text it wrote, or null for a layout-only edit. */
    TextChange textChange() {
        return text;
    }

    @Override
    public Collection<?> getAffectedObjects() {
        return inner.getAffectedObjects();
    }
}
