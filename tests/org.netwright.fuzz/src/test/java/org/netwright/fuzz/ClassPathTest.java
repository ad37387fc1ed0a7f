package org.netwright.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

/**
 * This module lists the product's bundles in its pom by hand (plain Maven, no OSGi): when a bundle starts to require
 * another one, a missing entry would only show as a NoClassDefFoundError deep inside a fuzz run. Checked here, from
 * the bundles' own manifests, with the names of the missing entries.
 */
class ClassPathTest {

    @Test
    void everyNetwrightBundleThatABundleOnTheClassPathRequiresIsOnTheClassPathToo() throws IOException {
        Set<String> present = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            try (InputStream in = url.openStream()) {
                var attributes = new Manifest(in).getMainAttributes();
                String name = attributes.getValue("Bundle-SymbolicName");
                if (name == null || !name.startsWith("org.netwright.")) {
                    continue;
                }
                present.add(name.split(";")[0].strip());
                String requires = attributes.getValue("Require-Bundle");
                for (String clause : requires == null ? new String[0] : requires.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                    String bundle = clause.split(";")[0].strip();
                    if (bundle.startsWith("org.netwright.") && !clause.contains("resolution:=optional")) {
                        required.add(bundle);
                    }
                }
            }
        }
        assertFalse(present.isEmpty(), "no Netwright bundle found on the class path");
        List<String> missing = new ArrayList<>(required);
        missing.removeAll(present);
        assertEquals(List.of(), missing, "add these bundles to tests/org.netwright.fuzz/pom.xml");
    }
}
