package org.netwright.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.netwright.model.Address;
import org.netwright.model.BridgeInterface;
import org.netwright.model.ConfigContainer;
import org.netwright.model.DummyInterface;
import org.netwright.model.Import;
import org.netwright.model.Interface;
import org.netwright.model.IptChain;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChainPolicy;
import org.netwright.model.IptAddrOption;
import org.netwright.model.IptAddressMatch;
import org.netwright.model.IptAddrtypeMatch;
import org.netwright.model.IptCommentMatch;
import org.netwright.model.IptConnmarkOp;
import org.netwright.model.IptConnmarkTarget;
import org.netwright.model.IptConntrackMatch;
import org.netwright.model.IptCtState;
import org.netwright.model.IptCtTarget;
import org.netwright.model.IptGenericMatch;
import org.netwright.model.IptGenericTarget;
import org.netwright.model.IptIcmpMatch;
import org.netwright.model.IptIfOption;
import org.netwright.model.IptInterfaceMatch;
import org.netwright.model.IptIprangeMatch;
import org.netwright.model.IptJumpTarget;
import org.netwright.model.IptLogTarget;
import org.netwright.model.IptMarkMatch;
import org.netwright.model.IptMarkTarget;
import org.netwright.model.IptMasqueradeTarget;
import org.netwright.model.IptMatch;
import org.netwright.model.IptMultiportMatch;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptNatTargetKind;
import org.netwright.model.IptOption;
import org.netwright.model.IptPolicyMatch;
import org.netwright.model.IptPolicyPol;
import org.netwright.model.IptPortMatch;
import org.netwright.model.IptProtocolMatch;
import org.netwright.model.IptRedirectTarget;
import org.netwright.model.IptRejectTarget;
import org.netwright.model.IptRule;
import org.netwright.model.IptSimpleTarget;
import org.netwright.model.IptTarget;
import org.netwright.model.Link;
import org.netwright.model.Listener;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.Namespace;
import org.netwright.model.NamespaceExtension;
import org.netwright.model.Network;
import org.netwright.model.NftChain;
import org.netwright.model.NftDefine;
import org.netwright.model.NftHook;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftMap;
import org.netwright.model.NftObject;
import org.netwright.model.NftPolicy;
import org.netwright.model.NftPriority;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetDecl;
import org.netwright.model.NftTable;
import org.netwright.model.Route;
import org.netwright.model.RouteType;
import org.netwright.model.RoutingRule;
import org.netwright.model.RoutingTable;
import org.netwright.model.RuleAction;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;
import org.netwright.model.VlanInterface;
import org.netwright.model.XfrmPolicy;
import org.netwright.model.XfrmSelector;
import org.netwright.model.XfrmState;
import org.netwright.model.XfrmTemplate;

/**
 * Writes a {@link Network} as {@code .nwp} text (the DSL), e.g. the model {@code netwright import} made from a host
 * snapshot. The Xtext serializer cannot write imported models (IPv6 addresses, rules kept opaque), so this writer
 * emits the DSL directly, in the grammar's own order, and writes what the language cannot express as a {@code #}
 * comment line that says why, reported in {@link Result#problems()}: nothing is dropped silently. The output is
 * deterministic; tests parse it back with the DSL and compare it with the model it was written from.
 * Probes, expectations and scenarios are not written (an imported model has none): they are reported.
 */
public final class NwpWriter {
    /** nft names: segments of letters, digits, '_' and '-' (the first starting with a letter) joined by '/' or '.'. */
    private static final Pattern NFT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*([./]([0-9]*[A-Za-z_][A-Za-z0-9_-]*|[0-9]+))*");
    /** Keywords of the nft part of the language beyond {@link #RESERVED}. */
    private static final Set<String> NFT_KEYWORDS = Set.of(("vmap add update delete fib numgen inc mod offset jhash symhash seed typeof"
            + " performance memory size auto-merge gc-interval expires quota limit synproxy secmark flowtable expectation").split(" "));

    /** Grammar keywords that the DSL does not accept as a name (table, chain, namespace names). */
    private static final Set<String> RESERVED = Set.of(("ACCEPT ANYCAST BLACKHOLE BROADCAST COMMIT CONNMARK CT DNAT DROP ESTABLISHED FORWARD INPUT"
            + " INVALID LOCAL LOG MARK MASQUERADE MULTICAST NAT NETMAP NEW NOTRACK OUTPUT POSTROUTING PREROUTING PROHIBIT QUEUE REDIRECT"
            + " REJECT RELATED RETURN SNAT THROW TRACE UNICAST UNREACHABLE UNSPEC UNTRACKED XRESOLVE absent accept action address addrtype ah"
            + " all allow at blackhole block bytes chain classid code comment comp connmark conntrack constant continue counter ct daddr"
            + " default define delivered dev device devices dir direction dnat down dport drop dropped dscp dst dummy dynamic elements esp"
            + " ether ether_addr expect expiration extend flags flush from fully-random fwd fwmark goto gre group helper hook hoplimit icmp"
            + " icmpv6 icmpx id ifname iif iifname iiftype import in inet_proto inet_service interface interval iprange ipsec iptables"
            + " ipv4_addr ipv6_addr jump l3proto l4proto label length level link listen log lookup loopback mac map mark masquerade meta"
            + " metric mode modprobe mtu multiport namespace nexthdr nexthop nfproto nftables nftrace none not notrack num oif oifname"
            + " oiftype on operation orig out packets payload persistent ping pkttype policy port-unreachable ports pref prefix prio"
            + " priority probe prohibit proto protocol queue random redirect reject rejected reply reqid required reset return"
            + " routing-table rt rule ruleset saddr scenario scope secondary sel set skgid skuid snat spi sport src state status sysctl"
            + " table tcp th throw timeout tmpl to transport ttl tunnel type udp unicast unreachable use verdict veth via vlan with xfrm"
            + " zone").split(" "));
    /** Long options that are keywords of the language's typed iptables matches and targets. */
    /** Keywords of typed matches the language does not take as an opaque option's name (IptOptionName takes the rest). */
    private static final Set<String> LONGOPT_KEYWORDS = Set.of(("--and-mark --comment --ctmask --ctstate --dir --dport --dports --dst-range"
            + " --dst-type --icmp-type --log-level --log-prefix --mark --nfmask --notrack --or-mark --pol"
            + " --ports --proto --random-fully --reject-with --reqid --restore-mark --save-mark --set-mark --set-xmark --spi --sport --sports"
            + " --src-range --src-type --state --strict --to-destination --to-ports --to-source --tunnel-dst --tunnel-src --xor-mark").split(" "));
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern IF_PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*|[0-9]+");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
    private static final Pattern IPV4_PREFIX = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}(/\\d{1,2})?");
    private static final Pattern IPV6_TOKEN = Pattern.compile("\\[?[0-9A-Fa-f]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:./\\]-]*");
    private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}(/\\d+)?");
    private static final Pattern PLAIN_SYSCTL_VALUE = Pattern.compile("[0-9]+|0x[0-9a-fA-F]+|[A-Za-z_][A-Za-z0-9_-]*");

    /** The text and what could not be written as the language has no syntax for it. */
    public record Result(String text, List<String> problems) {
    }

    private final StringBuilder out = new StringBuilder();
    private final List<String> problems = new ArrayList<>();
    private String where = "";

    private NwpWriter() {
    }

    /** @param header comment lines to start the file with (without '#'), e.g. where the model came from */
    public static Result write(Network network, List<String> header) {
        NwpWriter w = new NwpWriter();
        w.network(network, header);
        return new Result(w.out.toString(), List.copyOf(w.problems));
    }

    private void network(Network n, List<String> header) {
        for (String h : header) {
            out.append("# ").append(h.replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        if (!header.isEmpty()) {
            out.append('\n');
        }
        for (Import i : n.getImports()) {
            out.append("import ").append(string(i.getImportURI())).append('\n');
        }
        if (!n.getImports().isEmpty()) {
            out.append('\n');
        }
        for (Namespace ns : n.getNamespaces()) {
            where = "namespace " + ns.getName();
            out.append("namespace ").append(name(ns.getName(), "namespace"));
            if (ns.getDescription() != null) {
                out.append(' ').append(string(ns.getDescription()));
            }
            out.append(" {\n");
            body(ns);
            out.append("}\n\n");
        }
        for (NamespaceExtension ext : n.getExtensions()) {
            where = "extend " + (ext.getNamespace() == null ? "?" : ext.getNamespace().getName());
            out.append("extend ").append(name(ext.getNamespace().getName(), "namespace")).append(" {\n");
            body(ext);
            out.append("}\n\n");
        }
        where = "links";
        for (Link l : n.getLinks()) {
            out.append("link ").append(qualified(l.getA())).append(" <-> ").append(qualified(l.getB())).append('\n');
        }
        int dropped = n.getProbes().size() + n.getExpectations().size() + n.getScenarios().size();
        if (dropped > 0) {
            problems.add(dropped + " probes, expectations and scenarios are not written (the writer covers topology and configuration)");
            out.append("# ").append(dropped).append(" probes, expectations and scenarios of the model are not written here\n");
        }
        while (out.length() > 1 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
    }

    // ---------------------------------------------------------------- namespace body

    private void body(ConfigContainer c) {
        for (Interface i : c.getInterfaces()) {
            iface(i);
        }
        for (Sysctl s : c.getSysctls()) {
            sysctl(s);
        }
        for (String m : c.getKernelModules()) {
            if (ID.matcher(m).matches() && !RESERVED.contains(m)) {
                line(1, "modprobe " + m);
            } else {
                omit(1, "modprobe " + m, "not a plain module name");
            }
        }
        for (Listener l : c.getListeners()) {
            StringBuilder b = new StringBuilder("listen ").append(l.getProtocol().getLiteral());
            if (l.getPort() != 0) {
                b.append(' ').append(l.getPort());
            }
            if (l.getAddress() != null) {
                if (!ipv4(l.getAddress())) {
                    omit(1, b + " on " + l.getAddress(), "the language has IPv4 addresses only");
                    continue;
                }
                b.append(" on ").append(l.getAddress());
            }
            line(1, b.toString());
        }
        for (RoutingTable t : c.getRoutingTables()) {
            String n = tableName(t);
            if (n == null) {
                omit(1, "routing-table " + t.getName(), "a table name the language cannot write");
                continue;
            }
            if (!n.equals(t.getName())) {
                problems.add(where + ": routing table '" + t.getName() + "' is written by its number " + n + " (the name is a keyword)");
            }
            line(1, "routing-table " + n + (t.getId() != 0 && !n.equals(Integer.toString(t.getId())) ? " id " + t.getId() : ""));
        }
        for (Route r : c.getRoutes()) {
            route(r);
        }
        for (RoutingRule r : c.getRoutingRules()) {
            rule(r);
        }
        for (NftRuleset rs : c.getNftRulesets()) {
            nftables(rs);
        }
        for (IptablesRuleset rs : c.getIptablesRulesets()) {
            iptables(rs);
        }
        for (XfrmState s : c.getXfrmStates()) {
            xfrmState(s);
        }
        for (XfrmPolicy p : c.getXfrmPolicies()) {
            xfrmPolicy(p);
        }
        for (org.netwright.model.Neighbour nb : c.getNeighbours()) {
            String dev = nb.getDev() == null ? null : ifName(nb.getDev().getName());
            String text = "neigh " + nb.getAddress() + " lladdr " + nb.getLladdr() + " dev " + (dev == null ? "?" : dev);
            if (dev == null || !ipv4(nb.getAddress()) || nb.getLladdr() == null
                    || !nb.getLladdr().matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")) {
                omit(1, text, "an address, lladdr or device the language cannot write");
            } else {
                line(1, text);
            }
        }
    }

    private void iface(Interface i) {
        String n = ifName(i.getName());
        if (n == null) {
            omit(1, "interface " + i.getName(), "an interface name the language cannot write");
            return;
        }
        StringBuilder head = new StringBuilder();
        if (i instanceof LoopbackInterface) {
            head.append("loopback ").append(n);
        } else if (i instanceof DummyInterface) {
            head.append("dummy ").append(n);
        } else if (i instanceof VethInterface v && v.getPeer() != null) {
            head.append("veth ").append(n).append(" <-> ").append(qualified(v.getPeer()));
        } else if (i instanceof VethInterface) {
            // the language wants a veth's peer; one outside the snapshot (another, unnamed namespace) is not known
            problems.add(where + ": veth " + n + " has its peer outside the snapshot; written as interface " + n);
            head.append("interface ").append(n);
        } else if (i instanceof BridgeInterface br) {
            head.append("bridge ").append(n);
            List<String> ports = br.getPorts().stream().map(p -> ifName(p.getName())).filter(p -> p != null).toList();
            if (!ports.isEmpty()) {
                head.append(" ports ").append(String.join(", ", ports));
            }
        } else if (i instanceof VlanInterface v) {
            if (v.getParent() == null || ifName(v.getParent().getName()) == null) {
                omit(1, "vlan " + n, "no parent link the language can name");
                return;
            }
            head.append("vlan ").append(n).append(" link ").append(ifName(v.getParent().getName())).append(" id ").append(v.getVlanId());
        } else {
            head.append("interface ").append(n);
        }
        List<String> inner = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        if (i.getMac() != null) {
            if (i.getMac().matches("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}")) {
                inner.add("mac " + i.getMac().toLowerCase(Locale.ROOT));
            } else {
                omitted.add("mac " + i.getMac() + ": not an Ethernet address");
            }
        }
        if (i.getMtu() != 0) {
            inner.add("mtu " + i.getMtu());
        }
        if (i.isDown()) {
            inner.add("down");
        }
        for (Address a : i.getAddresses()) {
            String text = "address " + a.getAddress() + "/" + a.getPrefixLength() + (a.isSecondary() ? " secondary" : "")
                    + (a.getLabel() != null ? " label " + string(a.getLabel()) : "");
            if (ipv4(a.getAddress())) {
                inner.add(text);
            } else {
                omitted.add(text + ": the language has IPv4 addresses only");
            }
        }
        if (inner.isEmpty() && omitted.isEmpty()) {
            line(1, head.toString());
            return;
        }
        line(1, head + " {");
        inner.forEach(l -> line(2, l));
        omitted.forEach(l -> {
            problems.add(where + ", " + n + ": not written: " + l);
            line(2, "# not written: " + l);
        });
        line(1, "}");
    }

    private void sysctl(Sysctl s) {
        String key = s.getKey();
        String value = s.getValue() == null ? "" : s.getValue();
        if (key == null || !key.matches("[A-Za-z_][A-Za-z0-9_-]*(\\.([A-Za-z_][A-Za-z0-9_-]*|[0-9]+))*")
                || java.util.Arrays.stream(key.split("\\.")).anyMatch(seg -> RESERVED.contains(seg) && !Set.of("default", "all", "local", "mark",
                        "zone", "state", "tcp", "udp", "icmp", "esp", "ah", "in", "out", "none", "protocol", "helper", "label", "link", "ipsec",
                        "ether", "vlan", "gre", "icmpv6", "th", "snat", "dnat", "reply", "conntrack", "tunnel", "transport").contains(seg))) {
            omit(1, "sysctl " + key + " = " + value, "a key the language cannot write");
            return;
        }
        boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
        if (!quoted && !PLAIN_SYSCTL_VALUE.matcher(value).matches()) {
            value = string(value);
        }
        line(1, "sysctl " + key + " = " + value);
    }

    private void route(Route r) {
        StringBuilder b = new StringBuilder("route ");
        RouteType type = r.getType() == null ? RouteType.UNICAST : r.getType();
        if (type != RouteType.UNICAST) {
            b.append(type.getLiteral()).append(' ');
        }
        String dest = r.getDestination();
        List<String> why = new ArrayList<>();
        if ("default".equals(dest)) {
            b.append("default");
        } else if (dest != null && IPV4_PREFIX.matcher(dest).matches()) {
            b.append(dest);
        } else {
            b.append(dest);
            why.add("the language has IPv4 routes only");
        }
        if (r.getVia() != null) {
            b.append(" via ").append(r.getVia());
            if (!ipv4(r.getVia())) {
                why.add("gateway is not IPv4");
            }
        }
        if (r.getDev() != null) {
            b.append(" dev ").append(ifRef(r.getDev(), why));
        }
        if (r.getTable() != null) {
            b.append(" table ").append(tableRef(r.getTable()));
        }
        if (r.getProto() != null) {
            b.append(" proto ").append(word(r.getProto(), why));
        }
        if (r.getScope() != null) {
            b.append(" scope ").append(word(r.getScope(), why));
        }
        if (r.isSetMetric()) {
            b.append(" metric ").append(r.getMetric());
        }
        if (r.getSrc() != null) {
            b.append(" src ").append(r.getSrc());
            if (!ipv4(r.getSrc())) {
                why.add("source is not IPv4");
            }
        }
        emit(1, b.toString(), why);
    }

    private void rule(RoutingRule r) {
        StringBuilder b = new StringBuilder("rule");
        List<String> why = new ArrayList<>();
        if (r.isNot()) {
            b.append(" not");
        }
        if (r.getFrom() != null) {
            b.append(" from ").append(r.getFrom());
            if (!r.getFrom().equals("all") && !IPV4_PREFIX.matcher(r.getFrom()).matches()) {
                why.add("the language has IPv4 rules only");
            }
        }
        if (r.getTo() != null) {
            b.append(" to ").append(r.getTo());
            if (!r.getTo().equals("all") && !IPV4_PREFIX.matcher(r.getTo()).matches()) {
                why.add("the language has IPv4 rules only");
            }
        }
        if (r.getIif() != null) {
            b.append(" iif ").append(ifRef(r.getIif(), why));
        }
        if (r.getOif() != null) {
            b.append(" oif ").append(ifRef(r.getOif(), why));
        }
        if (r.isSetFwmark()) {
            b.append(" fwmark ").append(hex(r.getFwmark()));
            if (r.isSetFwmask()) {
                b.append('/').append(hex(r.getFwmask()));
            }
        }
        RuleAction action = r.getAction() == null ? RuleAction.LOOKUP : r.getAction();
        if (action == RuleAction.LOOKUP) {
            if (r.getTable() != null) {
                b.append(" lookup ").append(tableRef(r.getTable()));
            }
        } else {
            b.append(' ').append(action.getLiteral());
        }
        if (r.isSetPriority()) {
            b.append(" priority ").append(r.getPriority());
        }
        emit(1, b.toString(), why);
    }

    // ---------------------------------------------------------------- nftables

    private void nftables(NftRuleset rs) {
        line(1, "nftables {");
        if (rs.isFlushRuleset()) {
            line(2, "flush ruleset");
        }
        for (NftDefine d : rs.getDefines()) {
            String n = name(d.getName(), "nft define");
            try {
                line(2, "define " + n + " = " + NftExporter.value(d.getValue(), null));
            } catch (ExportException e) {
                omit(2, "define " + d.getName(), e.getMessage());
            }
        }
        for (NftTable t : rs.getTables()) {
            where = where.replaceAll(", nft table .*", "") + ", nft table " + t.getFamily().getLiteral() + " " + t.getName();
            line(2, "table " + t.getFamily().getLiteral() + " " + name(t.getName(), "nft table") + " {");
            if (t.getComment() != null) {
                nftLine(3, () -> "comment " + Values.quotedString(t.getComment(), 128, "nft table comment"));
            }
            for (NftObject o : t.getObjects()) {
                nftLine(3, () -> NftExporter.object(o, "\t".repeat(4), "\n" + "\t".repeat(3)));
            }
            for (NftSet s : t.getSets()) {
                declaration("set " + nftName(s.getName(), "nft set"), s);
            }
            for (NftMap m : t.getMaps()) {
                declaration("map " + nftName(m.getName(), "nft map"), m);
            }
            for (NftChain c : t.getChains()) {
                chain(c);
            }
            line(2, "}");
        }
        where = where.replaceAll(", nft table .*", "");
        line(1, "}");
    }

    private void declaration(String head, NftSetDecl decl) {
        List<String> body;
        try {
            body = NftExporter.declaration(decl);
        } catch (ExportException e) {
            omit(3, head, e.getMessage());
            return;
        }
        line(3, head + " {");
        for (String l : body) {
            nftLine(4, () -> l);
        }
        line(3, "}");
    }

    private void chain(NftChain c) {
        line(3, "chain " + nftName(c.getName(), "nft chain") + " {");
        if (c.getComment() != null) {
            nftLine(4, () -> "comment " + Values.quotedString(c.getComment(), 128, "nft chain comment"));
        }
        NftHookSpec h = c.getHook();
        if (h != null) {
            StringBuilder b = new StringBuilder("type ").append(h.getType().getLiteral()).append(" hook ").append(h.getHook().getLiteral());
            List<String> devices = new ArrayList<>();
            List<String> why = new ArrayList<>();
            h.getDevices().forEach(d -> devices.add(ifRef(d, why)));
            if (devices.size() == 1) {
                b.append(" device ").append(devices.get(0));
            } else if (devices.size() > 1) {
                b.append(" devices = { ").append(String.join(", ", devices)).append(" }");
            }
            b.append(" priority ").append(priority(h.getPriority())).append(';');
            if (devices.isEmpty() && (h.getHook() == NftHook.INGRESS || h.getHook() == NftHook.EGRESS)) {
                // the language (like nft) needs the device of such a hook; a dump without nft.txt does not name it
                why.add("the dump names no device for this " + h.getHook().getLiteral() + " hook; the chain is written as a regular chain");
                emit(4, b + (c.getPolicy() != null && c.getPolicy() != NftPolicy.UNSPECIFIED ? " policy " + c.getPolicy().getLiteral() + ";" : ""), why);
                for (NftRule r : c.getRules()) {
                    writeRule(c, r);
                }
                line(3, "}");
                return;
            }
            emit(4, b.toString(), why);
        }
        if (c.getPolicy() != null && c.getPolicy() != NftPolicy.UNSPECIFIED) {
            line(4, "policy " + c.getPolicy().getLiteral() + ";");
        }
        for (NftRule r : c.getRules()) {
            writeRule(c, r);
        }
        line(3, "}");
    }

    private void writeRule(NftChain c, NftRule r) {
        if (r.getStatements().isEmpty()) {
            // an opaque rule: the importer kept what it did not understand in the comment
            problems.add(where + ", chain " + c.getName() + ": a rule kept opaque on import is written as a comment");
            line(4, "# " + (r.getComment() == null ? "rule without statements" : r.getComment().replace('\n', ' ')));
            return;
        }
        nftLine(4, () -> checkRejectType(NftExporter.rule(r)));
    }

    private static final Pattern REJECT_TYPE = Pattern.compile("(reject with \\S+ type )([A-Za-z_][A-Za-z0-9_-]*)");

    /**
     * An ICMP type name that is also a keyword of the language (port-unreachable) cannot be written: the language reads
     * {@code ^port-unreachable} as a different word. Such a rule is written as a comment and reported.
     */
    private static String checkRejectType(String rule) {
        var m = REJECT_TYPE.matcher(rule);
        if (m.find() && RESERVED.contains(m.group(2))) {
            throw new ExportException("the language cannot write the reject type '" + m.group(2) + "' (it is one of its keywords): " + rule);
        }
        return rule;
    }

    private static String priority(NftPriority p) {
        if (p == null) {
            return "0";
        }
        NftPriorityName k = p.getKeyword() == null ? NftPriorityName.NUMERIC : p.getKeyword();
        if (k == NftPriorityName.NUMERIC) {
            return Integer.toString(p.getValue());
        }
        if (p.getValue() == 0) {
            return k.getLiteral();
        }
        return k.getLiteral() + (p.getValue() < 0 ? " - " + (-(long) p.getValue()) : " + " + p.getValue());
    }

    private void nftLine(int depth, java.util.function.Supplier<String> text) {
        String s;
        try {
            s = text.get();
        } catch (ExportException e) {
            problems.add(where + ": an nft statement is not written: " + e.getMessage());
            line(depth, "# not written (" + e.getMessage().replace('\n', ' ') + ")");
            return;
        }
        for (String token : s.split("[\\s,{}=]+")) {
            String t = token.replace("\"", "");
            if (IPV6_TOKEN.matcher(t).matches() && !MAC.matcher(t).matches()) {
                problems.add(where + ": an nft line with an IPv6 address is written as a comment (the language has IPv4 addresses only): " + s);
                line(depth, "# not written (IPv6): " + s);
                return;
            }
        }
        line(depth, s);
    }

    // ---------------------------------------------------------------- iptables

    private void iptables(IptablesRuleset rs) {
        line(1, "iptables {");
        for (IptablesTable t : rs.getTables()) {
            line(2, "*" + t.getTable().getLiteral());
            for (IptChain c : t.getChains()) {
                boolean builtin = c.getBuiltin() != null && c.getBuiltin() != IptBuiltinChain.NONE;
                String n = builtin ? c.getBuiltin().getLiteral() : name(c.getName(), "iptables chain");
                IptChainPolicy p = c.getPolicy() == null ? IptChainPolicy.NONE : c.getPolicy();
                line(2, ":" + n + " " + (p == IptChainPolicy.NONE ? "-" : p.getLiteral()) + " [" + c.getPackets() + ":" + c.getBytes() + "]");
            }
            for (IptRule r : t.getRules()) {
                try {
                    line(2, iptRule(r));
                } catch (ExportException e) {
                    problems.add(where + ", iptables " + t.getTable().getLiteral() + ": a rule is not written: " + e.getMessage());
                    line(2, "# not written (" + e.getMessage().replace('\n', ' ') + ")");
                }
            }
            line(2, "COMMIT");
        }
        line(1, "}");
    }

    /** A rule as the model has it (the exporter writes the kernel's canonical form instead): matches in model order. */
    private String iptRule(IptRule r) {
        StringBuilder b = new StringBuilder("-A ");
        if (r.getBuiltinChain() != null && r.getBuiltinChain() != IptBuiltinChain.NONE) {
            b.append(r.getBuiltinChain().getLiteral());
        } else if (r.getChain() != null) {
            b.append(name(r.getChain().getName(), "iptables chain"));
        } else {
            throw new ExportException("iptables rule without chain");
        }
        for (IptMatch m : r.getMatches()) {
            b.append(' ').append(iptMatch(m));
        }
        if (r.getTarget() != null) {
            b.append(' ').append(iptTarget(r.getTarget()));
        }
        return b.toString();
    }

    private static String neg(boolean negated) {
        return negated ? "! " : "";
    }

    private static String num(long v) {
        return v < 10 ? Long.toString(v) : hex(v);
    }

    private static String token(String v, String what) {
        if (v == null || !v.matches("[A-Za-z0-9_.:/,+-]+")) {
            throw new ExportException(what + " '" + v + "' cannot be written");
        }
        return v;
    }

    private String iptMatch(IptMatch m) {
        String n = neg(m.isNegated());
        if (m instanceof IptAddressMatch a) {
            return n + (a.getOption() == IptAddrOption.SOURCE ? "-s " : "-d ") + token(a.getAddress(), "address");
        }
        if (m instanceof IptInterfaceMatch i) {
            String name = i.getInterfaceName();
            String base = name != null && name.endsWith("+") ? name.substring(0, name.length() - 1) : name;
            if (!base.isEmpty() && ifName(base) == null) {
                throw new ExportException("interface '" + name + "' cannot be written");
            }
            return n + (i.getOption() == IptIfOption.IN ? "-i " : "-o ") + name;
        }
        if (m instanceof IptProtocolMatch p) {
            return n + "-p " + token(p.getProtocol(), "protocol");
        }
        if (m instanceof IptPortMatch p) {
            return (p.getModule() == null ? "" : "-m " + p.getModule() + " ") + n + "--" + p.getOption().getLiteral() + " " + p.getFrom()
                    + (p.getTo() != 0 ? ":" + p.getTo() : "");
        }
        if (m instanceof IptIcmpMatch i) {
            return (i.getModule() == null ? "" : "-m " + i.getModule() + " ") + n + "--icmp-type " + token(i.getIcmpType(), "icmp type");
        }
        if (m instanceof IptConntrackMatch c) {
            String states = c.getStates().stream().map(IptCtState::getLiteral).collect(Collectors.joining(","));
            return "state".equals(c.getModule()) ? "-m state " + n + "--state " + states : "-m conntrack " + n + "--ctstate " + states;
        }
        if (m instanceof IptMarkMatch k) {
            return "-m " + ("connmark".equals(k.getModule()) ? "connmark" : "mark") + " " + n + "--mark " + num(k.getValue())
                    + (k.isSetMask() ? "/" + num(k.getMask()) : "");
        }
        if (m instanceof IptPolicyMatch p) {
            StringBuilder b = new StringBuilder("-m policy --dir ").append(p.getDir().getLiteral()).append(" --pol ")
                    .append((p.getPol() == null ? IptPolicyPol.NONE : p.getPol()).getLiteral());
            if (p.isStrict()) {
                b.append(" --strict");
            }
            if (p.isSetReqid()) {
                b.append(" --reqid ").append(num(p.getReqid()));
            }
            if (p.isSetSpi()) {
                b.append(" --spi ").append(num(p.getSpi()));
            }
            if (p.isSetProto()) {
                b.append(" --proto ").append(p.getProto().getLiteral());
            }
            if (p.isSetMode()) {
                b.append(" --mode ").append(p.getMode().getLiteral());
            }
            if (p.getTunnelSrc() != null) {
                b.append(" --tunnel-src ").append(token(p.getTunnelSrc(), "tunnel source"));
            }
            if (p.getTunnelDst() != null) {
                b.append(" --tunnel-dst ").append(token(p.getTunnelDst(), "tunnel destination"));
            }
            return b.toString();
        }
        if (m instanceof IptAddrtypeMatch || m instanceof IptIprangeMatch) {
            return IptablesExporter.match(m, null); // the exporter writes these as they are, nothing canonical
        }
        if (m instanceof IptMultiportMatch mp) {
            return "-m multiport " + n + "--" + mp.getOption().getLiteral() + " " + String.join(",", mp.getPorts());
        }
        if (m instanceof IptCommentMatch c) {
            return "-m comment --comment " + string(c.getComment());
        }
        if (m instanceof IptGenericMatch g) {
            return "-m " + token(g.getModule(), "match module") + options(g.getOptions());
        }
        throw new ExportException("iptables match " + m.eClass().getName() + " cannot be written");
    }

    private static String options(List<IptOption> options) {
        StringBuilder b = new StringBuilder();
        for (IptOption o : options) {
            String name = o.getName().startsWith("--") ? o.getName() : "--" + o.getName();
            if (!name.matches("--[A-Za-z0-9_-]+") || LONGOPT_KEYWORDS.contains(name)) {
                // a keyword of a typed match (--mask of CONNMARK) cannot be an option of another module in the language
                throw new ExportException("iptables option '" + name + "' of an opaque match cannot be written: the language reserves it");
            }
            b.append(o.isNegated() ? " ! " : " ").append(name);
            for (String v : o.getValues()) {
                b.append(' ').append(v.matches("[A-Za-z0-9_.:,+-]+") && !v.startsWith("-") ? v : string(v.startsWith("\"") && v.endsWith("\"")
                        && v.length() >= 2 ? v.substring(1, v.length() - 1) : v));
            }
        }
        return b.toString();
    }

    private static String ports(int from, int to) {
        return from + (to != 0 && to != from ? "-" + to : "");
    }

    private String iptTarget(IptTarget t) {
        if (t instanceof IptSimpleTarget s) {
            return "-j " + s.getKind().getLiteral();
        }
        if (t instanceof IptRejectTarget r) {
            return "-j REJECT" + (r.getRejectWith() == null ? "" : " --reject-with " + token(r.getRejectWith(), "reject-with"));
        }
        if (t instanceof IptJumpTarget j) {
            return (j.isGoto() ? "-g " : "-j ") + name(j.getChain().getName(), "iptables chain");
        }
        if (t instanceof IptNatTarget n) {
            if (n.getKind() == IptNatTargetKind.NETMAP) {
                return "-j NETMAP --to " + token(n.getAddress(), "NETMAP prefix");
            }
            StringBuilder b = new StringBuilder("-j ").append(n.getKind().getLiteral())
                    .append(n.getKind() == IptNatTargetKind.SNAT ? " --to-source " : " --to-destination ").append(token(n.getAddress(), "address"));
            if (n.getAddressEnd() != null) {
                b.append('-').append(token(n.getAddressEnd(), "address"));
            }
            if (n.getPort() != 0) {
                b.append(':').append(ports(n.getPort(), n.getPortEnd()));
            }
            return b.append(n.isRandom() ? " --random" : "").append(n.isRandomFully() ? " --random-fully" : "")
                    .append(n.isPersistent() ? " --persistent" : "").toString();
        }
        if (t instanceof IptMasqueradeTarget m) {
            return "-j MASQUERADE" + (m.getPort() != 0 ? " --to-ports " + ports(m.getPort(), m.getPortEnd()) : "") + (m.isRandom() ? " --random" : "")
                    + (m.isRandomFully() ? " --random-fully" : "");
        }
        if (t instanceof IptRedirectTarget r) {
            return "-j REDIRECT" + (r.getPort() != 0 ? " --to-ports " + ports(r.getPort(), r.getPortEnd()) : "")
                    + (r.isRandom() ? " --random" : "");
        }
        if (t instanceof IptCtTarget c) {
            return "-j CT" + (c.isNotrack() ? " --notrack" : "") + (c.isSetZone() ? " --zone " + c.getZone() : "")
                    + (c.getHelper() != null ? " --helper " + token(c.getHelper(), "helper") : "");
        }
        if (t instanceof IptMarkTarget m) {
            return "-j MARK --" + m.getOp().getLiteral().replace('_', '-') + " " + num(m.getValue()) + (m.isSetMask() ? "/" + num(m.getMask()) : "");
        }
        if (t instanceof IptConnmarkTarget c) {
            String op = "--" + c.getOp().getLiteral().replace('_', '-');
            if (c.getOp() == IptConnmarkOp.SET_MARK || c.getOp() == IptConnmarkOp.SET_XMARK) {
                return "-j CONNMARK " + op + " " + num(c.getValue()) + (c.isSetMask() ? "/" + num(c.getMask()) : "");
            }
            return "-j CONNMARK " + op + (c.isSetNfmask() ? " --nfmask " + num(c.getNfmask()) : "") + (c.isSetCtmask() ? " --ctmask " + num(c.getCtmask()) : "")
                    + (c.isSetMask() ? " --mask " + num(c.getMask()) : "");
        }
        if (t instanceof IptLogTarget l) {
            return "-j LOG" + (l.getPrefix() != null ? " --log-prefix " + string(l.getPrefix()) : "")
                    + (l.getLevel() != null ? " --log-level " + token(l.getLevel(), "log level") : "");
        }
        if (t instanceof IptGenericTarget g) {
            return "-j " + token(g.getTargetName(), "target") + options(g.getOptions());
        }
        throw new ExportException("iptables target " + t.eClass().getName() + " cannot be written");
    }

    // ---------------------------------------------------------------- xfrm

    private void xfrmState(XfrmState s) {
        List<String> why = new ArrayList<>();
        StringBuilder b = new StringBuilder("xfrm state src ").append(s.getSrc()).append(" dst ").append(s.getDst()).append(" proto ")
                .append(s.getProto().getLiteral()).append(" spi ").append(hex(s.getSpi()));
        if (!ipv4(s.getSrc()) || !ipv4(s.getDst())) {
            why.add("the language has IPv4 xfrm only");
        }
        if (s.getMode() != null) {
            b.append(" mode ").append(s.getMode().getLiteral());
        }
        if (s.isSetReqid()) {
            b.append(" reqid ").append(s.getReqid());
        }
        if (s.getSelector() != null) {
            b.append(" sel").append(selector(s.getSelector(), why));
        }
        emit(1, b.toString(), why);
    }

    private void xfrmPolicy(XfrmPolicy p) {
        List<String> why = new ArrayList<>();
        StringBuilder b = new StringBuilder("xfrm policy").append(selector(p.getSelector(), why)).append(" dir ").append(p.getDir().getLiteral());
        if (p.isSetPriority()) {
            b.append(" priority ").append(p.getPriority());
        }
        if (p.getAction() != null) {
            b.append(" action ").append(p.getAction().getLiteral());
        }
        for (XfrmTemplate t : p.getTemplates()) {
            b.append("\n\t\ttmpl");
            if (t.getSrc() != null) {
                b.append(" src ").append(t.getSrc());
                if (!ipv4(t.getSrc())) {
                    why.add("template source is not IPv4");
                }
            }
            if (t.getDst() != null) {
                b.append(" dst ").append(t.getDst());
                if (!ipv4(t.getDst())) {
                    why.add("template destination is not IPv4");
                }
            }
            b.append(" proto ").append(t.getProto().getLiteral());
            if (t.isSetSpi()) {
                b.append(" spi ").append(hex(t.getSpi()));
            }
            if (t.getMode() != null) {
                b.append(" mode ").append(t.getMode().getLiteral());
            }
            if (t.isSetReqid()) {
                b.append(" reqid ").append(t.getReqid());
            }
            if (t.getLevel() != null) {
                b.append(" level ").append(t.getLevel().getLiteral());
            }
        }
        emit(1, b.toString(), why);
    }

    private String selector(XfrmSelector s, List<String> why) {
        StringBuilder b = new StringBuilder();
        if (s == null) {
            return "";
        }
        if (s.getSrc() != null) {
            b.append(" src ").append(s.getSrc());
            if (!IPV4_PREFIX.matcher(s.getSrc()).matches()) {
                why.add("the language has IPv4 selectors only");
            }
        }
        if (s.getDst() != null) {
            b.append(" dst ").append(s.getDst());
            if (!IPV4_PREFIX.matcher(s.getDst()).matches()) {
                why.add("the language has IPv4 selectors only");
            }
        }
        if (s.getProto() != null) {
            b.append(" proto ").append(word(s.getProto(), why));
            if (s.getSport() != 0) {
                b.append(" sport ").append(s.getSport());
            }
            if (s.getDport() != 0) {
                b.append(" dport ").append(s.getDport());
            }
        }
        if (s.getDev() != null) {
            b.append(" dev ").append(ifRef(s.getDev(), why));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- names and values

    private void line(int depth, String text) {
        out.append("\t".repeat(depth)).append(text).append('\n');
    }

    /** Writes {@code text}, or, when {@code why} is not empty, a comment with it and the reasons (reported). */
    private void emit(int depth, String text, List<String> why) {
        if (why.isEmpty()) {
            line(depth, text);
        } else {
            omit(depth, text.replace("\n\t\t", " "), String.join("; ", new java.util.LinkedHashSet<>(why)));
        }
    }

    private void omit(int depth, String text, String why) {
        problems.add(where + ": not written (" + why + "): " + text);
        line(depth, "# not written (" + why + "): " + text.replace('\n', ' '));
    }

    private static boolean ipv4(String s) {
        return s != null && IPV4.matcher(s).matches();
    }

    /** A name for namespaces, tables, chains; one the language cannot read is reported and replaced by a valid one. */
    private String name(String n, String what) {
        if (n != null && ID.matcher(n).matches() && !RESERVED.contains(n)) {
            return n;
        }
        String fixed = n == null || n.isEmpty() ? "unnamed" : n.replaceAll("[^A-Za-z0-9_-]", "_");
        if (!Character.isLetter(fixed.charAt(0)) && fixed.charAt(0) != '_') {
            fixed = "_" + fixed;
        }
        if (RESERVED.contains(fixed)) {
            fixed = fixed + "_";
        }
        problems.add(where + ": " + what + " name '" + n + "' is written as '" + fixed + "' (the language cannot read it)");
        return fixed;
    }

    /**
     * An nft chain, set, map or object name: segments joined by '/' or '.' (as nft allows); a segment that is a keyword
     * of the language is written with its escape '^'. A name the language cannot read is reported and made readable.
     */
    private String nftName(String n, String what) {
        if (n != null && NFT_NAME.matcher(n).matches()) {
            StringBuilder b = new StringBuilder();
            Matcher m = Pattern.compile("[./]").matcher(n);
            int start = 0;
            while (true) {
                boolean more = m.find();
                String segment = n.substring(start, more ? m.start() : n.length());
                b.append(RESERVED.contains(segment) || NFT_KEYWORDS.contains(segment) ? "^" : "").append(segment);
                if (!more) {
                    return b.toString();
                }
                b.append(m.group());
                start = m.end();
            }
        }
        return name(n, what);
    }

    private static String ifName(String n) {
        if (n == null || n.isEmpty()) {
            return null;
        }
        String[] parts = n.split("\\.", -1);
        if (!ID.matcher(parts[0]).matches() || RESERVED.contains(parts[0])) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!IF_PART.matcher(parts[i]).matches() || RESERVED.contains(parts[i])) {
                return null;
            }
        }
        return n;
    }

    private String ifRef(Interface i, List<String> why) {
        String n = ifName(i.getName());
        if (n == null) {
            why.add("interface name '" + i.getName() + "' cannot be written");
            return i.getName();
        }
        return n;
    }

    private String qualified(Interface i) {
        Namespace ns = NamespaceConfig.namespaceOf(i);
        String n = ifName(i.getName());
        if (n == null) {
            problems.add(where + ": interface name '" + i.getName() + "' cannot be written");
            n = i.getName();
        }
        return ns == null ? n : name(ns.getName(), "namespace") + ":" + n;
    }

    private static String tableName(RoutingTable t) {
        String n = t.getName();
        if (n == null) {
            return t.getId() == 0 ? null : Integer.toString(t.getId());
        }
        if (n.matches("[0-9]{1,10}") || (ID.matcher(n).matches() && !RESERVED.contains(n))) {
            return n;
        }
        // e.g. "default" (253) is a keyword: the table is written by its number
        return t.getId() != 0 ? Integer.toString(t.getId()) : NsNumbers.reserved(n);
    }

    private String tableRef(RoutingTable t) {
        String n = tableName(t);
        return n != null ? n : t.getName();
    }

    /** Numbers of the kernel's reserved table names. */
    private static final class NsNumbers {
        static String reserved(String name) {
            return switch (name) {
                case "main" -> "254";
                case "local" -> "255";
                case "default" -> "253";
                default -> null;
            };
        }
    }

    private static String word(String w, List<String> why) {
        if (!w.matches("[A-Za-z_][A-Za-z0-9_-]*|[0-9]+")) {
            why.add("'" + w + "' is not a word the language reads");
        }
        return w;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** A double-quoted DSL string. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return b.append('"').toString();
    }
}
