package org.netwright.headless;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

import org.netwright.input.Printable;

/**
 * Something wrong (or worth knowing) in the user's input, where it is: the file, 1-based line and column (0 when
 * the problem concerns the whole file), a severity, a stable code (an issue code of the language such as
 * {@code org.netwright.dsl.valueOutOfRange}, or one of {@link Problem#UNREADABLE}, {@link Problem#MAPPING},
 * {@link Problem#IMPORT}) and the message. Reports (SARIF, JUnit, Maven's log) use the fields; people read
 * {@link #toString()}, {@code file:line:column: severity: message}.
 */
public record Problem(Path file, int line, int column, Severity severity, String code, String message) {
    /** A file that cannot be read: missing, a folder, a special file, too large, not UTF-8. */
    public static final String UNREADABLE = "org.netwright.input.unreadable";
    /** The model cannot be mapped onto the packet-walk engine (an error) or only approximately (a warning). */
    public static final String MAPPING = "org.netwright.engine.mapping";
    /** The exporters refuse a value (the language's rules should have refused it first, at its position). */
    public static final String EXPORT = "org.netwright.export.refused";
    /** A problem of a host snapshot (a dump that does not parse, a construct kept opaque). */
    public static final String IMPORT = "org.netwright.importer.snapshot";

    public enum Severity { ERROR, WARNING, INFO }

    /** In the order people read them: by file as given, then by position. */
    public static final Comparator<Problem> BY_POSITION = Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

    /** A message that quotes the input shows its control characters as escapes ({@link Printable}). */
    public Problem {
        message = message == null ? "" : Printable.escape(message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The file as people read it: relative to the working directory when below it, else as it is. */
    public String displayFile() {
        return display(file);
    }

    static String display(Path file) {
        if (file == null) {
            return null;
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute).toString() : file.toString();
    }

    /** {@code file:line:column: severity: message}; a problem of a whole file is shown at 1:1, so every line parses alike. */
    @Override
    public String toString() {
        String where = file == null ? "" : displayFile() + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": ";
        return where + severity.name().toLowerCase(Locale.ROOT) + ": " + message;
    }
}
