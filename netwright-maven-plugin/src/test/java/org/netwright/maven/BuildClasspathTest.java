package org.netwright.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugin's class path is declared by hand in its pom (see the comment there): these tests keep it in step with
 * the bundles' manifests and with the target platform, so that a bundle that gains a dependency, or a library whose
 * version moves in the target, breaks this build and not a user's.
 */
class BuildClasspathTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPO = MODULE.getParent();

    /** groupId:artifactId -> version of this pom's dependencies, properties resolved (${xtext.version} from the parent). */
    static Map<String, String> pomDependencies() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.putAll(properties(parse(REPO.resolve("pom.xml"))));
        Document pom = parse(MODULE.resolve("pom.xml"));
        properties.putAll(properties(pom));
        properties.put("project.version", "0.1.0-SNAPSHOT");
        Map<String, String> deps = new LinkedHashMap<>();
        Element dependencies = null; // the project's own, not those of <dependencyManagement>
        for (org.w3c.dom.Node n = pom.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("dependencies")) {
                dependencies = e;
            }
        }
        NodeList list = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            if (d.getParentNode() != dependencies) {
                continue;
            }
            String version = text(d, "version");
            Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(version);
            if (m.matches()) {
                version = properties.get(m.group(1));
            }
            deps.put(text(d, "groupId") + ":" + text(d, "artifactId"), version);
        }
        return deps;
    }

    @Test
    void everyLibraryHasTheVersionTheTargetPlatformPins() throws Exception {
        Map<String, String> target = new LinkedHashMap<>();
        Document doc = parse(REPO.resolve("releng/org.netwright.targetplatform/org.netwright.targetplatform.target"));
        NodeList list = doc.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            target.put(text(d, "groupId") + ":" + text(d, "artifactId"), text(d, "version"));
        }
        int compared = 0;
        for (Map.Entry<String, String> dep : pomDependencies().entrySet()) {
            if (dep.getKey().startsWith("org.netwright:") || dep.getKey().startsWith("org.apache.maven") || dep.getKey().startsWith("org.junit")) {
                continue;
            }
            assertTrue(target.containsKey(dep.getKey()), dep.getKey() + " is not in the target platform: the bundles do not use it");
            assertEquals(target.get(dep.getKey()), dep.getValue(), dep.getKey() + ": the plugin and the target platform disagree");
            compared++;
        }
        assertTrue(compared >= 5, "the libraries were found in the pom: " + compared);
    }

    /** Every org.netwright bundle the headless and report bundles require, transitively, is a dependency of the plugin. */
    @Test
    void everyBundleTheReportsNeedIsADependency() throws Exception {
        Map<String, Path> bundles = new LinkedHashMap<>();
        for (String folder : new String[] {"bundles", "dsl"}) {
            try (var s = Files.list(REPO.resolve(folder))) {
                for (Path b : s.toList()) {
                    if (Files.isRegularFile(b.resolve("META-INF/MANIFEST.MF"))) {
                        bundles.put(b.getFileName().toString(), b);
                    }
                }
            }
        }
        Set<String> needed = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(java.util.List.of("org.netwright.report"));
        while (!todo.isEmpty()) {
            String b = todo.pop();
            if (!needed.add(b)) {
                continue;
            }
            Manifest mf;
            try (var in = Files.newInputStream(bundles.get(b).resolve("META-INF/MANIFEST.MF"))) {
                mf = new Manifest(in);
            }
            String required = mf.getMainAttributes().getValue("Require-Bundle");
            for (String r : clauses(required)) {
                String name = r.split(";")[0].strip();
                if (name.startsWith("org.netwright.")) {
                    todo.push(name);
                }
            }
        }
        Set<String> declared = new TreeSet<>();
        pomDependencies().keySet().stream().filter(k -> k.startsWith("org.netwright:")).forEach(k -> declared.add(k.substring("org.netwright:".length())));
        assertEquals(needed, declared, "the plugin's org.netwright dependencies are the closure of org.netwright.report's Require-Bundle");
    }

    /** A manifest header's clauses: split at the commas that are not inside quotes. */
    static java.util.List<String> clauses(String header) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(clause.toString());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        out.add(clause.toString());
        return out;
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList props = pom.getElementsByTagName("properties");
        if (props.getLength() > 0) {
            NodeList children = props.item(0).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e) {
                    out.put(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        return out;
    }

    private static String text(Element e, String child) {
        NodeList l = e.getElementsByTagName(child);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().strip();
    }
}
