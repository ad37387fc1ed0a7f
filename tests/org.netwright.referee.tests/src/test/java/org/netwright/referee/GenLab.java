package org.netwright.referee;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.netwright.lab.ConntrackEntry;
import org.netwright.lab.ConntrackParser;
import org.netwright.lab.ExecResult;
import org.netwright.lab.KernelProbe;
import org.netwright.lab.LabException;
import org.netwright.lab.LabProcess;
import org.netwright.lab.NetnsLab;

/**
 * One lab with the wiring of {@link GenTopo}, kept for many cases: {@link #apply} reloads a case's
 * configuration in place (nft flush ruleset + observer + rulesets, iptables-restore, routes and policy rules,
 * sysctls, conntrack flush), {@link #probe} sends one probe and reads what the kernel did from the
 * {@link Observer} sets and the namespaces' {@code /proc/net/snmp} counters, {@link #conntrack} reads
 * {@code /proc/net/nf_conntrack}. The /proc files are read through the agent process of each namespace
 * ({@code /proc/PID/net/...} shows the namespace of PID), so no process is started for them.
 *
 * <p>What the lab sets so that the kernel stays inside what the engine models (each found by a disagreement):
 * conntrack timeouts raised to an hour (the engine has no timeouts; an entry of a reset connection, 10 s by
 * default, must not vanish mid-case); no SYN-ACK retransmissions (tcp_synack_retries=0: a server's retransmitted
 * SYN-ACK of an earlier case met the next case's rules and drew ICMP errors there, seeds 20260160, 20260205);
 * no ICMP redirects and no per-host ICMP rate limit on icmp_send (send_redirects=0, icmp_ratemask=0: the
 * engine models neither; a redirect sent just before an ICMP error used up the host's token so the kernel
 * suppressed the error, seed 20260220). icmp_ratemask=0 rather than icmp_ratelimit=0: the latter still
 * stamps the host's shared token bucket on every error, which then starves the separate limit of route
 * errors (ip_error: unreachable / prohibit routes, 1 s per error, burst 5; seed 30000408). That route-error
 * limit (net.ipv4.route.error_cost, not per namespace) stays; the generated cases stay far below it.
 */
final class GenLab implements AutoCloseable {
    private static final List<String> LONG_TIMEOUTS = List.of("tcp_timeout_syn_sent", "tcp_timeout_syn_recv",
            "tcp_timeout_fin_wait", "tcp_timeout_close_wait", "tcp_timeout_last_ack", "tcp_timeout_time_wait",
            "tcp_timeout_close", "tcp_timeout_unacknowledged", "udp_timeout", "udp_timeout_stream", "icmp_timeout",
            "generic_timeout");
    private static final String RESET_ROUTES = "route flush proto boot\nroute flush table 100\nroute flush table 101\n"
            + "rule del priority 100\nrule del priority 101\nrule del priority 102\n";

    final NetnsLab lab;
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, String> applied = new LinkedHashMap<>();

    GenLab(String name) {
        lab = NetnsLab.up(name);
        try {
            for (String ns : GenTopo.NAMESPACES) {
                lab.namespace(ns);
            }
            for (GenTopo.Link l : GenTopo.LINKS) {
                lab.veth(l.nsA(), l.ifA(), l.nsB(), l.ifB());
                lab.addr(l.nsA(), l.ifA(), l.addrA() + "/24").addr(l.nsB(), l.ifB(), l.addrB() + "/24");
            }
            for (String[] e : GenTopo.EXTRA) {
                lab.addr(e[0], e[1], e[2] + "/32");
            }
            for (String ns : GenTopo.NAMESPACES) {
                // a ct expression loads nf_conntrack, whose per-namespace timeouts are set next
                lab.nft(ns, "table ip nwboot {\n chain c {\n  type filter hook input priority 0;\n  ct state new accept\n }\n}\n");
                List<String> argv = new ArrayList<>(List.of("sysctl", "-q", "-w", "net.ipv4.tcp_tw_reuse=1",
                        "net.ipv4.tcp_synack_retries=0", "net.ipv4.icmp_ratemask=0", "net.ipv4.conf.all.send_redirects=0",
                        "net.ipv4.conf.default.send_redirects=0"));
                for (String i : GenTopo.interfaces(ns)) {
                    argv.add("net.ipv4.conf." + i + ".send_redirects=0");
                }
                for (String t : LONG_TIMEOUTS) {
                    argv.add("net.netfilter.nf_conntrack_" + t + "=3600");
                }
                lab.exec(ns, NetnsLab.TIMEOUT, argv.toArray(String[]::new)).orThrow();
                lab.nft(ns, "flush ruleset\n");
                agents.put(ns, Agent.start(lab, ns, GenTopo.addresses(ns)));
            }
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    @Override
    public void close() {
        lab.close();
    }

    /** Loads a case; namespaces whose configuration did not change and needs no conntrack are left as they are. */
    void apply(GenTopo t) {
        for (Agent a : agents.values()) {
            a.closeAll();
        }
        for (GenTopo.Node nd : t.nodes.values()) {
            String nft = "flush ruleset\n" + Observer.TABLE + Observer.NO_FINAL_ACK + t.nftText(nd);
            String ipt = t.restoreFile(nd);
            List<String> ip = t.ipBatch(nd);
            List<String> sys = t.sysctls(nd);
            String sig = nft + "\n" + ipt + "\n" + ip + "\n" + sys;
            boolean tracked = ipt != null || !t.nftText(nd).isEmpty();
            if (sig.equals(applied.get(nd.name)) && !tracked) {
                continue;
            }
            if (!sig.equals(applied.get(nd.name))) {
                applied.remove(nd.name);
                exec(nd.name, nft, "nft", "-f", "-");
                if (ipt != null) {
                    exec(nd.name, ipt, "iptables-restore");
                }
                lab.exec(nd.name, RESET_ROUTES.getBytes(StandardCharsets.US_ASCII), NetnsLab.TIMEOUT, "ip", "-force",
                        "-batch", "-");
                if (!ip.isEmpty()) {
                    exec(nd.name, String.join("\n", ip) + "\n", "ip", "-batch", "-");
                }
                List<String> argv = new ArrayList<>(List.of("sysctl", "-q", "-w"));
                argv.addAll(sys);
                lab.exec(nd.name, NetnsLab.TIMEOUT, argv.toArray(String[]::new)).orThrow();
                applied.put(nd.name, sig);
            }
            lab.exec(nd.name, NetnsLab.TIMEOUT, "conntrack", "-F");
        }
        for (String ns : GenTopo.NAMESPACES) {
            Observer.read(lab, ns);
        }
    }

    private void exec(String ns, String stdin, String... argv) {
        ExecResult r = lab.exec(ns, stdin.getBytes(StandardCharsets.UTF_8), NetnsLab.TIMEOUT, argv);
        if (!r.ok()) {
            applied.remove(ns);
            throw new LabException("in " + ns + ": " + r.describe() + "\n--- input\n" + stdin);
        }
    }

    /** What the kernel did with one probe. */
    record Result(CaseOutcome outcome, String client) {
    }

    /**
     * Sends a probe and reads the outcome. {@code wait} bounds how long the client waits for an answer (the
     * caller lets it wait longer where an answer is expected, so that a slow answer under load still counts).
     */
    Result probe(ProbeSpec p, int ttl, double wait, List<String> active) {
        Map<String, Map<String, Long>> before = new LinkedHashMap<>();
        for (String ns : active) {
            before.put(ns, snmp(ns));
        }
        Agent sender = agents.get(p.from());
        String client = switch (p.proto()) {
            case "icmp" -> sender.ping(p.dst(), ttl, wait);
            default -> sender.client(p.proto(), p.src(), p.sport(), p.dst(), p.dport(), wait);
        };
        pause(Duration.ofMillis(30));
        Map<String, Observer.Seen> seen = new LinkedHashMap<>();
        Map<String, Map<String, Long>> delta = new LinkedHashMap<>();
        for (String ns : active) {
            seen.put(ns, Observer.read(lab, ns));
            Map<String, Long> after = snmp(ns);
            Map<String, Long> d = new LinkedHashMap<>();
            after.forEach((k, v) -> d.put(k, v - before.get(ns).getOrDefault(k, 0L)));
            delta.put(ns, d);
        }
        return new Result(read(p, seen, delta), client);
    }

    private static CaseOutcome read(ProbeSpec p, Map<String, Observer.Seen> seen, Map<String, Map<String, Long>> delta) {
        String delivered = null;
        Hdr atDst = null;
        boolean icmp = p.proto().equals("icmp");
        for (Map.Entry<String, Observer.Seen> e : seen.entrySet()) {
            String ns = e.getKey();
            if (ns.equals(p.from())) {
                continue;
            }
            List<List<String>> reqs = new ArrayList<>();
            for (List<String> f : e.getValue().of(icmp ? "echo" : "req")) {
                if (icmp || f.get(2).equals(p.proto())) {
                    reqs.add(f);
                }
            }
            if (reqs.isEmpty()) {
                continue;
            }
            Map<String, Long> d = delta.get(ns);
            boolean reachedSocket = switch (p.proto()) {
                case "icmp" -> d.getOrDefault("Icmp.InEchos", 0L) > 0;
                case "udp" -> d.getOrDefault("Udp.InDatagrams", 0L) > 0;
                default -> d.getOrDefault("Tcp.OutRsts", 0L) == 0;
            };
            if (reachedSocket && delivered == null) {
                delivered = ns;
                List<String> f = reqs.get(0);
                atDst = icmp ? new Hdr("icmp", f.get(0), -1, f.get(1), -1)
                        : new Hdr(p.proto(), f.get(0), Integer.parseInt(f.get(3)), f.get(1), Integer.parseInt(f.get(4)));
            }
        }
        String reply = "none";
        Observer.Seen at = seen.get(p.from());
        if (at != null) {
            if (icmp) {
                for (List<String> f : at.of("echorep")) {
                    if (f.get(0).equals(p.dst())) {
                        reply = "answer";
                    }
                }
            } else {
                for (List<String> f : at.of("ans")) {
                    if (f.get(0).equals(p.dst()) && f.get(1).equals(p.src()) && f.get(2).equals(p.proto())
                            && f.get(3).equals(String.valueOf(p.dport())) && f.get(4).equals(String.valueOf(p.sport()))) {
                        reply = "answer";
                    }
                }
                if (reply.equals("none") && p.proto().equals("tcp")) {
                    for (List<String> f : at.of("rst")) {
                        if (f.get(0).equals(p.dst()) && f.get(1).equals(p.src())
                                && f.get(2).equals(String.valueOf(p.dport())) && f.get(3).equals(String.valueOf(p.sport()))) {
                            reply = "rst";
                        }
                    }
                }
            }
        }
        TreeSet<String> errors = new TreeSet<>();
        seen.forEach((ns, s) -> {
            for (List<String> f : s.of("err")) {
                errors.add(Observer.icmpType(f.get(2)) + "/" + Observer.icmpCode(f.get(3)) + "@" + ns);
            }
        });
        return new CaseOutcome(delivered, atDst, reply, List.copyOf(errors));
    }

    private Path proc(String ns, String file) {
        LabProcess a = agents.get(ns) == null ? null : agents.get(ns).process();
        if (a == null || !a.alive()) {
            throw new LabException("agent of " + ns + " is not running" + (a == null ? "" : ": " + a.stderr()));
        }
        return Path.of("/proc", String.valueOf(a.pid()), "net", file);
    }

    private Map<String, Long> snmp(String ns) {
        try {
            return KernelProbe.parseSnmp(Files.readString(proc(ns, "snmp")));
        } catch (IOException e) {
            throw new LabException("cannot read snmp counters of " + ns + ": " + e.getMessage(), e);
        }
    }

    /** The conntrack table of a namespace. */
    List<ConntrackEntry> conntrack(String ns) {
        Path f = proc(ns, "nf_conntrack");
        try {
            return Files.exists(f) ? ConntrackParser.parseEntries(Files.readString(f)) : List.of();
        } catch (IOException e) {
            throw new LabException("cannot read conntrack of " + ns + ": " + e.getMessage(), e);
        }
    }

    /** A short pause that never throws. */
    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
