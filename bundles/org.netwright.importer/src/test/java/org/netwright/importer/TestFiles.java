package org.netwright.importer;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test dumps under src/test/resources: from the test class path, else from the bundle folder. */
final class TestFiles {

    private TestFiles() {
    }

    static Path path(String name) {
        URL url = TestFiles.class.getClassLoader().getResource(name);
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        Path p = Path.of("src/test/resources", name);
        if (Files.exists(p)) {
            return p;
        }
        throw new IllegalStateException("test resource " + name + " not found on the class path nor in " + Path.of("").toAbsolutePath());
    }

    static String text(String name) {
        try {
            return Files.readString(path(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String LAB = "snapshots/lab/";
}
