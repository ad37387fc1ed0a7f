package org.netwright.mapping;

import org.netwright.engine.SourceRef;

/**
 * A problem found while mapping the model onto the engine: an {@code ERROR} makes the view unusable
 * (bad address, dangling reference), a {@code WARNING} says a construct is not modelled or only
 * approximated, and how the engine treats it. {@code opaque}: the warning names a match or statement the engine does
 * not execute, kept as an opaque element (a walk that passes it is uncertain); {@code validate} and {@code import} list
 * these.
 */
public record MappingIssue(Severity severity, String message, SourceRef where, boolean opaque) {
    /** Issue severities. */
    public enum Severity {
        ERROR, WARNING
    }

    public MappingIssue(Severity severity, String message, SourceRef where) {
        this(severity, message, where, false);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * Why a value of the model could not be mapped, in the product's words: a number that does not parse or does not
     * fit is said to be one (the issue shows the model text with it), never Java's "For input string".
     */
    public static String reason(RuntimeException e) {
        if (e instanceof NumberFormatException) {
            return "a number is out of range or not a number";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code file:line:column: warning: message (text)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (where != null && where.file() != null) {
            sb.append(where.file()).append(':').append(where.line()).append(':').append(where.column()).append(": ");
        }
        sb.append(severity.name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(message);
        if (where != null && where.text() != null && !where.text().isEmpty()) {
            sb.append(" [").append(where.text()).append(']');
        }
        return sb.toString();
    }
}
