package org.netwright.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.netwright.input.Json;

import picocli.CommandLine.Command;

/**
 * {@code netwright cache-training} (hidden): what the launcher runs once, in the background, to fill the JDK's
 * start-up cache (see the {@code netwright} script of the product): the commands users run most, on a small model
 * with nftables, iptables, NAT and expectations, so that the classes they load are in the cache. Writes nothing but a
 * temporary folder, which it removes; prints nothing. Exit 0 when every run ended as it should (0), else 3: a
 * training that fails fills the cache with less than the commands need (a test keeps it passing).
 */
@Command(name = "cache-training", hidden = true, description = "fills the start-up cache (run by the launcher)")
final class CacheTrainingCommand implements Callable<Integer> {
    /** Both rule languages, NAT, a route, a listener and an expectation: the paths validate, check and walk take. */
    static final String MODEL = """
            namespace lan {
            \tloopback lo
            \tinterface eth0 { address 10.1.0.2/24 }
            \troute default via 10.1.0.1 dev eth0
            }
            namespace gw {
            \tloopback lo
            \tinterface eth0 { address 10.1.0.1/24 }
            \tinterface eth1 { address 192.0.2.1/24 }
            \tsysctl net.ipv4.ip_forward = 1
            \tnftables {
            \t\tflush ruleset
            \t\ttable inet filter {
            \t\t\tchain forward {
            \t\t\t\ttype filter hook forward priority filter; policy drop;
            \t\t\t\tct state established,related accept
            \t\t\t\tiif eth0 udp dport { 53, 123 } counter accept
            \t\t\t\ticmp type echo-request accept
            \t\t\t}
            \t\t}
            \t}
            \tiptables {
            \t\t*nat
            \t\t:PREROUTING ACCEPT [0:0]
            \t\t:INPUT ACCEPT [0:0]
            \t\t:OUTPUT ACCEPT [0:0]
            \t\t:POSTROUTING ACCEPT [0:0]
            \t\t-A POSTROUTING -s 10.1.0.0/24 -o eth1 -j MASQUERADE
            \t\tCOMMIT
            \t}
            }
            namespace wan {
            \tloopback lo
            \tinterface eth0 { address 192.0.2.2/24 }
            \tlisten udp 53
            }
            link lan:eth0 <-> gw:eth0
            link gw:eth1 <-> wan:eth0

            expect "dns out" udp from lan:40000 to 192.0.2.2:53:
            \tdelivered to wan with src 192.0.2.1:40000 dst 192.0.2.2:53,
            \treply delivered to lan with src 192.0.2.2:53 dst 10.1.0.2:40000
            expect "tcp is dropped" tcp from lan:40001 to 192.0.2.2:80:
            \tdropped at gw
            """;

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("netwright-cache-training");
        try {
            Path model = dir.resolve("training.nwp");
            Files.writeString(model, MODEL, StandardCharsets.UTF_8);
            String m = model.toString();
            String request = "{\"id\": 1, \"cmd\": \"walk\", \"model\": " + Json.quote(m)
                    + ", \"probe\": {\"from\": \"lan\", \"proto\": \"icmp\", \"dst\": \"192.0.2.2\"}}\n";
            List<List<String>> runs = List.of(
                    List.of("--help"),
                    List.of("validate", m),
                    List.of("check", m),
                    List.of("check", "--summary", m),
                    List.of("walk", m, "--from", "lan", "--proto", "udp", "--dst", "192.0.2.2", "--dport", "53"),
                    List.of("walk", m, "--from", "lan", "--proto", "tcp", "--dst", "192.0.2.2", "--dport", "80", "--json"),
                    List.of("export", m, "-o", dir.resolve("export").toString()),
                    List.of("serve", "--jsonl"));
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            int failed = 0;
            for (List<String> args : runs) {
                // a fresh language set-up per run, as every real start has
                int exit = Main.run(args.toArray(String[]::new), new Commands(nowhere, nowhere, null),
                        new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)));
                failed += exit == Main.OK ? 0 : 1;
            }
            return failed == 0 ? Main.OK : Main.INTERNAL;
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
