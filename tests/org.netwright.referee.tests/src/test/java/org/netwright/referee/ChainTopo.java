package org.netwright.referee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.netwright.engine.Interface;
import org.netwright.engine.Iptables;
import org.netwright.engine.Listener;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.Route;
import org.netwright.engine.Rule;
import org.netwright.engine.Sysctls;
import org.netwright.engine.Verdict;
import org.netwright.lab.KernelProbe;
import org.netwright.lab.NetnsLab;

/**
 * A chain of namespaces h0 - h1 - ... - h(n-1): link k joins h(k)/eth1 (10.0.k.1/24) and h(k+1)/eth0
 * (10.0.k.2/24). Every node but the last has a default route to its right neighbour, middle nodes route
 * the subnets further left through their left neighbour, the last node optionally has a default route
 * back. Every node listens on udp 5001 and tcp 5002 (echo). Rules are given once as {@link RuleSpec}s and
 * written both as engine rules and as an {@code iptables-restore} file; an optional nft ruleset is given
 * as text plus the engine's equivalent tables.
 */
final class ChainTopo {
    static final int UDP_PORT = 5001;
    static final int TCP_PORT = 5002;

    /** One iptables rule in both forms: {@code -t TABLE -A CHAIN ARGS} and the engine's rule. */
    record RuleSpec(String table, String chain, String args, Rule engine) {
        @Override
        public String toString() {
            return "-t " + table + " -A " + chain + " " + args;
        }
    }

    final int n;
    final boolean[] forward;
    boolean lastHasDefault = true;
    final List<List<RuleSpec>> rules = new ArrayList<>();
    final List<Map<String, Verdict>> policies = new ArrayList<>();
    final List<String> nftText = new ArrayList<>();
    final List<List<NfTable>> nftEngine = new ArrayList<>();

    ChainTopo(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("n >= 2");
        }
        this.n = n;
        this.forward = new boolean[n];
        for (int i = 0; i < n; i++) {
            forward[i] = i > 0 && i < n - 1;
            rules.add(new ArrayList<>());
            policies.add(new LinkedHashMap<>());
            nftText.add(null);
            nftEngine.add(new ArrayList<>());
        }
    }

    static String ns(int k) {
        return "h" + k;
    }

    /** h(k)'s address on eth1 (towards the right). */
    static String right(int k) {
        return "10.0." + k + ".1";
    }

    /** h(k)'s address on eth0 (towards the left). */
    static String left(int k) {
        return "10.0." + (k - 1) + ".2";
    }

    String first() {
        return right(0);
    }

    String last() {
        return left(n - 1);
    }

    ChainTopo rule(int node, RuleSpec r) {
        rules.get(node).add(r);
        return this;
    }

    ChainTopo policy(int node, String tableChain, Verdict v) {
        policies.get(node).put(tableChain, v);
        return this;
    }

    ChainTopo nft(int node, String text, List<NfTable> engine) {
        nftText.set(node, text);
        nftEngine.get(node).addAll(engine);
        return this;
    }

    NetworkView view() {
        NetworkView.Builder vb = NetworkView.builder();
        for (int k = 0; k < n; k++) {
            Namespace.Builder b = Namespace.builder(ns(k)).sysctls(Sysctls.builder().ipForward(forward[k]).build());
            if (k > 0) {
                b.iface(Interface.builder("eth0").kind(Interface.Kind.VETH).address(left(k) + "/24").peer(ns(k - 1), "eth1"));
            }
            if (k < n - 1) {
                b.iface(Interface.builder("eth1").kind(Interface.Kind.VETH).address(right(k) + "/24").peer(ns(k + 1), "eth0"));
                b.route(Route.to("default").via(left(k + 1)).dev("eth1"));
                for (int j = 0; j <= k - 2; j++) {
                    b.route(Route.to("10.0." + j + ".0/24").via(right(k - 1)).dev("eth0"));
                }
            } else if (lastHasDefault) {
                b.route(Route.to("default").via(right(k - 1)).dev("eth0"));
            }
            Iptables ipt = new Iptables();
            for (RuleSpec r : rules.get(k)) {
                ipt.append(r.table(), r.chain(), r.engine());
            }
            for (Map.Entry<String, Verdict> p : policies.get(k).entrySet()) {
                String[] tc = p.getKey().split("/");
                ipt.policy(tc[0], tc[1], p.getValue());
            }
            b.nfTables(ipt.build());
            b.nfTables(nftEngine.get(k));
            b.listener(Listener.udp(UDP_PORT)).listener(Listener.tcp(TCP_PORT));
            vb.namespace(b);
        }
        return vb.build();
    }

    /** The iptables-restore file of a node, or null when it has no iptables rules. */
    String restoreFile(int k) {
        if (rules.get(k).isEmpty() && policies.get(k).isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String table : List.of("raw", "mangle", "nat", "filter")) {
            List<RuleSpec> rs = rules.get(k).stream().filter(r -> r.table().equals(table)).toList();
            boolean pol = policies.get(k).keySet().stream().anyMatch(s -> s.startsWith(table + "/"));
            if (rs.isEmpty() && !pol) {
                continue;
            }
            sb.append('*').append(table).append('\n');
            for (var h : Iptables.hooks(table)) {
                Verdict v = policies.get(k).getOrDefault(table + "/" + h.name(), Verdict.ACCEPT);
                sb.append(':').append(h.name()).append(' ').append(v.name()).append(" [0:0]\n");
            }
            for (RuleSpec r : rs) {
                sb.append("-A ").append(r.chain()).append(' ').append(r.args()).append('\n');
            }
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }

    NetnsLab lab(String name) {
        NetnsLab lab = NetnsLab.up(name);
        try {
            for (int k = 0; k < n; k++) {
                lab.namespace(ns(k));
            }
            for (int k = 0; k < n - 1; k++) {
                lab.veth(ns(k), "eth1", ns(k + 1), "eth0");
                lab.addr(ns(k), "eth1", right(k) + "/24").addr(ns(k + 1), "eth0", left(k + 1) + "/24");
            }
            for (int k = 0; k < n; k++) {
                lab.sysctl(ns(k), "net.ipv4.ip_forward", forward[k] ? "1" : "0");
                if (k < n - 1) {
                    lab.route(ns(k), "default", "via", left(k + 1), "dev", "eth1");
                    for (int j = 0; j <= k - 2; j++) {
                        lab.route(ns(k), "10.0." + j + ".0/24", "via", right(k - 1), "dev", "eth0");
                    }
                } else if (lastHasDefault) {
                    lab.route(ns(k), "default", "via", right(k - 1), "dev", "eth0");
                }
                String f = restoreFile(k);
                if (f != null) {
                    lab.iptablesRestore(ns(k), f, false);
                }
                if (nftText.get(k) != null) {
                    lab.nft(ns(k), nftText.get(k));
                }
            }
            KernelProbe kp = new KernelProbe(lab);
            for (int k = 0; k < n; k++) {
                kp.udpEchoServer(ns(k), null, UDP_PORT);
                kp.tcpEchoServer(ns(k), null, TCP_PORT);
            }
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    String describe() {
        StringBuilder sb = new StringBuilder("chain of " + n + " namespaces" + (lastHasDefault ? "" : ", last without default route"));
        for (int k = 0; k < n; k++) {
            sb.append("\n  ").append(ns(k)).append(forward[k] ? " (forwarding)" : "");
            if (restoreFile(k) != null) {
                sb.append("\n    ").append(restoreFile(k).strip().replace("\n", "\n    "));
            }
            if (nftText.get(k) != null) {
                sb.append("\n    ").append(nftText.get(k).strip().replace("\n", "\n    "));
            }
        }
        return sb.toString();
    }
}
