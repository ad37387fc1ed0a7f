package org.netwright.dsl.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.xtext.Grammar;
import org.eclipse.xtext.IGrammarAccess;
import org.netwright.dsl.NetwrightStandaloneSetup;
import org.netwright.dsl.naming.NetwrightNames;
import org.netwright.model.Address;
import org.netwright.model.BridgeInterface;
import org.netwright.model.ConfigContainer;
import org.netwright.model.DummyInterface;
import org.netwright.model.Import;
import org.netwright.model.Interface;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
import org.netwright.model.IptChainPolicy;
import org.netwright.model.IptRule;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
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
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.Namespaces;
import org.netwright.model.semantics.NftFacts;
import org.netwright.model.semantics.RoutingTables;
import org.netwright.model.text.IptablesPrinter;
import org.netwright.model.text.NftPrinter;
import org.netwright.model.text.Words;

/**
 * Writes a {@link Network} as {@code .nwp} text (the DSL), e.g. the model {@code netwright import} made from a host
 * snapshot. The Xtext serializer cannot write imported models (rules kept opaque, names it would escape), so this writer
 * emits the DSL directly, in the grammar's own order, and writes what the language cannot express as a {@code #}
 * comment line that says why, reported in {@link Result#problems()}: nothing is dropped silently. The output is
 * deterministic; tests parse it back with the DSL and compare it with the model it was written from.
 * Probes, expectations and scenarios are not written (an imported model has none): they are reported.
 */
public final class NwpWriter {
    /** Keywords of the language that are not names (table, chain, namespace names) and its long options, from its grammar. */
    private static final class Keywords {
        static final Set<String> RESERVED;
        static final Set<String> LONGOPT;
        /** Keywords the language reads as a word (sysctl key segments, protocol names). */
        static final Set<String> WORDS;

        static {
            Grammar grammar = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration().getInstance(IGrammarAccess.class)
                    .getGrammar();
            RESERVED = NetwrightNames.reservedWords(grammar);
            LONGOPT = NetwrightNames.longOptionKeywords(grammar);
            WORDS = NetwrightNames.keywordsOf(grammar, "Word");
        }
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern IF_PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*|[0-9]+");
    private static final Pattern PLAIN_SYSCTL_VALUE = Pattern.compile("[0-9]+|0x[0-9a-fA-F]+|[A-Za-z_][A-Za-z0-9_-]*");

    /**
     * Values in the language's terms: its names (keywords renamed), its double-quoted strings, its number forms. A value
     * it cannot write makes the rule a reported comment ({@link Unwritable}, caught per rule).
     */
    private static final Words DSL_WORDS = new Words() {
        @Override
        public String name(String name, String what) {
            return nftName(name);
        }

        @Override
        public String chain(String name, String what) {
            return fixedName(name);
        }

        @Override
        public String quoted(String text, int maxLength, String what) {
            return string(text);
        }

        @Override
        public String word(String word, String what) {
            return token(word, what);
        }

        @Override
        public String atom(String value, String what) {
            if (value == null || !value.matches("[A-Za-z0-9_:][A-Za-z0-9_.:/-]*")) {
                throw new Unwritable(what + " '" + value + "' cannot be written");
            }
            return value;
        }

        @Override
        public String interfaceName(String name, String what) {
            String base = name != null && name.endsWith("+") ? name.substring(0, name.length() - 1) : name;
            if (base == null || !base.isEmpty() && ifName(base) == null) {
                throw new Unwritable("interface '" + name + "' cannot be written");
            }
            return name;
        }

        @Override
        public String address(String address, boolean prefix, String what) {
            return token(address, what);
        }

        @Override
        public String number(long value, long max, String what) {
            return value < 10 ? Long.toString(value) : hex(value);
        }

        @Override
        public String option(String name, String what) {
            String n = name.startsWith("--") ? name : "--" + name;
            if (!n.matches("--[A-Za-z0-9_-]+") || Keywords.LONGOPT.contains(n)) {
                // a keyword of a typed match (--mask of CONNMARK) cannot be an option of another module in the language
                throw new Unwritable("iptables option '" + n + "' of an opaque match cannot be written: the language reserves it");
            }
            return n;
        }

        @Override
        public String optionValue(String v, String what) {
            return v.matches("[A-Za-z0-9_.:,+-]+") && !v.startsWith("-") ? v : string(Words.unquote(v));
        }

        @Override
        public RuntimeException fail(String message) {
            return new Unwritable(message);
        }
    };
    private static final NftPrinter NFT = new NftPrinter(DSL_WORDS);
    /** Rules as the model has them (the exporter writes the kernel's canonical form instead): matches in model order. */
    private static final IptablesPrinter IPTABLES = new IptablesPrinter(IptablesPrinter.Form.AS_MODELLED, DSL_WORDS);

    /** Something the language cannot write: the writer puts it in a comment and reports it. */
    private static final class Unwritable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unwritable(String message) {
            super(message);
        }
    }

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
            if (ID.matcher(m).matches() && !Keywords.RESERVED.contains(m)) {
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
            if (dev == null || nb.getAddress() == null || nb.getLladdr() == null
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
            if (a.getAddress() != null) {
                inner.add(text);
            } else {
                omitted.add(text + ": no address");
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
                || java.util.Arrays.stream(key.split("\\.")).anyMatch(seg -> Keywords.RESERVED.contains(seg) && !Keywords.WORDS.contains(seg))) {
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
        IpPrefix dest = r.getDestination();
        List<String> why = new ArrayList<>();
        b.append(dest);
        if (r.getVia() != null) {
            b.append(" via ").append(r.getVia());
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
            b.append(" from ").append(r.getFrom().isAny() ? "all" : r.getFrom());
        }
        if (r.getTo() != null) {
            b.append(" to ").append(r.getTo().isAny() ? "all" : r.getTo());
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
                line(2, "define " + n + " = " + NFT.value(d.getValue(), null));
            } catch (Unwritable e) {
                omit(2, "define " + d.getName(), e.getMessage());
            }
        }
        for (NftTable t : rs.getTables()) {
            where = where.replaceAll(", nft table .*", "") + ", nft table " + t.getFamily().getLiteral() + " " + t.getName();
            line(2, "table " + t.getFamily().getLiteral() + " " + name(t.getName(), "nft table") + " {");
            if (t.getComment() != null) {
                nftLine(3, () -> "comment " + DSL_WORDS.quoted(t.getComment(), 128, "nft table comment"));
            }
            for (NftObject o : t.getObjects()) {
                nftLine(3, () -> NFT.object(o, "\t".repeat(4), "\n" + "\t".repeat(3)));
            }
            for (NftSet s : t.getSets()) {
                declaration("set " + nftName(s.getName()), s);
            }
            for (NftMap m : t.getMaps()) {
                declaration("map " + nftName(m.getName()), m);
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
            body = NFT.declaration(decl);
        } catch (Unwritable e) {
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
        line(3, "chain " + nftName(c.getName()) + " {");
        if (c.getComment() != null) {
            nftLine(4, () -> "comment " + DSL_WORDS.quoted(c.getComment(), 128, "nft chain comment"));
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
        nftLine(4, () -> checkRejectType(NFT.rule(r)));
    }

    private static final Pattern REJECT_TYPE = Pattern.compile("(reject with \\S+ type )([A-Za-z_][A-Za-z0-9_-]*)");

    /**
     * An ICMP type name that is also a keyword of the language (port-unreachable) cannot be written: the language reads
     * {@code ^port-unreachable} as a different word. Such a rule is written as a comment and reported.
     */
    private static String checkRejectType(String rule) {
        var m = REJECT_TYPE.matcher(rule);
        if (m.find() && Keywords.RESERVED.contains(m.group(2))) {
            throw new Unwritable("the language cannot write the reject type '" + m.group(2) + "' (it is one of its keywords): " + rule);
        }
        return rule;
    }

    private static String priority(NftPriority p) {
        return p == null ? "0" : NftFacts.text(p);
    }

    private void nftLine(int depth, java.util.function.Supplier<String> text) {
        String s;
        try {
            s = text.get();
        } catch (Unwritable e) {
            problems.add(where + ": an nft statement is not written: " + e.getMessage());
            line(depth, "# not written (" + e.getMessage().replace('\n', ' ') + ")");
            return;
        }
        line(depth, s);
    }

    // ---------------------------------------------------------------- iptables

    private void iptables(IptablesRuleset rs) {
        line(1, (rs.isIpv6() ? "ip6tables" : "iptables") + " {");
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
                    line(2, IPTABLES.rule(r));
                } catch (Unwritable e) {
                    problems.add(where + ", iptables " + t.getTable().getLiteral() + ": a rule is not written: " + e.getMessage());
                    line(2, "# not written (" + e.getMessage().replace('\n', ' ') + ")");
                }
            }
            line(2, "COMMIT");
        }
        line(1, "}");
    }

    // ---------------------------------------------------------------- xfrm

    private void xfrmState(XfrmState s) {
        List<String> why = new ArrayList<>();
        StringBuilder b = new StringBuilder("xfrm state src ").append(s.getSrc()).append(" dst ").append(s.getDst()).append(" proto ")
                .append(s.getProto().getLiteral()).append(" spi ").append(hex(s.getSpi()));
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
            }
            if (t.getDst() != null) {
                b.append(" dst ").append(t.getDst());
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
        }
        if (s.getDst() != null) {
            b.append(" dst ").append(s.getDst());
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

    /** A name for namespaces, tables, chains; one the language cannot read is reported and replaced by a valid one. */
    private String name(String n, String what) {
        String fixed = fixedName(n);
        if (!fixed.equals(n)) {
            problems.add(where + ": " + what + " name '" + n + "' is written as '" + fixed + "' (the language cannot read it)");
        }
        return fixed;
    }

    /** nft names: segments of letters, digits, '_' and '-' (the first starting with a letter) joined by '/' or '.'. */
    private static final Pattern NFT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*([./]([0-9]*[A-Za-z_][A-Za-z0-9_-]*|[0-9]+))*");

    /**
     * An nft chain, set, map or object name: segments joined by '/' or '.' (as nft allows); a segment that is a keyword of
     * the language is written with its escape '^', so the name stays the kernel's. Any other name: {@link #fixedName}.
     */
    private static String nftName(String n) {
        if (n == null || !NFT_NAME.matcher(n).matches()) {
            return fixedName(n);
        }
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher m = Pattern.compile("[./]").matcher(n);
        int start = 0;
        while (true) {
            boolean more = m.find();
            String segment = n.substring(start, more ? m.start() : n.length());
            b.append(Keywords.RESERVED.contains(segment) ? "^" : "").append(segment);
            if (!more) {
                return b.toString();
            }
            b.append(m.group());
            start = m.end();
        }
    }

    /** The name itself when the language can read it, else the valid name it is written as (the same every time). */
    private static String fixedName(String n) {
        if (n != null && ID.matcher(n).matches() && !Keywords.RESERVED.contains(n)) {
            return n;
        }
        String fixed = n == null || n.isEmpty() ? "unnamed" : n.replaceAll("[^A-Za-z0-9_-]", "_");
        if (!Character.isLetter(fixed.charAt(0)) && fixed.charAt(0) != '_') {
            fixed = "_" + fixed;
        }
        if (Keywords.RESERVED.contains(fixed)) {
            fixed = fixed + "_";
        }
        return fixed;
    }

    private static String ifName(String n) {
        if (n == null || n.isEmpty()) {
            return null;
        }
        String[] parts = n.split("\\.", -1);
        if (!ID.matcher(parts[0]).matches() || Keywords.RESERVED.contains(parts[0])) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!IF_PART.matcher(parts[i]).matches() || Keywords.RESERVED.contains(parts[i])) {
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
        Namespace ns = Namespaces.namespaceOf(i);
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
        if (n.matches("[0-9]{1,10}") || (ID.matcher(n).matches() && !Keywords.RESERVED.contains(n))) {
            return n;
        }
        // e.g. "default" (253) is a keyword: the table is written by its number
        Integer id = RoutingTables.id(t);
        return id == null ? null : id.toString();
    }

    private String tableRef(RoutingTable t) {
        String n = tableName(t);
        return n != null ? n : t.getName();
    }

    private static String word(String w, List<String> why) {
        if (!w.matches("[A-Za-z_][A-Za-z0-9_-]*|[0-9]+")) {
            why.add("'" + w + "' is not a word the language reads");
        }
        return w;
    }

    private static String token(String v, String what) {
        if (v == null || !v.matches("[A-Za-z0-9_.:/,+-]+")) {
            throw new Unwritable(what + " '" + v + "' cannot be written");
        }
        return v;
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
