package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.engine.Interface;
import org.netwright.engine.Iptables;
import org.netwright.engine.Listener;
import org.netwright.engine.Match;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Route;
import org.netwright.engine.Rule;
import org.netwright.engine.Statement;
import org.netwright.engine.Sysctls;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.NetnsLab;

/**
 * Seed 000: a zephyr client (10.1.2.3) behind a MASQUERADE box (18.4.5.6). Unsolicited UDP from a server
 * the client never contacted has no conntrack entry and is answered by the NAT box itself (port
 * unreachable); static DNAT of the known servers' UDP delivers it.
 */
class Seed000DifferentialTest {
    static final String[] SERVERS = {"18.7.15.82", "18.7.15.75", "18.158.0.53"};
    private Differential d;

    @BeforeEach
    void kernel() {
        KernelAvailability.require();
    }

    @AfterEach
    void down() {
        if (d != null) {
            d.close();
        }
    }

    static NetworkView engineView(boolean staticDnat) {
        Iptables ipt = new Iptables();
        ipt.append("nat", "POSTROUTING", Rule.builder().text("-A POSTROUTING -o eth0 -j MASQUERADE")
                .match(Match.oif("eth0")).then(Statement.masquerade()));
        if (staticDnat) {
            for (String s : SERVERS) {
                ipt.append("nat", "PREROUTING", Rule.builder()
                        .text("-A PREROUTING -p udp -i eth0 -d 18.4.5.6 -s " + s + " -j DNAT --to-destination 10.1.2.3")
                        .match(Match.udp(), Match.iif("eth0"), Match.daddr("18.4.5.6"), Match.saddr(s))
                        .then(Statement.dnat("10.1.2.3")));
            }
        }
        Namespace nat = Namespace.builder("natbox").sysctls(Sysctls.builder().ipForward(true).build())
                .iface(Interface.builder("eth1").kind(Interface.Kind.VETH).address("10.1.2.1/24").peer("client", "eth0"))
                .iface(Interface.builder("eth0").kind(Interface.Kind.VETH).address("18.4.5.6/24").peer("net", "eth0"))
                .route(Route.to("default").via("18.4.5.1").dev("eth0"))
                .nfTables(ipt.build()).build();
        Namespace client = Namespace.builder("client")
                .iface(Interface.builder("eth0").kind(Interface.Kind.VETH).address("10.1.2.3/24").peer("natbox", "eth1"))
                .route(Route.to("default").via("10.1.2.1").dev("eth0"))
                .listener(Listener.udp(2104)).build();
        Interface.Builder srv = Interface.builder("srv").kind(Interface.Kind.DUMMY);
        for (String s : SERVERS) {
            srv.address(s + "/32");
        }
        Namespace net = Namespace.builder("net")
                .iface(Interface.builder("eth0").kind(Interface.Kind.VETH).address("18.4.5.1/24").peer("natbox", "eth0"))
                .iface(srv).listener(Listener.udp(2103)).build();
        return NetworkView.builder().namespace(nat).namespace(client).namespace(net).build();
    }

    static NetnsLab kernelLab(String name, boolean staticDnat) {
        NetnsLab lab = NetnsLab.up(name);
        try {
            lab.namespace("natbox").namespace("client").namespace("net")
                    .veth("natbox", "eth1", "client", "eth0").veth("natbox", "eth0", "net", "eth0")
                    .dummy("net", "srv");
            lab.addr("natbox", "eth1", "10.1.2.1/24").addr("natbox", "eth0", "18.4.5.6/24")
                    .addr("client", "eth0", "10.1.2.3/24").addr("net", "eth0", "18.4.5.1/24");
            for (String s : SERVERS) {
                lab.addr("net", "srv", s + "/32");
            }
            lab.sysctl("natbox", "net.ipv4.ip_forward", "1")
                    .route("natbox", "default", "via", "18.4.5.1", "dev", "eth0")
                    .route("client", "default", "via", "10.1.2.1", "dev", "eth0");
            StringBuilder rules = new StringBuilder("""
                    *nat
                    :PREROUTING ACCEPT [0:0]
                    :INPUT ACCEPT [0:0]
                    :OUTPUT ACCEPT [0:0]
                    :POSTROUTING ACCEPT [0:0]
                    -A POSTROUTING -o eth0 -j MASQUERADE
                    """);
            if (staticDnat) {
                for (String s : SERVERS) {
                    rules.append("-A PREROUTING -p udp -i eth0 -d 18.4.5.6 -s ").append(s)
                            .append(" -j DNAT --to-destination 10.1.2.3\n");
                }
            }
            lab.iptablesRestore("natbox", rules.append("COMMIT\n").toString(), false);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    @Test
    void unsolicitedUdpIsDroppedAtTheNatBoxAndTheContactedServerStillGetsThrough() {
        d = new Differential(engineView(false), kernelLab("s000b", false));
        var server = d.kp.udpEchoServer("net", "18.7.15.82", 2103);
        d.kp.udpEchoServer("client", "10.1.2.3", 2104);
        // a: the client talks to one server; its answer comes back
        ProbeSpec a = ProbeSpec.udp("client", "10.1.2.3", 2104, "18.7.15.82", 2103);
        Outcome ka = d.kernel(a);
        Outcome ea = d.engine(a);
        assertEquals("net", ka.deliveredTo(), ka + "\n" + d.explain());
        assertEquals("18.4.5.6", ka.atDst().src());
        assertTrue(ka.replied());
        assertEquals(List.of(), ea.diff(ka), d.explain());
        // b: another server, never contacted, sends to the public address: no association, port unreachable
        ProbeSpec b = ProbeSpec.udp("net", "18.7.15.75", 2103, "18.4.5.6", 2104);
        Outcome kb = d.kernel(b);
        Outcome eb = d.engine(b);
        assertNull(kb.deliveredTo(), kb + "\n" + d.explain());
        assertEquals(List.of("3/3@net"), kb.icmpErrors(), d.explain());
        assertFalse(kb.replied());
        assertEquals(List.of(), eb.diff(kb), d.explain());
        // c: the contacted server reaches the client through the existing association
        server.close();
        ProbeSpec c = ProbeSpec.udp("net", "18.7.15.82", 2103, "18.4.5.6", 2104);
        Outcome kc = d.kernel(c);
        Outcome ec = d.engine(c);
        assertEquals("client", kc.deliveredTo(), kc + "\n" + d.explain());
        assertEquals(new Hdr("udp", "18.7.15.82", 2103, "10.1.2.3", 2104), kc.atDst());
        assertEquals(List.of(), ec.diff(kc), d.explain());
        assertEquals(d.kernelConntrack("natbox"), d.engineConntrack("natbox"));
    }

    @Test
    void staticDnatDeliversToTheClientAndTheAnswerIsUnDnatted() {
        d = new Differential(engineView(true), kernelLab("s000f", true));
        d.kp.udpEchoServer("client", "10.1.2.3", 2104);
        ProbeSpec b = ProbeSpec.udp("net", "18.7.15.75", 2103, "18.4.5.6", 2104);
        Outcome k = d.kernel(b, "natbox/eth0");
        Outcome e = d.engine(b, "natbox/eth0");
        assertEquals("client", k.deliveredTo(), k + "\n" + d.explain());
        assertEquals(new Hdr("udp", "18.7.15.75", 2103, "10.1.2.3", 2104), k.atDst());
        assertTrue(k.replied(), k + "\n" + d.explain());
        assertEquals(List.of(), e.diff(k), d.explain());
        assertEquals(List.of("udp zone=0 nat=dnat"), d.kernelConntrack("natbox"));
        assertEquals(d.kernelConntrack("natbox"), d.engineConntrack("natbox"));
    }
}
