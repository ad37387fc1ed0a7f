package org.netwright.dsl.resource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.impl.FileURIHandlerImpl;
import org.netwright.input.InputException;
import org.netwright.input.InputFiles;

/**
 * How the language reads {@code .nwp} files from disk, the given ones and every import: only regular files (a
 * pipe, a device or {@code /proc/self/mem} is refused before it is opened, so loading never blocks or runs
 * forever), at most {@link InputFiles#MODEL_BYTES}, UTF-8 (a bad byte is an error at its line and column), lines
 * of bounded length. Models are files: a remote URI ({@code http:} and the like) is never fetched.
 */
public class BoundedFileUriHandler extends FileURIHandlerImpl {
    private static final Set<String> REMOTE = Set.of("http", "https", "ftp", "ftps");

    @Override
    public boolean canHandle(URI uri) {
        return uri.isFile() || REMOTE.contains(uri.scheme());
    }

    @Override
    public InputStream createInputStream(URI uri, Map<?, ?> options) throws IOException {
        if (!uri.isFile()) {
            throw new IOException(uri + ": not a file (models are read from files only)");
        }
        Path path = Path.of(uri.toFileString());
        try {
            String text = InputFiles.readUtf8(path, InputFiles.MODEL_BYTES);
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        } catch (InputException e) {
            throw new IOException(e.describe(), e);
        }
    }

    @Override
    public boolean exists(URI uri, Map<?, ?> options) {
        return uri.isFile() && super.exists(uri, options);
    }

    /** Why the file behind a file URI cannot be read as a model, or null when it can (or is not a file URI). */
    public static String problem(URI uri) {
        return uri.isFile() ? InputFiles.problem(Path.of(uri.toFileString()), InputFiles.MODEL_BYTES) : null;
    }
}
