package org.netwright.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netwright.dsl.writer.NwpWriter;
import org.netwright.export.Models;
import org.netwright.importer.SnapshotImporter;
import org.netwright.model.Network;
import org.netwright.model.NetwrightPackage;
import org.netwright.testsupport.ModelNormalizer;

/**
 * {@link NwpWriter} output parses back with the DSL into the model it was written from: for every example (each file
 * with the files it imports, written under the same names) and for a real host snapshot (the importer's test
 * snapshot). Equal means: no parse, link or validation error, the same {@link ModelNormalizer} text, and EMF-equal
 * namespaces, extensions and links except for two spellings the language does not keep apart (an explicit
 * {@code meta} keyword, a quoted nft string).
 */
@SuppressWarnings("unchecked")
class NwpWriterTest {

    static Stream<String> examples() {
        return Examples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsWrittenAndParsesBackEqual(String example, @TempDir Path dir) throws Exception {
        Network main = Examples.loadOne(Examples.folder().resolve(example));
        List<Network> all = Models.withImports(main);
        for (Network n : all) {
            Path rel = Examples.folder().relativize(Path.of(n.eResource().getURI().toFileString()));
            NwpWriter.Result r = NwpWriter.write(n, List.of());
            assertTrue(r.problems().stream().allMatch(p -> p.contains("probes, expectations and scenarios")), r.problems().toString());
            Files.createDirectories(dir.resolve(rel).getParent());
            Files.writeString(dir.resolve(rel), r.text());
        }
        Network parsed = Examples.loadOne(dir.resolve(example));
        List<Network> parsedAll = Models.withImports(parsed);
        ModelNormalizer.Options options = ModelNormalizer.of(all, true);
        String expected = ModelNormalizer.text(all, options);
        String actual = ModelNormalizer.text(parsedAll, options);
        if (!expected.equals(actual)) {
            fail(example + " written and parsed back differs:\n" + ModelNormalizer.diff(expected, actual) + "\n" + Files.readString(dir.resolve(example)));
        }
        for (int i = 0; i < all.size(); i++) {
            assertEqualConfiguration(all.get(i), parsedAll.get(i), example);
        }
    }

    @Test
    void anImportedHostSnapshotIsWrittenAndParsesBackEqual(@TempDir Path dir) throws Exception {
        Path snapshot = Examples.folder().getParent().resolve("bundles/org.netwright.importer/src/test/resources/snapshots/lab");
        Network imported = new SnapshotImporter().importFolder(snapshot).network();
        NwpWriter.Result r = NwpWriter.write(imported, List.of("imported from " + snapshot.getFileName()));
        Files.writeString(dir.resolve("host.nwp"), r.text());
        // the snapshot has IPv6 addresses and routes: the language writes them like IPv4 ones
        assertTrue(r.problems().stream().noneMatch(p -> p.contains("IPv4") || p.contains("IPv6")), r.problems().toString());
        assertTrue(r.text().contains("# not written"), r.text());
        Network parsed;
        try {
            parsed = Examples.loadOne(dir.resolve("host.nwp"));
        } catch (AssertionError e) {
            StringBuilder numbered = new StringBuilder();
            List<String> lines = r.text().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                numbered.append(i + 1).append(": ").append(lines.get(i)).append('\n');
            }
            throw new AssertionError(e.getMessage() + "\n" + numbered, e);
        }
        ModelNormalizer.Options options = ModelNormalizer.of(List.of(imported), true);
        String expected = ModelNormalizer.text(List.of(imported), options);
        String actual = ModelNormalizer.text(List.of(parsed), options);
        // what differs is exactly what the writer reported it cannot express, written as comments: a rule the importer
        // kept opaque, a reject type that is a keyword of the language, an ingress hook whose device the dump does not
        // name (this snapshot predates nft.txt); recent's --mask, once reserved, is written since the language knows recent
        String diff = ModelNormalizer.diff(expected, actual);
        List<String> missing = diff.lines().filter(l -> l.startsWith("- ")).toList();
        assertEquals(List.of("+     chain ing"), diff.lines().filter(l -> l.startsWith("+ ")).toList(), diff);
        assertEquals(3, missing.size(), diff);
        assertTrue(missing.get(0).contains("opaque") && missing.get(1).contains("port-unreachable") && missing.get(2).contains("hook ingress"),
                diff);
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("names no device")), r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("kept opaque")), r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("port-unreachable")), r.problems().toString());
        assertTrue(r.problems().stream().noneMatch(p -> p.contains("--mask")), r.problems().toString());
        assertTrue(r.text().lines().anyMatch(l -> l.contains("--mask") && !l.contains("#")), "recent --mask is written: " + r.text());
        assertEquals(2, r.text().lines().filter(l -> l.contains("opaque nft rule") || l.contains("# not written (") && l.contains("port-unreachable"))
                .count(), r.text());
        assertEquals(NwpWriter.write(imported, List.of("imported from " + snapshot.getFileName())).text(), r.text(), "deterministic");
    }

    static void assertEqualConfiguration(Network expected, Network actual, String what) {
        EcoreUtil.EqualityHelper eq = new EcoreUtil.EqualityHelper() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean haveEqualAttribute(EObject a, EObject b, EAttribute attribute) {
                if (attribute == NetwrightPackage.Literals.NFT_META_EXPR__EXPLICIT_META) {
                    return true;
                }
                if (attribute == NetwrightPackage.Literals.NFT_LITERAL__VALUE) {
                    return unquote((String) a.eGet(attribute)).equals(unquote((String) b.eGet(attribute)));
                }
                return super.haveEqualAttribute(a, b, attribute);
            }
        };
        assertEquals(expected.getNamespaces().size(), actual.getNamespaces().size(), what);
        for (int i = 0; i < expected.getExtensions().size(); i++) {
            String d = firstDifference(expected.getExtensions().get(i), actual.getExtensions().get(i), "extend " + i);
            assertEquals(null, d, what);
        }
        for (int i = 0; i < expected.getNamespaces().size(); i++) {
            String d = firstDifference(expected.getNamespaces().get(i), actual.getNamespaces().get(i), expected.getNamespaces().get(i).getName());
            assertEquals(null, d, what);
        }
        for (int i = 0; i < expected.getNamespaces().size(); i++) {
            assertTrue(eq.equals(expected.getNamespaces().get(i), actual.getNamespaces().get(i)), what + ": namespace " + expected.getNamespaces().get(i).getName());
        }
        for (int i = 0; i < expected.getExtensions().size(); i++) {
            assertTrue(eq.equals(expected.getExtensions().get(i), actual.getExtensions().get(i)), what + ": extension " + i);
        }
        assertTrue(eq.equals(new ArrayList<EObject>(expected.getLinks()), new ArrayList<EObject>(actual.getLinks())), what + ": links");
    }

    /** Where two trees first differ in an attribute or in the number of contained objects (for a readable failure). */
    static String firstDifference(EObject a, EObject b, String path) {
        if (a.eClass() != b.eClass()) {
            return path + ": " + a.eClass().getName() + " vs " + b.eClass().getName();
        }
        for (EAttribute at : a.eClass().getEAllAttributes()) {
            Object x = a.eGet(at);
            Object y = b.eGet(at);
            if (at == NetwrightPackage.Literals.NFT_META_EXPR__EXPLICIT_META) {
                continue;
            }
            if (at == NetwrightPackage.Literals.NFT_LITERAL__VALUE) {
                x = unquote((String) x);
                y = unquote((String) y);
            }
            if (!java.util.Objects.equals(x, y) || a.eIsSet(at) != b.eIsSet(at)) {
                return path + "." + at.getName() + ": " + x + (a.eIsSet(at) ? "" : " (unset)") + " vs " + y + (b.eIsSet(at) ? "" : " (unset)");
            }
        }
        for (var ref : a.eClass().getEAllContainments()) {
            List<EObject> xs = ref.isMany() ? (List<EObject>) a.eGet(ref) : a.eGet(ref) == null ? List.of() : List.of((EObject) a.eGet(ref));
            List<EObject> ys = ref.isMany() ? (List<EObject>) b.eGet(ref) : b.eGet(ref) == null ? List.of() : List.of((EObject) b.eGet(ref));
            if (xs.size() != ys.size()) {
                return path + "." + ref.getName() + ": " + xs.size() + " vs " + ys.size();
            }
            for (int i = 0; i < xs.size(); i++) {
                String d = firstDifference(xs.get(i), ys.get(i), path + "." + ref.getName() + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private static String unquote(String s) {
        return s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : String.valueOf(s);
    }
}
