package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.netwright.engine.NetworkView;
import org.netwright.headless.Netwright;
import org.netwright.headless.Sources;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelToEngine;
import org.netwright.symbolic.Reach;
import org.netwright.symbolic.ReachCheck;

class ReachCommandTest {
    private final CliRun cli = new CliRun();

    private static String example(String path) {
        return IoCommandsTest.repo().resolve("examples/" + path).toString();
    }

    @Test
    void portForwardFromTheInternetIsOneDeliveredClassWithItsTranslation() {
        assertEquals(Main.OK, cli.run("reach", example("baselines/dnat-nft.nwp"), "--from", "inet", "--to", "pc",
                "--src", "198.51.100.10", "--dst", "203.0.113.2"), cli.err());
        assertEquals("""
                tcp from 198.51.100.10 to 203.0.113.2 dport 8080 -> delivered to pc, destination NATed to 192.168.1.10:80
                  example: ip saddr 198.51.100.10 ip daddr 203.0.113.2 ip ttl 64 ip protocol tcp tcp sport 0 tcp dport 8080 \
                tcp flags syn (the concrete walk agrees)
                  path: inet -> router -> pc
                """, cli.out());
    }

    @Test
    void masqueradeShowsTheSourceTranslationAndJsonCarriesTheClass() throws Exception {
        assertEquals(Main.OK, cli.run("reach", example("baselines/masquerade-nft.nwp"), "--from", "pc", "--to", "inet",
                "--proto", "udp", "--dst", "198.51.100.10", "--dport", "53", "--json"), cli.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(cli.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> classes = (List<Map<String, Object>>) root.get("classes");
        assertEquals(1, classes.size(), cli.out());
        Map<String, Object> c = classes.get(0);
        assertEquals("delivered", c.get("fate"));
        assertEquals("inet", c.get("namespace"));
        assertEquals(true, c.get("exact"));
        assertEquals(true, c.get("confirmed"));
        assertTrue(c.get("translations").toString().contains("source NATed to 203.0.113.2"), cli.out());
    }

    @Test
    void theSecondPassThroughOneConntrackTableIsMarkedInexactWithItsPlace() {
        assertEquals(Main.OK, cli.run("reach", example("001-policy-routing-twice/broken.nwp"), "--from", "client"), cli.err());
        assertTrue(cli.out().contains("inexact because the connection passes the conntrack table of host (zone 0) a second "
                + "time"), cli.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(Main.INVALID, cli.run("reach", example("baselines/dnat-nft.nwp"), "--from", "nowhere"));
        assertTrue(cli.err().contains("unknown namespace 'nowhere'"), cli.err());
        assertEquals(Main.INVALID, cli.run("reach", example("baselines/dnat-nft.nwp"), "--from", "inet", "--proto", "tcpx"));
        assertTrue(cli.err().contains("--proto 'tcpx' is not a protocol"), cli.err());
        assertEquals(Main.INVALID, cli.run("reach", example("baselines/dnat-nft.nwp"), "--from", "inet", "--dport", "70000"));
        assertEquals(Main.INVALID, cli.run("reach", example("baselines/dnat-nft.nwp"), "--from", "inet", "--dst", "10.0.0.0/40"));
        assertEquals(Main.INVALID, cli.run("reach", example("baselines/dnat-nft.nwp")));
    }

    /**
     * The property the symbolic engine promises, over every bundled example and every namespace: random first packets
     * drawn inside each class and over the whole query get, from the concrete engine, the fate of their class
     * (classes marked inexact are drawn from but not held to it). Seeds 1..3, 25 packets per class and source.
     */
    @Test
    void randomPacketsOfEveryExampleGetTheFateOfTheirClass() throws IOException {
        List<String> failures = new ArrayList<>();
        int packets = 0;
        int files = 0;
        try (Stream<Path> s = Files.walk(IoCommandsTest.repo().resolve("examples"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".nwp")).sorted().toList()) {
                Sources loaded = new Netwright().load(List.of(f));
                if (loaded.hasErrors()) {
                    continue;
                }
                ModelMapping m = new ModelToEngine(loaded.locator()).map(loaded.models());
                if (m.hasErrors()) {
                    continue;
                }
                NetworkView view = m.view();
                files++;
                for (String ns : view.namespaces().keySet()) {
                    for (long seed = 1; seed <= 3; seed++) {
                        for (Reach.Query q : List.of(new Reach.Query(ns, null, null, null, null, null),
                                new Reach.Query(ns, null, null, "0.0.0.0/0", null, null))) {
                            ReachCheck.Result r = ReachCheck.run(view, q, seed, 25);
                            packets += r.packets();
                            r.disagreements().forEach(d -> failures.add(f.getFileName() + ": " + d));
                        }
                    }
                }
            }
        }
        assertTrue(files >= 20, "examples loaded: " + files);
        assertTrue(packets > 10_000, "packets: " + packets);
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " disagreements");
        assertFalse(packets == 0);
    }
}
