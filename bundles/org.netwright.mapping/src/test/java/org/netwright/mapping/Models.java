package org.netwright.mapping;

import org.netwright.model.Address;
import org.netwright.model.DummyInterface;
import org.netwright.model.Expectation;
import org.netwright.model.Header;
import org.netwright.model.IptAddrOption;
import org.netwright.model.IptAddressMatch;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptIfOption;
import org.netwright.model.IptInterfaceMatch;
import org.netwright.model.IptMatch;
import org.netwright.model.IptRule;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptTarget;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.Link;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftCmpOp;
import org.netwright.model.NftExpr;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftPayloadField;
import org.netwright.model.NftPayloadProto;
import org.netwright.model.NftPriority;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftValue;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftVerdictKind;
import org.netwright.model.OutcomeKind;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.Probe;
import org.netwright.model.ProbeProtocol;
import org.netwright.model.Route;
import org.netwright.model.RoutingRule;
import org.netwright.model.RoutingTable;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;

/** Builds models in code with {@link NetwrightFactory} (what the DSL or the diagram would produce). */
final class Models {
    static final NetwrightFactory F = NetwrightFactory.eINSTANCE;

    private Models() {
    }

    static IpAddress ip(String text) {
        return text == null ? null : IpAddress.parse(text);
    }

    static IpPrefix prefix(String text) {
        return text == null ? null : IpPrefix.parse(text);
    }

    static Namespace ns(Network n, String name) {
        Namespace x = F.createNamespace();
        x.setName(name);
        n.getNamespaces().add(x);
        return x;
    }

    static Address addr(String cidr) {
        Address a = F.createAddress();
        int slash = cidr.indexOf('/');
        a.setAddress(ip(cidr.substring(0, slash)));
        a.setPrefixLength(Integer.parseInt(cidr.substring(slash + 1)));
        return a;
    }

    static VethInterface veth(Namespace ns, String name, String cidr) {
        VethInterface v = F.createVethInterface();
        v.setName(name);
        if (cidr != null) {
            v.getAddresses().add(addr(cidr));
        }
        ns.getInterfaces().add(v);
        return v;
    }

    static PhysicalInterface phys(Namespace ns, String name, String cidr) {
        PhysicalInterface v = F.createPhysicalInterface();
        v.setName(name);
        v.getAddresses().add(addr(cidr));
        ns.getInterfaces().add(v);
        return v;
    }

    static DummyInterface dummy(Namespace ns, String name, String cidr) {
        DummyInterface v = F.createDummyInterface();
        v.setName(name);
        v.getAddresses().add(addr(cidr));
        ns.getInterfaces().add(v);
        return v;
    }

    static void link(Network n, org.netwright.model.Interface a, org.netwright.model.Interface b) {
        Link l = F.createLink();
        l.setA(a);
        l.setB(b);
        n.getLinks().add(l);
    }

    static void sysctl(Namespace ns, String key, String value) {
        Sysctl s = F.createSysctl();
        s.setKey(key);
        s.setValue(value);
        ns.getSysctls().add(s);
    }

    static RoutingTable table(Namespace ns, String name) {
        RoutingTable t = F.createRoutingTable();
        t.setName(name);
        ns.getRoutingTables().add(t);
        return t;
    }

    static Route route(Namespace ns, String dst, String via, org.netwright.model.Interface dev, RoutingTable t) {
        Route r = F.createRoute();
        r.setDestination(prefix(dst));
        r.setVia(ip(via));
        r.setDev(dev);
        r.setTable(t);
        ns.getRoutes().add(r);
        return r;
    }

    static RoutingRule rule(Namespace ns, int prio, String from, String to, org.netwright.model.Interface iif,
            RoutingTable t) {
        RoutingRule r = F.createRoutingRule();
        r.setPriority(prio);
        r.setFrom(prefix(from));
        r.setTo(prefix(to));
        r.setIif(iif);
        r.setTable(t);
        ns.getRoutingRules().add(r);
        return r;
    }

    static IptablesTable ipt(Namespace ns, IptTableKind kind) {
        IptablesRuleset rs;
        if (ns.getIptablesRulesets().isEmpty()) {
            rs = F.createIptablesRuleset();
            ns.getIptablesRulesets().add(rs);
        } else {
            rs = ns.getIptablesRulesets().get(0);
        }
        for (IptablesTable t : rs.getTables()) {
            if (t.getTable() == kind) {
                return t;
            }
        }
        IptablesTable t = F.createIptablesTable();
        t.setTable(kind);
        rs.getTables().add(t);
        return t;
    }

    static IptRule append(IptablesTable t, IptBuiltinChain chain, IptTarget target, IptMatch... ms) {
        IptRule r = F.createIptRule();
        r.setBuiltinChain(chain);
        for (IptMatch m : ms) {
            r.getMatches().add(m);
        }
        r.setTarget(target);
        t.getRules().add(r);
        return r;
    }

    static IptAddressMatch src(String a, boolean neg) {
        IptAddressMatch m = F.createIptAddressMatch();
        m.setOption(IptAddrOption.SOURCE);
        m.setAddress(prefix(a));
        m.setNegated(neg);
        return m;
    }

    static IptAddressMatch dst(String a, boolean neg) {
        IptAddressMatch m = F.createIptAddressMatch();
        m.setOption(IptAddrOption.DESTINATION);
        m.setAddress(prefix(a));
        m.setNegated(neg);
        return m;
    }

    static IptInterfaceMatch iface(boolean in, String name) {
        IptInterfaceMatch m = F.createIptInterfaceMatch();
        m.setOption(in ? IptIfOption.IN : IptIfOption.OUT);
        m.setInterfaceName(name);
        return m;
    }

    // ---- nftables

    static NftTable nftTable(Namespace ns, NftFamily family, String name) {
        NftRuleset rs = F.createNftRuleset();
        ns.getNftRulesets().add(rs);
        NftTable t = F.createNftTable();
        t.setFamily(family);
        t.setName(name);
        rs.getTables().add(t);
        return t;
    }

    static NftChain baseChain(NftTable t, String name, NftChainType type, NftHook hook, NftPriorityName prio, int offset) {
        NftChain c = F.createNftChain();
        c.setName(name);
        NftHookSpec h = F.createNftHookSpec();
        h.setType(type);
        h.setHook(hook);
        NftPriority p = F.createNftPriority();
        p.setKeyword(prio);
        p.setValue(offset);
        h.setPriority(p);
        c.setHook(h);
        t.getChains().add(c);
        return c;
    }

    static NftRule nftRule(NftChain c, NftStatement... ss) {
        NftRule r = F.createNftRule();
        for (NftStatement s : ss) {
            r.getStatements().add(s);
        }
        c.getRules().add(r);
        return r;
    }

    static NftPayloadExpr payload(NftPayloadProto p, NftPayloadField f) {
        NftPayloadExpr e = F.createNftPayloadExpr();
        e.setProtocol(p);
        e.setField(f);
        return e;
    }

    static NftMetaExpr meta(NftMetaKey k) {
        NftMetaExpr e = F.createNftMetaExpr();
        e.setKey(k);
        return e;
    }

    static NftLiteral lit(String v) {
        NftLiteral l = F.createNftLiteral();
        l.setValue(v);
        return l;
    }

    static NftMatch match(NftExpr left, NftValue right) {
        return match(left, NftCmpOp.IMPLICIT, right);
    }

    static NftMatch match(NftExpr left, NftCmpOp op, NftValue right) {
        NftMatch m = F.createNftMatch();
        m.setLeft(left);
        m.setOp(op);
        m.setRight(right);
        return m;
    }

    static NftVerdict verdict(NftVerdictKind k) {
        NftVerdict v = F.createNftVerdict();
        v.setKind(k);
        return v;
    }

    // ---- probes and expectations

    static Probe probe(Namespace from, ProbeProtocol proto, String dst, int dport) {
        Probe p = F.createProbe();
        p.setProtocol(proto);
        p.setFrom(from);
        p.setDst(ip(dst));
        p.setDport(dport);
        return p;
    }

    static Expectation expect(Network n, Probe p, OutcomeKind outcome, Namespace at) {
        Expectation e = F.createExpectation();
        e.setProbe(p);
        e.setOutcome(outcome);
        e.setAt(at);
        n.getExpectations().add(e);
        return e;
    }

    static Header header(String src, String dst) {
        Header h = F.createHeader();
        h.setSrc(ip(src));
        h.setDst(ip(dst));
        return h;
    }
}
