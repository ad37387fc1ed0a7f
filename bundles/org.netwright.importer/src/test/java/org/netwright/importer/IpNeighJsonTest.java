package org.netwright.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.netwright.model.Namespace;
import org.netwright.model.Neighbour;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.PhysicalInterface;

/** neigh.json: the output of {@code ip -4 -j neigh show} (format as this machine's iproute2 writes it). */
class IpNeighJsonTest {
    private static final String JSON = "[{\"dst\":\"10.7.0.5\",\"dev\":\"d0\",\"lladdr\":\"02:00:00:00:02:01\",\"state\":[\"PERMANENT\"]},"
            + "{\"dst\":\"10.7.0.6\",\"dev\":\"d0\",\"lladdr\":\"02:00:00:00:02:02\",\"state\":[\"STALE\"]},"
            + "{\"dst\":\"10.7.0.7\",\"dev\":\"d0\",\"state\":[\"FAILED\"]},"
            + "{\"dst\":\"10.7.0.8\",\"dev\":\"eth9\",\"lladdr\":\"02:00:00:00:02:03\",\"state\":[\"PERMANENT\"]}]";

    @Test
    void onlyPermanentEntriesOnKnownDevicesAreImported() {
        Namespace ns = NetwrightFactory.eINSTANCE.createNamespace();
        ns.setName("n");
        PhysicalInterface d0 = NetwrightFactory.eINSTANCE.createPhysicalInterface();
        d0.setName("d0");
        ns.getInterfaces().add(d0);
        List<ImportProblem> problems = new IpNeighJson().importInto(ns, "n/neigh.json", JSON);
        assertEquals(1, ns.getNeighbours().size(), ns.getNeighbours().toString());
        Neighbour n = ns.getNeighbours().get(0);
        assertEquals("10.7.0.5", String.valueOf(n.getAddress()));
        assertEquals("02:00:00:00:02:01", n.getLladdr());
        assertEquals(d0, n.getDev());
        // the permanent entry on a device the namespace lacks is reported with its place in the file
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).toString().contains("eth9"), problems.toString());
        assertTrue(problems.get(0).toString().contains("n/neigh.json"), problems.toString());
    }
}
