package org.netwright.engine;

/**
 * A rule element the engine does not execute exactly, met on a walk's path: what was not understood and where it
 * is written. A walk that met one is uncertain.
 */
public record OpaqueElement(String what, SourceRef where, boolean statement) {
    /** {@code file:line:column: } (when known) and what was not understood. */
    @Override
    public String toString() {
        String loc = where == null || where.file() == null ? "" : where.file() + ":" + where.line() + ":" + where.column() + ": ";
        return loc + (statement ? "statement " : "match ") + what;
    }
}
