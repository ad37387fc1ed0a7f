package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.netwright.engine.PolicyRule;
import org.netwright.engine.Route;
import org.netwright.engine.Rule;
import org.netwright.engine.Statement;
import org.netwright.engine.Sysctls;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.NetnsLab;

/**
 * Seed 001: client -> host -> proxy -> host -> uplink by policy routing, so the same 5-tuple crosses the
 * host's netfilter twice. Broken: the NAT binding is made on the first pass (out proxy-veth0, no rule
 * matches), the MASQUERADE on the second pass never sees a NEW packet and 10.10.1.1 leaves the uplink.
 * Fixed: CT --zone 1 on both passes through the proxy, so the second pass is a new connection in zone 0.
 */
class Seed001DifferentialTest {
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

    static NetworkView engineView(boolean zoneFix) {
        Iptables ipt = new Iptables();
        ipt.append("nat", "POSTROUTING", Rule.builder().text("-A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o enp4s0 -j MASQUERADE")
                .match(Match.saddr("10.10.1.0/24"), Match.not(Match.daddr("10.10.1.0/24")), Match.oif("enp4s0"))
                .then(Statement.masquerade()));
        if (zoneFix) {
            ipt.append("raw", "PREROUTING", Rule.builder().text("-A PREROUTING -i client-veth0 -j CT --zone 1")
                    .match(Match.iif("client-veth0")).then(Statement.ctZone(1)));
            ipt.append("raw", "PREROUTING", Rule.builder().text("-A PREROUTING -i proxy-veth0 -d 10.10.1.0/24 -j CT --zone 1")
                    .match(Match.iif("proxy-veth0"), Match.daddr("10.10.1.0/24")).then(Statement.ctZone(1)));
        }
        Sysctls router = Sysctls.builder().ipForward(true).build();
        Namespace host = Namespace.builder("host").sysctls(router)
                .iface(Interface.builder("client-veth0").kind(Interface.Kind.VETH).address("10.10.1.2/24").peer("client", "veth0"))
                .iface(Interface.builder("proxy-veth0").kind(Interface.Kind.VETH).address("10.10.2.2/24").peer("proxy", "veth0"))
                .iface(Interface.builder("enp4s0").kind(Interface.Kind.VETH).address("172.16.202.30/24").peer("internet", "eth0"))
                .route(Route.to("default").via("172.16.202.1").dev("enp4s0").metric(100))
                .route(Route.to("default").via("10.10.2.1").dev("proxy-veth0").table(100))
                .route(Route.to("default").via("10.10.1.1").dev("client-veth0").table(101))
                .rule(PolicyRule.priority(100).from("10.10.1.0/24").iif("client-veth0").lookup(100))
                .rule(PolicyRule.priority(101).to("10.10.1.0/24").iif("proxy-veth0").lookup(101))
                .rule(PolicyRule.priority(102).to("10.10.1.0/24").iif("enp4s0").lookup(100))
                .nfTables(ipt.build()).build();
        Namespace client = Namespace.builder("client")
                .iface(Interface.builder("veth0").kind(Interface.Kind.VETH).address("10.10.1.1/24").peer("host", "client-veth0"))
                .route(Route.to("default").via("10.10.1.2").dev("veth0")).build();
        Namespace proxy = Namespace.builder("proxy").sysctls(router)
                .iface(Interface.builder("veth0").kind(Interface.Kind.VETH).address("10.10.2.1/24").peer("host", "proxy-veth0"))
                .route(Route.to("default").via("10.10.2.2").dev("veth0")).build();
        Namespace internet = Namespace.builder("internet")
                .iface(Interface.builder("eth0").kind(Interface.Kind.VETH).address("172.16.202.1/24").peer("host", "enp4s0"))
                .iface(Interface.builder("dns").kind(Interface.Kind.DUMMY).address("8.8.8.8/32"))
                .listener(Listener.udp(5001)).build();
        return NetworkView.builder().namespace(host).namespace(client).namespace(proxy).namespace(internet).build();
    }

    /** The same topology with real commands (hand-written until the exporters exist). */
    static NetnsLab kernelLab(String name, boolean zoneFix) {
        NetnsLab lab = NetnsLab.up(name);
        try {
            lab.namespace("host").namespace("client").namespace("proxy").namespace("internet")
                    .veth("host", "client-veth0", "client", "veth0")
                    .veth("host", "proxy-veth0", "proxy", "veth0")
                    .veth("host", "enp4s0", "internet", "eth0")
                    .dummy("internet", "dns")
                    .addr("host", "client-veth0", "10.10.1.2/24").addr("host", "proxy-veth0", "10.10.2.2/24")
                    .addr("host", "enp4s0", "172.16.202.30/24").addr("client", "veth0", "10.10.1.1/24")
                    .addr("proxy", "veth0", "10.10.2.1/24").addr("internet", "eth0", "172.16.202.1/24")
                    .addr("internet", "dns", "8.8.8.8/32")
                    .sysctl("host", "net.ipv4.ip_forward", "1").sysctl("proxy", "net.ipv4.ip_forward", "1")
                    .route("client", "default", "via", "10.10.1.2", "dev", "veth0")
                    .route("proxy", "default", "via", "10.10.2.2", "dev", "veth0");
            lab.ipBatch("host", """
                    route add default via 172.16.202.1 dev enp4s0 metric 100
                    route add default via 10.10.2.1 dev proxy-veth0 table 100
                    route add default via 10.10.1.1 dev client-veth0 table 101
                    rule add priority 100 from 10.10.1.0/24 iif client-veth0 lookup 100
                    rule add priority 101 to 10.10.1.0/24 iif proxy-veth0 lookup 101
                    rule add priority 102 to 10.10.1.0/24 iif enp4s0 lookup 100
                    """);
            String raw = zoneFix ? """
                    *raw
                    :PREROUTING ACCEPT [0:0]
                    :OUTPUT ACCEPT [0:0]
                    -A PREROUTING -i client-veth0 -j CT --zone 1
                    -A PREROUTING -i proxy-veth0 -d 10.10.1.0/24 -j CT --zone 1
                    COMMIT
                    """ : "";
            lab.iptablesRestore("host", """
                    *nat
                    :PREROUTING ACCEPT [0:0]
                    :INPUT ACCEPT [0:0]
                    :OUTPUT ACCEPT [0:0]
                    :POSTROUTING ACCEPT [0:0]
                    -A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o enp4s0 -j MASQUERADE
                    COMMIT
                    """ + raw, false);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    @Test
    void brokenPrivateSourceLeavesTheUplink() {
        d = new Differential(engineView(false), kernelLab("s001b", false));
        ProbeSpec p = ProbeSpec.ping("client", "8.8.8.8");
        Outcome k = d.kernel(p, "host/enp4s0", "host/proxy-veth0");
        Outcome e = d.engine(p, "host/enp4s0", "host/proxy-veth0");
        // the kernel's facts, stated first, so a broken lab is not mistaken for an engine bug
        assertEquals("10.10.1.1", k.leaving().get("host/enp4s0").src(), k + "\n" + d.explain());
        assertEquals("internet", k.deliveredTo(), k + "\n" + d.explain());
        assertFalse(k.replied());
        assertEquals(List.of("icmp zone=0 nat=null"), d.kernelConntrack("host"));
        assertEquals(List.of(), e.diff(k), d.explain());
        assertEquals(d.kernelConntrack("host"), d.engineConntrack("host"));
    }

    @Test
    void zoneFixMasqueradesOnTheSecondPassAndTheReplyComesBack() {
        d = new Differential(engineView(true), kernelLab("s001f", true));
        ProbeSpec p = ProbeSpec.ping("client", "8.8.8.8");
        Outcome k = d.kernel(p, "host/enp4s0", "host/proxy-veth0");
        Outcome e = d.engine(p, "host/enp4s0", "host/proxy-veth0");
        assertEquals("172.16.202.30", k.leaving().get("host/enp4s0").src(), k + "\n" + d.explain());
        assertEquals("10.10.1.1", k.leaving().get("host/proxy-veth0").src());
        assertTrue(k.replied(), k + "\n" + d.explain());
        assertEquals(List.of("icmp zone=0 nat=snat", "icmp zone=1 nat=null"), d.kernelConntrack("host"));
        assertEquals(List.of(), e.diff(k), d.explain());
        assertEquals(d.kernelConntrack("host"), d.engineConntrack("host"));
    }

    @Test
    void zoneFixAlsoHoldsForUdpWithAFixedSourcePort() {
        d = new Differential(engineView(true), kernelLab("s001u", true));
        d.kp.udpEchoServer("internet", "8.8.8.8", 5001);
        ProbeSpec p = ProbeSpec.udp("client", "10.10.1.1", 33001, "8.8.8.8", 5001);
        Outcome k = d.kernel(p, "host/enp4s0");
        Outcome e = d.engine(p, "host/enp4s0");
        assertEquals(new Hdr("udp", "172.16.202.30", 33001, "8.8.8.8", 5001), k.atDst(), k + "\n" + d.explain());
        assertTrue(k.replied());
        assertEquals(List.of(), e.diff(k), d.explain());
        assertEquals(d.kernelConntrack("host"), d.engineConntrack("host"));
    }
}
