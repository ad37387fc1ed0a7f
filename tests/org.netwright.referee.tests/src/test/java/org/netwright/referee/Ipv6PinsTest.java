package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.engine.ChainType;
import org.netwright.engine.CtState;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.Listener;
import org.netwright.engine.Match;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Route;
import org.netwright.engine.Rule;
import org.netwright.engine.Simulation;
import org.netwright.engine.Statement;
import org.netwright.engine.Sysctls;
import org.netwright.engine.Verdict;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.ExecResult;
import org.netwright.lab.LabProcess;
import org.netwright.lab.NetnsLab;

/**
 * IPv6 walks, the kernel against the engine, on the research's line a (2001:db8:1::2, 10.0.1.2) -- r (ra 2001:db8:1::1
 * | rb 2001:db8:2::1, 10.0.1.1 | 10.0.2.1) -- b (2001:db8:2::2, 10.0.2.2), built with ip/nft in namespaces of the lab
 * (IPv6 enabled again, no DAD, no ICMPv6 rate limit) and with the engine's builders. Each probe is one bounded ping or
 * UDP datagram from a; both sides are reduced to what a saw: a reply (and from whom), an ICMPv6 error (type/code and
 * sender), a refused datagram (a port unreachable that reached a's socket), or nothing.
 */
class Ipv6PinsTest {
    @BeforeEach
    void kernel() {
        KernelAvailability.require("python3", "ping");
    }

    // ------------------------------------------------------------------ the kernel

    private static NetnsLab line(String name, boolean bHasV6, String rNft) {
        NetnsLab lab = NetnsLab.up(name);
        try {
            build(lab, bHasV6, rNft);
            return lab;
        } catch (RuntimeException | Error e) {
            // the namespaces made so far go, even when the set-up fails half-way
            lab.close();
            throw e;
        }
    }

    private static void build(NetnsLab lab, boolean bHasV6, String rNft) {
        for (String ns : List.of("a", "r", "b")) {
            lab.namespace(ns);
            // the lab disables IPv6 by default; the veths made next take these defaults
            lab.sysctl(ns, "net.ipv6.conf.all.disable_ipv6", "0");
            lab.sysctl(ns, "net.ipv6.conf.default.disable_ipv6", "0");
            lab.sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
            lab.sysctl(ns, "net.ipv6.icmp.ratelimit", "0");
        }
        lab.veth("a", "a0", "r", "ra").veth("r", "rb", "b", "b0");
        lab.addr("a", "a0", "10.0.1.2/24").addr("r", "ra", "10.0.1.1/24").addr("r", "rb", "10.0.2.1/24")
                .addr("b", "b0", "10.0.2.2/24");
        lab.ip("a", "addr", "add", "2001:db8:1::2/64", "dev", "a0", "nodad");
        lab.ip("r", "addr", "add", "2001:db8:1::1/64", "dev", "ra", "nodad");
        lab.ip("r", "addr", "add", "2001:db8:2::1/64", "dev", "rb", "nodad");
        if (bHasV6) {
            lab.ip("b", "addr", "add", "2001:db8:2::2/64", "dev", "b0", "nodad");
            lab.ip("b", "-6", "route", "add", "default", "via", "2001:db8:2::1", "dev", "b0");
        }
        lab.route("a", "default", "via", "10.0.1.1");
        lab.route("b", "default", "via", "10.0.2.1");
        lab.ip("a", "-6", "route", "add", "default", "via", "2001:db8:1::1", "dev", "a0");
        lab.sysctl("r", "net.ipv4.ip_forward", "1");
        lab.sysctl("r", "net.ipv6.conf.all.forwarding", "1");
        // an unanswered solicitation gives up after one try of 200 ms instead of three of a second (e05)
        lab.sysctl("r", "net.ipv6.neigh.rb.mcast_solicit", "1");
        lab.sysctl("r", "net.ipv6.neigh.rb.retrans_time_ms", "200");
        if (rNft != null) {
            lab.nft("r", rNft).orThrow();
        }
    }

    private static final Pattern REPLY = Pattern.compile("bytes from ([0-9a-f:.]+): icmp_seq=1");
    private static final Pattern ERROR = Pattern.compile("From ([0-9a-f:.]+) icmp_seq=1 (.+)");

    /** One ping from a, as {@link #seen} words it. */
    private static String kernelPing(NetnsLab lab, String dst, int hopLimit) {
        List<String> argv = new ArrayList<>(List.of("ping", "-c", "1", "-W", "2", "-t", String.valueOf(hopLimit), dst));
        ExecResult r = lab.exec("a", Duration.ofSeconds(6), argv.toArray(String[]::new));
        Matcher m = REPLY.matcher(r.stdout());
        if (m.find()) {
            return "reply from " + m.group(1);
        }
        m = ERROR.matcher(r.stdout());
        if (m.find()) {
            String what = switch (m.group(2).trim()) {
                case "Time exceeded: Hop limit" -> "3/0";
                case "Destination unreachable: No route" -> "1/0";
                case "Destination unreachable: Administratively prohibited" -> "1/1";
                case "Destination unreachable: Address unreachable" -> "1/3";
                case "Destination unreachable: Port unreachable" -> "1/4";
                default -> m.group(2).trim();
            };
            return "error " + what + " from " + m.group(1);
        }
        return "nothing";
    }

    private static final String UDP_SERVER = """
            import socket
            s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            s.bind(('::', 53))
            print('ready', flush=True)
            data, peer = s.recvfrom(100)
            s.sendto(peer[0].encode(), peer)
            """;

    private static final String UDP_CLIENT = """
            import socket, sys
            s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            s.settimeout(2)
            s.connect((sys.argv[1], int(sys.argv[2])))
            s.send(b'x')
            try:
                print('reply ' + s.recv(100).decode())
            except ConnectionRefusedError:
                print('refused')
            except socket.timeout:
                print('nothing')
            """;

    /** One UDP datagram from a; with {@code server}, b answers with the peer address it saw. */
    private static String kernelUdp(NetnsLab lab, String dst, int port, boolean server) {
        LabProcess srv = server ? lab.spawn("b", Duration.ofSeconds(10), "python3", "-c", UDP_SERVER) : null;
        try {
            if (srv != null) {
                assertTrue(srv.awaitOutput("ready", Duration.ofSeconds(5)), "udp server did not start: " + srv.stderr());
            }
            return lab.exec("a", Duration.ofSeconds(6), "python3", "-c", UDP_CLIENT, dst, String.valueOf(port)).orThrow()
                    .stdout().trim();
        } finally {
            if (srv != null) {
                srv.close();
            }
        }
    }

    // ------------------------------------------------------------------ the engine

    private static NetworkView view(boolean bHasV6, NfTable rTable) {
        Namespace.Builder r = Namespace.builder("r").sysctls(Sysctls.builder().ipForward(true).ip6Forward(true).build())
                .iface(Interface.builder("ra").kind(Interface.Kind.VETH).address("10.0.1.1/24").address("2001:db8:1::1/64")
                        .peer("a", "a0"))
                .iface(Interface.builder("rb").kind(Interface.Kind.VETH).address("10.0.2.1/24").address("2001:db8:2::1/64")
                        .peer("b", "b0"));
        if (rTable != null) {
            r.nfTable(rTable);
        }
        Namespace a = Namespace.builder("a")
                .iface(Interface.builder("a0").kind(Interface.Kind.VETH).address("10.0.1.2/24").address("2001:db8:1::2/64")
                        .peer("r", "ra"))
                .route(Route.to("default").via("10.0.1.1").dev("a0")).route(Route.defaultV6().via("2001:db8:1::1").dev("a0"))
                .build();
        Interface.Builder b0 = Interface.builder("b0").kind(Interface.Kind.VETH).address("10.0.2.2/24").peer("r", "rb");
        if (bHasV6) {
            b0.address("2001:db8:2::2/64");
        }
        Namespace.Builder b = Namespace.builder("b").iface(b0).route(Route.to("default").via("10.0.2.1").dev("b0"))
                .listener(Listener.udp(53));
        if (bHasV6) {
            b.route(Route.defaultV6().via("2001:db8:2::1").dev("b0"));
        }
        return NetworkView.builder().namespace(a).namespace(r.build()).namespace(b.build()).build();
    }

    /** What a saw of the engine's walk, worded as {@link #kernelPing} / {@link #kernelUdp} word the kernel's. */
    private static String seen(ProbeResult r, boolean udp) {
        for (ProbeResult.IcmpError e : r.icmpErrors()) {
            if (e.deliveredTo() != null && e.deliveredTo().namespace().equals("a")) {
                if (udp && e.type() == Packet.ICMP6_DEST_UNREACH && e.code() == 4) {
                    return "refused";
                }
                return "error " + e.type() + "/" + e.code() + " from " + e.header().src();
            }
        }
        if (r.replyDelivered()) {
            return udp ? "reply " + r.observedAtDst().src() : "reply from " + r.observedAtDst().dst();
        }
        return "nothing";
    }

    private static String enginePing(NetworkView v, String dst, int hopLimit) {
        return seen(new Simulation(v).probe(Probe.from("a", Packet.icmpEcho(null, dst, 1).withTtl(hopLimit))), false);
    }

    private static String engineUdp(NetworkView v, String dst, int port) {
        return seen(new Simulation(v).probe(Probe.from("a", Packet.udp(null, dst, 40000, port))), true);
    }

    // ------------------------------------------------------------------ the pins

    @Test
    void forwardingAndHopLimit() {
        NetworkView v = view(true, null);
        try (NetnsLab lab = line("v6fwd", true, null)) {
            for (int hl : new int[] {64, 2, 1}) {
                assertEquals(kernelPing(lab, "2001:db8:2::2", hl), enginePing(v, "2001:db8:2::2", hl), "hop limit " + hl);
            }
            assertEquals("error 3/0 from 2001:db8:1::1", kernelPing(lab, "2001:db8:2::2", 1), "time exceeded (e03)");
        }
    }

    @Test
    void unresolvedNeighbour() {
        NetworkView v = view(false, null);
        try (NetnsLab lab = line("v6nd", false, null)) {
            String k = kernelPing(lab, "2001:db8:2::2", 64);
            assertEquals("error 1/3 from 2001:db8:1::1", k, "address unreachable (e05)");
            assertEquals(k, enginePing(v, "2001:db8:2::2", 64));
        }
    }

    private static final String MASQUERADE = """
            table ip6 nat {
                chain post {
                    type nat hook postrouting priority srcnat;
                    oifname "rb" masquerade
                }
            }
            """;

    private static NfTable masquerade() {
        NfTable.Builder t = NfTable.builder(Family.IP6, "nat");
        t.baseChain("post", ChainType.NAT, Hook.POSTROUTING, 100, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.oif("rb")).then(Statement.masquerade()).text("oifname \"rb\" masquerade"));
        return t.build();
    }

    @Test
    void nat66MasqueradeAndItsReply() {
        NetworkView v = view(true, masquerade());
        try (NetnsLab lab = line("v6masq", true, MASQUERADE)) {
            String k = kernelUdp(lab, "2001:db8:2::2", 53, true);
            assertEquals("reply 2001:db8:2::1", k, "b saw rb's address (e09)");
            assertEquals(k, engineUdp(v, "2001:db8:2::2", 53));
        }
    }

    @Test
    void icmpv6ErrorsThroughNat66() {
        NetworkView v = view(true, masquerade());
        try (NetnsLab lab = line("v6err", true, MASQUERADE)) {
            String k = kernelUdp(lab, "2001:db8:2::2", 5353, false);
            assertEquals("refused", k, "b's port unreachable reached a's socket, un-NATed (e10)");
            assertEquals(k, engineUdp(v, "2001:db8:2::2", 5353));
            for (int hl : new int[] {1, 64}) {
                assertEquals(kernelPing(lab, "2001:db8:2::2", hl), enginePing(v, "2001:db8:2::2", hl), "hop limit " + hl);
            }
        }
    }

    private static final String INET_FILTER = """
            table inet filter {
                chain forward {
                    type filter hook forward priority filter; policy accept;
                    ct state established,related accept
                    ip saddr != 10.0.0.0/8 drop
                    ip6 daddr 2001:db8:2::2 icmpv6 type echo-request reject with icmpv6 admin-prohibited
                    meta nfproto ipv6 drop
                }
            }
            """;

    private static NfTable inetFilter() {
        NfTable.Builder t = NfTable.builder(Family.INET, "filter");
        t.baseChain("forward", ChainType.FILTER, Hook.FORWARD, 0, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.ctState(CtState.ESTABLISHED, CtState.RELATED)).then(new Statement.Accept()))
                .rule(Rule.builder().match(Match.not(Match.saddr("10.0.0.0/8"))).then(new Statement.Drop()))
                .rule(Rule.builder().match(Match.daddr("2001:db8:2::2"), Match.proto(Packet.ICMPV6),
                        new Match.Icmp6Type(java.util.Set.of(Packet.ICMP6_ECHO_REQUEST))).then(new Statement.Reject(3, false, 1)))
                .rule(Rule.builder().match(new Match.NfProto(true)).then(new Statement.Drop()));
        return t.build();
    }

    @Test
    void inetFilterDualStack() {
        NetworkView v = view(true, inetFilter());
        try (NetnsLab lab = line("v6inet", true, INET_FILTER)) {
            assertEquals("reply from 10.0.2.2", kernelPing(lab, "10.0.2.2", 64), "IPv4 passes the inet chain");
            assertEquals(kernelPing(lab, "10.0.2.2", 64), enginePing(v, "10.0.2.2", 64));
            String k6 = kernelPing(lab, "2001:db8:2::2", 64);
            assertEquals("error 1/1 from 2001:db8:1::1", k6, "ip saddr != never matched IPv6; the reject did");
            assertEquals(k6, enginePing(v, "2001:db8:2::2", 64));
            String udp6 = kernelUdp(lab, "2001:db8:2::2", 53, true);
            assertEquals("nothing", udp6, "meta nfproto ipv6 drop");
            assertEquals(udp6, engineUdp(v, "2001:db8:2::2", 53));
        }
    }
}
