package org.netwright.referee;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.netwright.lab.ExecResult;
import org.netwright.lab.LabException;
import org.netwright.lab.NetnsLab;

/**
 * How the generated cases watch the kernel without tcpdump: an nft table in every lab namespace whose input
 * chain runs last (priority {@value #PRIORITY}, after every filter and NAT chain, before conntrack confirm)
 * and adds what it sees to dynamic sets: probe requests (16-byte UDP datagrams, TCP SYNs, ICMP echo requests),
 * answers (4-byte UDP datagrams, SYN-ACKs, echo replies), TCP resets and ICMP errors, each with its addresses
 * and ports as they are after the namespace's own NAT. The sets are filled in the packet path itself, so
 * there is no capture process to start, stop or drain, and nothing that races with the probe. The table has
 * no ct expression, so it does not switch conntrack on in a namespace; it only adds to sets and accepts, so
 * it changes no verdict.
 */
final class Observer {
    static final int PRIORITY = 2147483000;

    static final String TABLE = """
            table ip nwobs {
              set req { type ipv4_addr . ipv4_addr . inet_proto . inet_service . inet_service; flags dynamic; size 65535; }
              set ans { type ipv4_addr . ipv4_addr . inet_proto . inet_service . inet_service; flags dynamic; size 65535; }
              set rst { type ipv4_addr . ipv4_addr . inet_service . inet_service; flags dynamic; size 65535; }
              set echo { type ipv4_addr . ipv4_addr; flags dynamic; size 65535; }
              set echorep { type ipv4_addr . ipv4_addr; flags dynamic; size 65535; }
              set err { type ipv4_addr . ipv4_addr . icmp_type . icmp_code; flags dynamic; size 65535; }
              chain in {
                type filter hook input priority %d; policy accept;
                udp length 24 add @req { ip saddr . ip daddr . meta l4proto . udp sport . udp dport }
                udp length 12 add @ans { ip saddr . ip daddr . meta l4proto . udp sport . udp dport }
                tcp flags & (syn | ack) == syn add @req { ip saddr . ip daddr . meta l4proto . tcp sport . tcp dport }
                tcp flags & (syn | ack) == syn | ack add @ans { ip saddr . ip daddr . meta l4proto . tcp sport . tcp dport }
                tcp flags & rst == rst add @rst { ip saddr . ip daddr . tcp sport . tcp dport }
                icmp type echo-request add @echo { ip saddr . ip daddr }
                icmp type echo-reply add @echorep { ip saddr . ip daddr }
                icmp type { destination-unreachable, time-exceeded } add @err { ip saddr . ip daddr . icmp type . icmp code }
              }
            }
            """.formatted(PRIORITY);

    /**
     * The engine's TCP probe is the SYN and its SYN-ACK; the kernel's client would complete the handshake with
     * a bare ACK, which, for example, saves its own mark into the ct mark in a middle namespace (generated
     * cases seeds 20260167, 20260376). Every lab namespace therefore drops its own bare ACKs in output, before
     * conntrack sees them (priority -400), so the kernel's connection stops where the engine's does. The agents
     * send no data on TCP and close with a reset, so nothing else is a bare ACK.
     */
    static final String NO_FINAL_ACK = """
            table ip nwprobe {
              chain out {
                type filter hook output priority -400; policy accept;
                tcp flags & (syn | ack | fin | rst) == ack drop
              }
            }
            """;

    private static final String READ = "list table ip nwobs\n"
            + "flush set ip nwobs req\nflush set ip nwobs ans\nflush set ip nwobs rst\n"
            + "flush set ip nwobs echo\nflush set ip nwobs echorep\nflush set ip nwobs err\n";

    private static final Pattern SET = Pattern.compile("set (\\w+) \\{[^}]*?(?:elements = \\{([^}]*)\\})?\\s*\\}", Pattern.DOTALL);

    /** What one namespace saw since the last read: set name -> elements (fields split, sorted). */
    record Seen(Map<String, List<List<String>>> sets) {
        List<List<String>> of(String set) {
            return sets.getOrDefault(set, List.of());
        }

        boolean isEmpty() {
            return sets.values().stream().allMatch(List::isEmpty);
        }
    }

    private Observer() {
    }

    /**
     * Reads and empties the sets of a namespace. {@code nft -i} runs its commands one after another; in one
     * {@code nft -f} batch the flushes would be committed before the listing runs.
     */
    static Seen read(NetnsLab lab, String ns) {
        ExecResult r = lab.exec(ns, READ.getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10), "nft", "-i");
        if (!r.ok() || !r.stdout().contains("table ip nwobs")) {
            throw new LabException("cannot read the observer in " + ns + ": " + r.describe());
        }
        return parse(r.stdout());
    }

    static Seen parse(String text) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        Matcher m = SET.matcher(text);
        while (m.find()) {
            TreeSet<String> elems = new TreeSet<>();
            if (m.group(2) != null) {
                for (String e : m.group(2).split(",")) {
                    String t = e.strip().replaceAll("\\s+", " ");
                    if (!t.isEmpty()) {
                        elems.add(t);
                    }
                }
            }
            List<List<String>> rows = new ArrayList<>();
            for (String e : elems) {
                List<String> f = new ArrayList<>();
                for (String x : e.split(" \\. ")) {
                    f.add(x.strip());
                }
                rows.add(List.copyOf(f));
            }
            out.put(m.group(1), List.copyOf(rows));
        }
        return new Seen(out);
    }

    /** nft prints ICMP types and codes by name; the numbers the engine uses. */
    static int icmpType(String s) {
        return switch (s) {
            case "destination-unreachable" -> 3;
            case "time-exceeded" -> 11;
            default -> Integer.parseInt(s);
        };
    }

    static int icmpCode(String s) {
        return switch (s) {
            case "net-unreachable" -> 0;
            case "host-unreachable" -> 1;
            case "prot-unreachable" -> 2;
            case "port-unreachable" -> 3;
            case "frag-needed" -> 4;
            case "net-prohibited" -> 9;
            case "host-prohibited" -> 10;
            case "admin-prohibited" -> 13;
            default -> {
                try {
                    yield Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new LabException("unknown icmp code name '" + s + "' in the observer");
                }
            }
        };
    }
}
