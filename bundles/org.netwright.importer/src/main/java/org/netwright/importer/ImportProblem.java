package org.netwright.importer;

/** Something an importer could not understand, with where it was found (1-based line and column). */
public record ImportProblem(Severity severity, String file, int line, int column, String message) {

    public enum Severity { ERROR, WARNING }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
