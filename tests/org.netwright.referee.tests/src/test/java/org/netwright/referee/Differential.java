package org.netwright.referee;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.netwright.engine.CtEntryView;
import org.netwright.engine.NetworkView;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.netwright.lab.Capture;
import org.netwright.lab.CapturedPacket;
import org.netwright.lab.ConntrackEntry;
import org.netwright.lab.KernelProbe;
import org.netwright.lab.NetnsLab;

/**
 * One topology twice: the engine's {@link NetworkView} in a {@link Simulation}, and a {@link NetnsLab}
 * configured with real commands. Probes run on both; the kernel side is observed with a tcpdump on
 * {@code any} in every lab namespace and the sender's own result (ping / socat).
 *
 * <p>Kernel-side reading of a capture: the probe's request is the ICMP echo request, the TCP SYN, or the
 * UDP datagram of the probe's payload length (answers are shorter). It was delivered to namespace X when
 * it arrived in X addressed to one of X's addresses, was not sent on from X, X answered it with no ICMP
 * error or TCP reset, and X's own counters ({@code /proc/net/snmp}: Icmp.InEchos, Udp.InDatagrams,
 * Ip.InDelivers for TCP) say a packet of that kind reached its sockets (a packet addressed to X before a
 * DNAT and then dropped in FORWARD arrives but is not delivered). The header compared is the one captured
 * arriving in X (before X's own netfilter).
 */
final class Differential implements AutoCloseable {
    final NetworkView view;
    final Simulation sim;
    final NetnsLab lab;
    final KernelProbe kp;
    /**
     * Everything IPv4 except UDP datagrams whose length is not the probe's (8 + payload): the UDP answers are
     * shorter and not captured, so every captured UDP datagram is a request even where tcpdump decodes the
     * port's application protocol and prints no length.
     */
    static final String CAPTURE_FILTER = "ip and not (udp and udp[4:2] != " + (8 + KernelProbe.PAYLOAD.length()) + ")";
    ProbeResult lastEngine;
    private int icmpIds = 6;
    Map<String, List<CapturedPacket>> lastCaptures = Map.of();

    Differential(NetworkView view, NetnsLab lab) {
        List<String> problems = view.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("engine view inconsistent: " + problems);
        }
        this.view = view;
        this.sim = new Simulation(view);
        this.lab = lab;
        this.kp = new KernelProbe(lab);
    }

    @Override
    public void close() {
        lab.close();
    }

    /** Runs the probe on the engine. {@code watch} lists "ns/dev" interfaces whose leaving header is compared. */
    Outcome engine(ProbeSpec p, String... watch) {
        ProbeResult r = sim.probe(p.engineProbe(++icmpIds));
        lastEngine = r;
        String delivered = r.deliveredTo() == null ? null : r.deliveredTo().namespace();
        List<String> errors = new ArrayList<>();
        for (ProbeResult.IcmpError e : r.icmpErrors()) {
            if (e.deliveredTo() != null) {
                errors.add(e.type() + "/" + e.code() + "@" + e.deliveredTo().namespace());
            }
        }
        errors.sort(null);
        Map<String, Hdr> leaving = new LinkedHashMap<>();
        for (String w : watch) {
            String[] f = w.split("/");
            leaving.put(w, Hdr.of(r.seenLeaving(f[0], f[1])));
        }
        return new Outcome(delivered, delivered == null ? null : Hdr.of(r.observedAtDst()), r.replyDelivered(),
                List.copyOf(errors), leaving);
    }

    /** Runs the probe in the lab. */
    Outcome kernel(ProbeSpec p, String... watch) {
        Map<String, Capture> caps = new LinkedHashMap<>();
        Map<String, Map<String, Long>> before = new LinkedHashMap<>();
        try {
            for (String ns : lab.namespaces()) {
                before.put(ns, kp.snmp(ns));
            }
            for (String ns : lab.namespaces()) {
                caps.put(ns, kp.capture(ns, "any", 200, Duration.ofSeconds(20), CAPTURE_FILTER));
            }
            boolean replied = switch (p.proto()) {
                case "icmp" -> kp.ping(p.from(), p.dst()).replied();
                case "udp" -> kp.udp(p.from(), p.src(), p.sport(), p.dst(), p.dport()).replied();
                case "tcp" -> kp.tcp(p.from(), p.src(), p.sport(), p.dst(), p.dport()).replied();
                default -> throw new IllegalArgumentException(p.proto());
            };
            Map<String, List<CapturedPacket>> seen = new LinkedHashMap<>();
            caps.forEach((ns, c) -> seen.put(ns, c.stop()));
            lastCaptures = seen;
            Map<String, Long> delivered = new LinkedHashMap<>();
            for (String ns : lab.namespaces()) {
                Map<String, Long> after = kp.snmp(ns);
                String key = switch (p.proto()) {
                    case "icmp" -> "Icmp.InEchos";
                    case "udp" -> "Udp.InDatagrams";
                    default -> "Ip.InDelivers";
                };
                delivered.put(ns, after.getOrDefault(key, 0L) - before.get(ns).getOrDefault(key, 0L));
            }
            return read(p, replied, seen, delivered, watch);
        } finally {
            caps.values().forEach(Capture::close);
        }
    }

    private Outcome read(ProbeSpec p, boolean replied, Map<String, List<CapturedPacket>> seen,
            Map<String, Long> deliveredCount, String... watch) {
        String delivered = null;
        Hdr atDst = null;
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, List<CapturedPacket>> e : seen.entrySet()) {
            String ns = e.getKey();
            List<CapturedPacket> ps = e.getValue();
            for (CapturedPacket c : ps) {
                if (c.inbound() && c.isIcmpError() && isLocal(ns, c.dst())) {
                    errors.add(c.icmpType() + "/" + c.icmpCode() + "@" + ns);
                }
            }
            if (ns.equals(p.from()) || delivered != null) {
                continue;
            }
            int i = 0;
            while (i < ps.size() && !(ps.get(i).inbound() && isRequest(p, ps.get(i)) && isLocal(ns, ps.get(i).dst()))) {
                i++;
            }
            if (i == ps.size()) {
                continue;
            }
            boolean sentOn = false;
            boolean refused = false;
            for (CapturedPacket c : ps.subList(i + 1, ps.size())) {
                sentOn |= c.outbound() && isRequest(p, c);
                refused |= c.outbound() && (c.isIcmpError() || (p.proto().equals("tcp") && c.isTcpRst()));
            }
            if (!sentOn && !refused && deliveredCount.getOrDefault(ns, 0L) > 0) {
                delivered = ns;
                atDst = Hdr.of(ps.get(i));
            }
        }
        errors.sort(null);
        Map<String, Hdr> leaving = new LinkedHashMap<>();
        for (String w : watch) {
            String[] f = w.split("/");
            Hdr h = null;
            for (CapturedPacket c : seen.getOrDefault(f[0], List.of())) {
                if (c.outbound() && f[1].equals(c.iface()) && isRequest(p, c)) {
                    h = Hdr.of(c);
                    break;
                }
            }
            leaving.put(w, h);
        }
        return new Outcome(delivered, atDst, replied, List.copyOf(errors), leaving);
    }

    private boolean isLocal(String ns, String addr) {
        return lab.addresses(ns).contains(addr) || addr.startsWith("127.");
    }

    private static boolean isRequest(ProbeSpec p, CapturedPacket c) {
        return switch (p.proto()) {
            case "icmp" -> c.proto().equals("icmp") && c.icmpType() == 8;
            case "tcp" -> c.isTcpSyn();
            case "udp" -> c.proto().equals("udp");
            default -> false;
        };
    }

    /** Conntrack entries of a namespace as "proto zone=N nat" strings, sorted (engine side). */
    List<String> engineConntrack(String ns) {
        List<String> out = new ArrayList<>();
        for (CtEntryView e : lastEngine.conntrack().getOrDefault(ns, List.of())) {
            out.add(e.proto() + " zone=" + e.zone() + " nat=" + e.nat());
        }
        out.sort(null);
        return out;
    }

    /** Same for the kernel ({@code conntrack -L}). */
    List<String> kernelConntrack(String ns) {
        List<String> out = new ArrayList<>();
        for (ConntrackEntry e : kp.conntrack(ns)) {
            out.add(e.proto() + " zone=" + e.zone() + " nat=" + e.nat());
        }
        out.sort(null);
        return out;
    }

    /** Both sides for a failure message: the engine's trace and the kernel's captures. */
    String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append("---- engine trace\n").append(lastEngine == null ? "(none)" : lastEngine.toText());
        sb.append("---- kernel captures\n");
        new TreeMap<>(lastCaptures).forEach((ns, ps) -> {
            for (CapturedPacket c : ps) {
                sb.append(ns).append(": ").append(c.line()).append('\n');
            }
        });
        return sb.toString();
    }
}
