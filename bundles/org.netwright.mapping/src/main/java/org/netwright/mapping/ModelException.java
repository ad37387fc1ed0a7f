package org.netwright.mapping;

import org.netwright.engine.SourceRef;

/** A model element that cannot be mapped (bad address, missing reference); carries where it is. */
public final class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SourceRef where;

    public ModelException(String message, SourceRef where) {
        super(message);
        this.where = where;
    }

    public SourceRef where() {
        return where;
    }

    /** {@code file:line:column: message} when the position is known. */
    public String describe() {
        if (where != null && where.file() != null) {
            return where.file() + ":" + where.line() + ":" + where.column() + ": " + getMessage();
        }
        return getMessage();
    }
}
