package org.netwright.testsupport;

import java.util.List;

import org.netwright.model.*;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.IpRange;
import org.netwright.model.semantics.PortRange;

/** Models built in code for the tests of the mapping, the exporters and the file formats. */
public final class TestModels {
    public static final NetwrightFactory F = NetwrightFactory.eINSTANCE;

    private TestModels() {
    }

    /** An address written as text; null for null. */
    public static IpAddress ip(String text) {
        return text == null ? null : IpAddress.parse(text);
    }

    /** A prefix (or address, or default/all) written as text; null for null. */
    public static IpPrefix prefix(String text) {
        return text == null ? null : IpPrefix.parse(text);
    }

    public static Namespace ns(Network net, String name) {
        Namespace ns = F.createNamespace();
        ns.setName(name);
        net.getNamespaces().add(ns);
        return ns;
    }

    public static <T extends Interface> T itf(ConfigContainer ns, T itf, String name, String... addresses) {
        itf.setName(name);
        for (String a : addresses) {
            Address ad = F.createAddress();
            ad.setAddress(ip(a.substring(0, a.indexOf('/'))));
            ad.setPrefixLength(Integer.parseInt(a.substring(a.indexOf('/') + 1)));
            itf.getAddresses().add(ad);
        }
        ns.getInterfaces().add(itf);
        return itf;
    }

    public static VethInterface veth(ConfigContainer ns, String name, String... addresses) {
        return itf(ns, F.createVethInterface(), name, addresses);
    }

    public static PhysicalInterface phys(ConfigContainer ns, String name, String... addresses) {
        return itf(ns, F.createPhysicalInterface(), name, addresses);
    }

    public static DummyInterface dummy(ConfigContainer ns, String name, String... addresses) {
        return itf(ns, F.createDummyInterface(), name, addresses);
    }

    /** A cable between two interfaces (of two namespaces). */
    public static Link link(Network net, Interface a, Interface b) {
        Link l = F.createLink();
        l.setA(a);
        l.setB(b);
        net.getLinks().add(l);
        return l;
    }

    public static Sysctl sysctl(ConfigContainer ns, String key, String value) {
        Sysctl s = F.createSysctl();
        s.setKey(key);
        s.setValue(value);
        ns.getSysctls().add(s);
        return s;
    }

    public static RoutingTable table(ConfigContainer ns, String name, int id) {
        RoutingTable t = F.createRoutingTable();
        t.setName(name);
        t.setId(id);
        ns.getRoutingTables().add(t);
        return t;
    }

    public static Route route(ConfigContainer ns, String dest, String via, Interface dev) {
        return route(ns, dest, via, dev, null);
    }

    /** A route in {@code table} (null: main). */
    public static Route route(ConfigContainer ns, String dest, String via, Interface dev, RoutingTable table) {
        Route r = F.createRoute();
        r.setDestination(prefix(dest));
        r.setVia(ip(via));
        r.setDev(dev);
        r.setTable(table);
        ns.getRoutes().add(r);
        return r;
    }

    public static RoutingRule rule(ConfigContainer ns, int priority, RoutingTable table) {
        RoutingRule r = F.createRoutingRule();
        r.setPriority(priority);
        r.setTable(table);
        ns.getRoutingRules().add(r);
        return r;
    }

    /** {@code ip rule add priority P [from F] [to T] [iif I] lookup TABLE}. */
    public static RoutingRule rule(ConfigContainer ns, int priority, String from, String to, Interface iif, RoutingTable table) {
        RoutingRule r = rule(ns, priority, table);
        r.setFrom(prefix(from));
        r.setTo(prefix(to));
        r.setIif(iif);
        return r;
    }

    // ------------------------------------------------------------------ nft

    public static NftLiteral lit(String value) {
        NftLiteral l = F.createNftLiteral();
        l.setValue(value);
        return l;
    }

    public static NftLiteral range(String from, String to) {
        NftLiteral l = lit(from);
        l.setRangeEnd(to);
        return l;
    }

    public static NftPayloadExpr payload(NftPayloadProto proto, NftPayloadField field) {
        NftPayloadExpr e = F.createNftPayloadExpr();
        e.setProtocol(proto);
        e.setField(field);
        return e;
    }

    public static NftMetaExpr meta(NftMetaKey key, boolean explicit) {
        NftMetaExpr e = F.createNftMetaExpr();
        e.setKey(key);
        e.setExplicitMeta(explicit);
        return e;
    }

    public static NftCtExpr ct(NftCtKey key) {
        NftCtExpr e = F.createNftCtExpr();
        e.setKey(key);
        return e;
    }

    public static NftMatch match(NftExpr left, NftValue right) {
        return match(left, NftCmpOp.IMPLICIT, right);
    }

    public static NftMatch match(NftExpr left, NftCmpOp op, NftValue right) {
        NftMatch m = F.createNftMatch();
        m.setLeft(left);
        m.setOp(op);
        m.setRight(right);
        return m;
    }

    public static NftMatch match(NftExpr left, String right) {
        return match(left, lit(right));
    }

    public static NftAnonymousSet anon(String... values) {
        NftAnonymousSet s = F.createNftAnonymousSet();
        for (String v : values) {
            s.getElements().add(lit(v));
        }
        return s;
    }

    public static NftListValue list(String... values) {
        NftListValue s = F.createNftListValue();
        for (String v : values) {
            s.getElements().add(lit(v));
        }
        return s;
    }

    public static NftVerdict verdict(NftVerdictKind kind) {
        NftVerdict v = F.createNftVerdict();
        v.setKind(kind);
        return v;
    }

    public static NftRule nrule(NftChain chain, NftStatement... statements) {
        NftRule r = F.createNftRule();
        r.getStatements().addAll(List.of(statements));
        chain.getRules().add(r);
        return r;
    }

    /** A table in a ruleset of its own in {@code ns}. */
    public static NftTable ntable(ConfigContainer ns, NftFamily family, String name) {
        NftRuleset rs = F.createNftRuleset();
        ns.getNftRulesets().add(rs);
        return ntable(rs, family, name);
    }

    public static NftTable ntable(NftRuleset rs, NftFamily family, String name) {
        NftTable t = F.createNftTable();
        t.setFamily(family);
        t.setName(name);
        rs.getTables().add(t);
        return t;
    }

    public static NftChain chain(NftTable table, String name, NftChainType type, NftHook hook, NftPriorityName prio, int value, NftPolicy policy) {
        NftChain c = F.createNftChain();
        c.setName(name);
        if (type != null) {
            NftHookSpec h = F.createNftHookSpec();
            h.setType(type);
            h.setHook(hook);
            NftPriority p = F.createNftPriority();
            p.setKeyword(prio);
            p.setValue(value);
            h.setPriority(p);
            c.setHook(h);
            c.setPolicy(policy);
        }
        table.getChains().add(c);
        return c;
    }

    public static NftChain chain(NftTable table, String name) {
        return chain(table, name, null, null, null, 0, null);
    }

    public static NftNat nat(NftNatKind kind, String address, int port) {
        NftNat n = F.createNftNat();
        n.setKind(kind);
        n.setAddress(prefix(address));
        n.setPorts(port == 0 ? null : PortRange.of(port));
        return n;
    }

    public static NftSetStatement setStmt(NftExpr target, NftValue value) {
        NftSetStatement s = F.createNftSetStatement();
        s.setTarget(target);
        s.setValue(value);
        return s;
    }

    // ------------------------------------------------------------------ iptables

    /** The {@code kind} table of the first iptables ruleset of {@code ns}, made when there is none. */
    public static IptablesTable iptables(ConfigContainer ns, IptTableKind kind) {
        if (ns.getIptablesRulesets().isEmpty()) {
            ns.getIptablesRulesets().add(F.createIptablesRuleset());
        }
        IptablesRuleset rs = ns.getIptablesRulesets().get(0);
        return rs.getTables().stream().filter(t -> t.getTable() == kind).findFirst().orElseGet(() -> itable(rs, kind));
    }

    public static IptablesTable itable(IptablesRuleset rs, IptTableKind kind, Object... chains) {
        IptablesTable t = F.createIptablesTable();
        t.setTable(kind);
        for (int i = 0; i < chains.length; i += 2) {
            IptChain c = F.createIptChain();
            if (chains[i] instanceof IptBuiltinChain b) {
                c.setBuiltin(b);
            } else {
                c.setName((String) chains[i]);
            }
            c.setPolicy((IptChainPolicy) chains[i + 1]);
            t.getChains().add(c);
        }
        rs.getTables().add(t);
        return t;
    }

    public static IptRule irule(IptablesTable t, Object chain, IptTarget target, IptMatch... matches) {
        IptRule r = F.createIptRule();
        if (chain instanceof IptBuiltinChain b) {
            r.setBuiltinChain(b);
        } else {
            r.setChain(t.getChains().stream().filter(c -> chain.equals(c.getName())).findFirst().orElseThrow());
        }
        r.getMatches().addAll(List.of(matches));
        r.setTarget(target);
        t.getRules().add(r);
        return r;
    }

    public static IptAddressMatch addr(IptAddrOption option, String address) {
        return addr(option, address, false);
    }

    /** {@code [!] -s/-d address}. */
    public static IptAddressMatch addr(IptAddrOption option, String address, boolean negated) {
        IptAddressMatch m = F.createIptAddressMatch();
        m.setOption(option);
        m.setAddress(prefix(address));
        m.setNegated(negated);
        return m;
    }

    public static IptInterfaceMatch iface(IptIfOption option, String name) {
        IptInterfaceMatch m = F.createIptInterfaceMatch();
        m.setOption(option);
        m.setInterfaceName(name);
        return m;
    }

    public static IptProtocolMatch proto(String p) {
        IptProtocolMatch m = F.createIptProtocolMatch();
        m.setProtocol(p);
        return m;
    }

    public static IptPortMatch port(String module, IptPortOption option, String ports) {
        IptPortMatch m = F.createIptPortMatch();
        m.setModule(module);
        m.setOption(option);
        m.setPorts(PortRange.parse(ports));
        return m;
    }

    public static IptSimpleTarget simple(IptSimpleTargetKind kind) {
        IptSimpleTarget t = F.createIptSimpleTarget();
        t.setKind(kind);
        return t;
    }

    public static IptOption option(String name, String... values) {
        IptOption o = F.createIptOption();
        o.setName(name);
        o.getValues().addAll(List.of(values));
        return o;
    }

    // ------------------------------------------------------------------ probes and expectations

    public static Probe probe(Namespace from, ProbeProtocol protocol, String dst, int dport) {
        Probe p = F.createProbe();
        p.setProtocol(protocol);
        p.setFrom(from);
        p.setDst(ip(dst));
        p.setDport(dport);
        return p;
    }

    public static Expectation expect(Network net, Probe probe, OutcomeKind outcome, Namespace at) {
        Expectation e = F.createExpectation();
        e.setProbe(probe);
        e.setOutcome(outcome);
        e.setAt(at);
        net.getExpectations().add(e);
        return e;
    }

    /** The addresses a packet is expected to carry where it is observed; null for either: any. */
    public static Header header(String src, String dst) {
        Header h = F.createHeader();
        h.setSrc(ip(src));
        h.setDst(ip(dst));
        return h;
    }

    // ------------------------------------------------------------------ the rich model

    /**
     * Three namespaces with every construct the exporters support: host (NAT router with nftables
     * and iptables, policy routing, xfrm, sysctls), client behind a veth pair, server behind a link
     * and a bridge.
     */
    public static Network rich() {
        Network net = F.createNetwork();
        Namespace host = ns(net, "host");
        Namespace client = ns(net, "client");
        Namespace server = ns(net, "server");

        itf(host, F.createLoopbackInterface(), "lo", "127.0.0.1/8");
        PhysicalInterface enp = phys(host, "enp4s0", "172.16.202.30/24", "172.16.202.31/24");
        enp.getAddresses().get(1).setSecondary(true);
        enp.getAddresses().get(1).setLabel("enp4s0:1");
        enp.setMtu(1400);
        enp.setMac("02:00:00:00:00:01");
        VethInterface hostVeth = veth(host, "client-veth0", "10.10.1.2/24");
        VethInterface clientVeth = veth(client, "veth0", "10.10.1.1/24");
        hostVeth.setPeer(clientVeth); // declared on one side only
        Neighbour neigh = F.createNeighbour(); // a static neighbour: ip neigh replace ... nud permanent
        neigh.setAddress(ip("10.10.1.1"));
        neigh.setLladdr("02:00:00:00:0A:01");
        neigh.setDev(hostVeth);
        host.getNeighbours().add(neigh);
        VlanInterface vlan = itf(host, F.createVlanInterface(), "enp4s0.100", "10.100.0.1/24");
        vlan.setParent(enp);
        vlan.setVlanId(100);
        itf(host, F.createDummyInterface(), "nw-dummy0", "10.99.0.1/32");
        PhysicalInterface uplink = phys(host, "uplink", "192.168.50.1/24");
        PhysicalInterface srvEth = phys(server, "eth0");
        Link link = F.createLink();
        link.setA(uplink);
        link.setB(srvEth);
        net.getLinks().add(link);
        BridgeInterface br = itf(server, F.createBridgeInterface(), "br0", "192.168.50.2/24");
        br.getPorts().add(srvEth);
        route(server, "default", "192.168.50.1", br);
        route(client, "default", "10.10.1.2", clientVeth);

        host.getKernelModules().add("br_netfilter");
        sysctl(host, "net.ipv4.ip_forward", "1");
        sysctl(host, "net.ipv4.conf.all.rp_filter", "0");
        sysctl(host, "net.ipv4.conf.client-veth0.rp_filter", "2");
        sysctl(host, "net.ipv4.conf.enp4s0.100.rp_filter", "0");
        sysctl(host, "net.ipv4.ip_local_port_range", "\"20000 30000\"");
        sysctl(host, "net.bridge.bridge-nf-call-iptables", "1");

        RoutingTable t100 = table(host, "100", 0);
        RoutingTable vpn = table(host, "vpn", 200);
        route(host, "default", "172.16.202.1", enp);
        Route r = route(host, "default", "10.100.0.254", vlan);
        r.setTable(vpn);
        r.setMetric(10);
        r = route(host, "10.20.0.0/16", "10.10.1.1", hostVeth);
        r.setTable(t100);
        r.setProto("static");
        r.setSrc(ip("10.10.1.2"));
        r = route(host, "192.0.2.0/24", null, null);
        r.setType(RouteType.BLACKHOLE);
        r = route(host, "198.51.100.0/24", null, null);
        r.setType(RouteType.UNREACHABLE);
        r.setTable(t100);
        r = route(host, "203.0.113.0/24", null, null);
        r.setType(RouteType.PROHIBIT);
        r = route(host, "10.30.0.0/16", null, null);
        r.setType(RouteType.THROW);
        r.setTable(t100);
        r = route(host, "10.40.0.0/16", null, enp);
        r.setScope("link");
        r.setMetric(5);

        RoutingRule rr = rule(host, 100, t100);
        rr.setFrom(prefix("10.10.1.0/24"));
        rr.setIif(hostVeth);
        rr = rule(host, 200, vpn);
        rr.setFwmark(0x1);
        rr.setFwmask(0xff);
        rr = rule(host, 300, null);
        rr.setNot(true);
        rr.setTo(prefix("10.0.0.0/8"));
        rr.setAction(RuleAction.BLACKHOLE);
        rr = rule(host, 400, null);
        rr.setOif(enp);
        rr.setFrom(prefix("10.50.0.0/16"));
        rr.setAction(RuleAction.UNREACHABLE);
        rr = rule(host, 500, null);
        rr.setTo(prefix("192.0.2.0/24"));
        rr.setAction(RuleAction.PROHIBIT);

        XfrmState st = F.createXfrmState();
        st.setSrc(ip("172.16.202.30"));
        st.setDst(ip("198.51.100.7"));
        st.setProto(IpsecProto.ESP);
        st.setSpi(0x100);
        st.setMode(XfrmMode.TUNNEL);
        st.setReqid(1);
        host.getXfrmStates().add(st);
        st = F.createXfrmState();
        st.setSrc(ip("198.51.100.7"));
        st.setDst(ip("172.16.202.30"));
        st.setProto(IpsecProto.AH);
        st.setSpi(0x200);
        st.setMode(XfrmMode.TRANSPORT);
        XfrmSelector sel = F.createXfrmSelector();
        sel.setSrc(prefix("198.51.100.7/32"));
        sel.setDst(prefix("172.16.202.30/32"));
        sel.setProto("udp");
        sel.setDport(500);
        st.setSelector(sel);
        host.getXfrmStates().add(st);
        XfrmPolicy pol = F.createXfrmPolicy();
        sel = F.createXfrmSelector();
        sel.setSrc(prefix("10.10.1.0/24"));
        sel.setDst(prefix("10.20.0.0/16"));
        pol.setSelector(sel);
        pol.setDir(XfrmDir.OUT);
        pol.setPriority(1000);
        XfrmTemplate tmpl = F.createXfrmTemplate();
        tmpl.setSrc(ip("172.16.202.30"));
        tmpl.setDst(ip("198.51.100.7"));
        tmpl.setProto(IpsecProto.ESP);
        tmpl.setMode(XfrmMode.TUNNEL);
        tmpl.setReqid(1);
        tmpl.setLevel(XfrmLevel.REQUIRED);
        pol.getTemplates().add(tmpl);
        host.getXfrmPolicies().add(pol);
        pol = F.createXfrmPolicy();
        sel = F.createXfrmSelector();
        sel.setDst(prefix("10.66.0.0/16"));
        sel.setProto("tcp");
        sel.setDport(22);
        sel.setDev(enp);
        pol.setSelector(sel);
        pol.setDir(XfrmDir.FWD);
        pol.setAction(XfrmAction.BLOCK);
        host.getXfrmPolicies().add(pol);

        host.getNftRulesets().add(richNft(enp, hostVeth));
        host.getIptablesRulesets().add(richIptables());
        // an extension block adds to host
        NamespaceExtension ext = F.createNamespaceExtension();
        ext.setNamespace(host);
        sysctl(ext, "net.ipv4.conf.default.rp_filter", "1");
        net.getExtensions().add(ext);
        return net;
    }

    public static NftRuleset richNft(Interface enp, Interface hostVeth) {
        NftRuleset rs = F.createNftRuleset();
        NftDefine lan = F.createNftDefine();
        lan.setName("lan");
        lan.setValue(lit("10.10.1.0/24"));
        rs.getDefines().add(lan);
        NftDefine ports = F.createNftDefine();
        ports.setName("web_ports");
        ports.setValue(anon("80", "443"));
        rs.getDefines().add(ports);

        NftTable filter = ntable(rs, NftFamily.INET, "filter");
        NftSet priv = F.createNftSet();
        priv.setName("private");
        priv.getTypes().add("ipv4_addr");
        priv.getFlags().add(NftSetFlag.INTERVAL);
        priv.getElements().add(lit("10.0.0.0/8"));
        priv.getElements().add(lit("192.168.0.0/16"));
        priv.getElements().add(range("172.16.0.1", "172.16.0.9"));
        filter.getSets().add(priv);
        NftSet ifs = F.createNftSet();
        ifs.setName("inside");
        ifs.getTypes().add("ifname");
        ifs.getElements().add(lit("client-veth0"));
        ifs.getElements().add(lit("\"lo\""));
        filter.getSets().add(ifs);
        NftChain custom = chain(filter, "custom");
        NftChain input = chain(filter, "input", NftChainType.FILTER, NftHook.INPUT, NftPriorityName.FILTER, 0, NftPolicy.DROP);
        nrule(input, match(ct(NftCtKey.STATE), list("established", "related")), verdict(NftVerdictKind.ACCEPT));
        nrule(input, match(meta(NftMetaKey.IIFNAME, false), "lo"), verdict(NftVerdictKind.ACCEPT));
        NftSetRef ref = F.createNftSetRef();
        ref.setSet(ifs);
        nrule(input, match(meta(NftMetaKey.IIFNAME, true), ref), verdict(NftVerdictKind.ACCEPT));
        NftSetRef privRef = F.createNftSetRef();
        privRef.setSet(priv);
        NftVariableRef web = F.createNftVariableRef();
        web.setVariable(ports);
        nrule(input, match(payload(NftPayloadProto.IP, NftPayloadField.SADDR), privRef), match(payload(NftPayloadProto.TCP, NftPayloadField.DPORT), web),
                F.createNftCounter(), verdict(NftVerdictKind.ACCEPT)).setComment("web from private # not a comment start");
        NftVariableRef lanRef = F.createNftVariableRef();
        lanRef.setVariable(lan);
        nrule(input, match(payload(NftPayloadProto.IP, NftPayloadField.SADDR), lanRef), match(payload(NftPayloadProto.UDP, NftPayloadField.DPORT),
                anon("53", "67")), verdict(NftVerdictKind.ACCEPT));
        NftMatch masked = match(meta(NftMetaKey.MARK, false), "0x1");
        masked.setMask("0xff");
        masked.setOp(NftCmpOp.EQ);
        NftLog log = F.createNftLog();
        log.setPrefix("mark1: ");
        log.setLevel("info");
        nrule(input, masked, log);
        NftMatch ttl = match(payload(NftPayloadProto.IP, NftPayloadField.TTL), "2");
        ttl.setOp(NftCmpOp.LT);
        nrule(input, ttl, verdict(NftVerdictKind.DROP));
        NftMatch notLan = match(payload(NftPayloadProto.IP, NftPayloadField.SADDR), "10.10.1.0/24");
        notLan.setOp(NftCmpOp.NE);
        NftCounter counted = F.createNftCounter();
        counted.setPackets(5);
        counted.setBytes(420);
        nrule(input, notLan, match(payload(NftPayloadProto.TCP, NftPayloadField.DPORT), range("6000", "6010")), counted, verdict(NftVerdictKind.DROP));
        NftReject rej = F.createNftReject();
        rej.setWithProto(NftRejectProto.ICMP);
        rej.setWithType("host-unreachable");
        nrule(input, match(payload(NftPayloadProto.IP, NftPayloadField.PROTOCOL), "icmp"), match(payload(NftPayloadProto.ICMP, NftPayloadField.TYPE),
                "echo-request"), rej);
        NftReject reset = F.createNftReject();
        reset.setWithProto(NftRejectProto.TCP);
        nrule(input, match(payload(NftPayloadProto.TCP, NftPayloadField.DPORT), "113"), reset);
        NftReject rejx = F.createNftReject();
        rejx.setWithProto(NftRejectProto.ICMPX);
        rejx.setWithType("admin-prohibited");
        nrule(input, match(payload(NftPayloadProto.TCP, NftPayloadField.DPORT), "114"), rejx);
        nrule(input, match(meta(NftMetaKey.IPSEC, true), "exists"), verdict(NftVerdictKind.ACCEPT));
        NftVerdict jump = verdict(NftVerdictKind.JUMP);
        jump.setChain(custom);
        nrule(input, match(meta(NftMetaKey.L4PROTO, true), "udp"), jump);
        NftExprValue fromMeta = F.createNftExprValue();
        fromMeta.setExpr(meta(NftMetaKey.MARK, true));
        nrule(custom, setStmt(ct(NftCtKey.MARK), fromMeta));
        nrule(custom, setStmt(meta(NftMetaKey.MARK, true), lit("0x2")), verdict(NftVerdictKind.RETURN));
        NftChain forward = chain(filter, "forward", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 10, NftPolicy.ACCEPT);
        NftRtExpr rt = F.createNftRtExpr();
        rt.setKey(NftRtKey.IPSEC);
        nrule(forward, match(rt, "missing"), match(payload(NftPayloadProto.IP, NftPayloadField.DADDR), "10.20.0.0/16"), verdict(NftVerdictKind.DROP));
        NftVerdict go = verdict(NftVerdictKind.GOTO);
        go.setChain(custom);
        nrule(forward, match(meta(NftMetaKey.OIF, false), "lo"), go);

        NftTable nat = ntable(rs, NftFamily.IP, "nat");
        NftMap dmap = F.createNftMap();
        dmap.setName("dnat_targets");
        dmap.getKeyTypes().add("inet_service");
        dmap.getValueTypes().add("ipv4_addr");
        NftMapElement me = F.createNftMapElement();
        me.setKey(lit("8081"));
        me.setValue(lit("10.10.1.1"));
        dmap.getElements().add(me);
        nat.getMaps().add(dmap);
        NftChain pre = chain(nat, "prerouting", NftChainType.NAT, NftHook.PREROUTING, NftPriorityName.DSTNAT, 0, NftPolicy.ACCEPT);
        nrule(pre, match(payload(NftPayloadProto.TCP, NftPayloadField.DPORT), "8080"), nat(NftNatKind.DNAT, "10.10.1.1", 80));
        NftNat redirect = nat(NftNatKind.REDIRECT, null, 5353);
        nrule(pre, match(payload(NftPayloadProto.UDP, NftPayloadField.DPORT), "53"), redirect);
        NftNat mapped = nat(NftNatKind.DNAT, null, 0);
        mapped.setMapKey(payload(NftPayloadProto.TCP, NftPayloadField.DPORT));
        mapped.setMap(dmap);
        nrule(pre, match(meta(NftMetaKey.L4PROTO, true), "tcp"), mapped);
        NftNat inline = nat(NftNatKind.DNAT, null, 0);
        inline.setMapKey(payload(NftPayloadProto.IP, NftPayloadField.SADDR));
        NftMapElement ie = F.createNftMapElement();
        ie.setKey(lit("192.168.50.2"));
        ie.setValue(lit("10.10.1.1"));
        inline.getInlineMap().add(ie);
        nrule(pre, inline);
        NftChain post = chain(nat, "postrouting", NftChainType.NAT, NftHook.POSTROUTING, NftPriorityName.SRCNAT, 10, NftPolicy.ACCEPT);
        NftNat masq = nat(NftNatKind.MASQUERADE, null, 0);
        masq.getFlags().add(NftNatFlag.RANDOM);
        nrule(post, match(meta(NftMetaKey.OIFNAME, false), "enp4s0"), match(payload(NftPayloadProto.IP, NftPayloadField.SADDR), "10.10.1.0/24"), masq);
        NftNat snat = nat(NftNatKind.SNAT, "172.16.202.30", 1024);
        snat.setAddressEnd(ip("172.16.202.31"));
        snat.setPorts(PortRange.of(1024, 65535));
        snat.getFlags().add(NftNatFlag.PERSISTENT);
        snat.getFlags().add(NftNatFlag.FULLY_RANDOM);
        nrule(post, match(payload(NftPayloadProto.IP, NftPayloadField.SADDR), "10.10.2.0/24"), match(meta(NftMetaKey.L4PROTO, true), "tcp"), snat);
        NftNat masqPorts = nat(NftNatKind.MASQUERADE, null, 10000);
        masqPorts.setPorts(PortRange.of(10000, 20000));
        nrule(post, match(payload(NftPayloadProto.UDP, NftPayloadField.SPORT), "5000"), masqPorts);
        nrule(post, match(payload(NftPayloadProto.IP, NftPayloadField.DADDR), "198.51.100.0/24"), nat(NftNatKind.SNAT, "172.16.202.31", 0));

        NftTable raw = ntable(rs, NftFamily.IP, "raw");
        NftChain rawPre = chain(raw, "prerouting", NftChainType.FILTER, NftHook.PREROUTING, NftPriorityName.RAW, 0, NftPolicy.UNSPECIFIED);
        nrule(rawPre, match(meta(NftMetaKey.IIFNAME, false), "client-veth0"), setStmt(ct(NftCtKey.ZONE), lit("1")));
        nrule(rawPre, match(payload(NftPayloadProto.UDP, NftPayloadField.DPORT), "9999"), F.createNftNotrack());
        NftChain rawOut = chain(raw, "output", NftChainType.ROUTE, NftHook.OUTPUT, NftPriorityName.MANGLE, -5, NftPolicy.ACCEPT);
        nrule(rawOut, match(payload(NftPayloadProto.IP, NftPayloadField.DADDR), "10.20.0.0/16"), setStmt(meta(NftMetaKey.MARK, false), lit("0x1")));
        NftMatch dscp = match(payload(NftPayloadProto.IP, NftPayloadField.DSCP), "cs1");
        nrule(rawOut, dscp, setStmt(payload(NftPayloadProto.IP, NftPayloadField.DSCP), lit("af11")));

        NftTable nd = ntable(rs, NftFamily.NETDEV, "stateless");
        NftChain ingress = chain(nd, "ingress", NftChainType.FILTER, NftHook.INGRESS, NftPriorityName.NUMERIC, -500, NftPolicy.ACCEPT);
        ingress.getHook().getDevices().add(enp);
        nrule(ingress, match(payload(NftPayloadProto.IP, NftPayloadField.DADDR), "172.16.202.40"), setStmt(payload(NftPayloadProto.IP,
                NftPayloadField.DADDR), lit("10.10.1.1")));
        NftChain egress = chain(nd, "egress", NftChainType.FILTER, NftHook.EGRESS, NftPriorityName.NUMERIC, 0, NftPolicy.UNSPECIFIED);
        egress.getHook().getDevices().add(enp);
        egress.getHook().getDevices().add(hostVeth);
        nrule(egress, match(payload(NftPayloadProto.IP, NftPayloadField.SADDR), "10.10.1.1"), setStmt(payload(NftPayloadProto.IP,
                NftPayloadField.SADDR), lit("172.16.202.40")));

        NftTable bridge = ntable(rs, NftFamily.BRIDGE, "filter");
        NftChain bfwd = chain(bridge, "forward", NftChainType.FILTER, NftHook.FORWARD, NftPriorityName.FILTER, 0, NftPolicy.ACCEPT);
        nrule(bfwd, match(payload(NftPayloadProto.ETHER, NftPayloadField.TYPE), "arp"), verdict(NftVerdictKind.ACCEPT));
        nrule(bfwd, match(payload(NftPayloadProto.VLAN, NftPayloadField.ID), "100"), verdict(NftVerdictKind.DROP));

        NftTable arp = ntable(rs, NftFamily.ARP, "filter");
        NftChain ain = chain(arp, "input", NftChainType.FILTER, NftHook.INPUT, NftPriorityName.NUMERIC, 0, NftPolicy.ACCEPT);
        NftPayloadExpr arpSaddr = payload(NftPayloadProto.ARP, NftPayloadField.SADDR);
        arpSaddr.setSubField(NftArpAddrKind.IP);
        nrule(ain, match(arpSaddr, "10.10.1.1"), match(payload(NftPayloadProto.ARP, NftPayloadField.OPERATION), "request"), verdict(NftVerdictKind.ACCEPT));
        return rs;
    }

    public static IptablesRuleset richIptables() {
        IptablesRuleset rs = F.createIptablesRuleset();
        IptablesTable raw = itable(rs, IptTableKind.RAW, IptBuiltinChain.PREROUTING, IptChainPolicy.ACCEPT, IptBuiltinChain.OUTPUT,
                IptChainPolicy.ACCEPT);
        IptCtTarget zone = F.createIptCtTarget();
        zone.setZone(1);
        irule(raw, IptBuiltinChain.PREROUTING, zone, iface(IptIfOption.IN, "client-veth0"));
        IptCtTarget notrack = F.createIptCtTarget();
        notrack.setNotrack(true);
        irule(raw, IptBuiltinChain.OUTPUT, notrack, port(null, IptPortOption.DPORT, "9999"), proto("udp"));

        IptablesTable mangle = itable(rs, IptTableKind.MANGLE, IptBuiltinChain.PREROUTING, IptChainPolicy.ACCEPT, IptBuiltinChain.OUTPUT,
                IptChainPolicy.ACCEPT, IptBuiltinChain.FORWARD, IptChainPolicy.ACCEPT);
        IptMarkMatch mark = F.createIptMarkMatch();
        mark.setModule("mark");
        mark.setValue(1);
        mark.setMask(0xff);
        IptConnmarkTarget save = F.createIptConnmarkTarget();
        save.setOp(IptConnmarkOp.SAVE_MARK);
        irule(mangle, IptBuiltinChain.PREROUTING, save, mark);
        IptMarkTarget setMark = F.createIptMarkTarget();
        setMark.setOp(IptMarkOp.SET_MARK);
        setMark.setValue(2);
        irule(mangle, IptBuiltinChain.PREROUTING, setMark, addr(IptAddrOption.DESTINATION, "10.20.0.0/16"));
        IptConnmarkTarget restore = F.createIptConnmarkTarget();
        restore.setOp(IptConnmarkOp.RESTORE_MARK);
        restore.setMask(0xff);
        irule(mangle, IptBuiltinChain.OUTPUT, restore);
        IptGenericMatch flags = F.createIptGenericMatch();
        flags.setModule("tcp");
        flags.getOptions().add(option("--tcp-flags", "SYN,RST", "SYN"));
        IptGenericTarget mss = F.createIptGenericTarget();
        mss.setTargetName("TCPMSS");
        mss.getOptions().add(option("--clamp-mss-to-pmtu"));
        irule(mangle, IptBuiltinChain.FORWARD, mss, proto("tcp"), flags);
        IptConnmarkTarget setCm = F.createIptConnmarkTarget();
        setCm.setOp(IptConnmarkOp.SET_MARK);
        setCm.setValue(0x10);
        setCm.setMask(0xf0);
        irule(mangle, IptBuiltinChain.FORWARD, setCm);

        IptablesTable nat = itable(rs, IptTableKind.NAT, IptBuiltinChain.PREROUTING, IptChainPolicy.ACCEPT, IptBuiltinChain.POSTROUTING,
                IptChainPolicy.ACCEPT);
        IptPolicyMatch pol = F.createIptPolicyMatch();
        pol.setDir(XfrmDir.OUT);
        pol.setPol(IptPolicyPol.NONE);
        irule(nat, IptBuiltinChain.POSTROUTING, F.createIptMasqueradeTarget(), iface(IptIfOption.OUT, "enp4s0"), addr(IptAddrOption.SOURCE,
                "10.10.1.0/24"), pol);
        IptPolicyMatch ipsec = F.createIptPolicyMatch();
        ipsec.setDir(XfrmDir.OUT);
        ipsec.setPol(IptPolicyPol.IPSEC);
        ipsec.setStrict(true);
        ipsec.setReqid(1);
        ipsec.setProto(IpsecProto.ESP);
        ipsec.setMode(XfrmMode.TUNNEL);
        ipsec.setTunnelDst(prefix("198.51.100.7"));
        irule(nat, IptBuiltinChain.POSTROUTING, simple(IptSimpleTargetKind.ACCEPT), ipsec);
        IptNatTarget snat = F.createIptNatTarget();
        snat.setKind(IptNatTargetKind.SNAT);
        snat.setAddress(prefix("172.16.202.30"));
        snat.setAddressEnd(ip("172.16.202.31"));
        snat.setPorts(PortRange.of(1024, 2048));
        snat.setRandomFully(true);
        snat.setPersistent(true);
        irule(nat, IptBuiltinChain.POSTROUTING, snat, addr(IptAddrOption.SOURCE, "10.10.2.5"), proto("udp"));
        IptMasqueradeTarget masq = F.createIptMasqueradeTarget();
        masq.setPorts(PortRange.of(10000, 20000));
        masq.setRandom(true);
        irule(nat, IptBuiltinChain.POSTROUTING, masq, proto("tcp"), iface(IptIfOption.OUT, "uplink"));
        IptNatTarget dnat = F.createIptNatTarget();
        dnat.setKind(IptNatTargetKind.DNAT);
        dnat.setAddress(prefix("10.10.1.1"));
        dnat.setPorts(PortRange.of(80));
        irule(nat, IptBuiltinChain.PREROUTING, dnat, proto("tcp"), port("tcp", IptPortOption.DPORT, "8080"));
        IptRedirectTarget redir = F.createIptRedirectTarget();
        redir.setPorts(PortRange.of(5353));
        redir.setRandom(true);
        irule(nat, IptBuiltinChain.PREROUTING, redir, proto("udp"), port("udp", IptPortOption.DPORT, "53"));
        IptNatTarget netmap = F.createIptNatTarget();
        netmap.setKind(IptNatTargetKind.NETMAP);
        netmap.setAddress(prefix("10.200.0.0/24"));
        irule(nat, IptBuiltinChain.PREROUTING, netmap, addr(IptAddrOption.DESTINATION, "10.201.0.0/24"));

        IptablesTable filter = itable(rs, IptTableKind.FILTER, IptBuiltinChain.INPUT, IptChainPolicy.DROP, IptBuiltinChain.FORWARD,
                IptChainPolicy.ACCEPT, IptBuiltinChain.OUTPUT, IptChainPolicy.ACCEPT, "LOGDROP", IptChainPolicy.NONE);
        IptConntrackMatch ctm = F.createIptConntrackMatch();
        ctm.setModule("conntrack");
        ctm.getStates().add(IptCtState.RELATED);
        ctm.getStates().add(IptCtState.ESTABLISHED);
        irule(filter, IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.ACCEPT), ctm);
        irule(filter, IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.ACCEPT), iface(IptIfOption.IN, "lo"));
        IptIcmpMatch icmp = F.createIptIcmpMatch();
        icmp.setIcmpType("echo-request");
        irule(filter, IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.ACCEPT), proto("icmp"), icmp);
        IptMultiportMatch mp = F.createIptMultiportMatch();
        mp.setOption(IptMultiportOption.DPORTS);
        mp.getPorts().addAll(List.of(PortRange.of(22), PortRange.of(80, 90)));
        irule(filter, IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.ACCEPT), proto("tcp"), mp);
        IptAddrtypeMatch at = F.createIptAddrtypeMatch();
        at.setDstType(IptAddrType.LOCAL);
        at.setSrcNegated(true);
        at.setSrcType(IptAddrType.BROADCAST);
        IptIprangeMatch range = F.createIptIprangeMatch();
        range.setSrcRange(IpRange.parse("10.0.0.1-10.0.0.9"));
        irule(filter, IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.ACCEPT), at, range);
        IptConntrackMatch state = F.createIptConntrackMatch();
        state.setModule("state");
        state.getStates().add(IptCtState.NEW);
        IptAddressMatch notLan = addr(IptAddrOption.SOURCE, "10.10.1.0/24");
        notLan.setNegated(true);
        IptPortMatch notSsh = port("tcp", IptPortOption.DPORT, "22");
        notSsh.setNegated(true);
        IptCommentMatch comment = F.createIptCommentMatch();
        comment.setComment("new from outside: log and drop");
        IptJumpTarget toLog = F.createIptJumpTarget();
        toLog.setChain(filter.getChains().get(3));
        irule(filter, IptBuiltinChain.INPUT, toLog, state, notLan, proto("tcp"), notSsh, comment);
        IptGenericMatch limit = F.createIptGenericMatch();
        limit.setModule("limit");
        limit.getOptions().add(option("--limit", "5/min"));
        limit.getOptions().add(option("--limit-burst", "10"));
        IptLogTarget logT = F.createIptLogTarget();
        logT.setPrefix("drop: ");
        logT.setLevel("4");
        irule(filter, "LOGDROP", logT, limit);
        IptRejectTarget rej = F.createIptRejectTarget();
        rej.setRejectWith("icmp-port-unreachable");
        irule(filter, "LOGDROP", rej, proto("udp"));
        irule(filter, "LOGDROP", simple(IptSimpleTargetKind.DROP));
        IptJumpTarget goLog = F.createIptJumpTarget();
        goLog.setGoto(true);
        goLog.setChain(filter.getChains().get(3));
        IptMarkMatch cm = F.createIptMarkMatch();
        cm.setModule("connmark");
        cm.setValue(0x10);
        cm.setNegated(true);
        irule(filter, IptBuiltinChain.FORWARD, goLog, iface(IptIfOption.IN, "enp4s0"), cm);
        return rs;
    }

    // ------------------------------------------------------------------ the dual-stack model

    /**
     * A dual-stack router r6 (IPv4 and IPv6 on both sides, IPv6 forwarding, an ip6 filter, an inet nat table with NAT66,
     * an ip6tables block, an IPv6 policy rule and neighbour) and a client c6 behind a veth pair: every IPv6 construct
     * the exporters write.
     */
    public static Network dualStack() {
        Network net = F.createNetwork();
        Namespace r = ns(net, "r6");
        Namespace c = ns(net, "c6");
        VethInterface lan = veth(r, "lan0", "10.6.1.1/24", "2001:db8:61::1/64");
        VethInterface wan = veth(r, "wan0", "2001:db8:62::1/64");
        VethInterface cv = veth(c, "c0", "10.6.1.2/24", "2001:db8:61::2/64");
        lan.setPeer(cv);
        cv.setPeer(lan);
        sysctl(r, "net.ipv6.conf.all.forwarding", "1");
        sysctl(r, "net.ipv4.ip_forward", "1");
        route(r, "default", "2001:db8:62::ff", wan);
        RoutingTable t = table(r, "100", 100);
        route(r, "2001:db8:69::/64", "2001:db8:62::2", wan, t);
        rule(r, 100, "2001:db8:61::/64", null, null, t);
        Neighbour nb = F.createNeighbour();
        nb.setAddress(ip("2001:db8:62::2"));
        nb.setLladdr("02:00:00:00:62:02");
        nb.setDev(wan);
        r.getNeighbours().add(nb);
        route(c, "default", "2001:db8:61::1", cv);
        route(c, "default", "10.6.1.1", cv);

        NftTable filter = ntable(r, NftFamily.IP6, "filter6");
        NftChain fwd = chain(filter, "forward", NftChainType.FILTER, NftHook.FORWARD, null, 0, NftPolicy.DROP);
        nrule(fwd, match(ct(NftCtKey.STATE), list("established", "related")), verdict(NftVerdictKind.ACCEPT));
        nrule(fwd, match(payload(NftPayloadProto.IP6, NftPayloadField.SADDR), "2001:db8:61::/64"), verdict(NftVerdictKind.ACCEPT));
        nrule(fwd, match(payload(NftPayloadProto.ICMPV6, NftPayloadField.TYPE), "echo-request"), verdict(NftVerdictKind.ACCEPT));
        NftTable nat = ntable(r, NftFamily.INET, "nat6");
        NftChain pre = chain(nat, "pre", NftChainType.NAT, NftHook.PREROUTING, NftPriorityName.DSTNAT, 0, NftPolicy.ACCEPT);
        NftNat dnat = nat(NftNatKind.DNAT, "2001:db8:61::2", 8080);
        dnat.setAddressFamily(NftFamily.IP6);
        nrule(pre, match(payload(NftPayloadProto.IP6, NftPayloadField.DADDR), "2001:db8:62::1"),
                match(payload(NftPayloadProto.TCP, NftPayloadField.DPORT), "80"), dnat);
        NftChain post = chain(nat, "post", NftChainType.NAT, NftHook.POSTROUTING, NftPriorityName.SRCNAT, 0, NftPolicy.ACCEPT);
        NftNat masq = F.createNftNat();
        masq.setKind(NftNatKind.MASQUERADE);
        nrule(post, match(meta(NftMetaKey.NFPROTO, true), "ipv6"), match(meta(NftMetaKey.OIFNAME, false), "\"wan0\""), masq);

        IptablesRuleset ip6t = F.createIptablesRuleset();
        ip6t.setIpv6(true);
        r.getIptablesRulesets().add(ip6t);
        IptablesTable f6 = itable(ip6t, IptTableKind.FILTER, IptBuiltinChain.INPUT, IptChainPolicy.ACCEPT);
        irule(f6, IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.ACCEPT), addr(IptAddrOption.SOURCE, "fe80::/10"));
        IptIcmpMatch echo = F.createIptIcmpMatch();
        echo.setModule("icmp6");
        echo.setIcmpv6(true);
        echo.setIcmpType("128");
        irule(f6, IptBuiltinChain.INPUT, simple(IptSimpleTargetKind.ACCEPT), proto("ipv6-icmp"), echo);
        IptablesTable n6 = itable(ip6t, IptTableKind.NAT, IptBuiltinChain.PREROUTING, IptChainPolicy.ACCEPT);
        IptNatTarget to = F.createIptNatTarget();
        to.setKind(IptNatTargetKind.DNAT);
        to.setAddress(prefix("2001:db8:61::2"));
        to.setAddressEnd(ip("2001:db8:61::a"));
        to.setPorts(PortRange.of(8081, 8082));
        irule(n6, IptBuiltinChain.PREROUTING, to, addr(IptAddrOption.DESTINATION, "2001:db8:62::1/128"), proto("tcp"),
                port("tcp", IptPortOption.DPORT, "81"));
        return net;
    }
}
