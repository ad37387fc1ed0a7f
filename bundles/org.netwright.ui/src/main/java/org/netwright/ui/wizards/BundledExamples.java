package org.netwright.ui.wizards;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Path;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/** The examples shipped in this bundle ({@code examples/<folder>/<file>.nwp}, copied from the repository's examples/ at build time). */
public final class BundledExamples {
    /** One example file: {@code 000-zephyr-nat/broken.nwp}. */
    public record Example(String folder, String file, String title) {
        public String path() {
            return folder + "/" + file;
        }

        @Override
        public String toString() {
            return path() + (title.isEmpty() ? "" : "  \u2014  " + title);
        }
    }

    private BundledExamples() {
    }

    private static Bundle bundle() {
        return Platform.getBundle("org.netwright.ui");
    }

    public static List<Example> all() {
        List<Example> out = new ArrayList<>();
        Enumeration<URL> entries = bundle().findEntries("examples", "*.nwp", true);
        if (entries == null) {
            return out;
        }
        for (URL url : Collections.list(entries)) {
            String p = url.getPath();
            String rel = p.substring(p.indexOf("examples/") + "examples/".length());
            int slash = rel.lastIndexOf('/');
            if (slash < 0) {
                continue;
            }
            String folder = rel.substring(0, slash);
            String file = rel.substring(slash + 1);
            out.add(new Example(folder, file, title(url)));
        }
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return out;
    }

    /** The first comment line of the file, without the '#'. */
    private static String title(URL url) {
        try (InputStream in = url.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("");
            return first.startsWith("#") ? first.substring(1).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Copies the example's whole folder (the file imports its siblings) into {@code target}/folder and
     * returns the copied file. Existing files are left as they are.
     */
    public static IFile copy(Example example, IContainer target) throws CoreException, IOException {
        IFolder folder = target.getFolder(new Path(example.folder()));
        create(folder);
        Enumeration<URL> entries = bundle().findEntries("examples/" + example.folder(), "*", false);
        for (URL url : entries == null ? List.<URL>of() : Collections.list(entries)) {
            String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            if (name.isEmpty()) {
                continue;
            }
            IFile file = folder.getFile(name);
            if (!file.exists()) {
                try (InputStream in = url.openStream()) {
                    file.create(in, true, null);
                }
            }
        }
        return folder.getFile(example.file());
    }

    /** Creates the folder and the folders above it that do not exist yet (examples/headless-build/src/main/netwright). */
    private static void create(IContainer container) throws CoreException {
        if (container instanceof IFolder folder && !folder.exists()) {
            create(folder.getParent());
            folder.create(true, true, null);
        }
    }
}
