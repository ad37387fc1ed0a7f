package org.netwright.export;

/** A model value that cannot be exported safely or that the target tool would reject. */
public final class ExportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }
}
