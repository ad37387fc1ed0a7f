package org.netwright.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRoundTripTest {

    @Test
    void networkSurvivesXmiSaveAndLoad(@TempDir Path dir) throws Exception {
        NetwrightFactory f = NetwrightFactory.eINSTANCE;
        Network network = f.createNetwork();
        Namespace client = f.createNamespace();
        client.setName("client");
        Interface veth0 = f.createVethInterface();
        veth0.setName("veth0");
        client.getInterfaces().add(veth0);
        network.getNamespaces().add(client);

        Resource.Factory.Registry.INSTANCE.getExtensionToFactoryMap().put("xmi", new XMIResourceFactoryImpl());
        ResourceSet rs = new ResourceSetImpl();
        URI uri = URI.createFileURI(dir.resolve("lab.xmi").toString());
        Resource out = rs.createResource(uri);
        out.getContents().add(network);
        out.save(null);

        Resource in = new ResourceSetImpl().getResource(uri, true);
        Network loaded = (Network) in.getContents().get(0);
        assertEquals("veth0", loaded.getNamespaces().get(0).getInterfaces().get(0).getName());
        assertEquals(true, EcoreUtil.equals(network, loaded));
    }
}
