package org.netwright.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.testsupport.TestModels.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.model.*;
import org.netwright.model.semantics.NamespaceConfig;

class IpScriptExporterTest {

    private static String script(Network net, int ns) {
        return IpScriptExporter.export(NamespaceConfig.of(List.of(net)).get(ns));
    }

    @Test
    void richHostScriptConfiguresEverything() {
        String out = script(rich(), 0);
        assertTrue(out.startsWith("#!/bin/sh\n"), out);
        assertTrue(out.contains("\nset -eu\n"), out);
        for (String expected : List.of(
                "modprobe -q 'br_netfilter' 2>/dev/null || [ -d /sys/module/'br_netfilter' ]",
                "ip link show dev 'nw-dummy0' >/dev/null 2>&1 || ip link add 'nw-dummy0' type dummy\n",
                "|| ip link add link 'enp4s0' name 'enp4s0.100' type vlan id 100\n",
                "ip link set dev 'enp4s0' mtu 1400\n",
                "ip link set dev 'enp4s0' address '02:00:00:00:00:01'\n",
                "printf '%s\\n' '1' > '/proc/sys/net/ipv4/ip_forward'\n",
                "printf '%s\\n' '2' > '/proc/sys/net/ipv4/conf/client-veth0/rp_filter'\n",
                "printf '%s\\n' '0' > '/proc/sys/net/ipv4/conf/enp4s0.100/rp_filter'\n",
                "printf '%s\\n' '20000 30000' > '/proc/sys/net/ipv4/ip_local_port_range'\n",
                "printf '%s\\n' '1' > '/proc/sys/net/bridge/bridge-nf-call-iptables'\n",
                "printf '%s\\n' '1' > '/proc/sys/net/ipv4/conf/default/rp_filter'\n", // from the extend block
                "ip address replace '172.16.202.30/24' broadcast + dev 'enp4s0'\n",
                "ip address replace '172.16.202.31/24' broadcast + dev 'enp4s0' label 'enp4s0:1'  # secondary\n",
                "ip address replace '10.99.0.1/32' dev 'nw-dummy0'\n",
                "ip link set dev 'lo' up\n",
                "#   200 = vpn\n",
                "ip route replace blackhole '192.0.2.0/24'\n",
                "ip route replace unreachable '198.51.100.0/24' table 100\n",
                "ip route replace prohibit '203.0.113.0/24'\n",
                "ip route replace throw '10.30.0.0/16' table 100\n",
                "ip route replace '10.40.0.0/16' dev 'enp4s0' scope 'link' metric 5\n",
                "ip route replace 'default' via '10.100.0.254' dev 'enp4s0.100' table 200 metric 10\n",
                "ip route replace '10.20.0.0/16' via '10.10.1.1' dev 'client-veth0' table 100 proto 'static' src '10.10.1.2'\n",
                "ip rule add from '10.10.1.0/24' iif 'client-veth0' priority 100 lookup 100\n",
                "ip rule add fwmark 0x1/0xff priority 200 lookup 200\n",
                "ip rule add not to '10.0.0.0/8' priority 300 blackhole\n",
                "ip rule add from '10.50.0.0/16' oif 'enp4s0' priority 400 unreachable\n",
                "ip rule add to '192.0.2.0/24' priority 500 prohibit\n",
                "xfrm_state_add 'esp spi 0x100 172.16.202.30->198.51.100.7' src '172.16.202.30' dst '198.51.100.7' proto esp spi 0x100 mode tunnel reqid 1 enc 'cbc(aes)' \"$NW_XFRM_ENC_KEY\""
                        + " auth-trunc 'hmac(sha256)' \"$NW_XFRM_AUTH_KEY\" 128\n",
                "proto ah spi 0x200 mode transport auth-trunc 'hmac(sha256)' \"$NW_XFRM_AUTH_KEY\" 128 sel src '198.51.100.7/32' dst '172.16.202.30/32'"
                        + " proto 'udp' dport 500\n",
                "ip xfrm policy update src '10.10.1.0/24' dst '10.20.0.0/16' dir out priority 1000 action allow tmpl src '172.16.202.30'"
                        + " dst '198.51.100.7' proto esp mode tunnel reqid 1 level required\n",
                "ip xfrm policy update dst '10.66.0.0/16' dev 'enp4s0' proto 'tcp' dport 22 dir fwd action block\n",
                "ip neigh replace '10.10.1.1' lladdr '02:00:00:00:0a:01' dev 'client-veth0' nud permanent\n")) {
            assertTrue(out.contains(expected), () -> "missing:\n" + expected + "\nin:\n" + out);
        }
        // order: primaries before secondaries, connected routes before gateway routes, links up before routes
        assertTrue(out.indexOf("172.16.202.30/24") < out.indexOf("172.16.202.31/24"));
        assertTrue(out.indexOf("'10.40.0.0/16' dev") < out.indexOf("'default' via '172.16.202.1'"));
        assertTrue(out.indexOf("ip link set dev 'enp4s0' up") < out.indexOf("ip route replace"));
    }

    @Test
    void scriptsAreValidShell(@TempDir Path dir) throws Exception {
        for (var e : Exporter.render(List.of(rich())).entrySet()) {
            if (e.getKey().endsWith(".sh")) {
                Path f = dir.resolve(e.getKey().replace('/', '_'));
                Files.writeString(f, e.getValue());
                Process p = new ProcessBuilder("sh", "-n", f.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.waitFor(), e.getKey() + ": " + out);
            }
        }
    }

    @Test
    void aSixteenCharacterInterfaceNameIsRejectedWithAClearMessage() {
        Network net = F.createNetwork();
        phys(ns(net, "host"), "abcdefghijklmnop", "10.0.0.1/24");
        var e = assertThrows(ExportException.class, () -> Exporter.render(List.of(net)));
        assertEquals("interface of namespace 'host': interface name 'abcdefghijklmnop' has 16 characters; the kernel allows at most 15", e.getMessage());
    }

    @Test
    void aHostileNamespaceNameIsRejected() {
        Network net = F.createNetwork();
        ns(net, "$(reboot)");
        var e = assertThrows(ExportException.class, () -> Exporter.render(List.of(net)));
        assertTrue(e.getMessage().contains("namespace name '$(reboot)'"), e.getMessage());
        Network dots = F.createNetwork();
        ns(dots, "..");
        assertThrows(ExportException.class, () -> Exporter.render(List.of(dots)));
    }

    /** Names the kernel accepts may still contain shell syntax: they must reach ip as one literal word. */
    @Test
    void shellSyntaxInAKernelValidNameStaysLiteral(@TempDir Path dir) throws Exception {
        String hostile = "$(>pwned)'`id`";
        assertTrue(KernelNames.interfaceNameProblem(hostile).isEmpty());
        Network net = F.createNetwork();
        Namespace ns = ns(net, "host");
        Interface itf = phys(ns, hostile, "10.0.0.1/24");
        route(ns, "10.1.0.0/16", "10.0.0.254", itf);
        String script = script(net, 0);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("args.log");
        Files.writeString(bin.resolve("ip"), "#!/bin/sh\nfor a in \"$@\"; do printf '<%s>' \"$a\" >> '" + log + "'; done; echo >> '" + log + "'\n");
        bin.resolve("ip").toFile().setExecutable(true);
        Path setup = dir.resolve("setup.sh");
        Files.writeString(setup, script);
        ProcessBuilder pb = new ProcessBuilder("sh", setup.toString()).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertFalse(Files.exists(dir.resolve("pwned")), "the name was executed by the shell");
        String calls = Files.readString(log);
        assertTrue(calls.contains("<address><replace><10.0.0.1/24><broadcast><+><dev><" + hostile + ">"), calls);
        assertTrue(calls.contains("<route><replace><10.1.0.0/16><via><10.0.0.254><dev><" + hostile + ">"), calls);
    }

    @Test
    void hostileOrInvalidValuesAreRejected() {
        assertRejected(ns -> sysctl(ns, "net.ipv4.ip_forward;reboot", "1"), "sysctl key");
        assertRejected(ns -> sysctl(ns, "net.ipv4.ip_forward", "1; reboot"), "value of sysctl");
        assertRejected(ns -> sysctl(ns, "net.ipv4.ip_forward", "$(reboot)"), "value of sysctl");
        assertRejected(ns -> sysctl(ns, "net/../../etc/passwd", "1"), "sysctl key");
        assertRejected(ns -> sysctl(ns, "net.ipv4.conf.eth9.rp_filter", "1"), "does not have");
        assertRejected(ns -> route(ns, "10.0.0.0/8", null, null).setProto("static;reboot"), "route proto");
        assertRejected(ns -> route(ns, "10.0.0.0/8", null, null).setMetric(-1), "route metric");
        assertRejected(ns -> route(ns, "10.0.0.0/8", null, null).setTable(table(ns, "vpn", 0)), "has no number");
        assertRejected(ns -> rule(ns, -5, null), "rule priority");
        assertRejected(ns -> phys(ns, "eth0").setMac("02:00:00:00:00:0g"), "MAC address");
        assertRejected(ns -> phys(ns, "eth0").setMtu(20), "mtu");
        assertRejected(ns -> {
            Neighbour n = F.createNeighbour();
            n.setAddress(ip("10.0.0.2"));
            n.setLladdr("02:00:00:00:00:01'; reboot; '");
            n.setDev(phys(ns, "eth0"));
            ns.getNeighbours().add(n);
        }, "lladdr of neigh");
        assertRejected(ns -> {
            phys(ns, "eth0", "10.0.0.1/24").getAddresses().get(0).setLabel("other:1");
        }, "address label");
        assertRejected(ns -> {
            VlanInterface v = itf(ns, F.createVlanInterface(), "eth0.5000");
            v.setParent(phys(ns, "eth0"));
            v.setVlanId(5000);
        }, "vlan id");
    }

    /** Addresses are typed in the model: a bad one is refused when it is parsed, before any export. */
    @Test
    void invalidAddressesNeverReachTheModel() {
        for (String bad : List.of("10.0.0.300", "10.0.0.2; reboot", "5.6.7.8; reboot", "$(reboot)")) {
            assertThrows(IllegalArgumentException.class, () -> ip(bad), bad);
        }
        for (String bad : List.of("10.0.0.0/33", "default via 1.2.3.4", "10.0.0.0/8; reboot")) {
            assertThrows(IllegalArgumentException.class, () -> prefix(bad), bad);
        }
    }

    @Test
    void aRouteThroughAnInterfaceOfAnotherNamespaceIsRejected() {
        Network net = F.createNetwork();
        Namespace a = ns(net, "a");
        Namespace b = ns(net, "b");
        Interface other = phys(b, "eth1");
        route(a, "10.0.0.0/8", null, other);
        var e = assertThrows(ExportException.class, () -> script(net, 0));
        assertTrue(e.getMessage().contains("is not an interface of namespace 'a'"), e.getMessage());
    }

    @Test
    void tableNumbers() {
        assertEquals(254, IpScriptExporter.tableNumber(null));
        RoutingTable t = F.createRoutingTable();
        t.setName("main");
        assertEquals(254, IpScriptExporter.tableNumber(t));
        t.setName("local");
        assertEquals(255, IpScriptExporter.tableNumber(t));
        t.setName("100");
        assertEquals(100, IpScriptExporter.tableNumber(t));
        t.setName("vpn");
        t.setId(7);
        assertEquals(7, IpScriptExporter.tableNumber(t));
    }

    private static void assertRejected(java.util.function.Consumer<Namespace> change, String messagePart) {
        Network net = F.createNetwork();
        Namespace ns = ns(net, "host");
        change.accept(ns);
        var e = assertThrows(ExportException.class, () -> script(net, 0), messagePart);
        assertTrue(e.getMessage().contains(messagePart), () -> "message '" + e.getMessage() + "' does not mention " + messagePart);
    }
}
