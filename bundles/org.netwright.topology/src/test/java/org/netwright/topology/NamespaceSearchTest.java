package org.netwright.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.model.Address;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.semantics.IpAddress;

class NamespaceSearchTest {
    private static Namespace ns(String name, String address) {
        Namespace ns = NetwrightFactory.eINSTANCE.createNamespace();
        ns.setName(name);
        PhysicalInterface itf = NetwrightFactory.eINSTANCE.createPhysicalInterface();
        itf.setName("eth0");
        Address a = NetwrightFactory.eINSTANCE.createAddress();
        a.setAddress(IpAddress.parse(address));
        a.setPrefixLength(24);
        itf.getAddresses().add(a);
        ns.getInterfaces().add(itf);
        return ns;
    }

    private final List<Namespace> all = List.of(ns("router-a", "10.0.1.1"), ns("router", "10.0.2.1"), ns("Web-1", "192.168.7.10"));

    @Test
    void anExactNameWinsOverAPartOfAnother() {
        assertEquals("router", NamespaceSearch.find(all, "router").getName());
        assertEquals("router-a", NamespaceSearch.find(all, "ter-").getName());
    }

    @Test
    void namesMatchIgnoringCaseAndAddressesByTheirStart() {
        assertEquals("Web-1", NamespaceSearch.find(all, "web").getName());
        assertEquals("Web-1", NamespaceSearch.find(all, "192.168.7").getName());
        assertEquals("router", NamespaceSearch.find(all, " 10.0.2.1 ").getName());
    }

    @Test
    void nothingMatchesABlankOrUnknownQuery() {
        assertNull(NamespaceSearch.find(all, "  "));
        assertNull(NamespaceSearch.find(all, "10.9."));
        assertNull(NamespaceSearch.find(all, "db"));
    }
}
