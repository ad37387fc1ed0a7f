package org.netwright.lab;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounded probes between the namespaces of one lab, servers answering them, and observers: tcpdump
 * captures and conntrack tables. Every client sends one packet or one connection attempt and waits at most
 * about a second for the answer.
 */
public final class KernelProbe {
    /** Payload of UDP/TCP probes (16 bytes). TCP servers echo it; UDP servers answer its first 4 bytes. */
    public static final String PAYLOAD = "netwright-probe\n";
    /** What a UDP server answers: a shorter datagram, so captures tell requests from answers by length. */
    public static final String UDP_ANSWER = PAYLOAD.substring(0, 4);

    private final NetnsLab lab;

    public KernelProbe(NetnsLab lab) {
        this.lab = lab;
    }

    public NetnsLab lab() {
        return lab;
    }

    /** Whether the probe's answer came back to the sender, and the client command's result. */
    public record Outcome(boolean replied, ExecResult exec) {
    }

    /** {@code ping -c 1 -W 1 DST}; replied when the echo reply arrived. */
    public Outcome ping(String ns, String dst) {
        LabNames.ipv4(dst);
        ExecResult r = lab.exec(ns, Duration.ofSeconds(4), "ping", "-n", "-c", "1", "-W", "1", dst);
        return new Outcome(r.ok(), r);
    }

    /**
     * One UDP datagram from {@code src:sport} (null / 0: chosen by the kernel) to {@code dst:dport}; replied
     * when the echo came back within a second.
     */
    public Outcome udp(String ns, String src, int sport, String dst, int dport) {
        return socatClient(ns, "UDP4", src, sport, dst, dport);
    }

    /** A TCP connection attempt that sends the payload; replied when the connection was established and echoed. */
    public Outcome tcp(String ns, String src, int sport, String dst, int dport) {
        return socatClient(ns, "TCP4", src, sport, dst, dport);
    }

    private Outcome socatClient(String ns, String kind, String src, int sport, String dst, int dport) {
        LabNames.ipv4(dst);
        checkPort(dport);
        StringBuilder addr = new StringBuilder(kind).append(':').append(dst).append(':').append(dport);
        if (src != null) {
            addr.append(",bind=").append(LabNames.ipv4(src));
        }
        if (sport != 0) {
            checkPort(sport);
            addr.append(",sourceport=").append(sport).append(",reuseaddr");
        }
        if (kind.equals("TCP4")) {
            addr.append(",connect-timeout=1");
        }
        ExecResult r = lab.exec(ns, PAYLOAD.getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(4),
                "socat", "-T", "1", "-t", "1", "-", addr.toString());
        String expected = kind.equals("UDP4") ? UDP_ANSWER : PAYLOAD.strip();
        return new Outcome(r.exitCode() == 0 && r.stdout().startsWith(expected), r);
    }

    /**
     * A UDP server on {@code bind:port} (bind null = any address) that answers every datagram from the
     * port it was sent to with {@link #UDP_ANSWER}; killed on close or with the lab.
     */
    public LabProcess udpEchoServer(String ns, String bind, int port) {
        return server(ns, "UDP4-RECVFROM", "udp", bind, port);
    }

    /** A TCP echo listener on {@code bind:port}; killed on close or with the lab. */
    public LabProcess tcpEchoServer(String ns, String bind, int port) {
        return server(ns, "TCP4-LISTEN", "tcp", bind, port);
    }

    private LabProcess server(String ns, String kind, String proto, String bind, int port) {
        checkPort(port);
        StringBuilder addr = new StringBuilder(kind).append(':').append(port).append(",reuseaddr,fork");
        if (bind != null) {
            addr.append(",bind=").append(LabNames.ipv4(bind));
        }
        LabProcess p = lab.spawn(ns, Duration.ofSeconds(600), "socat", "-T", "2", addr.toString(),
                proto.equals("udp") ? "EXEC:head -c " + UDP_ANSWER.length() : "EXEC:cat");
        // ready when the socket is listed
        String local = (bind == null ? "*" : bind) + ":" + port;
        for (int i = 0; i < 100; i++) {
            ExecResult ss = lab.exec(ns, Duration.ofSeconds(3), "ss", "-H", "-n", "-l", proto.equals("udp") ? "-u" : "-t");
            if (ss.stdout().contains(local) || (bind == null && ss.stdout().contains("0.0.0.0:" + port))) {
                return p;
            }
            if (!p.alive()) {
                break;
            }
            LabProcess.sleep(20);
        }
        p.close();
        throw new LabException("server " + p + " did not start: " + p.stderr());
    }

    /**
     * Starts {@code tcpdump -n -l -i IFACE -c MAX FILTER...} in a namespace (IFACE may be {@code any}: then
     * each packet carries its interface and direction) and waits until it listens.
     */
    public Capture capture(String ns, String iface, int maxPackets, Duration limit, String... filter) {
        if (!iface.equals("any")) {
            LabNames.ifname(iface);
        }
        List<String> argv = new ArrayList<>(List.of("tcpdump", "-n", "-l", "-i", iface, "-c",
                String.valueOf(Math.max(1, maxPackets))));
        argv.addAll(List.of(filter));
        LabProcess p = lab.spawn(ns, limit, argv.toArray(String[]::new));
        if (!p.awaitOutput("listening on", Duration.ofSeconds(5))) {
            p.close();
            throw new LabException("tcpdump did not start in " + ns + ": " + p.stderr());
        }
        return new Capture(ns, iface, p);
    }

    /** {@code conntrack -L -o extended} of a namespace. */
    public List<ConntrackEntry> conntrack(String ns) {
        ExecResult r = lab.exec(ns, Duration.ofSeconds(5), "conntrack", "-L", "-o", "extended");
        if (r.timedOut() || (r.exitCode() != 0 && !r.stderr().contains("flow entries"))) {
            throw new LabException(r.describe());
        }
        return ConntrackParser.parseEntries(r.stdout());
    }

    /** {@code conntrack -S} of a namespace, summed over CPUs. */
    public ConntrackStats conntrackStats(String ns) {
        return ConntrackParser.parseStats(lab.exec(ns, Duration.ofSeconds(5), "conntrack", "-S").orThrow().stdout());
    }

    /**
     * The IPv4 SNMP counters of a namespace ({@code /proc/net/snmp}) as "Group.Name" -> value, e.g.
     * {@code Ip.InDelivers}, {@code Udp.InDatagrams}, {@code Udp.NoPorts}, {@code Icmp.InEchos}.
     */
    public java.util.Map<String, Long> snmp(String ns) {
        ExecResult r = lab.exec(ns, Duration.ofSeconds(5), "cat", "/proc/net/snmp").orThrow();
        return parseSnmp(r.stdout());
    }

    /** Parses {@code /proc/net/snmp}: pairs of header and value lines per group. */
    public static java.util.Map<String, Long> parseSnmp(String text) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] h = lines[i].trim().split("\\s+");
            String[] v = lines[i + 1].trim().split("\\s+");
            if (h.length != v.length || !h[0].endsWith(":") || !h[0].equals(v[0])) {
                continue;
            }
            String group = h[0].substring(0, h[0].length() - 1);
            for (int j = 1; j < h.length; j++) {
                try {
                    out.put(group + "." + h[j], Long.parseLong(v[j]));
                } catch (NumberFormatException e) {
                    // not a counter
                }
            }
        }
        return out;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new LabException("invalid port " + port);
        }
    }
}
