package org.netwright.importer;

import java.util.Locale;

import org.netwright.input.Json;
import org.netwright.input.Printable;

/**
 * Something an importer could not understand (or wants the user to know), with where it was found:
 * 1-based line and column (0 when unknown) and, for JSON input, the JSON path of the element
 * ({@code $.nftables[12].rule.expr[1]}).
 */
public record ImportProblem(Severity severity, String file, int line, int column, String message, String jsonPath) {

    public enum Severity { ERROR, WARNING, INFO }

    /** Messages quote the input: its control characters are shown as escapes, never sent to the terminal. */
    public ImportProblem {
        message = Printable.escape(message);
        jsonPath = Printable.escape(jsonPath);
        file = Printable.escape(file);
    }

    public ImportProblem(Severity severity, String file, int line, int column, String message) {
        this(severity, file, line, column, message, null);
    }

    public static ImportProblem error(String file, int line, int column, String message) {
        return new ImportProblem(Severity.ERROR, file, line, column, message, null);
    }

    public static ImportProblem warning(String file, int line, int column, String message) {
        return new ImportProblem(Severity.WARNING, file, line, column, message, null);
    }

    /** A problem located at a JSON element. */
    public static ImportProblem at(Severity severity, String file, Json.Value where, String message) {
        return where == null ? new ImportProblem(severity, file, 0, 0, message, null)
                : new ImportProblem(severity, file, where.line(), where.column(), message, where.path());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + message
                + (jsonPath == null ? "" : " (at " + jsonPath + ")");
    }
}
