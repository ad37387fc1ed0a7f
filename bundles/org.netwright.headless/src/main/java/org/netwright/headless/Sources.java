package org.netwright.headless;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.netwright.mapping.SourceLocator;
import org.netwright.model.Network;

/**
 * The files of one run, each loaded with everything it imports, and every problem found on the way: files that
 * cannot be read, syntax and link errors, validation issues of the language (all severities, of the given files
 * and of what they import, each once). What {@code validate} prints; {@code check}, {@code walk} and
 * {@code export} start only when there is no error.
 */
public final class Sources {
    private final List<SourceFile> files;
    private final List<Problem> problems;
    private final SourceLocator locator;

    Sources(List<SourceFile> files, List<Problem> problems, SourceLocator locator) {
        this.files = List.copyOf(files);
        this.problems = List.copyOf(problems);
        this.locator = locator;
    }

    /** Models built in memory (by a program or a test), one per named file, with no problems; positions from {@code locator}. */
    public static Sources of(List<Path> files, List<Network> models, SourceLocator locator) {
        if (files.size() != models.size()) {
            throw new IllegalArgumentException(files.size() + " files but " + models.size() + " models");
        }
        List<SourceFile> sources = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            sources.add(new SourceFile(files.get(i), models.get(i)));
        }
        return new Sources(sources, List.of(), locator);
    }

    public List<SourceFile> files() {
        return files;
    }

    /** The models of the files that loaded, in the order of {@link #files()}. */
    public List<Network> models() {
        return files.stream().filter(SourceFile::loaded).map(SourceFile::model).toList();
    }

    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** Where model elements come from (file, line, column, text), for traces and mapping problems. */
    public SourceLocator locator() {
        return locator;
    }
}
