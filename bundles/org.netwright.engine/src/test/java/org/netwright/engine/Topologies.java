package org.netwright.engine;

import static org.netwright.engine.Match.daddr;
import static org.netwright.engine.Match.iif;
import static org.netwright.engine.Match.not;
import static org.netwright.engine.Match.oif;
import static org.netwright.engine.Match.saddr;
import static org.netwright.engine.Match.udp;

/** The seed topologies, built through the public builders. */
final class Topologies {
    private Topologies() {
    }

    static Interface.Builder veth(String name, String cidr, String peerNs, String peerIf) {
        Interface.Builder b = Interface.builder(name).kind(Interface.Kind.VETH).peer(peerNs, peerIf);
        if (cidr != null) {
            b.address(cidr);
        }
        return b;
    }

    static Sysctls router() {
        return Sysctls.builder().ipForward(true).build();
    }

    static Rule rule(String text, Match[] ms, Statement... ss) {
        return Rule.builder().match(ms).then(ss).text(text).build();
    }

    /** A port forward on the router: tcp to 10.0.1.1:8080 is DNATed to 10.0.2.2:80 (nat prerouting). */
    static NfTable portForward8080() {
        NfTable.Builder t = NfTable.builder(Family.IP, "nat");
        t.baseChain("pre", ChainType.NAT, Hook.PREROUTING, -100, Verdict.ACCEPT)
                .rule(Rule.builder().match(Match.tcp(), Match.daddr("10.0.1.1"), Match.dport(8080))
                        .then(Statement.dnat("10.0.2.2", 80)).text("dnat"));
        return t.build();
    }

    static Match[] m(Match... ms) {
        return ms;
    }

    /** Seed 001: client and proxy namespaces hang off a host that policy-routes client traffic via the proxy. */
    static NetworkView seed001(boolean zoneFix) {
        Iptables ipt = new Iptables();
        ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o enp4s0 -j MASQUERADE",
                m(saddr("10.10.1.0/24"), not(daddr("10.10.1.0/24")), oif("enp4s0")), Statement.masquerade()));
        if (zoneFix) {
            ipt.append("raw", "PREROUTING", rule("-A PREROUTING -i client-veth0 -j CT --zone 1",
                    m(iif("client-veth0")), Statement.ctZone(1)));
            ipt.append("raw", "PREROUTING", rule("-A PREROUTING -i proxy-veth0 -d 10.10.1.0/24 -j CT --zone 1",
                    m(iif("proxy-veth0"), daddr("10.10.1.0/24")), Statement.ctZone(1)));
        }
        Namespace host = Namespace.builder("host").sysctls(router())
                .iface(veth("client-veth0", "10.10.1.2/24", "client", "veth0"))
                .iface(veth("proxy-veth0", "10.10.2.2/24", "proxy", "veth0"))
                .iface(Interface.builder("enp4s0").address("172.16.202.30/24").peer("internet", "eth0"))
                .route(Route.to("default").via("172.16.202.1").dev("enp4s0").metric(100))
                .route(Route.to("default").via("10.10.2.1").dev("proxy-veth0").table(100))
                .route(Route.to("default").via("10.10.1.1").dev("client-veth0").table(101))
                .rule(PolicyRule.priority(100).from("10.10.1.0/24").iif("client-veth0").lookup(100))
                .rule(PolicyRule.priority(101).to("10.10.1.0/24").iif("proxy-veth0").lookup(101))
                .rule(PolicyRule.priority(102).to("10.10.1.0/24").iif("enp4s0").lookup(100))
                .nfTables(ipt.build())
                .build();
        Namespace client = Namespace.builder("client")
                .iface(veth("veth0", "10.10.1.1/24", "host", "client-veth0"))
                .route(Route.to("default").via("10.10.1.2").dev("veth0")).build();
        Namespace proxy = Namespace.builder("proxy").sysctls(router())
                .iface(veth("veth0", "10.10.2.1/24", "host", "proxy-veth0"))
                .route(Route.to("default").via("10.10.2.2").dev("veth0")).build();
        Namespace internet = Namespace.builder("internet")
                .iface(Interface.builder("eth0").address("172.16.202.1/24").peer("host", "enp4s0"))
                .iface(Interface.builder("dns").kind(Interface.Kind.DUMMY).address("8.8.8.8/32"))
                .build();
        return NetworkView.builder().namespace(host).namespace(client).namespace(proxy).namespace(internet).build();
    }

    static final String[] ZEPHYR_SERVERS = {"18.7.15.82", "18.7.15.75", "18.158.0.53"};

    /** Seed 000: a zephyr client behind a MASQUERADE box; optionally static DNAT of the servers' UDP. */
    static NetworkView seed000(boolean staticDnat) {
        Iptables ipt = new Iptables();
        ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -o eth0 -j MASQUERADE", m(oif("eth0")),
                Statement.masquerade()));
        if (staticDnat) {
            for (String s : ZEPHYR_SERVERS) {
                ipt.append("nat", "PREROUTING", rule("-A PREROUTING -p udp -i eth0 -d 18.4.5.6 -s " + s
                        + " -j DNAT --to 10.1.2.3", m(udp(), iif("eth0"), daddr("18.4.5.6"), saddr(s)),
                        Statement.dnat("10.1.2.3")));
            }
        }
        Namespace nat = Namespace.builder("natbox").sysctls(router())
                .iface(veth("eth1", "10.1.2.1/24", "client", "eth0"))
                .iface(Interface.builder("eth0").address("18.4.5.6/24").peer("net", "eth0"))
                .route(Route.to("default").via("18.4.5.1").dev("eth0"))
                .nfTables(ipt.build()).build();
        Namespace client = Namespace.builder("client")
                .iface(veth("eth0", "10.1.2.3/24", "natbox", "eth1"))
                .route(Route.to("default").via("10.1.2.1").dev("eth0"))
                .listener(Listener.udp(2104)).build();
        Interface.Builder srv = Interface.builder("srv").kind(Interface.Kind.DUMMY);
        for (String s : ZEPHYR_SERVERS) {
            srv.address(s + "/32");
        }
        Namespace net = Namespace.builder("net")
                .iface(Interface.builder("eth0").address("18.4.5.1/24").peer("natbox", "eth0"))
                .iface(srv).listener(Listener.udp(2103)).build();
        return NetworkView.builder().namespace(nat).namespace(client).namespace(net).build();
    }

    /** Seed 002: two ESP clients on a bridged LAN behind one MASQUERADE router; optional per-client SNAT. */
    static NetworkView seed002(boolean perClientSnat) {
        Iptables ipt = new Iptables();
        if (perClientSnat) {
            ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -s 192.168.1.1 -d 2.2.2.2 -j SNAT --to-source 1.1.1.1",
                    m(saddr("192.168.1.1"), daddr("2.2.2.2")), Statement.snat("1.1.1.1")));
            ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -s 192.168.1.2 -d 2.2.2.2 -j SNAT --to-source 1.1.1.2",
                    m(saddr("192.168.1.2"), daddr("2.2.2.2")), Statement.snat("1.1.1.2")));
        }
        ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -s 192.168.1.0/24 -o eth1 -j MASQUERADE",
                m(saddr("192.168.1.0/24"), oif("eth1")), Statement.masquerade()));
        Namespace lan = Namespace.builder("lan")
                .iface(Interface.builder("br0").kind(Interface.Kind.BRIDGE))
                .iface(veth("p1", null, "c1", "eth0").master("br0"))
                .iface(veth("p2", null, "c2", "eth0").master("br0"))
                .iface(veth("p3", null, "rtr", "eth0").master("br0")).build();
        Namespace c1 = Namespace.builder("c1").iface(veth("eth0", "192.168.1.1/24", "lan", "p1"))
                .route(Route.to("default").via("192.168.1.254").dev("eth0")).build();
        Namespace c2 = Namespace.builder("c2").iface(veth("eth0", "192.168.1.2/24", "lan", "p2"))
                .route(Route.to("default").via("192.168.1.254").dev("eth0")).build();
        Namespace rtr = Namespace.builder("rtr").sysctls(router())
                .iface(veth("eth0", "192.168.1.254/24", "lan", "p3"))
                .iface(Interface.builder("eth1").address("1.1.1.1/24").address("1.1.1.2/24").peer("isp", "eth0"))
                .route(Route.to("default").via("1.1.1.254").dev("eth1"))
                .nfTables(ipt.build()).build();
        Namespace isp = Namespace.builder("isp").sysctls(router())
                .iface(Interface.builder("eth0").address("1.1.1.254/24").peer("rtr", "eth1"))
                .iface(Interface.builder("eth1").address("2.2.2.1/24").peer("vpn", "eth0")).build();
        Namespace vpn = Namespace.builder("vpn")
                .iface(Interface.builder("eth0").address("2.2.2.2/24").peer("isp", "eth1"))
                .route(Route.to("default").via("2.2.2.1").dev("eth0"))
                .listener(Listener.espReply()).build();
        return NetworkView.builder().namespace(lan).namespace(c1).namespace(c2).namespace(rtr).namespace(isp)
                .namespace(vpn).build();
    }

    /** Seed 004: a home LAN behind a gateway that SNATs to 10.20.30.2 and tunnels 10.0.0.0/8 over ESP. */
    static NetworkView seed004() {
        Iptables ipt = new Iptables();
        ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -d 10.0.0.0/8 -j SNAT --to 10.20.30.2",
                m(daddr("10.0.0.0/8")), Statement.snat("10.20.30.2")));
        ipt.append("nat", "POSTROUTING", rule("-A POSTROUTING -o wan -m policy --dir out --pol none -j SNAT --to 200.2.2.2",
                m(oif("wan"), new Match.IptPolicy(false, false)), Statement.snat("200.2.2.2")));
        Namespace home = Namespace.builder("home").iface(veth("eth0", "192.168.0.10/24", "gw", "lan"))
                .route(Route.to("default").via("192.168.0.1").dev("eth0")).build();
        Namespace gw = Namespace.builder("gw").sysctls(router())
                .iface(veth("lan", "192.168.0.1/24", "home", "eth0"))
                .iface(Interface.builder("wan").address("200.2.2.2/24").peer("inet", "e0"))
                .route(Route.to("default").via("200.2.2.1").dev("wan"))
                .nfTables(ipt.build())
                .xfrmState(XfrmState.esp("200.2.2.2", "100.1.1.1", 0x100, XfrmMode.TUNNEL, 1))
                .xfrmState(XfrmState.esp("100.1.1.1", "200.2.2.2", 0x200, XfrmMode.TUNNEL, 1))
                .xfrmPolicy(XfrmPolicy.ipsec(XfrmPolicy.Dir.OUT, "10.20.30.2/32", "10.0.0.0/8", 10,
                        XfrmPolicy.Template.tunnel("200.2.2.2", "100.1.1.1", 1)))
                .xfrmPolicy(XfrmPolicy.ipsec(XfrmPolicy.Dir.IN, "10.0.0.0/8", "10.20.30.2/32", 10,
                        XfrmPolicy.Template.tunnel("100.1.1.1", "200.2.2.2", 1)))
                .xfrmPolicy(XfrmPolicy.ipsec(XfrmPolicy.Dir.FWD, "10.0.0.0/8", "10.20.30.2/32", 10,
                        XfrmPolicy.Template.tunnel("100.1.1.1", "200.2.2.2", 1)))
                .build();
        Namespace inet = Namespace.builder("inet").sysctls(router())
                .iface(Interface.builder("e0").address("200.2.2.1/24").peer("gw", "wan"))
                .iface(Interface.builder("e1").address("100.1.1.254/24").peer("vpn", "e0")).build();
        Namespace vpn = Namespace.builder("vpn").sysctls(router())
                .iface(Interface.builder("e0").address("100.1.1.1/24").peer("inet", "e1"))
                .iface(veth("lan0", "10.0.0.1/24", "corp", "e0"))
                .route(Route.to("default").via("100.1.1.254").dev("e0"))
                .xfrmState(XfrmState.esp("200.2.2.2", "100.1.1.1", 0x100, XfrmMode.TUNNEL, 1))
                .xfrmState(XfrmState.esp("100.1.1.1", "200.2.2.2", 0x200, XfrmMode.TUNNEL, 1))
                .xfrmPolicy(XfrmPolicy.ipsec(XfrmPolicy.Dir.IN, "10.20.30.2/32", "10.0.0.0/8", 10,
                        XfrmPolicy.Template.tunnel("200.2.2.2", "100.1.1.1", 1)))
                .xfrmPolicy(XfrmPolicy.ipsec(XfrmPolicy.Dir.FWD, "10.20.30.2/32", "10.0.0.0/8", 10,
                        XfrmPolicy.Template.tunnel("200.2.2.2", "100.1.1.1", 1)))
                .xfrmPolicy(XfrmPolicy.ipsec(XfrmPolicy.Dir.OUT, "10.0.0.0/8", "10.20.30.2/32", 10,
                        XfrmPolicy.Template.tunnel("100.1.1.1", "200.2.2.2", 1)))
                .build();
        Namespace corp = Namespace.builder("corp").iface(veth("e0", "10.0.0.5/24", "vpn", "lan0"))
                .route(Route.to("default").via("10.0.0.1").dev("e0")).build();
        return NetworkView.builder().namespace(home).namespace(gw).namespace(inet).namespace(vpn).namespace(corp)
                .build();
    }
}
