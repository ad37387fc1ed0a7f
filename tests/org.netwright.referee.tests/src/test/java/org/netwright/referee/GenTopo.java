package org.netwright.referee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.netwright.engine.ChainType;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.Iptables;
import org.netwright.engine.Listener;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.PolicyRule;
import org.netwright.engine.Route;
import org.netwright.engine.RouteType;
import org.netwright.engine.Sysctls;
import org.netwright.engine.Verdict;

/**
 * The configuration of one generated case on the fixed wiring of the generated-cases lab: a chain
 * h0 - h1 - h2 - h3 (link k joins h(k)/eth1 10.0.k.1/24 and h(k+1)/eth0 10.0.k.2/24) and a second client
 * c on h1/eth2 (h1 10.0.9.1/24, c 10.0.9.2/24). h0 also owns 10.99.0.1/32 and c 10.99.9.1/32 (sources that
 * only some routes know: rp_filter). A case uses the chain up to its server h(n-1) (n = 3 or 4); the rest of
 * the wiring stays idle (nothing routes to it) but is in the engine's view too, so both sides have the same
 * namespaces, interfaces and addresses. Everything that varies between cases (routes, policy rules, extra
 * routing tables, sysctls, iptables and nft rulesets) is reloaded in place; the namespaces are kept.
 */
final class GenTopo {
    static final int UDP_PORT = 5001;
    static final int TCP_PORT = 5002;
    static final int CLOSED_PORT = 5009;
    static final List<String> NAMESPACES = List.of("h0", "h1", "h2", "h3", "c");

    /** A link: namespace/interface/address on both ends. */
    record Link(String nsA, String ifA, String addrA, String nsB, String ifB, String addrB) {
    }

    static final List<Link> LINKS = List.of(
            new Link("h0", "eth1", "10.0.0.1", "h1", "eth0", "10.0.0.2"),
            new Link("h1", "eth1", "10.0.1.1", "h2", "eth0", "10.0.1.2"),
            new Link("h2", "eth1", "10.0.2.1", "h3", "eth0", "10.0.2.2"),
            new Link("h1", "eth2", "10.0.9.1", "c", "eth0", "10.0.9.2"));
    /** Extra /32 addresses: namespace, interface, address. */
    static final List<String[]> EXTRA = List.of(new String[] {"h0", "eth1", "10.99.0.1"},
            new String[] {"c", "eth0", "10.99.9.1"});

    /** A route: destination, gateway (null: none), device, type (null: unicast), table (254 = main). */
    record R(String dst, String via, String dev, RouteType type, int table) {
        String ip() {
            StringBuilder sb = new StringBuilder();
            if (type != null && type != RouteType.UNICAST) {
                sb.append(type.name().toLowerCase()).append(' ');
            }
            sb.append(dst);
            if (via != null) {
                sb.append(" via ").append(via);
            }
            if (dev != null) {
                sb.append(" dev ").append(dev);
            }
            if (table != Route.MAIN) {
                sb.append(" table ").append(table);
            }
            return sb.toString();
        }
    }

    /** An ip rule: priority, fwmark (null: none), from prefix (null: any), table. */
    record IpRule(int priority, Long fwmark, String from, int table) {
        String ip() {
            return "priority " + priority + (fwmark != null ? " fwmark 0x" + Long.toHexString(fwmark) : "")
                    + (from != null ? " from " + from : "") + " lookup " + table;
        }
    }

    /** An nft-only filter base chain (to stack base chains on one hook): hook, priority, policy, rules. */
    record ExtraChain(Hook hook, int priority, Verdict policy, List<GenRule> rules) {
    }

    /** Per-namespace configuration. */
    static final class Node {
        final String name;
        boolean forward;
        int rpAll;
        final Map<String, Integer> rpIf = new TreeMap<>();
        final List<R> routes = new ArrayList<>();
        final List<IpRule> ipRules = new ArrayList<>();
        /** Rules, loaded with iptables-restore or as nft, per {@link #nft}. */
        final List<GenRule> rules = new ArrayList<>();
        final Map<String, Verdict> policies = new LinkedHashMap<>();
        boolean nft;
        final List<ExtraChain> extra = new ArrayList<>();

        Node(String name) {
            this.name = name;
        }
    }

    final int n;
    final Map<String, Node> nodes = new LinkedHashMap<>();

    GenTopo(int n) {
        if (n < 3 || n > 4) {
            throw new IllegalArgumentException("n is 3 or 4");
        }
        this.n = n;
        for (String ns : NAMESPACES) {
            nodes.put(ns, new Node(ns));
        }
    }

    Node node(String ns) {
        return nodes.get(ns);
    }

    String server() {
        return "h" + (n - 1);
    }

    /** The server's address (on its eth0). */
    String serverAddr() {
        return "10.0." + (n - 2) + ".2";
    }

    /** Interfaces of a namespace in the wiring, in order. */
    static List<String> interfaces(String ns) {
        List<String> out = new ArrayList<>();
        for (Link l : LINKS) {
            if (l.nsA().equals(ns)) {
                out.add(l.ifA());
            }
            if (l.nsB().equals(ns)) {
                out.add(l.ifB());
            }
        }
        out.sort(null);
        return out;
    }

    /** Every address of a namespace. */
    static List<String> addresses(String ns) {
        List<String> out = new ArrayList<>();
        for (Link l : LINKS) {
            if (l.nsA().equals(ns)) {
                out.add(l.addrA());
            }
            if (l.nsB().equals(ns)) {
                out.add(l.addrB());
            }
        }
        for (String[] e : EXTRA) {
            if (e[0].equals(ns)) {
                out.add(e[2]);
            }
        }
        return out;
    }

    /** The namespace owning an address, or null. */
    static String owner(String addr) {
        for (String ns : NAMESPACES) {
            if (addresses(ns).contains(addr)) {
                return ns;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- engine side

    NetworkView view() {
        NetworkView.Builder vb = NetworkView.builder();
        for (Node nd : nodes.values()) {
            Sysctls.Builder sb = Sysctls.builder().ipForward(nd.forward).rpFilterAll(nd.rpAll);
            for (String i : interfaces(nd.name)) {
                sb.rpFilter(i, nd.rpIf.getOrDefault(i, 0));
            }
            Namespace.Builder b = Namespace.builder(nd.name).sysctls(sb.build());
            for (Link l : LINKS) {
                if (l.nsA().equals(nd.name)) {
                    b.iface(iface(nd.name, l.ifA(), l.addrA(), l.nsB(), l.ifB()));
                }
                if (l.nsB().equals(nd.name)) {
                    b.iface(iface(nd.name, l.ifB(), l.addrB(), l.nsA(), l.ifA()));
                }
            }
            for (R r : nd.routes) {
                Route.Builder rb = Route.to(r.dst()).table(r.table());
                if (r.via() != null) {
                    rb.via(r.via());
                }
                if (r.dev() != null) {
                    rb.dev(r.dev());
                }
                if (r.type() != null) {
                    rb.type(r.type());
                }
                b.route(rb);
            }
            for (IpRule ir : nd.ipRules) {
                PolicyRule.Builder pb = PolicyRule.priority(ir.priority()).lookup(ir.table());
                if (ir.fwmark() != null) {
                    pb.fwmark(ir.fwmark());
                }
                if (ir.from() != null) {
                    pb.from(ir.from());
                }
                b.rule(pb);
            }
            b.nfTables(engineTables(nd));
            b.listener(Listener.udp(UDP_PORT)).listener(Listener.tcp(TCP_PORT));
            vb.namespace(b);
        }
        return vb.build();
    }

    private static Interface.Builder iface(String ns, String name, String addr, String peerNs, String peerIf) {
        Interface.Builder ib = Interface.builder(name).kind(Interface.Kind.VETH).address(addr + "/24").peer(peerNs, peerIf);
        for (String[] e : EXTRA) {
            if (e[0].equals(ns) && e[1].equals(name)) {
                ib.address(e[2] + "/32");
            }
        }
        return ib;
    }

    private static List<NfTable> engineTables(Node nd) {
        List<NfTable> out = new ArrayList<>();
        if (!nd.nft) {
            Iptables ipt = new Iptables();
            for (GenRule r : nd.rules) {
                ipt.append(r.table(), r.chain(), r.engine());
            }
            for (Map.Entry<String, Verdict> p : nd.policies.entrySet()) {
                String[] tc = p.getKey().split("/");
                ipt.policy(tc[0], tc[1], p.getValue());
            }
            out.addAll(ipt.build());
        } else if (!nd.rules.isEmpty() || !nd.policies.isEmpty()) {
            NfTable.Builder t = NfTable.builder(Family.IP, "nwg");
            for (String key : nftChains(nd)) {
                String[] f = key.split("/");
                Hook h = Hook.valueOf(f[1]);
                GenRule any = nd.rules.stream().filter(r -> key(r).equals(key)).findFirst().orElse(null);
                ChainType type = any != null ? any.chainType() : ChainType.FILTER;
                var cb = t.baseChain(f[0] + "_" + h.nft(), type, h, Iptables.priority(f[0], h),
                        nd.policies.getOrDefault(f[0] + "/" + h.name(), Verdict.ACCEPT));
                for (GenRule r : nd.rules) {
                    if (key(r).equals(key)) {
                        cb.rule(org.netwright.engine.Rule.of(r.engine().matches(), r.engine().statements(),
                                org.netwright.engine.SourceRef.of(r.nft())));
                    }
                }
            }
            out.add(t.build());
        }
        int i = 0;
        for (ExtraChain x : nd.extra) {
            NfTable.Builder t = NfTable.builder(Family.IP, "extra" + i++);
            var cb = t.baseChain("c", ChainType.FILTER, x.hook(), x.priority(), x.policy());
            for (GenRule r : x.rules()) {
                cb.rule(org.netwright.engine.Rule.of(r.engine().matches(), r.engine().statements(),
                        org.netwright.engine.SourceRef.of(r.nft())));
            }
            out.add(t.build());
        }
        return out;
    }

    private static String key(GenRule r) {
        return r.table() + "/" + r.hook().name();
    }

    /** The table/hook pairs an nft-flavoured node needs chains for, in a fixed order. */
    private static List<String> nftChains(Node nd) {
        List<String> keys = new ArrayList<>();
        for (String table : List.of("raw", "mangle", "nat", "filter")) {
            for (Hook h : Iptables.hooks(table)) {
                String k = table + "/" + h.name();
                if (nd.rules.stream().anyMatch(r -> key(r).equals(k)) || nd.policies.containsKey(k)) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    // ---------------------------------------------------------------- kernel side

    /** The iptables-restore input of a node, or null when it has no iptables rules. */
    String restoreFile(Node nd) {
        if (nd.nft || (nd.rules.isEmpty() && nd.policies.isEmpty())) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String table : List.of("raw", "mangle", "nat", "filter")) {
            List<GenRule> rs = nd.rules.stream().filter(r -> r.table().equals(table)).toList();
            boolean pol = nd.policies.keySet().stream().anyMatch(s -> s.startsWith(table + "/"));
            if (rs.isEmpty() && !pol) {
                continue;
            }
            sb.append('*').append(table).append('\n');
            for (Hook h : Iptables.hooks(table)) {
                Verdict v = nd.policies.getOrDefault(table + "/" + h.name(), Verdict.ACCEPT);
                sb.append(':').append(h.name()).append(' ').append(v.name()).append(" [0:0]\n");
            }
            for (GenRule r : rs) {
                sb.append("-A ").append(r.chain()).append(' ').append(r.ipt()).append('\n');
            }
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }

    /** The nft ruleset of a node (its nft-flavoured rules and extra chains), possibly empty. */
    String nftText(Node nd) {
        StringBuilder sb = new StringBuilder();
        if (nd.nft && (!nd.rules.isEmpty() || !nd.policies.isEmpty())) {
            sb.append("table ip nwg {\n");
            for (String key : nftChains(nd)) {
                String[] f = key.split("/");
                Hook h = Hook.valueOf(f[1]);
                GenRule any = nd.rules.stream().filter(r -> key(r).equals(key)).findFirst().orElse(null);
                ChainType type = any != null ? any.chainType() : ChainType.FILTER;
                Verdict pol = nd.policies.getOrDefault(f[0] + "/" + h.name(), Verdict.ACCEPT);
                sb.append("  chain ").append(f[0]).append('_').append(h.nft()).append(" {\n    type ")
                        .append(type.name().toLowerCase()).append(" hook ").append(h.nft()).append(" priority ")
                        .append(Iptables.priority(f[0], h)).append("; policy ").append(pol.name().toLowerCase()).append(";\n");
                for (GenRule r : nd.rules) {
                    if (key(r).equals(key)) {
                        sb.append("    ").append(r.nft()).append('\n');
                    }
                }
                sb.append("  }\n");
            }
            sb.append("}\n");
        }
        int i = 0;
        for (ExtraChain x : nd.extra) {
            sb.append("table ip extra").append(i++).append(" {\n  chain c {\n    type filter hook ").append(x.hook().nft())
                    .append(" priority ").append(x.priority()).append("; policy ").append(x.policy().name().toLowerCase())
                    .append(";\n");
            for (GenRule r : x.rules()) {
                sb.append("    ").append(r.nft()).append('\n');
            }
            sb.append("  }\n}\n");
        }
        return sb.toString();
    }

    /** {@code ip -batch} lines that set up the node's routes and rules (after the lab's reset). */
    List<String> ipBatch(Node nd) {
        List<String> out = new ArrayList<>();
        for (R r : nd.routes) {
            if (r.via() != null && owner(r.via()) == null) {
                throw new IllegalStateException("gateway " + r.via() + " is not a lab address");
            }
            out.add("route add " + r.ip());
        }
        for (IpRule ir : nd.ipRules) {
            out.add("rule add " + ir.ip());
        }
        return out;
    }

    /** sysctl assignments of the node. */
    List<String> sysctls(Node nd) {
        List<String> out = new ArrayList<>();
        out.add("net.ipv4.ip_forward=" + (nd.forward ? 1 : 0));
        out.add("net.ipv4.conf.all.rp_filter=" + nd.rpAll);
        for (String i : interfaces(nd.name)) {
            out.add("net.ipv4.conf." + i + ".rp_filter=" + nd.rpIf.getOrDefault(i, 0));
        }
        return out;
    }

    String describe() {
        StringBuilder sb = new StringBuilder("chain h0..h" + (n - 1) + " (server " + server() + " " + serverAddr()
                + "), client c on h1/eth2");
        for (Node nd : nodes.values()) {
            if (nd.name.equals("h3") && n == 3) {
                continue;
            }
            sb.append("\n  ").append(nd.name).append(nd.forward ? " forward" : "");
            if (nd.rpAll != 0 || nd.rpIf.values().stream().anyMatch(v -> v != 0)) {
                sb.append(" rp_filter all=").append(nd.rpAll).append(' ').append(nd.rpIf);
            }
            for (String l : ipBatch(nd)) {
                sb.append("\n    ip ").append(l);
            }
            String f = restoreFile(nd);
            if (f != null) {
                sb.append("\n    ").append(f.strip().replace("\n", "\n    "));
            }
            String t = nftText(nd);
            if (!t.isEmpty()) {
                sb.append("\n    ").append(t.strip().replace("\n", "\n    "));
            }
        }
        return sb.toString();
    }
}
