package org.netwright.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netwright.export.KernelAvailability;

/**
 * The nft round trip of {@link NftRoundTrip} on rulesets of our own (every construct the language models must come back
 * the same; the ones it does not must be named by a warning, never changed in silence), and, given a directory with the
 * nftables project's tests ({@code -Dnetwright.nftCorpus=DIR}, the extracted {@code tests/} of an nftables source tree),
 * the measurement of its shell dumps and py single rules. Needs root and nft: skipped otherwise, an error under CI=true.
 */
class NftRoundTripTest {

    /** Rulesets of every construct the language models: each must list the same after the round trip, without a warning. */
    static Stream<String> modelled() {
        return Stream.of("kube-like", "sets", "marks", "nat", "objects", "keys");
    }

    /** Constructs outside the model: the round trip may lose them, but a warning must say so. */
    static final Map<String, String> UNMODELLED = Map.of(
            "tcp option", "table inet t {\n\tchain c {\n\t\ttype filter hook forward priority filter; policy accept;\n"
                    + "\t\ttcp flags syn tcp option maxseg size set rt mtu\n\t}\n}\n",
"ct expectation object", "table ip t {\n\tct expectation e {\n\t\tprotocol tcp\n\t\tdport 5432\n\t\ttimeout 1h\n"
                    + "\t\tsize 12\n\t\tl3proto ip\n\t}\n\n\tchain c {\n\t}\n}\n",
            "limit object", "table inet t {\n\tlimit l {\n\t\trate 10/second\n\t}\n\n\tchain c {\n\t\tlimit name \"l\" accept\n\t}\n}\n",
            "ct keys of another family", "table inet t {\n\tchain c {\n\t\tct original ip saddr 10.0.0.1 accept\n\t}\n}\n",
            "raw payload", "table ip t {\n\tchain c {\n\t\t@nh,0,8 0x45 accept\n\t}\n}\n");

    static String ownCase(String name) throws IOException {
        return switch (name) {
            case "kube-like" -> Files.readString(Path.of("src/test/resources/nft/kube-like.txt"));
            case "sets" -> """
                    table inet filter {
                    	set ports {
                    		type inet_service
                    		flags interval
                    		elements = { 22, 80-90 }
                    	}

                    	set hosts {
                    		typeof ip saddr
                    		size 128
                    		flags dynamic,timeout
                    		timeout 10m
                    		gc-interval 1m
                    	}

                    	map by-iface {
                    		type ifname : verdict
                    		elements = { "lo" : accept }
                    	}

                    	chain input {
                    		type filter hook input priority filter; policy accept;
                    		iifname vmap @by-iface
                    		tcp dport @ports add @hosts { ip saddr timeout 30s } accept
                    		tcp dport { 22, 443 } counter accept
                    		ip saddr . tcp dport { 10.0.0.1 . 22, 10.0.0.2 . 80 } drop
                    	}
                    }
                    """;
            case "marks" -> """
                    table ip mangle {
                    	chain prerouting {
                    		type filter hook prerouting priority mangle; policy accept;
                    		meta mark set meta mark & 0x0000ff00 | 0x00004000
                    		meta mark set meta mark ^ 0x00000001
                    		ct mark set ct mark | 0x00000010
                    		meta mark & 0x00004000 == 0x00004000 accept
                    		ct mark set numgen inc mod 4 offset 100
                    	}
                    }
                    """;
            case "nat" -> """
                    table ip nat {
                    	chain prerouting {
                    		type nat hook prerouting priority dstnat; policy accept;
                    		fib daddr type local tcp dport 8080 dnat to 10.0.0.2:80
                    		dnat to numgen inc mod 2 map { 0 : 192.168.10.100, 1 : 192.168.20.200 }
                    		dnat to jhash ip saddr mod 2 map { 0 : 192.168.10.100, 1 : 192.168.20.200 }
                    	}

                    	chain postrouting {
                    		type nat hook postrouting priority srcnat; policy accept;
                    		masquerade fully-random
                    	}

                    	chain rpfilter {
                    		type filter hook prerouting priority filter; policy accept;
                    		fib saddr . mark . iif oif missing drop
                    	}
                    }
                    """;
            case "keys" -> """
                    table ip keys {
                    	chain c {
                    		type filter hook input priority filter; policy accept;
                    		meta hour "17:00"-"19:00" drop
                    		meta cpu 1 accept
                    		ct original saddr 10.0.0.1 accept
                    		tcp window 1024 drop
                    		ip frag-off & 0x1fff != 0 drop
                    		sctp vtag 7 drop
                    	}
                    }
                    """;
            case "objects" -> """
                    table inet objects {
                    	counter packets-in {
                    		packets 0 bytes 0
                    	}

                    	quota quarter {
                    		over 25 mbytes
                    	}

                    	ct helper ftp-standard {
                    		type "ftp" protocol tcp
                    		l3proto ip
                    	}

                    	synproxy https {
                    		mss 1460
                    		wscale 7
                    		timestamp sack-perm
                    	}

                    	chain c {
                    	}
                    }
                    """;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @BeforeEach
    void needKernel() {
        KernelAvailability.require();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelled")
    void modelledConstructsComeBackTheSame(String name, @TempDir Path dir) throws Exception {
        NftRoundTrip.Outcome o = NftRoundTrip.run(ownCase(name), dir);
        assertEquals(NftRoundTrip.Fate.SAME, o.fate(), () -> name + ": " + o.problems() + "\n" + o.detail());
    }

    @Test
    void whatIsNotModelledIsNamedByAWarningNeverChangedInSilence(@TempDir Path dir) throws Exception {
        for (Map.Entry<String, String> c : new TreeMap<>(UNMODELLED).entrySet()) {
            NftRoundTrip.Outcome o = NftRoundTrip.run(c.getValue(), dir.resolve(c.getKey().replace(' ', '-')));
            assertFalse(o.fate() == NftRoundTrip.Fate.REJECTED, () -> c.getKey() + ": the local nft refuses the case: " + o.detail());
            assertTrue(o.fate() == NftRoundTrip.Fate.SAME || o.fate() == NftRoundTrip.Fate.OPAQUE,
                    () -> c.getKey() + ": " + o.fate() + " " + o.problems() + "\n" + o.detail());
            if (o.fate() == NftRoundTrip.Fate.OPAQUE) {
                assertFalse(o.problems().isEmpty(), c.getKey());
            }
        }
    }

    // ------------------------------------------------------------------ the nftables project's corpus

    /**
     * Measures the corpus given by {@code -Dnetwright.nftCorpus=DIR} and writes {@code target/nft-corpus-report.tsv}:
     * every case that the local nft accepts is counted as SAME (no warning, same listing), OPAQUE (a warning names what is
     * not modelled), DIFFERS (changed without a warning) or BROKEN (the export does not load). Fails when any case DIFFERS.
     */
    @Test
    void corpus() throws Exception {
        String dir = System.getProperty("netwright.nftCorpus");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            Assumptions.abort("no corpus: run with -Dnetwright.nftCorpus=DIR (the extracted tests/ folder of an nftables source tree)");
        }
        Path root = Path.of(dir);
        Path work = Files.createTempDirectory("nftcorpus");
        List<String> report = new ArrayList<>();
        Map<String, Map<NftRoundTrip.Fate, Integer>> totals = new TreeMap<>();
        Map<String, String> cases = new LinkedHashMap<>();
        NftCorpus.shellDumps(root).forEach((k, v) -> cases.put("shell " + k, v));
        NftCorpus.pyRules(root).forEach((k, v) -> cases.put("py " + k, v));
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            NftRoundTrip.Outcome o = NftRoundTrip.run(c.getValue(), work.resolve("c" + (i++)));
            String kind = c.getKey().substring(0, c.getKey().indexOf(' '));
            totals.computeIfAbsent(kind, k -> new TreeMap<>()).merge(o.fate(), 1, Integer::sum);
            report.add(c.getKey() + "\t" + o.fate() + "\t" + String.join(" | ", o.problems()).replace('\t', ' ').replace('\n', ' ')
                    + "\t" + o.detail().replace('\t', ' ').replace("\n", " | "));
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/nft-corpus-report.tsv"), report, StandardCharsets.UTF_8);
        totals.forEach((kind, fates) -> {
            int counted = fates.entrySet().stream().filter(e -> e.getKey() != NftRoundTrip.Fate.REJECTED).mapToInt(Map.Entry::getValue).sum();
            int same = fates.getOrDefault(NftRoundTrip.Fate.SAME, 0);
            System.out.printf("[nft corpus] %s: %d of %d accepted cases round-trip without warnings (%.1f %%); %s%n", kind, same, counted,
                    counted == 0 ? 0.0 : 100.0 * same / counted, fates);
        });
        long silent = report.stream().filter(l -> l.contains("\tDIFFERS\t")).count();
        assertEquals(0, silent, "cases changed without a warning (see target/nft-corpus-report.tsv)");
    }
}
