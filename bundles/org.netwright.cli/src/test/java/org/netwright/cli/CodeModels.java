package org.netwright.cli;

import java.util.List;

import org.netwright.mapping.SourceLocator;
import org.netwright.headless.Sources;
import org.netwright.model.Address;
import org.netwright.model.Expectation;
import org.netwright.model.Header;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptIfOption;
import org.netwright.model.IptInterfaceMatch;
import org.netwright.model.IptRule;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.ListenProtocol;
import org.netwright.model.Listener;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.OutcomeKind;
import org.netwright.model.Probe;
import org.netwright.model.ProbeProtocol;
import org.netwright.model.Route;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;

/**
 * Models built in code for the command tests (independent of the grammar): client (10.0.1.2) -- r
 * (masquerade on eth1) -- server (10.0.2.2, udp 53 open).
 */
final class CodeModels {
    static final NetwrightFactory F = NetwrightFactory.eINSTANCE;

    private CodeModels() {
    }

    static ModelLoader loader(Network n) {
        return files -> Sources.of(List.of(files.get(0)), List.of(n), SourceLocator.generated());
    }

    static Namespace ns(Network n, String name) {
        Namespace x = F.createNamespace();
        x.setName(name);
        n.getNamespaces().add(x);
        return x;
    }

    static VethInterface veth(Namespace ns, String name, String address, int len) {
        VethInterface v = F.createVethInterface();
        v.setName(name);
        Address a = F.createAddress();
        a.setAddress(IpAddress.parse(address));
        a.setPrefixLength(len);
        v.getAddresses().add(a);
        ns.getInterfaces().add(v);
        return v;
    }

    static void route(Namespace ns, String via, VethInterface dev) {
        Route r = F.createRoute();
        r.setDestination(IpPrefix.ANY);
        r.setVia(IpAddress.parse(via));
        r.setDev(dev);
        ns.getRoutes().add(r);
    }

    static Network lab() {
        Network n = F.createNetwork();
        Namespace client = ns(n, "client");
        Namespace r = ns(n, "r");
        Namespace server = ns(n, "server");
        VethInterface c0 = veth(client, "eth0", "10.0.1.2", 24);
        VethInterface r0 = veth(r, "eth0", "10.0.1.1", 24);
        VethInterface r1 = veth(r, "eth1", "10.0.2.1", 24);
        VethInterface s0 = veth(server, "eth0", "10.0.2.2", 24);
        c0.setPeer(r0);
        s0.setPeer(r1);
        Sysctl fwd = F.createSysctl();
        fwd.setKey("net.ipv4.ip_forward");
        fwd.setValue("1");
        r.getSysctls().add(fwd);
        route(client, "10.0.1.1", c0);
        route(server, "10.0.2.1", s0);
        Listener l = F.createListener();
        l.setProtocol(ListenProtocol.UDP);
        l.setPort(53);
        server.getListeners().add(l);
        IptablesRuleset rs = F.createIptablesRuleset();
        IptablesTable nat = F.createIptablesTable();
        nat.setTable(IptTableKind.NAT);
        IptRule masq = F.createIptRule();
        masq.setBuiltinChain(IptBuiltinChain.POSTROUTING);
        IptInterfaceMatch o = F.createIptInterfaceMatch();
        o.setOption(IptIfOption.OUT);
        o.setInterfaceName("eth1");
        masq.getMatches().add(o);
        masq.setTarget(F.createIptMasqueradeTarget());
        nat.getRules().add(masq);
        rs.getTables().add(nat);
        r.getIptablesRulesets().add(rs);
        return n;
    }

    static Namespace find(Network n, String name) {
        return n.getNamespaces().stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
    }

    /** expect udp from client to 10.0.2.2 port 53: delivered to server with src {@code src}. */
    static Expectation expectDns(Network n, String src) {
        Probe p = F.createProbe();
        p.setProtocol(ProbeProtocol.UDP);
        p.setFrom(find(n, "client"));
        p.setDst(IpAddress.parse("10.0.2.2"));
        p.setDport(53);
        Expectation e = F.createExpectation();
        e.setProbe(p);
        e.setOutcome(OutcomeKind.DELIVERED);
        e.setAt(find(n, "server"));
        Header h = F.createHeader();
        h.setSrc(IpAddress.parse(src));
        e.setObserved(h);
        n.getExpectations().add(e);
        return e;
    }
}
