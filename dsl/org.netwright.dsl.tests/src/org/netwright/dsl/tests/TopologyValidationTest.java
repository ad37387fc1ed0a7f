package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.dsl.tests.Nwp.assertError;
import static org.netwright.dsl.tests.Nwp.assertNoIssue;
import static org.netwright.dsl.tests.Nwp.assertWarning;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.netwright.dsl.validation.IssueCodes;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;

/** Interfaces, veth pairs, bridges, links, addresses, listeners, sysctls: failing and passing models. */
class TopologyValidationTest {

    @Test
    void interfaceNameLongerThan15() {
        Issue i = assertError("namespace a {\n\tinterface abcdefghijklmnop\n}\n", IssueCodes.INTERFACE_NAME_TOO_LONG);
        assertTrue(i.getMessage().contains("16 characters"), i.getMessage());
        assertEquals("abcdefghijklmnop", i.getData()[0]);
        assertNoIssue("namespace a {\n\tinterface abcdefghijklmno\n}\n", IssueCodes.INTERFACE_NAME_TOO_LONG);
    }

    @Test
    void interfaceNameWithSlashOrSpace() {
        // the grammar cannot write such names; a model built in code (the diagram) can
        for (String bad : new String[] { "eth/0", "eth 0", "..", "eth:1" }) {
            XtextResource r = Nwp.parse("namespace a {\n\tinterface eth0\n}\n");
            Interface eth = ((Namespace) Nwp.network(r).getNamespaces().get(0)).getInterfaces().get(0);
            eth.setName(bad);
            assertTrue(Nwp.validate(r).stream().anyMatch(x -> IssueCodes.INTERFACE_NAME_INVALID.equals(x.getCode())), bad);
        }
        assertNoIssue("namespace a {\n\tinterface eth0.100\n}\n", IssueCodes.INTERFACE_NAME_INVALID);
    }

    /** The diagram validates models it builds through EMF's Diagnostician: the same rules run. */
    @Test
    void modelsBuiltInCodeAreValidatedByTheDiagnostician() {
        Nwp.INJECTOR.getInstance(org.netwright.dsl.validation.NetwrightValidator.class); // registers the validator
        org.netwright.model.NetwrightFactory f = org.netwright.model.NetwrightFactory.eINSTANCE;
        org.netwright.model.Network network = f.createNetwork();
        Namespace ns = f.createNamespace();
        ns.setName("a");
        org.netwright.model.PhysicalInterface eth = f.createPhysicalInterface();
        eth.setName("a-name-that-is-far-too-long");
        ns.getInterfaces().add(eth);
        network.getNamespaces().add(ns);
        org.eclipse.emf.common.util.Diagnostic d = org.eclipse.emf.ecore.util.Diagnostician.INSTANCE.validate(network);
        assertTrue(d.getChildren().stream().anyMatch(c -> c.getMessage().contains("Linux allows at most 15")), d.toString());
        eth.setName("eth0");
        assertTrue(org.eclipse.emf.ecore.util.Diagnostician.INSTANCE.validate(network).getChildren().stream()
                .noneMatch(c -> c.getMessage().contains("Linux allows")));
    }

    @Test
    void vethWithoutPeer() {
        assertError("namespace a {\n\tveth v0\n}\n", IssueCodes.VETH_PEER_MISSING);
        assertNoIssue("namespace a {\n\tveth v0 <-> b:v1\n}\nnamespace b {\n\tveth v1 <-> a:v0\n}\n", IssueCodes.VETH_PEER_MISSING);
    }

    @Test
    void vethPeerNotNamedBack() {
        Issue i = assertWarning("namespace a {\n\tveth v0 <-> b:v1\n}\nnamespace b {\n\tveth v1\n}\n",
                IssueCodes.VETH_PEER_NOT_MUTUAL);
        assertEquals("a:v0", i.getData()[0]);
        assertNoIssue("namespace a {\n\tveth v0 <-> b:v1\n}\nnamespace b {\n\tveth v1 <-> a:v0\n}\n",
                IssueCodes.VETH_PEER_NOT_MUTUAL);
    }

    @Test
    void vethPeersAsymmetric() {
        assertError("namespace a {\n\tveth v0 <-> b:v1\n\tveth v2 <-> b:v1\n}\nnamespace b {\n\tveth v1 <-> a:v2\n}\n",
                IssueCodes.VETH_PEER_MISMATCH);
        assertError("namespace a {\n\tveth v0 <-> a:v0\n}\n", IssueCodes.VETH_PEER_MISMATCH);
    }

    @Test
    void sameAddressOnBothEndsOfAVethPair() {
        String bad = "namespace a {\n\tveth v0 <-> b:v1 { address 10.1.0.1/24 }\n}\nnamespace b {\n\tveth v1 <-> a:v0 { address 10.1.0.1/24 }\n}\n";
        Nwp.assertIssues(bad, Severity.ERROR, IssueCodes.ADDRESS_CONFLICT, 2);
        assertNoIssue(bad.replaceFirst("10.1.0.1/24 }\n}\n$", "10.1.0.2/24 }\n}\n"), IssueCodes.ADDRESS_CONFLICT);
    }

    @Test
    void sameAddressOnBothEndsOfALink() {
        String bad = "namespace a {\n\tinterface e { address 10.1.0.1/24 }\n}\nnamespace b {\n\tinterface e { address 10.1.0.1/24 }\n}\nlink a:e <-> b:e\n";
        assertError(bad, IssueCodes.ADDRESS_CONFLICT);
        assertNoIssue(bad.replace("b {\n\tinterface e { address 10.1.0.1", "b {\n\tinterface e { address 10.1.0.2"),
                IssueCodes.ADDRESS_CONFLICT);
    }

    @Test
    void sameAddressTwiceInANamespace() {
        Nwp.assertIssues(Nwp.router("dummy d { address 10.0.0.1/32 }"), Severity.ERROR, IssueCodes.ADDRESS_DUPLICATE, 2);
        assertNoIssue(Nwp.router("dummy d { address 10.0.0.9/32 }"), IssueCodes.ADDRESS_DUPLICATE);
    }

    @Test
    void addressLabel() {
        assertError("namespace a {\n\tinterface eth1 { address 1.1.1.2/24 label \"eth0:2\" }\n}\n", IssueCodes.ADDRESS_LABEL_INVALID);
        assertNoIssue("namespace a {\n\tinterface eth1 { address 1.1.1.2/24 label \"eth1:2\" }\n}\n", IssueCodes.ADDRESS_LABEL_INVALID);
    }

    @Test
    void addressPrefixLength() {
        // written text cannot exceed 32 (the grammar's INT is checked by the model's consumers); code can
        XtextResource r = Nwp.parse("namespace a {\n\tinterface eth1 { address 1.1.1.2/24 }\n}\n");
        assertTrue(Nwp.validate(r).stream().noneMatch(x -> IssueCodes.VALUE_OUT_OF_RANGE.equals(x.getCode())));
        ((Namespace) Nwp.network(r).getNamespaces().get(0)).getInterfaces().get(0).getAddresses().get(0).setPrefixLength(33);
        assertTrue(Nwp.validate(r).stream().anyMatch(x -> IssueCodes.VALUE_OUT_OF_RANGE.equals(x.getCode())));
    }

    @Test
    void bridgePorts() {
        assertError("namespace a {\n\tloopback lo\n\tbridge br0 ports lo\n}\n", IssueCodes.BRIDGE_PORT_INVALID);
        Nwp.assertIssues("namespace a {\n\tinterface e\n\tbridge br0 ports e\n\tbridge br1 ports e\n}\n", Severity.ERROR,
                IssueCodes.BRIDGE_PORT_INVALID, 2);
        assertError("namespace a {\n\tbridge br0 ports br0\n}\n", IssueCodes.BRIDGE_PORT_INVALID);
        assertNoIssue("namespace a {\n\tinterface e\n\tinterface f\n\tbridge br0 ports e, f\n}\n", IssueCodes.BRIDGE_PORT_INVALID);
    }

    @Test
    void links() {
        Nwp.assertIssues("namespace a {\n\tveth v <-> b:v\n}\nnamespace b {\n\tveth v <-> a:v\n}\nlink a:v <-> b:v\n",
                Severity.ERROR, IssueCodes.LINK_INVALID, 2);
        Nwp.assertIssues("namespace a {\n\tinterface e\n}\nnamespace b {\n\tinterface e\n}\nnamespace c {\n\tinterface e\n}\n"
                + "link a:e <-> b:e\nlink a:e <-> c:e\n", Severity.ERROR, IssueCodes.LINK_INVALID, 2);
        assertNoIssue("namespace a {\n\tinterface e\n}\nnamespace b {\n\tinterface e\n}\nlink a:e <-> b:e\n", IssueCodes.LINK_INVALID);
    }

    @Test
    void valueRanges() {
        assertError("namespace a {\n\tinterface e\n\tvlan e.5000 link e id 5000\n}\n", IssueCodes.VALUE_OUT_OF_RANGE);
        assertError("namespace a {\n\tinterface e { mtu 20 }\n}\n", IssueCodes.VALUE_OUT_OF_RANGE);
        assertError("namespace a {\n\tlisten tcp\n}\n", IssueCodes.VALUE_OUT_OF_RANGE);
        assertNoIssue("namespace a {\n\tinterface e { mtu 1500 }\n\tvlan e.100 link e id 100\n\tlisten tcp 80\n\tlisten esp\n}\n",
                IssueCodes.VALUE_OUT_OF_RANGE);
    }

    @Test
    void listenOnForeignAddress() {
        assertError(Nwp.router("listen tcp 80 on 10.9.9.9"), IssueCodes.ADDRESS_NOT_LOCAL);
        assertNoIssue(Nwp.router("listen tcp 80 on 10.0.0.1"), IssueCodes.ADDRESS_NOT_LOCAL);
    }

    @Test
    void sysctlForMissingInterface() {
        assertWarning(Nwp.router("sysctl net.ipv4.conf.eth7.rp_filter = 2"), IssueCodes.SYSCTL_UNKNOWN_INTERFACE);
        assertNoIssue(Nwp.router("sysctl net.ipv4.conf.eth1.rp_filter = 2\nsysctl net.ipv4.conf.all.rp_filter = 0"),
                IssueCodes.SYSCTL_UNKNOWN_INTERFACE);
    }

    @Test
    void sysctlValues() {
        assertError(Nwp.router("sysctl net.ipv4.ip_forward = 2"), IssueCodes.SYSCTL_VALUE);
        assertError(Nwp.router("sysctl net.ipv4.conf.all.rp_filter = 3"), IssueCodes.SYSCTL_VALUE);
        assertNoIssue(Nwp.router("sysctl net.ipv4.ip_forward = 1\nsysctl net.ipv4.conf.eth0.rp_filter = 2"),
                IssueCodes.SYSCTL_VALUE);
    }

    @Test
    void bridgeSysctlNeedsBrNetfilter() {
        assertWarning(Nwp.router("sysctl net.bridge.bridge-nf-call-iptables = 1"), IssueCodes.SYSCTL_NEEDS_MODULE);
        assertNoIssue(Nwp.router("modprobe br_netfilter\nsysctl net.bridge.bridge-nf-call-iptables = 1"),
                IssueCodes.SYSCTL_NEEDS_MODULE);
    }

    @Test
    void unknownInterfaceReference() {
        Issue i = assertError(Nwp.router("route default via 10.0.0.254 dev eth9"), IssueCodes.UNKNOWN_INTERFACE);
        assertTrue(i.getMessage().contains("Unknown interface 'eth9' in namespace 'r'"), i.getMessage());
        assertNoIssue(Nwp.router("route default via 10.0.0.254 dev eth0"), IssueCodes.UNKNOWN_INTERFACE);
    }

    private static final String NEIGH_NS = "namespace a {\n\tloopback lo\n\tinterface eth0 { address 10.0.0.1/24 }\n\t%s\n}\n";

    @Test
    void neighbourWithABadLladdr() {
        // (a lladdr that is not hex at all is already a syntax error of the MAC value converter, with its line:column)
        for (String bad : new String[] { "01:00:5e:00:00:01", "00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff" }) {
            Issue i = assertError(String.format(NEIGH_NS, "neigh 10.0.0.2 lladdr " + bad + " dev eth0"),
                    IssueCodes.NEIGH_LLADDR_INVALID);
            assertEquals(bad, i.getData()[0]);
        }
        assertNoIssue(String.format(NEIGH_NS, "neigh 10.0.0.2 lladdr 02:00:00:00:02:01 dev eth0"),
                IssueCodes.NEIGH_LLADDR_INVALID);
    }

    @Test
    void neighbourOnAnUnknownOrLoopbackDevice() {
        Issue unknown = assertError(String.format(NEIGH_NS, "neigh 10.0.0.2 lladdr 02:00:00:00:02:01 dev eth9"),
                IssueCodes.UNKNOWN_INTERFACE);
        assertTrue(unknown.getMessage().contains("eth9"), unknown.getMessage());
        assertError(String.format(NEIGH_NS, "neigh 10.0.0.2 lladdr 02:00:00:00:02:01 dev lo"), IssueCodes.NEIGH_DEVICE_INVALID);
        assertError(String.format(NEIGH_NS, "neigh 224.0.0.5 lladdr 02:00:00:00:02:01 dev eth0"), IssueCodes.NEIGH_ADDRESS_INVALID);
        assertNoIssue(String.format(NEIGH_NS, "neigh 10.0.0.2 lladdr 02:00:00:00:02:01 dev eth0"), IssueCodes.NEIGH_DEVICE_INVALID);
        assertNoIssue(String.format(NEIGH_NS, "neigh 10.0.0.2 lladdr 02:00:00:00:02:01 dev eth0"), IssueCodes.UNKNOWN_INTERFACE);
    }
}
