package org.netwright.model.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Import;
import org.netwright.model.IptMasqueradeTarget;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.Namespace;
import org.netwright.model.NamespaceExtension;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;

/** The import closure and the assembly of a namespace with its extend blocks, over files on disk. */
class ImportsTest {
    private static final NetwrightFactory F = NetwrightFactory.eINSTANCE;

    private static Network network(String name, String... imports) {
        Network n = F.createNetwork();
        for (String i : imports) {
            Import imp = F.createImport();
            imp.setImportURI(i);
            n.getImports().add(imp);
        }
        return n;
    }

    private static Namespace namespace(Network n, String name) {
        Namespace ns = F.createNamespace();
        ns.setName(name);
        n.getNamespaces().add(ns);
        return ns;
    }

    private static NamespaceExtension extend(Network n, Namespace target) {
        NamespaceExtension ext = F.createNamespaceExtension();
        ext.setNamespace(target);
        n.getExtensions().add(ext);
        return ext;
    }

    private static void save(Path dir, String file, Network n) throws Exception {
        ResourceSet rs = new ResourceSetImpl();
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put("xmi", new XMIResourceFactoryImpl());
        Resource r = rs.createResource(URI.createFileURI(dir.resolve(file).toString()));
        r.getContents().add(n);
        r.save(null);
    }

    @Test
    void closureFollowsImportsOnceInBothOrdersAndListsWhatItCannotFollow(@TempDir Path dir) throws Exception {
        // a imports b and c and a missing file; b imports c; c imports b (a cycle)
        Network c = network("c", "b.xmi");
        Namespace router = namespace(c, "router");
        Network b = network("b", "c.xmi");
        Network a = network("a", "b.xmi", "c.xmi", "missing.xmi");
        namespace(a, "client");
        extend(a, router);
        extend(b, router);
        save(dir, "c.xmi", c);
        // extensions refer to router across files: save every file into one resource set
        ResourceSet rs = new ResourceSetImpl();
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put("xmi", new XMIResourceFactoryImpl());
        for (var e : List.of(java.util.Map.entry("c.xmi", c), java.util.Map.entry("b.xmi", b), java.util.Map.entry("a.xmi", a))) {
            Resource r = rs.createResource(URI.createFileURI(dir.resolve(e.getKey()).toString()));
            r.getContents().add(e.getValue());
        }
        for (Resource r : List.copyOf(rs.getResources())) {
            r.save(null);
        }

        ResourceSet fresh = new ResourceSetImpl();
        fresh.getResourceFactoryRegistry().getExtensionToFactoryMap().put("xmi", new XMIResourceFactoryImpl());
        Network loadedA = (Network) fresh.getResource(URI.createFileURI(dir.resolve("a.xmi").toString()), true).getContents().get(0);
        Imports.Closure closure = Imports.closure(loadedA);
        List<String> files = closure.networks().stream().map(n -> n.eResource().getURI().lastSegment()).toList();
        assertEquals(List.of("a.xmi", "b.xmi", "c.xmi"), files);
        List<String> importsFirst = closure.importsFirst().stream().map(n -> n.eResource().getURI().lastSegment()).toList();
        assertEquals(List.of("c.xmi", "b.xmi", "a.xmi"), importsFirst);
        assertEquals(1, closure.problems().size());
        assertTrue(closure.problems().get(0).message().startsWith("import \"missing.xmi\": "), closure.problems().toString());
        assertTrue(closure.problems().get(0).message().contains("does not exist"), closure.problems().toString());

        List<NamespaceConfig> configs = NamespaceConfig.of(closure.networks());
        assertEquals(List.of("client", "router"), configs.stream().map(NamespaceConfig::name).toList());
        NamespaceConfig routerConfig = configs.get(1);
        assertEquals(3, routerConfig.parts().size(), "the declaration and both extend blocks");
        assertTrue(routerConfig.parts().get(0) instanceof Namespace);
        assertEquals(List.of(), NamespaceConfig.unresolved(closure.networks()));
        // a file sees only the extensions of the files it imports: b does not import a
        Network loadedB = closure.networks().get(1);
        Namespace loadedRouter = (Namespace) routerConfig.parts().get(0);
        List<ConfigContainer> fromB = Namespaces.contributions(loadedRouter, loadedB);
        assertEquals(2, fromB.size(), "router and b's extend block");
    }

    @Test
    void typedValuesSurviveXmi(@TempDir Path dir) throws Exception {
        Network n = network("n");
        Namespace ns = namespace(n, "host");
        IptablesRuleset rs = F.createIptablesRuleset();
        ns.getIptablesRulesets().add(rs);
        var table = F.createIptablesTable();
        rs.getTables().add(table);
        var rule = F.createIptRule();
        table.getRules().add(rule);
        IptMasqueradeTarget masq = F.createIptMasqueradeTarget();
        masq.setPorts(PortRange.of(1000, 2000));
        rule.setTarget(masq);
        save(dir, "n.xmi", n);
        ResourceSet fresh = new ResourceSetImpl();
        fresh.getResourceFactoryRegistry().getExtensionToFactoryMap().put("xmi", new XMIResourceFactoryImpl());
        Network loaded = (Network) fresh.getResource(URI.createFileURI(dir.resolve("n.xmi").toString()), true).getContents().get(0);
        IptMasqueradeTarget back = (IptMasqueradeTarget) loaded.getNamespaces().get(0).getIptablesRulesets().get(0).getTables().get(0)
                .getRules().get(0).getTarget();
        assertEquals(PortRange.of(1000, 2000), back.getPorts());
    }
}
