package org.netwright.referee;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.netwright.engine.IpAddr;
import org.netwright.engine.Listener;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.lab.Capture;
import org.netwright.lab.CapturedPacket;
import org.netwright.lab.ConntrackEntry;
import org.netwright.lab.ExecResult;
import org.netwright.lab.KernelProbe;
import org.netwright.lab.LabException;
import org.netwright.lab.LabNames;
import org.netwright.lab.LabProcess;
import org.netwright.lab.ModelLab;
import org.netwright.model.Network;

/**
 * A model brought up with {@link ModelLab} and asked the probes of its expectations with real packets: ping, socat
 * (udp datagram, tcp connect) and, for ESP, a python3 raw socket sending one ESP packet (sequence number 1) and
 * waiting a second for an answer. {@code listen esp} namespaces get a raw-socket responder answering each ESP packet
 * with sequence number 2 to its source (this kernel has no ESP transform, so the kernel itself cannot answer).
 *
 * <p>Observation: a tcpdump on {@code any} in every lab namespace per probe, the namespaces' SNMP counters (the
 * request reached a socket) and {@code conntrack -L} of every model namespace after the probe.
 */
final class ModelKernel implements AutoCloseable {
    /** Sends one ESP packet (spi, seq 1, the probe payload); exit 0 when ESP seq 2 comes back from dst within 1 s. */
    static final String ESP_CLIENT = """
            import socket, struct, sys, time
            src, dst, spi = sys.argv[1], sys.argv[2], int(sys.argv[3], 0)
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 50)
            if src != '-':
                s.bind((src, 0))
            s.sendto(struct.pack('!II', spi, 1) + b'netwright-probe\\n', (dst, 0))
            end = time.time() + 1.0
            while time.time() < end:
                s.settimeout(max(0.01, end - time.time()))
                try:
                    data, addr = s.recvfrom(2048)
                except socket.timeout:
                    break
                ihl = (data[0] & 15) * 4
                if addr[0] == dst and len(data) >= ihl + 8 and struct.unpack('!I', data[ihl + 4:ihl + 8])[0] == 2:
                    print('answered')
                    sys.exit(0)
            sys.exit(1)
            """;
    /** Answers every ESP packet with sequence number 1 by one with the same spi and sequence number 2. */
    static final String ESP_RESPONDER = """
            import socket, struct
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 50)
            print('ready', flush=True)
            while True:
                data, addr = s.recvfrom(2048)
                ihl = (data[0] & 15) * 4
                if len(data) < ihl + 8:
                    continue
                spi, seq = struct.unpack('!II', data[ihl:ihl + 8])
                if seq == 1:
                    s.sendto(struct.pack('!II', spi, 2) + data[ihl + 8:], (addr[0], 0))
            """;

    private static final int IGMP = 2;
    private static final long NEIGHBOUR_TIMEOUT_MS = 3500;
    final ModelLab lab;
    final KernelProbe kp;
    private final List<String> modelNs;
    private final Map<String, Set<String>> addresses = new LinkedHashMap<>();
    Map<String, List<CapturedPacket>> lastCaptures = Map.of();
    /** conntrack -L of every model namespace after the last probe. */
    Map<String, List<ConntrackEntry>> lastConntrack = Map.of();

    private ModelKernel(ModelLab lab, List<String> modelNs) {
        this.lab = lab;
        this.kp = new KernelProbe(lab.lab());
        this.modelNs = modelNs;
    }

    /** Brings the model up, starts its listeners; everything is removed again if that fails. */
    static ModelKernel up(List<Network> model, String labName, NetworkView view) {
        ModelLab lab = ModelLab.up(model, labName, ModelLab.Options.DEFAULT);
        try {
            ModelKernel k = new ModelKernel(lab, List.copyOf(lab.namespaces().keySet()));
            k.start(view);
            return k;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void start(NetworkView view) {
        for (String ns : lab.lab().namespaces()) {
            Set<String> a = new LinkedHashSet<>();
            ExecResult r = lab.lab().exec(ns, Duration.ofSeconds(5), "ip", "-o", "-4", "addr", "show").orThrow();
            for (String line : r.stdout().lines().toList()) {
                String[] f = line.trim().split("\\s+");
                for (int i = 0; i + 1 < f.length; i++) {
                    if (f[i].equals("inet")) {
                        a.add(f[i + 1].substring(0, f[i + 1].indexOf('/')));
                    }
                }
            }
            addresses.put(ns, a);
        }
        lab.startListeners();
        for (Namespace ns : view.namespaces().values()) {
            for (Listener l : ns.listeners()) {
                if (l.proto() == Packet.UDP && l.addr() == null && l.replies()) {
                    // a UDP server answers from the address it was asked at (as one using IP_PKTINFO does, and as
                    // the engine models it); socat on the wildcard address would answer from the route's source
                    for (String a : addresses.get(lab.ns(ns.name()))) {
                        if (!a.startsWith("127.")) {
                            kp.udpEchoServer(lab.ns(ns.name()), a, l.port());
                        }
                    }
                }
                if (l.proto() == Packet.ESP && l.replies()) {
                    LabProcess p = lab.lab().spawn(lab.ns(ns.name()), Duration.ofSeconds(600), "python3", "-u", "-c",
                            ESP_RESPONDER);
                    if (!p.awaitOutput("ready", Duration.ofSeconds(5))) {
                        throw new LabException("esp responder did not start in " + ns.name() + ": " + p.stderr());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        lab.close();
    }

    /** Sends the engine probe's packet from its namespace's socket and observes the whole lab. */
    Observed run(Probe probe) {
        Packet p = probe.packet();
        String from = lab.ns(probe.namespace());
        String src = p.src().isUnspecified() ? null : String.valueOf(p.src());
        String dst = String.valueOf(p.dst());
        Map<String, Capture> caps = new LinkedHashMap<>();
        Map<String, Map<String, Long>> before = new LinkedHashMap<>();
        String[] filter = p.proto() == Packet.UDP ? new String[] {"-q", "ip"} : new String[] {"ip"};
        try {
            for (String ns : lab.lab().namespaces()) {
                before.put(ns, kp.snmp(ns));
            }
            for (String ns : lab.lab().namespaces()) {
                caps.put(ns, kp.capture(ns, "any", 400, Duration.ofSeconds(30), filter));
            }
            long sent = System.currentTimeMillis();
            boolean replied = switch (p.proto()) {
                case Packet.ICMP -> ping(from, src, dst);
                case Packet.UDP -> kp.udp(from, src, p.sport(), dst, p.dport()).replied();
                case Packet.TCP -> kp.tcp(from, src, p.sport(), dst, p.dport()).replied();
                case Packet.ESP -> lab.lab().exec(from, Duration.ofSeconds(5), "python3", "-c", ESP_CLIENT, src == null ? "-" : src,
                        dst, "0x" + Long.toHexString(p.spi())).exitCode() == 0;
                default -> throw new IllegalArgumentException("the kernel side cannot send protocol " + p.proto());
            };
            Map<String, Long> reached = new LinkedHashMap<>();
            String key = switch (p.proto()) {
                case Packet.ICMP -> "Icmp.InEchos";
                case Packet.UDP -> "Udp.InDatagrams";
                default -> "Ip.InDelivers";
            };
            for (String ns : lab.lab().namespaces()) {
                reached.put(ns, kp.snmp(ns).getOrDefault(key, 0L) - before.get(ns).getOrDefault(key, 0L));
            }
            if (reached.values().stream().allMatch(n -> n == 0)) {
                // not delivered: a router whose neighbour never answers ARP sends host unreachable only after
                // its solicitations time out (3 x 1 s); wait for it
                pause(NEIGHBOUR_TIMEOUT_MS - (System.currentTimeMillis() - sent));
            }
            Map<String, List<CapturedPacket>> seen = new TreeMap<>();
            caps.forEach((ns, c) -> seen.put(ns, fromProbe(c.stop(), sent)));
            lastCaptures = seen;
            return read(p, from, replied, seen, reached);
        } finally {
            caps.values().forEach(Capture::close);
        }
    }

    private boolean ping(String ns, String src, String dst) {
        List<String> argv = new ArrayList<>(List.of("ping", "-n", "-c", "1", "-W", "1"));
        if (src != null) {
            argv.addAll(List.of("-I", LabNames.ipv4(src)));
        }
        argv.add(LabNames.ipv4(dst));
        return lab.lab().exec(ns, Duration.ofSeconds(4), argv.toArray(String[]::new)).ok();
    }

    private Observed read(Packet p, String from, boolean replied, Map<String, List<CapturedPacket>> seen,
            Map<String, Long> reached) {
        String delivered = null;
        Hdr atDst = null;
        List<String> sinks = new ArrayList<>();
        Map<String, Boolean> refusedBy = new LinkedHashMap<>();
        Map<String, Hdr> lastIn = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        boolean reset = false;
        Hdr replyHeader = null;
        for (Map.Entry<String, List<CapturedPacket>> e : seen.entrySet()) {
            String ns = e.getKey();
            List<CapturedPacket> ps = e.getValue();
            for (int i = 0; i < ps.size(); i++) {
                CapturedPacket c = ps.get(i);
                if (c.inbound() && c.isIcmpError() && isLocal(ns, c.dst()) && !forwardedError(ps, i)) {
                    // the sender's own retransmissions (a SYN resent while the router still waits for ARP) can
                    // earn a second identical error; the engine walks the probe once, so each error counts once
                    String error = c.icmpType() + "/" + c.icmpCode() + "@" + model(ns);
                    if (!errors.contains(error)) {
                        errors.add(error);
                    }
                }
                if (ns.equals(from) && c.inbound() && isLocal(ns, c.dst())) {
                    if (c.isTcpRst()) {
                        reset = true;
                    } else if (replyHeader == null && isAnswer(p, c)) {
                        replyHeader = Hdr.of(c);
                    }
                }
            }
            // the request's last arrival in this namespace (the sender's own socket counts as an arrival)
            int last = -1;
            for (int i = 0; i < ps.size(); i++) {
                if (ps.get(i).inbound() && isRequest(p, ps.get(i))) {
                    last = i;
                }
            }
            boolean origin = ns.equals(from);
            if (last < 0 && !origin) {
                continue;
            }
            boolean sentOn = false;
            boolean refused = false;
            for (CapturedPacket c : ps.subList(last + 1, ps.size())) {
                sentOn |= c.outbound() && isRequest(p, c);
                refused |= c.outbound() && (c.isIcmpError() || (p.proto() == Packet.TCP && c.isTcpRst()));
            }
            if (last >= 0) {
                lastIn.put(ns, Hdr.of(ps.get(last)));
            }
            if (sentOn) {
                continue;
            }
            CapturedPacket arrived = last >= 0 ? ps.get(last) : null;
            if (!origin && arrived != null && isLocal(ns, arrived.dst()) && !refused && reached.getOrDefault(ns, 0L) > 0) {
                // the first arrival is the header "as it arrived" (before this namespace's own netfilter)
                for (CapturedPacket c : ps) {
                    if (c.inbound() && isRequest(p, c) && isLocal(ns, c.dst())) {
                        atDst = Hdr.of(c);
                        break;
                    }
                }
                delivered = model(ns);
            } else {
                sinks.add(ns);
                refusedBy.put(ns, refused);
            }
        }
        errors.sort(null);
        String droppedAt = null;
        boolean refused = false;
        Hdr lastHeader = null;
        if (delivered == null && !sinks.isEmpty()) {
            // the request ends in one namespace; the sender is a sink only when the request never left it
            String s = sinks.size() > 1 ? sinks.stream().filter(n -> !n.equals(from)).findFirst().orElse(sinks.get(0)) : sinks.get(0);
            droppedAt = model(s);
            refused = refusedBy.get(s);
            lastHeader = lastIn.get(s);
        }
        Map<String, List<String>> ct = new TreeMap<>();
        Map<String, List<ConntrackEntry>> raw = new LinkedHashMap<>();
        for (String modelNs : modelNs) {
            List<String> entries = new ArrayList<>();
            List<ConntrackEntry> table = kp.conntrack(lab.ns(modelNs));
            // IGMP reports of the lab's bridges (multicast snooping) are the kernel's own traffic, not the probe's
            table = table.stream().filter(e -> e.protonum() != IGMP).toList();
            raw.put(modelNs, table);
            for (ConntrackEntry e : table) {
                entries.add(Observed.ct(e));
            }
            if (!entries.isEmpty()) {
                entries.sort(null);
                ct.put(modelNs, List.copyOf(entries));
            }
        }
        lastConntrack = raw;
        return new Observed(delivered, atDst, droppedAt, refused, lastHeader, replied, replied ? replyHeader : null, reset,
                List.copyOf(errors), ct);
    }

    /**
     * The packets captured from the probe's sending on: an earlier probe's late packets (a host unreachable after
     * an ARP timeout) are not this probe's. tcpdump's time of day is compared with the sending time (same clock).
     */
    private static List<CapturedPacket> fromProbe(List<CapturedPacket> ps, long sentMillis) {
        java.time.LocalTime start = java.time.LocalTime.ofInstant(java.time.Instant.ofEpochMilli(sentMillis - 50),
                java.time.ZoneId.systemDefault());
        List<CapturedPacket> out = new ArrayList<>();
        for (CapturedPacket c : ps) {
            java.time.LocalTime t = time(c.line());
            if (t == null || !t.isBefore(start)) {
                out.add(c);
            }
        }
        return out;
    }

    private static void pause(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.time.LocalTime time(String line) {
        if (line.length() < 15 || line.charAt(2) != ':' || line.charAt(5) != ':') {
            return null;
        }
        try {
            return java.time.LocalTime.parse(line.substring(0, 15));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** An ICMP error to a NAT box's own address that it un-NATs and sends on was not delivered there. */
    private static boolean forwardedError(List<CapturedPacket> ps, int i) {
        CapturedPacket in = ps.get(i);
        for (CapturedPacket c : ps.subList(i + 1, ps.size())) {
            if (c.outbound() && c.isIcmpError() && c.icmpType() == in.icmpType() && c.icmpCode() == in.icmpCode()) {
                return true;
            }
        }
        return false;
    }

    /** Model name of a lab namespace (the stub namespace of stand-ins keeps its lab name). */
    private String model(String labNs) {
        for (Map.Entry<String, String> e : lab.namespaces().entrySet()) {
            if (e.getValue().equals(labNs)) {
                return e.getKey();
            }
        }
        return labNs;
    }

    private boolean isLocal(String ns, String addr) {
        return addresses.getOrDefault(ns, Set.of()).contains(addr) || addr.startsWith("127.");
    }

    /** The probe's request: echo request, SYN, the 16-byte datagram, ESP with sequence number 1. */
    static boolean isRequest(Packet p, CapturedPacket c) {
        return switch (p.proto()) {
            case Packet.ICMP -> c.proto().equals("icmp") && c.icmpType() == 8;
            case Packet.TCP -> c.isTcpSyn();
            case Packet.UDP -> c.proto().equals("udp") && c.length() == KernelProbe.PAYLOAD.length();
            case Packet.ESP -> c.proto().equals("esp") && c.line().contains("seq=0x1)");
            default -> false;
        };
    }

    /** The answer: echo reply, SYN-ACK, the 4-byte datagram, ESP with sequence number 2. */
    static boolean isAnswer(Packet p, CapturedPacket c) {
        return switch (p.proto()) {
            case Packet.ICMP -> c.proto().equals("icmp") && c.icmpType() == 0;
            case Packet.TCP -> c.proto().equals("tcp") && c.tcpFlags() != null && c.tcpFlags().startsWith("S.");
            case Packet.UDP -> c.proto().equals("udp") && c.length() == KernelProbe.UDP_ANSWER.length();
            case Packet.ESP -> c.proto().equals("esp") && c.line().contains("seq=0x2)");
            default -> false;
        };
    }

    /** The kernel's captures of the last probe, for failure messages. */
    String captures() {
        StringBuilder sb = new StringBuilder();
        lastCaptures.forEach((ns, ps) -> ps.forEach(c -> sb.append("    ").append(model(ns)).append(": ").append(c.line()).append('\n')));
        return sb.toString();
    }
}
