package org.netwright.mapping;

import org.netwright.engine.SourceRef;

/**
 * A problem found while mapping the model onto the engine: an {@code ERROR} makes the view unusable
 * (bad address, dangling reference), a {@code WARNING} says a construct is not modelled or only
 * approximated, and how the engine treats it.
 */
public record MappingIssue(Severity severity, String message, SourceRef where) {
    /** Issue severities. */
    public enum Severity {
        ERROR, WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
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
