package org.netwright.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.export.KernelAvailability;

/** The lab against the real kernel: needs root and the tools (skipped otherwise, an error under CI=true). */
class NetnsLabKernelTest {
    private NetnsLab lab;

    @BeforeEach
    void needKernel() {
        KernelAvailability.require();
    }

    @AfterEach
    void cleanUp() {
        if (lab != null) {
            lab.close();
        }
    }

    private static List<String> ours(String labName) {
        return NetnsLab.listNetns().stream().filter(n -> n.startsWith(LabNames.labPrefix(labName))).sorted().toList();
    }

    @Test
    void twoNamespacesPingAcrossAVethAndCloseRemovesEverything() {
        lab = NetnsLab.up("labt1");
        lab.namespace("a").namespace("b").veth("a", "eth0", "b", "eth0")
                .addr("a", "eth0", "10.99.0.1/24").addr("b", "eth0", "10.99.0.2/24");
        assertEquals(List.of(LabNames.PREFIX + "labt1-a", LabNames.PREFIX + "labt1-b"), ours("labt1"));
        assertTrue(Files.exists(NetnsLab.STATE_ROOT.resolve("labt1")));
        KernelProbe k = new KernelProbe(lab);
        assertTrue(k.ping("a", "10.99.0.2").replied(), () -> k.ping("a", "10.99.0.2").exec().describe());
        // the root namespace never sees the veth ends
        ExecResult root = Commands.run(List.of("ip", "-o", "link", "show"), null, Duration.ofSeconds(5));
        assertFalse(root.stdout().contains("10.99.0."), root.stdout());
        lab.close();
        lab = null;
        assertTrue(NetnsLab.listNetns().stream().noneMatch(n -> n.startsWith(LabNames.PREFIX)), NetnsLab.listNetns().toString());
        assertFalse(Files.exists(NetnsLab.STATE_ROOT.resolve("labt1")));
    }

    @Test
    void leftoversOfACrashedLabAreRemovedByTheNextUp() {
        NetnsLab crashed = NetnsLab.up("labt2");
        crashed.namespace("x").namespace("y").veth("x", "v0", "y", "v0");
        crashed.spawn("x", Duration.ofSeconds(60), "sleep", "60");
        // no close(): the state file and the namespaces stay behind, as after a crash
        assertEquals(2, ours("labt2").size());
        lab = NetnsLab.up("labt2");
        assertTrue(ours("labt2").isEmpty(), ours("labt2").toString());
        lab.namespace("x");
        assertEquals(List.of(LabNames.PREFIX + "labt2-x"), ours("labt2"));
    }

    @Test
    void routesOutOfTheLabAreRefused() {
        lab = NetnsLab.up("labt3");
        lab.namespace("a").dummy("a", "d0").addr("a", "d0", "10.98.0.1/24");
        assertThrows(LabException.class, () -> lab.route("a", "default", "via", "10.98.0.254"));
        lab.route("a", "10.97.0.0/24", "via", "10.98.0.1");
        assertThrows(LabException.class, () -> lab.veth("a", "bad/name", "a", "x"));
        assertThrows(LabException.class, () -> lab.veth("a", "v0", "nothere", "v0"));
    }

    @Test
    void filesAreLoadedWithTheRealTools() {
        lab = NetnsLab.up("labt4");
        lab.namespace("a");
        lab.nft("a", "table inet t { chain c { type filter hook input priority 0; policy accept; tcp dport 1 drop; }; }\n");
        assertTrue(lab.exec("a", Duration.ofSeconds(5), "nft", "list", "ruleset").stdout().contains("tcp dport 1 drop"));
        lab.iptablesRestore("a", "*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o lo -j RETURN\nCOMMIT\n", false);
        assertTrue(lab.exec("a", Duration.ofSeconds(5), "iptables-save").stdout().contains("-A POSTROUTING -o lo -j RETURN"));
        lab.ipBatch("a", "link add d1 type bridge\nlink set d1 up\naddr add 10.96.0.1/24 dev d1\n");
        lab.script("a", "ip route add 10.95.0.0/24 dev d1\n");
        assertTrue(lab.exec("a", Duration.ofSeconds(5), "ip", "route").stdout().contains("10.95.0.0/24 dev d1"));
        assertThrows(LabException.class, () -> lab.script("a", "false\necho not reached\n"));
        ExecResult slow = lab.exec("a", Duration.ofMillis(300), "sleep", "5");
        assertTrue(slow.timedOut());
    }

    @Test
    void legacyIptablesWhenAsked() {
        KernelAvailability.require("iptables-legacy-restore");
        lab = NetnsLab.up("labt5");
        lab.namespace("a");
        lab.iptablesRestore("a", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p udp --dport 9 -j DROP\nCOMMIT\n", true);
        assertTrue(lab.exec("a", Duration.ofSeconds(5), "iptables-legacy-save").stdout().contains("--dport 9 -j DROP"));
    }
}
