package org.netwright.referee;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.netwright.lab.ExecResult;
import org.netwright.lab.LabException;
import org.netwright.lab.LabNames;
import org.netwright.lab.LabProcess;
import org.netwright.lab.NetnsLab;

/**
 * The programs of the generated-cases lab, one small Python script (standard library only) in two roles.
 *
 * <p>Server: one long-lived process per namespace, UDP echo on {@value GenTopo#UDP_PORT} (one socket per local
 * address, so an answer leaves from the address the datagram was sent to, as the engine assumes) answering
 * every 16-byte datagram with its first 4 bytes, and a TCP listener on {@value GenTopo#TCP_PORT} that accepts
 * and closes. One select loop: no fork per datagram, so answers do not wait for a process start under load.
 *
 * <p>Client: one UDP datagram or one TCP connection attempt from a bound source address and port, waiting
 * at most the given time for the answer; prints what happened (for the failure report only: the outcome
 * itself is read from the kernel's counters, see {@link Observer}).
 */
final class Agent {
    /** Request payload: 16 bytes, so requests are UDP length 24 and answers (4 bytes) length 12. */
    static final String PAYLOAD = "netwright-probe\n";

    private static final String SCRIPT = """
            import select, socket, sys
            def server(args):
                port_u, port_t = int(args[0]), int(args[1])
                us = []
                for a in args[2:]:
                    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    u.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    u.bind((a, port_u))
                    us.append(u)
                t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                t.bind(('0.0.0.0', port_t))
                t.listen(256)
                t.setblocking(False)
                print('ready', flush=True)
                while True:
                    r, _, _ = select.select(us + [t], [], [])
                    for s in r:
                        try:
                            if s is t:
                                c, _ = t.accept()
                                c.close()
                            else:
                                d, peer = s.recvfrom(2048)
                                if len(d) == 16:
                                    s.sendto(d[:4], peer)
                        except OSError:
                            pass
            def client(args):
                kind, src, sport, dst, dport, timeout = args[0], args[1], int(args[2]), args[3], int(args[4]), float(args[5])
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if kind == 'udp' else socket.SOCK_STREAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind((src, sport))
                s.settimeout(timeout)
                try:
                    if kind == 'udp':
                        s.connect((dst, dport))
                        s.send(b'netwright-probe\\n')
                        d = s.recv(2048)
                        print('answer', len(d))
                    else:
                        s.connect((dst, dport))
                        print('connected')
                except socket.timeout:
                    print('timeout')
                except OSError as e:
                    print('error', e.errno, e.strerror)
                s.close()
            if sys.argv[1] == 'server':
                server(sys.argv[2:])
            else:
                client(sys.argv[2:])
            """;

    private Agent() {
    }

    private static List<String> python() {
        return List.of("/usr/bin/python3", "-I", "-S", "-c", SCRIPT);
    }

    /** Starts the server of a namespace on its addresses; returns when it listens. */
    static LabProcess server(NetnsLab lab, String ns, List<String> addresses) {
        List<String> argv = new ArrayList<>(python());
        argv.addAll(List.of("server", String.valueOf(GenTopo.UDP_PORT), String.valueOf(GenTopo.TCP_PORT)));
        for (String a : addresses) {
            argv.add(LabNames.ipv4(a));
        }
        argv.add("127.0.0.1");
        LabProcess p = lab.spawn(ns, Duration.ofHours(2), argv.toArray(String[]::new));
        if (!p.awaitOutput("ready", Duration.ofSeconds(20))) {
            String err = p.stderr();
            p.close();
            throw new LabException("agent server did not start in " + ns + ": " + err);
        }
        return p;
    }

    /** One UDP or TCP client attempt; the printed result line. */
    static String client(NetnsLab lab, String ns, String kind, String src, int sport, String dst, int dport, double timeout) {
        List<String> argv = new ArrayList<>(python());
        argv.addAll(List.of("client", kind, LabNames.ipv4(src), port(sport), LabNames.ipv4(dst), port(dport),
                String.format(java.util.Locale.ROOT, "%.2f", timeout)));
        ExecResult r = lab.exec(ns, Duration.ofMillis((long) (timeout * 1000) + 5000), argv.toArray(String[]::new));
        return (r.stdout().strip() + " " + r.stderr().strip()).strip();
    }

    /** {@code ping -c 1}: the result line. */
    static String ping(NetnsLab lab, String ns, String dst, int ttl, double timeout) {
        ExecResult r = lab.exec(ns, Duration.ofMillis((long) (timeout * 1000) + 5000), "ping", "-n", "-q", "-c", "1", "-W",
                String.format(java.util.Locale.ROOT, "%.2f", timeout), "-t", String.valueOf(ttl), LabNames.ipv4(dst));
        return r.ok() ? "answer" : "no answer (exit " + r.exitCode() + ")";
    }

    private static String port(int p) {
        if (p < 1 || p > 65535) {
            throw new LabException("invalid port " + p);
        }
        return String.valueOf(p);
    }
}
