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
            import os, select, socket, struct, sys, threading, time
            held = []
            lock = threading.Lock()
            def hold(s):
                with lock:
                    held.append(s)
            def close_all():
                with lock:
                    for s in held:
                        try:
                            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
                            s.close()
                        except OSError:
                            pass
                    n = len(held)
                    held.clear()
                return 'closed %d' % n
            def serve(port_u, port_t, addrs):
                us = []
                for a in addrs:
                    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    u.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    u.bind((a, port_u))
                    us.append(u)
                t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                t.bind(('0.0.0.0', port_t))
                t.listen(256)
                t.setblocking(False)
                while True:
                    r, _, _ = select.select(us + [t], [], [])
                    for s in r:
                        try:
                            if s is t:
                                c, _ = t.accept()
                                hold(c)
                            else:
                                d, peer = s.recvfrom(2048)
                                if len(d) == 16:
                                    s.sendto(d[:4], peer)
                        except OSError:
                            pass
            def client(kind, src, sport, dst, dport, timeout):
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if kind == 'udp' else socket.SOCK_STREAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind((src, sport))
                s.settimeout(timeout)
                try:
                    s.connect((dst, dport))
                    if kind == 'udp':
                        s.send(b'netwright-probe\\n')
                        r = 'answer %d' % len(s.recv(2048))
                    else:
                        hold(s)
                        return 'connected'
                except socket.timeout:
                    r = 'timeout'
                except OSError as e:
                    r = 'error %d %s' % (e.errno, e.strerror)
                s.close()
                return r
            ident = [os.getpid() & 0x7fff]
            def csum(b):
                if len(b) % 2:
                    b += b'\\0'
                x = sum(struct.unpack('!%dH' % (len(b) // 2), b))
                x = (x >> 16) + (x & 0xffff)
                x += x >> 16
                return ~x & 0xffff
            def ping(dst, ttl, timeout):
                ident[0] = (ident[0] + 1) & 0xffff
                i = ident[0]
                s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
                s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, ttl)
                body = b'netwright-probe\\n'
                h = struct.pack('!BBHHH', 8, 0, 0, i, 1)
                s.sendto(struct.pack('!BBHHH', 8, 0, csum(h + body), i, 1) + body, (dst, 0))
                end = time.time() + timeout
                r = 'timeout'
                while time.time() < end:
                    ready, _, _ = select.select([s], [], [], max(0, end - time.time()))
                    if not ready:
                        break
                    d, a = s.recvfrom(2048)
                    o = (d[0] & 15) * 4
                    if a[0] == dst and d[o] == 0 and struct.unpack('!H', d[o + 4:o + 6])[0] == i:
                        r = 'answer'
                        break
                s.close()
                return r
            def handle(f):
                try:
                    if f[0] == 'ping':
                        return ping(f[1], int(f[2]), float(f[3]))
                    if f[0] == 'closeall':
                        return close_all()
                    return client(f[0], f[1], int(f[2]), f[3], int(f[4]), float(f[5]))
                except Exception as e:
                    return 'error ' + repr(e)
            def control(path):
                l = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                l.bind(path)
                l.listen(1)
                print('ready', flush=True)
                while True:
                    c, _ = l.accept()
                    f = c.makefile('rw')
                    for line in f:
                        f.write(handle(line.split()) + '\\n')
                        f.flush()
                    c.close()
            a = sys.argv[1:]
            threading.Thread(target=serve, args=(int(a[0]), int(a[1]), a[3:]), daemon=True).start()
            control(a[2])
            """;

    private final LabProcess process;
    private final java.nio.channels.SocketChannel channel;
    private final java.io.BufferedReader in;

    private Agent(LabProcess process, java.nio.channels.SocketChannel channel) {
        this.process = process;
        this.channel = channel;
        this.in = new java.io.BufferedReader(java.nio.channels.Channels.newReader(channel, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Starts the agent of a namespace, serving on its addresses; returns when it listens. */
    static Agent start(NetnsLab lab, String ns, List<String> addresses) {
        java.nio.file.Path sock = lab.workDir().resolve("agent-" + ns + ".sock");
        List<String> argv = new ArrayList<>(List.of(python(), "-I", "-S", "-c", SCRIPT,
                String.valueOf(GenTopo.UDP_PORT), String.valueOf(GenTopo.TCP_PORT), sock.toString()));
        for (String a : addresses) {
            argv.add(LabNames.ipv4(a));
        }
        argv.add("127.0.0.1");
        LabProcess p = lab.spawn(ns, Duration.ofHours(2), argv.toArray(String[]::new));
        if (!p.awaitOutput("ready", Duration.ofSeconds(20))) {
            String err = p.stderr();
            p.close();
            throw new LabException("agent did not start in " + ns + ": " + err);
        }
        try {
            return new Agent(p, java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(sock)));
        } catch (java.io.IOException e) {
            p.close();
            throw new LabException("cannot reach the agent of " + ns + ": " + e.getMessage(), e);
        }
    }

    /** The system's python3 (not a version manager's shim), else the one on the PATH. */
    private static String python() {
        if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3"))) {
            return "/usr/bin/python3";
        }
        java.nio.file.Path p = org.netwright.export.KernelAvailability.which("python3");
        if (p == null) {
            throw new LabException("python3 not found (the referee's agents need it)");
        }
        return p.toString();
    }

    LabProcess process() {
        return process;
    }

    /** One request, one answer line. The agent bounds every operation by its own time-out. */
    private synchronized String call(String line) {
        try {
            channel.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            String r = in.readLine();
            if (r == null) {
                throw new LabException("agent ended: " + process.stderr());
            }
            return r;
        } catch (java.io.IOException e) {
            throw new LabException("agent call '" + line + "' failed: " + e.getMessage() + " " + process.stderr(), e);
        }
    }

    /**
     * One UDP datagram or one TCP connection attempt. A TCP connection that is established stays open until
     * {@link #closeAll()}: the engine's TCP probe is the handshake only, so the kernel's connection must not
     * move on to FIN / TIME_WAIT (where NAT may evict it for a new SYN, nf_nat_used_tuple_harder) mid-case.
     */
    String client(String kind, String src, int sport, String dst, int dport, double timeout) {
        return call(kind + " " + LabNames.ipv4(src) + " " + port(sport) + " " + LabNames.ipv4(dst) + " " + port(dport) + " "
                + String.format(java.util.Locale.ROOT, "%.2f", timeout));
    }

    /** One ICMP echo request (raw socket, a fresh identifier each time) with the given TTL. */
    String ping(String dst, int ttl, double timeout) {
        if (ttl < 1 || ttl > 255) {
            throw new LabException("invalid ttl " + ttl);
        }
        return call("ping " + LabNames.ipv4(dst) + " " + ttl + " " + String.format(java.util.Locale.ROOT, "%.2f", timeout));
    }

    /** Closes (with a reset) every connection the agent holds, client and server side. */
    String closeAll() {
        return call("closeall");
    }

    private static String port(int p) {
        if (p < 1 || p > 65535) {
            throw new LabException("invalid port " + p);
        }
        return String.valueOf(p);
    }
}
