package org.netwright.headless;

import java.nio.file.Path;
import java.util.List;

import org.netwright.input.Printable;

/**
 * A host snapshot folder as model text: the text ({@code netwright import} writes it to a file), the number of
 * namespaces, the problems of the dumps, what the language cannot express (left out of the text, said in its
 * comments), and the text loaded back as a model (null when there is no namespace). {@link #sources()} having an
 * error is a bug of the importer, never a fault of the snapshot.
 */
public record SnapshotImport(Path folder, String text, int namespaces, List<Problem> problems, List<String> notWritten,
        Sources sources) {
    public SnapshotImport {
        problems = List.copyOf(problems);
        notWritten = notWritten.stream().map(Printable::escape).toList();
    }

    /** An error in a dump (or no namespace at all): the snapshot is not usable as a model as it is. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
