package org.netwright.ui.model;

import org.eclipse.emf.common.command.AbstractCommand;

/**
 * One replacement in the text of an open file, as a command of the file's EMF command stack: typing,
 * a formatting, a quick fix, or the text written for a diagram edit. Typing in a row extends the last
 * change instead of adding one per key, like a text editor's own undo.
 */
public final class TextChange extends AbstractCommand {
    private static final long TYPING_PAUSE_MS = 1500;

    private final OpenModel model;
    private final int offset;
    private final String oldText;
    private String newText;
    private long lastEdit;
    private boolean applied;

    /** A change that is already in the document (the user typed it). */
    TextChange(OpenModel model, String label, int offset, String oldText, String newText, boolean applied) {
        super(label);
        this.model = model;
        this.offset = offset;
        this.oldText = oldText;
        this.newText = newText;
        this.applied = applied;
        this.lastEdit = System.currentTimeMillis();
    }

    public int offset() {
        return offset;
    }

    public String oldText() {
        return oldText;
    }

    public String newText() {
        return newText;
    }

    @Override
    protected boolean prepare() {
        return true;
    }

    @Override
    public void execute() {
        if (!applied) {
            redoText();
        }
        applied = true;
    }

    @Override
    public void undo() {
        undoText();
        model.reparse();
    }

    @Override
    public void redo() {
        redoText();
        model.reparse();
    }

    /** Puts the old text back without parsing (the caller parses once for several changes). */
    void undoText() {
        model.replaceText(offset, newText.length(), oldText);
        model.select(offset, oldText.length());
    }

    void redoText() {
        model.replaceText(offset, oldText.length(), newText);
        model.select(offset, newText.length());
    }

    /**
     * Takes the user's next keystroke into this change when it continues it: more characters typed
     * right after it, or a backspace over what it typed, within a short pause and on the same line.
     */
    boolean absorb(int at, String removed, String inserted) {
        long now = System.currentTimeMillis();
        if (now - lastEdit > TYPING_PAUSE_MS) {
            return false;
        }
        int end = offset + newText.length();
        boolean typing = removed.isEmpty() && at == end && !inserted.contains("\n") && !inserted.isEmpty() && inserted.length() <= 2;
        boolean backspace = inserted.isEmpty() && at + removed.length() == end && newText.endsWith(removed) && !removed.isEmpty();
        if (typing) {
            newText += inserted;
        } else if (backspace) {
            newText = newText.substring(0, newText.length() - removed.length());
        } else {
            return false;
        }
        lastEdit = now;
        return true;
    }
}
