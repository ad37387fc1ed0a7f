package org.netwright.input;

/**
 * Input that cannot be read or understood: a missing or special file, one too large, text that is not UTF-8,
 * JSON that does not parse. Carries where (file, 1-based line and column, 0 when unknown) so that every reader
 * reports it the same way, {@code file:line:column: message}. It is the user's input that is wrong, never the
 * program: callers report it and exit with "invalid input".
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;

    public InputException(String file, int line, int column, String message) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public InputException(String file, String message) {
        this(file, 0, 0, message);
    }

    /** The file as the user named it (null when the input is not a file). */
    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** {@code file:line:column: message}, {@code file: message} without a position, or just the message. */
    public String describe() {
        if (file == null) {
            return getMessage();
        }
        return file + (line > 0 ? ":" + line + ":" + Math.max(column, 1) : "") + ": " + getMessage();
    }

    @Override
    public String toString() {
        return describe();
    }
}
