package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.lab.ExecResult;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.LabProcess;
import org.netwright.lab.NetnsLab;

/**
 * Neighbour resolution as the kernel does it, pinned before the engine models it (Neighbours, NeighboursTest).
 * c 10.8.0.2 -- 10.8.0.1 r (ip_forward) 10.9.0.1 -- 10.9.0.2 b; r has a netdev egress chain on its b side that drops
 * ARP requests for 10.9.0.2, and counting arp-family input/output chains.
 */
class KernelPinsTest {
    private static final String RULESET = """
            table netdev t {
                chain e {
                    type filter hook egress devices = { r0 } priority -500;
                    arp operation request arp daddr ip 10.9.0.2 counter drop
                }
            }
            table arp ta {
                chain o {
                    type filter hook output priority 0;
                    counter
                }
            }
            """;

    @BeforeEach
    void kernel() {
        KernelAvailability.require("tcpdump");
    }

    private static NetnsLab lab(String name) {
        NetnsLab lab = NetnsLab.up(name);
        lab.namespace("c").namespace("r").namespace("b");
        lab.veth("c", "c0", "r", "r1").veth("r", "r0", "b", "b0");
        lab.addr("c", "c0", "10.8.0.2/24").addr("r", "r1", "10.8.0.1/24").addr("r", "r0", "10.9.0.1/24")
                .addr("b", "b0", "10.9.0.2/24");
        lab.route("c", "default", "via", "10.8.0.1");
        lab.route("b", "default", "via", "10.9.0.1");
        lab.sysctl("r", "net.ipv4.ip_forward", "1");
        lab.nft("r", RULESET).orThrow();
        return lab;
    }

    private static long counter(NetnsLab lab, String rulePart) {
        String listing = lab.exec("r", Duration.ofSeconds(5), "nft", "list", "ruleset").orThrow().stdout();
        for (String line : listing.split("\n")) {
            if (line.contains(rulePart)) {
                Matcher m = Pattern.compile("packets (\\d+)").matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        throw new AssertionError("no counter for '" + rulePart + "' in\n" + listing);
    }

    @Test
    void aForwardedPacketWhoseArpRequestTheEgressChainDropsGetsHostUnreachable() {
        try (NetnsLab lab = lab("pin1")) {
            LabProcess cap = lab.spawn("c", Duration.ofSeconds(10), "tcpdump", "-l", "-n", "-i", "c0", "icmp");
            sleep(500);
            ExecResult ping = lab.exec("c", Duration.ofSeconds(8), "ping", "-c", "1", "-W", "5", "10.9.0.2");
            sleep(300);
            cap.stop(Duration.ofSeconds(1));
            String seen = cap.stdout();
            // the egress hook sees the ARP request (and the arp output chain saw it first)
            assertTrue(counter(lab, "arp daddr ip 10.9.0.2") >= 1);
            assertTrue(counter(lab, "counter packets") >= 1);
            // after the solicitations, ICMP destination host unreachable (3/1) from r's address on c's side
            assertTrue(seen.contains("10.8.0.1 > 10.8.0.2: ICMP host 10.9.0.2 unreachable"), seen + ping.describe());
            assertTrue(lab.ip("r", "neigh", "show", "10.9.0.2").stdout().contains("FAILED"));
        }
    }

    @Test
    void aLocalSenderGetsTheErrorOverLoopback() {
        try (NetnsLab lab = lab("pin2")) {
            LabProcess cap = lab.spawn("r", Duration.ofSeconds(10), "tcpdump", "-l", "-n", "-i", "lo", "icmp");
            sleep(500);
            ExecResult ping = lab.exec("r", Duration.ofSeconds(8), "ping", "-c", "1", "-W", "5", "10.9.0.2");
            sleep(300);
            cap.stop(Duration.ofSeconds(1));
            String seen = cap.stdout();
            assertTrue(seen.contains("10.9.0.1 > 10.9.0.1: ICMP host 10.9.0.2 unreachable"), seen + ping.describe());
        }
    }

    @Test
    void aStaticNeighbourEntrySkipsResolution() {
        try (NetnsLab lab = lab("pin3")) {
            String mac = lab.ip("b", "-j", "link", "show", "b0").orThrow().stdout().replaceAll("(?s).*\"address\":\"([0-9a-f:]+)\".*", "$1");
            lab.ip("r", "neigh", "replace", "10.9.0.2", "lladdr", mac, "dev", "r0", "nud", "permanent").orThrow();
            ExecResult ping = lab.exec("c", Duration.ofSeconds(5), "ping", "-c", "1", "-W", "2", "10.9.0.2");
            assertEquals(0, ping.exitCode(), ping.describe());
            assertEquals(0, counter(lab, "arp daddr ip 10.9.0.2"), "no ARP request for a permanent entry");
            assertTrue(lab.ip("r", "-j", "neigh", "show", "10.9.0.2").stdout().contains("PERMANENT"));
        }
        assertEquals(List.of(), NetnsLab.listNetns().stream().filter(n -> n.contains("pin")).filter(n -> n.startsWith(
                org.netwright.lab.LabNames.PREFIX)).toList(), "namespaces left behind");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
