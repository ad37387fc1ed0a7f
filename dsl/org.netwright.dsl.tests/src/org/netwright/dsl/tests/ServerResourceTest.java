package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netwright.dsl.ide.server.ExportedNamesStrategy;
import org.netwright.dsl.ide.server.NetwrightServerResource;

/**
 * The language server's faster rebuild gives the same answers as Xtext's defaults: the same proxy URIs when a file
 * is unloaded, the same exported names in the index; and it generates nothing.
 */
class ServerResourceTest {

    static List<Path> examples() throws Exception {
        return ExamplesParseTest.examples().toList();
    }

    private static XtextResource load(Path file) {
        Resource r = Nwp.resourceSet().getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
        return assertInstanceOf(NetwrightServerResource.class, r);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void unloadingGivesEveryObjectTheProxyUriOfItsFragment(Path file) {
        XtextResource r = load(file);
        EcoreUtil.resolveAll(r);
        Map<EObject, URI> expected = new IdentityHashMap<>();
        for (TreeIterator<EObject> it = r.getAllContents(); it.hasNext();) {
            EObject o = it.next();
            expected.put(o, r.getURI().appendFragment(r.getURIFragment(o)));
        }
        assertTrue(expected.size() > 1, file + " has objects");
        r.unload();
        expected.forEach((o, uri) -> {
            assertTrue(o.eIsProxy(), o + " is a proxy");
            assertEquals(uri, ((InternalEObject) o).eProxyURI(), o.eClass().getName());
        });
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theIndexExportsWhatXtextsDefaultStrategyExports(Path file) {
        XtextResource r = load(file);
        IDefaultResourceDescriptionStrategy bound = Nwp.INJECTOR.getInstance(IDefaultResourceDescriptionStrategy.class);
        assertInstanceOf(ExportedNamesStrategy.class, bound);
        DefaultResourceDescriptionStrategy plain = new DefaultResourceDescriptionStrategy();
        Nwp.INJECTOR.injectMembers(plain);
        assertEquals(exported(r, plain), exported(r, bound));
    }

    /** As Xtext's resource description computes them: every proper content, a subtree skipped when the strategy says so. */
    private static List<String> exported(Resource r, IDefaultResourceDescriptionStrategy strategy) {
        List<String> result = new ArrayList<>();
        for (TreeIterator<EObject> it = EcoreUtil.getAllProperContents(r, false); it.hasNext();) {
            EObject o = it.next();
            List<IEObjectDescription> found = new ArrayList<>();
            if (!strategy.createEObjectDescriptions(o, found::add)) {
                it.prune();
            }
            found.forEach(d -> result.add(d.getQualifiedName() + " " + d.getEObjectURI() + " " + d.getEClass().getName()));
        }
        return result;
    }

    /** Xtext's default would validate the file a second time to decide; there is nothing to generate. */
    @Test
    void theServerGeneratesNothing() throws Exception {
        XtextResource r = load(examples().get(0));
        assertTrue(r.getErrors().isEmpty());
        assertFalse(Nwp.INJECTOR.getInstance(IShouldGenerate.class).shouldGenerate(r, CancelIndicator.NullImpl));
    }
}
