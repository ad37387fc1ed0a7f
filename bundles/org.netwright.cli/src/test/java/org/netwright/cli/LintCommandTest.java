package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    private final CliRun cli = new CliRun();
    @TempDir
    Path dir;

    /** A firewall whose forward chain holds {@code rules} (each at column 1, from line 10); with {@code extras}, two
     *  more rules that cannot match where they are (lines 23 and 29, column 13). */
    private Path model(String rules, boolean extras) throws Exception {
        String output = extras ? """
                        chain output {
                            type filter hook output priority filter; policy accept;
                            iifname "eth0" drop
                        }
                    }
                    table ip nat {
                        chain pre {
                            type nat hook prerouting priority dstnat; policy accept;
                            ct state established accept
                        }
                """ : "";
        return Files.writeString(dir.resolve("fw.nwp"), """
                namespace fw {
                    loopback lo
                    interface eth0 { address 192.0.2.1/24 }
                    interface eth1 { address 10.0.0.1/24 }
                    sysctl net.ipv4.ip_forward = 1
                    nftables {
                        table inet filter {
                            chain forward {
                                type filter hook forward priority filter; policy drop;
                %s
                            }
                %s
                        }
                    }
                }
                """.formatted(rules, output.stripTrailing()));
    }

    @Test
    void shadowedContradictoryAndImpossibleRulesAreReportedWithTheirPlaces() throws Exception {
        Path m = model("""
                ip daddr 10.0.0.0/24 tcp dport { 22, 80 } accept
                ip daddr 10.0.0.0/24 udp dport 53 accept
                ip daddr 10.0.0.5 tcp dport 22 drop
                ip daddr 10.0.0.0/16 tcp dport 80 accept
                meta l4proto udp tcp dport 443 accept
                iifname "wlan0" accept
                ip daddr 10.0.0.0/8 drop
                ip daddr 10.1.0.0/16 udp dport 53 accept
                iifname "eth0" tcp dport 25 accept
                iifname "eth1" tcp dport 25 accept""", true);
        assertEquals(Main.OK, cli.run("lint", m.toString()), cli.err());
        String out = cli.out();
        String f = m.toString();
        assertTrue(out.contains(f + ":12:1: warning: rule can never match: earlier rules of the chain take all its packets: "
                + "line 10 (ip daddr 10.0.0.0/24 tcp dport { 22, 80 } accept)\n"), out);
        assertTrue(out.contains(f + ":14:1: warning: rule can never match: its matches exclude each other\n"), out);
        assertTrue(out.contains(f + ":15:1: warning: rule can never match: no interface of fw is named wlan0\n"), out);
        assertTrue(out.contains(f + ":17:1: warning: rule can never match: earlier rules of the chain take all its packets: "
                + "line 16 (ip daddr 10.0.0.0/8 drop)\n"), out);
        assertTrue(out.contains(f + ":23:13: warning: rule can never match: locally generated packets have no input interface"),
                out);
        assertTrue(out.contains(f + ":29:13: warning: rule can never match: a nat chain only sees the first packet"), out);
        // a partly covered rule, and rules that test different interfaces, are not findings
        assertTrue(!out.contains(":13:1:") && !out.contains(":18:1:") && !out.contains(":19:1:"), out);
        assertTrue(out.endsWith("6 rules that can never match\n"), out);
    }

    @Test
    void cleanRulesetsHaveNoFindingsAndBadInputIsRefused() throws Exception {
        Path m = model("ip daddr 10.0.0.0/24 tcp dport 22 accept", false);
        assertEquals(Main.OK, cli.run("lint", m.toString()), cli.err());
        assertEquals("0 rules that can never match\n", cli.out());
        assertEquals(Main.INVALID, cli.run("lint"));
        Files.writeString(dir.resolve("bad.nwp"), "namespace {");
        assertEquals(Main.INVALID, cli.run("lint", dir.resolve("bad.nwp").toString()));
        assertTrue(cli.err().contains("bad.nwp:1:"), cli.err());
    }
}
