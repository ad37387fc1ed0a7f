package org.netwright.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.lab.ConntrackEntry;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.KernelProbe;
import org.netwright.lab.LabNames;
import org.netwright.lab.ModelLab;
import org.netwright.lab.NetnsLab;

/**
 * A model lab carries traffic as modelled: the masquerade baseline, with the model's listeners started, answers a TCP
 * probe from the LAN, and the router's conntrack table shows the masquerade. The handle maps model names to lab
 * namespaces for {@link KernelProbe}. Needs root: skipped otherwise, an error under CI=true.
 */
class ModelLabTrafficTest {

    @BeforeEach
    void needKernel() {
        KernelAvailability.require();
    }

    @Test
    void masqueradeBaselineForwardsAndTranslatesInTheKernel() {
        try (ModelLab lab = ModelLab.up(Examples.load("baselines/masquerade-nft.nwp"), "extraffic", ModelLab.Options.DEFAULT)) {
            assertEquals(List.of("pc", "router", "inet"), List.copyOf(lab.namespaces().keySet()));
            assertEquals(LabNames.PREFIX + "extraffic-router", lab.netns("router"));
            assertEquals(3, lab.startListeners().size(), "tcp 80 on pc, tcp 80 and udp 53 on inet");
            KernelProbe probe = new KernelProbe(lab.lab());
            KernelProbe.Outcome web = probe.tcp(lab.ns("pc"), null, 40000, "198.51.100.10", 80);
            assertTrue(web.replied(), web.exec().describe());
            assertTrue(probe.ping(lab.ns("pc"), "198.51.100.10").replied());
            List<ConntrackEntry> ct = probe.conntrack(lab.ns("router"));
            assertTrue(ct.stream().anyMatch(e -> e.toString().contains("203.0.113.2")), ct.toString());
            // nothing leaves the lab: the router's uplink peer is the lab's inet namespace
            String link = lab.exec("router", NetnsLab.TIMEOUT, "ip", "-o", "link", "show", "eth0").stdout();
            assertTrue(link.contains("link-netns " + lab.netns("inet")), link);
        }
        assertFalse(NetnsLab.listNetns().stream().anyMatch(n -> n.startsWith(LabNames.labPrefix("extraffic"))));
    }
}
