package org.netwright.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.netwright.model.Address;
import org.netwright.model.BridgeInterface;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
import org.netwright.model.IptChainPolicy;
import org.netwright.model.IptIcmpMatch;
import org.netwright.model.IptPortMatch;
import org.netwright.model.IptRule;
import org.netwright.model.IptablesTable;
import org.netwright.model.Link;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftChain;
import org.netwright.model.NftCmpOp;
import org.netwright.model.NftCounter;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftCtKey;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftPolicy;
import org.netwright.model.NftPriority;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftValue;
import org.netwright.model.NftVariableRef;
import org.netwright.model.Route;
import org.netwright.model.RouteType;
import org.netwright.model.RoutingRule;
import org.netwright.model.RuleAction;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;
import org.netwright.model.XfrmPolicy;
import org.netwright.model.XfrmSelector;
import org.netwright.model.XfrmState;
import org.netwright.model.XfrmTemplate;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.NamespaceConfig;
import org.netwright.model.semantics.Namespaces;
import org.netwright.model.semantics.NftFacts;
import org.netwright.model.semantics.RoutingTables;
import org.netwright.model.text.IptablesPrinter;
import org.netwright.model.text.NftPrinter;
import org.netwright.model.text.Words;

/**
 * A canonical, line-oriented text of what a model configures, so that two models that make the kernel do the same
 * are equal as text, and the difference of two that are not reads as a short diff ({@link #diff}). Used to check
 * model -> export -> lab -> snapshot -> import round trips.
 *
 * <p>What is compared: the cables between namespaces (veth pairs and links alike: both are a veth pair in a lab),
 * bridges and their ports, interface addresses, routes (what the kernel adds by itself for addresses is left out:
 * {@code proto kernel} routes and the local table's local/broadcast routes), policy routing rules (the kernel's three
 * default rules left out), the sysctls the <em>reference</em> model sets, nftables tables, sets and chains (defines
 * substituted, priority names as numbers, counters left out, numbers in one notation) and iptables tables (counters
 * and the implicit {@code -m tcp/udp/icmp} left out), xfrm policies and states. Interface kinds are not compared
 * (a lab realises a link or a stand-in as a veth), nor MAC addresses and MTUs the reference leaves to the kernel.
 */
public final class ModelNormalizer {
    /** Rule texts compared between two models: the kernel's canonical iptables form, values as the models have them. */
    private static final NftPrinter NFT = new NftPrinter(Words.AS_IS);
    private static final IptablesPrinter IPTABLES = new IptablesPrinter(IptablesPrinter.Form.SAVED, Words.AS_IS);
    private static final IpAddress LOOPBACK = IpAddress.parse("127.0.0.1");


    /** What to leave out or fill in; {@link #of} derives it from the reference model. */
    /**
     * @param sysctlKeys per namespace, the sysctls to compare
     * @param extraCables cables ("ns:if <-> ns:if", in order) a lab added beyond the model's (e.g. vlans joined by a veth)
     */
    public record Options(Map<String, Set<String>> sysctlKeys, Predicate<String> namespaceFilter, Set<String> interfacesWithMac,
            Set<String> interfacesWithMtu, boolean xfrmStates, Set<String> extraCables) {
        /** The same options, expecting also the cables a lab made for the model ({@code ModelLab.extraCables()}). */
        public Options withExtraCables(Collection<String> cables) {
            return new Options(sysctlKeys, namespaceFilter, interfacesWithMac, interfacesWithMtu, xfrmStates, Set.copyOf(cables));
        }
    }

    private ModelNormalizer() {
    }

    /**
     * Options for comparing {@code reference} with something derived from it: its sysctls, its namespaces only, the
     * MACs/MTUs it sets; {@code xfrmStates} false where the kernel could not install them (no ESP transform).
     */
    public static Options of(Collection<Network> reference, boolean xfrmStates) {
        Map<String, Set<String>> sysctls = new TreeMap<>();
        Set<String> namespaces = new TreeSet<>();
        Set<String> macs = new TreeSet<>();
        Set<String> mtus = new TreeSet<>();
        for (NamespaceConfig ns : NamespaceConfig.of(reference)) {
            namespaces.add(ns.name());
            ns.all(ConfigContainer::getSysctls).forEach(s -> sysctls.computeIfAbsent(ns.name(), k -> new TreeSet<>()).add(s.getKey()));
            for (Interface i : ns.interfaces()) {
                if (i.getMac() != null) {
                    macs.add(ns.name() + ":" + i.getName());
                }
                if (i.getMtu() != 0) {
                    mtus.add(ns.name() + ":" + i.getName());
                }
            }
        }
        return new Options(sysctls, namespaces::contains, macs, mtus, xfrmStates, Set.of());
    }

    /** The canonical text of the reference model itself (see {@link #text(Collection, Options, boolean)}). */
    public static String text(Collection<Network> networks, Options options) {
        return text(networks, options, true);
    }

    /**
     * The canonical text: one line per fact, namespaces in name order.
     *
     * @param reference whether {@code networks} is the reference (it then also has the options' extra cables)
     */
    public static String text(Collection<Network> networks, Options options, boolean reference) {
        List<String> lines = new ArrayList<>();
        List<NamespaceConfig> namespaces = new ArrayList<>(NamespaceConfig.of(networks));
        namespaces.removeIf(ns -> !options.namespaceFilter().test(ns.name()));
        namespaces.sort(Comparator.comparing(NamespaceConfig::name));
        Set<String> kept = new TreeSet<>();
        namespaces.forEach(ns -> kept.add(ns.name()));
        Set<String> cables = new TreeSet<>();
        for (NamespaceConfig ns : namespaces) {
            for (Interface i : ns.interfaces()) {
                if (i instanceof VethInterface v && v.getPeer() != null) {
                    cable(cables, kept, i, v.getPeer());
                }
            }
        }
        for (Network n : networks) {
            for (Link l : n.getLinks()) {
                cable(cables, kept, l.getA(), l.getB());
            }
        }
        if (reference) {
            for (String c : options.extraCables()) {
                String[] ends = c.split(" <-> ");
                cables.add(ends[0].compareTo(ends[1]) <= 0 ? c : ends[1] + " <-> " + ends[0]);
            }
        }
        cables.forEach(c -> lines.add("cable " + c));
        for (NamespaceConfig ns : namespaces) {
            lines.add("namespace " + ns.name());
            interfaces(lines, ns, options);
            routes(lines, ns);
            rules(lines, ns);
            sysctls(lines, ns, options);
            nft(lines, ns);
            iptables(lines, ns);
            xfrm(lines, ns, options);
        }
        return String.join("\n", lines) + "\n";
    }

    private static void cable(Set<String> cables, Set<String> kept, Interface a, Interface b) {
        if (a == null || b == null || Namespaces.namespaceOf(a) == null || Namespaces.namespaceOf(b) == null) {
            return;
        }
        String x = Namespaces.namespaceOf(a).getName() + ":" + a.getName();
        String y = Namespaces.namespaceOf(b).getName() + ":" + b.getName();
        if (kept.contains(Namespaces.namespaceOf(a).getName()) && kept.contains(Namespaces.namespaceOf(b).getName())) {
            cables.add(x.compareTo(y) <= 0 ? x + " <-> " + y : y + " <-> " + x);
        }
    }

    private static void interfaces(List<String> lines, NamespaceConfig ns, Options options) {
        Map<String, Interface> byName = new TreeMap<>();
        ns.interfaces().forEach(i -> byName.putIfAbsent(i.getName(), i));
        for (Interface i : byName.values()) {
            String id = ns.name() + ":" + i.getName();
            if ("lo".equals(i.getName()) && i.getAddresses().stream().allMatch(a -> isLoopbackDefault(i, a)) && !i.isDown()) {
                continue; // every namespace has lo (up in a lab), declared or not
            }
            StringBuilder b = new StringBuilder("  ").append(i instanceof BridgeInterface ? "bridge " : "interface ").append(i.getName());
            if (i instanceof BridgeInterface br) {
                b.append(" ports ").append(String.join(",", new TreeSet<>(br.getPorts().stream().map(Interface::getName).toList())));
            }
            if (options.interfacesWithMac().contains(id) && i.getMac() != null) {
                b.append(" mac ").append(i.getMac().toLowerCase(Locale.ROOT));
            }
            if (options.interfacesWithMtu().contains(id)) {
                b.append(" mtu ").append(i.getMtu());
            }
            if (i.isDown()) {
                b.append(" down");
            }
            lines.add(b.toString());
            Set<String> addresses = new TreeSet<>();
            for (Address a : i.getAddresses()) {
                if (isLoopbackDefault(i, a)) {
                    continue;
                }
                addresses.add("    address " + a.getAddress() + "/" + a.getPrefixLength() + (a.getLabel() != null && !a.getLabel().equals(i.getName())
                        ? " label " + a.getLabel() : ""));
            }
            lines.addAll(addresses);
        }
    }

    /** 127.0.0.1/8 (and ::1) on lo: every namespace has them once lo is up, whether the model says so or not. */
    private static boolean isLoopbackDefault(Interface i, Address a) {
        IpAddress x = a.getAddress();
        return "lo".equals(i.getName()) && x != null
                && (x.isIpv4() ? x.equals(LOOPBACK) && a.getPrefixLength() == 8 : x.isLoopback());
    }

    private static void routes(List<String> lines, NamespaceConfig ns) {
        Set<String> out = new TreeSet<>();
        for (Route r : ns.all(ConfigContainer::getRoutes)) {
            Integer id = r.getTable() == null ? null : RoutingTables.id(r.getTable());
            long table = id == null ? RoutingTables.MAIN : id;
            RouteType type = r.getType() == null ? RouteType.UNICAST : r.getType();
            if ("kernel".equals(r.getProto()) || (table == 255 && (type == RouteType.LOCAL || "broadcast".equals(r.getProto())))) {
                continue; // what the kernel derives from the addresses
            }
            if (r.getDestination() != null && r.getDestination().family() == IpAddress.Family.IPV6) {
                continue; // IPv6 is off in labs unless the model uses it; the kernel's fe80::/64 and multicast routes
            }
            StringBuilder b = new StringBuilder("  route ");
            b.append(table == 254 ? "" : "table " + table + " ");
            b.append(type == RouteType.UNICAST ? "" : type.getLiteral() + " ");
            b.append(canonicalDestination(r.getDestination()));
            if (r.getVia() != null) {
                b.append(" via ").append(r.getVia());
            }
            if (r.getDev() != null) {
                b.append(" dev ").append(r.getDev().getName());
            }
            String proto = r.getProto();
            if (proto != null && !proto.equals("boot")) {
                b.append(" proto ").append(proto);
            }
            String defaultScope = type == RouteType.UNICAST && r.getVia() == null ? "link" : type == RouteType.LOCAL ? "host" : "global";
            String scope = r.getScope() == null ? defaultScope : r.getScope();
            if (!scope.equals(defaultScope)) {
                b.append(" scope ").append(scope);
            }
            if (r.isSetMetric() && r.getMetric() != 0) {
                b.append(" metric ").append(r.getMetric());
            }
            if (r.getSrc() != null) {
                b.append(" src ").append(r.getSrc());
            }
            out.add(b.toString());
        }
        lines.addAll(out);
    }

    private static String canonicalDestination(IpPrefix d) {
        return d == null || d.length() == 0 ? "default" : d.address() + "/" + d.length();
    }

    /** The kernel's rules of a fresh namespace: priority 0 lookup local, 32766 lookup main, 32767 lookup default. */
    private static boolean isDefaultRule(RoutingRule r, long table) {
        boolean plain = !r.isNot() && (r.getFrom() == null || r.getFrom().isAny()) && (r.getTo() == null || r.getTo().isAny())
                && r.getIif() == null && r.getOif() == null && !r.isSetFwmark() && (r.getAction() == null || r.getAction() == RuleAction.LOOKUP);
        return plain && r.isSetPriority() && (r.getPriority() == 0 && table == 255 || r.getPriority() == 32766 && table == 254
                || r.getPriority() == 32767 && table == 253);
    }

    private static void rules(List<String> lines, NamespaceConfig ns) {
        // a rule added without priority gets the priority of the first non-zero rule minus one, as the kernel does
        TreeSet<Integer> taken = new TreeSet<>(List.of(0, 32766, 32767));
        List<String> out = new ArrayList<>();
        Map<String, Integer> order = new LinkedHashMap<>();
        for (RoutingRule r : ns.all(ConfigContainer::getRoutingRules)) {
            Integer id = r.getTable() == null ? null : RoutingTables.id(r.getTable());
            long table = id == null ? RoutingTables.MAIN : id;
            if (isDefaultRule(r, table)) {
                continue;
            }
            int priority;
            if (r.isSetPriority()) {
                priority = r.getPriority();
            } else {
                Integer first = taken.higher(0);
                priority = first == null ? 0 : first - 1;
            }
            taken.add(priority);
            StringBuilder b = new StringBuilder("  rule priority ").append(priority);
            if (r.isNot()) {
                b.append(" not");
            }
            if (r.getFrom() != null && !r.getFrom().isAny()) {
                b.append(" from ").append(r.getFrom());
            }
            if (r.getTo() != null && !r.getTo().isAny()) {
                b.append(" to ").append(r.getTo());
            }
            if (r.getIif() != null) {
                b.append(" iif ").append(r.getIif().getName());
            }
            if (r.getOif() != null) {
                b.append(" oif ").append(r.getOif().getName());
            }
            if (r.isSetFwmark()) {
                b.append(" fwmark 0x").append(Long.toHexString(r.getFwmark()));
                if (r.isSetFwmask() && r.getFwmask() != 0xffffffffL) {
                    b.append("/0x").append(Long.toHexString(r.getFwmask()));
                }
            }
            RuleAction action = r.getAction() == null ? RuleAction.LOOKUP : r.getAction();
            b.append(action == RuleAction.LOOKUP ? " lookup " + table : " " + action.getLiteral());
            order.put(b.toString(), priority);
            out.add(b.toString());
        }
        out.sort(Comparator.comparing((String s) -> order.get(s)).thenComparing(Comparator.naturalOrder()));
        lines.addAll(out);
    }

    private static void sysctls(List<String> lines, NamespaceConfig ns, Options options) {
        Map<String, String> values = new TreeMap<>();
        for (Sysctl s : ns.all(ConfigContainer::getSysctls)) {
            values.put(s.getKey(), unquote(s.getValue()));
        }
        for (String key : options.sysctlKeys().getOrDefault(ns.name(), Set.of())) {
            String value = values.get(key);
            if (value == null) {
                value = inherited(key, values);
            }
            lines.add("  sysctl " + key + " = " + (value == null ? "(not set)" : value.replaceAll("\\s+", " ")));
        }
    }

    /** An interface's value of a per-interface sysctl is conf.default's when the snapshot left it out as equal. */
    private static String inherited(String key, Map<String, String> values) {
        var m = java.util.regex.Pattern.compile("(net\\.ipv[46]\\.conf)\\.([^.]+(?:\\.[^.]+)*)\\.([^.]+)").matcher(key);
        if (m.matches() && !m.group(2).equals("default") && !m.group(2).equals("all")) {
            return values.get(m.group(1) + ".default." + m.group(3));
        }
        return null;
    }

    private static String unquote(String v) {
        if (v != null && v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    // ---------------------------------------------------------------- nftables

    /** A set's or map's declaration without its elements (compared apart, in any order). */
    private static String declaration(org.netwright.model.NftSetDecl d) {
        return String.join("; ", NFT.declaration(d).stream().filter(l -> !l.startsWith("elements = ")).toList());
    }

    private static void nft(List<String> lines, NamespaceConfig ns) {
        List<NftRuleset> rulesets = ns.all(ConfigContainer::getNftRulesets);
        Map<String, List<NftTable>> tables = new TreeMap<>();
        for (NftRuleset rs : rulesets) {
            for (NftTable t : rs.getTables()) {
                tables.computeIfAbsent(t.getFamily().getLiteral() + " " + t.getName(), k -> new ArrayList<>()).add(t);
            }
        }
        for (Map.Entry<String, List<NftTable>> e : tables.entrySet()) {
            lines.add("  nft table " + e.getKey());
            Map<String, String> sets = new TreeMap<>();
            Map<String, List<String>> chains = new TreeMap<>();
            for (NftTable t : e.getValue()) {
                for (NftSet s : t.getSets()) {
                    sets.put("set " + s.getName(), "    set " + s.getName() + " " + declaration(s) + " elements "
                            + new TreeSet<>(s.getElements().stream().map(l -> NFT.element(canonical(l), s.getTypes())).toList()));
                }
                for (org.netwright.model.NftMap m : t.getMaps()) {
                    sets.put("map " + m.getName(), "    map " + m.getName() + " " + declaration(m) + " elements "
                            + new TreeSet<>(m.getElements().stream().map(x -> NFT.mapElement(x, m.getKeyTypes(), m.getValueTypes())).toList()));
                }
                for (org.netwright.model.NftObject o : t.getObjects()) {
                    sets.put("object " + o.getName(), "    " + NFT.object(o, "", "; "));
                }
                for (NftChain c : t.getChains()) {
                    List<String> body = chains.computeIfAbsent(c.getName(), k -> new ArrayList<>());
                    if (c.getHook() != null) {
                        body.add(0, "    chain " + c.getName() + " " + hook(c.getHook(), t.getFamily()) + " policy "
                                + (c.getPolicy() == null || c.getPolicy() == NftPolicy.UNSPECIFIED ? "accept" : c.getPolicy().getLiteral()));
                    } else if (body.isEmpty() || !body.get(0).startsWith("    chain ")) {
                        body.add(0, "    chain " + c.getName());
                    }
                    for (NftRule r : c.getRules()) {
                        body.add("      " + nftRule(r));
                    }
                }
            }
            lines.addAll(sets.values());
            chains.values().forEach(lines::addAll);
        }
    }

    private static String hook(NftHookSpec h, NftFamily family) {
        StringBuilder b = new StringBuilder("type ").append(h.getType().getLiteral()).append(" hook ").append(h.getHook().getLiteral());
        if (!h.getDevices().isEmpty()) {
            b.append(" devices ").append(new TreeSet<>(h.getDevices().stream().map(Interface::getName).toList()));
        }
        return b.append(" priority ").append(priority(h.getPriority(), family)).toString();
    }

    /** The numeric value of a chain priority; a name the family lacks keeps its offset only. */
    private static int priority(NftPriority p, NftFamily family) {
        if (p == null) {
            return 0;
        }
        Integer value = NftFacts.value(family, p);
        return value != null ? value : p.getValue();
    }

    /** A rule as nft writes it, after substituting defines, dropping counters and writing numbers in decimal. */
    private static String nftRule(NftRule rule) {
        if (rule.getStatements().isEmpty()) {
            return "opaque " + rule.getComment();
        }
        NftRule copy = EcoreUtil.copy(rule);
        // EcoreUtil.copy leaves references to the originals (sets, chains, defines): substitute defines first
        substituteDefines(copy);
        copy.getStatements().removeIf(s -> s instanceof NftCounter);
        copy.setComment(rule.getComment());
        for (NftStatement s : copy.getStatements()) {
            if (s instanceof NftMatch m) {
                if (m.getOp() == NftCmpOp.EQ && !(m.getRight() instanceof NftAnonymousSet)) {
                    m.setOp(NftCmpOp.IMPLICIT);
                }
                if (m.getMask() != null) {
                    m.setMask(number(m.getMask()));
                }
                m.setRight(canonicalValue(m.getRight(), m.getLeft() instanceof NftCtExpr ct && isFlagList(ct.getKey())));
            } else if (s instanceof NftSetStatement st) {
                st.setValue(canonicalValue(st.getValue(), false));
            }
            EcoreUtil.getAllContents(s, true).forEachRemaining(o -> {
                if (o instanceof NftMetaExpr me) {
                    me.setExplicitMeta(false);
                }
            });
        }
        if (copy.getStatements().isEmpty()) {
            return "(counter only)";
        }
        return NFT.rule(copy);
    }

    private static boolean isFlagList(NftCtKey key) {
        return key == NftCtKey.STATE || key == NftCtKey.STATUS;
    }

    private static void substituteDefines(NftRule copy) {
        List<NftVariableRef> refs = new ArrayList<>();
        EcoreUtil.getAllContents(copy, true).forEachRemaining(x -> {
            if (x instanceof NftVariableRef v) {
                refs.add(v);
            }
        });
        for (NftVariableRef ref : refs) {
            EcoreUtil.replace(ref, EcoreUtil.copy(ref.getVariable().getValue()));
        }
    }

    /** Numbers in decimal, MACs in lower case, one-element sets as the element, flag lists and sets sorted. */
    private static NftValue canonicalValue(NftValue v, boolean flags) {
        if (v instanceof NftLiteral l) {
            return canonical(l);
        }
        if (v instanceof NftListValue || (v instanceof NftAnonymousSet && flags)) {
            EList<NftLiteral> elements = v instanceof NftListValue lv ? lv.getElements() : ((NftAnonymousSet) v).getElements();
            if (elements.size() == 1) {
                return canonical(elements.get(0));
            }
            NftListValue out = NetwrightFactory.eINSTANCE.createNftListValue();
            new TreeMap<String, NftLiteral>(elementsByText(elements)).values().forEach(e -> out.getElements().add(canonical(e)));
            return out;
        }
        if (v instanceof NftAnonymousSet set) {
            if (set.getElements().size() == 1) {
                return canonical(set.getElements().get(0));
            }
            NftAnonymousSet out = NetwrightFactory.eINSTANCE.createNftAnonymousSet();
            new TreeMap<String, NftLiteral>(elementsByText(set.getElements())).values().forEach(e -> out.getElements().add(canonical(e)));
            return out;
        }
        return v;
    }

    private static Map<String, NftLiteral> elementsByText(List<NftLiteral> elements) {
        Map<String, NftLiteral> m = new TreeMap<>();
        for (NftLiteral e : elements) {
            m.put(canonical(e).getValue() + "-" + canonical(e).getRangeEnd(), e);
        }
        return m;
    }

    private static NftLiteral canonical(NftLiteral l) {
        NftLiteral c = NetwrightFactory.eINSTANCE.createNftLiteral();
        c.setValue(atom(l.getValue()));
        c.setRangeEnd(l.getRangeEnd() == null ? null : atom(l.getRangeEnd()));
        c.setNext(l.getNext() == null ? null : canonical(l.getNext()));
        c.setTimeout(l.getTimeout());
        c.setExpires(l.getExpires());
        c.setComment(l.getComment());
        c.setCounter(l.getCounter() == null ? null : EcoreUtil.copy(l.getCounter()));
        return c;
    }

    private static String atom(String v) {
        if (v == null) {
            return null;
        }
        if (v.matches("0x[0-9A-Fa-f]{1,15}|\\d{1,18}")) {
            return number(v);
        }
        if (v.matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")) {
            return v.toLowerCase(Locale.ROOT);
        }
        if (v.matches("(\\d{1,3}\\.){3}\\d{1,3}/32")) {
            return v.substring(0, v.length() - 3);
        }
        return v;
    }

    private static String number(String v) {
        if (v.matches("0x[0-9A-Fa-f]{1,15}")) {
            return Long.toString(Long.parseLong(v.substring(2), 16));
        }
        if (v.matches("\\d{1,18}")) {
            return Long.toString(Long.parseLong(v));
        }
        return v.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- iptables

    private static void iptables(List<String> lines, NamespaceConfig ns) {
        Map<String, List<IptablesTable>> tables = new TreeMap<>();
        // the tables of each family apart: "iptables *filter", "ip6tables *filter"
        ns.all(ConfigContainer::getIptablesRulesets).forEach(rs -> rs.getTables().forEach(t -> tables
                .computeIfAbsent((rs.isIpv6() ? "ip6tables *" : "iptables *") + t.getTable().getLiteral(), k -> new ArrayList<>()).add(t)));
        for (Map.Entry<String, List<IptablesTable>> e : tables.entrySet()) {
            List<String> chains = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            Set<String> declared = new TreeSet<>();
            for (IptablesTable t : e.getValue()) {
                for (IptChain c : t.getChains()) {
                    boolean builtin = c.getBuiltin() != null && c.getBuiltin() != IptBuiltinChain.NONE;
                    String name = builtin ? c.getBuiltin().getLiteral() : c.getName();
                    IptChainPolicy p = c.getPolicy() == null || c.getPolicy() == IptChainPolicy.NONE ? (builtin ? IptChainPolicy.ACCEPT : null)
                            : c.getPolicy();
                    declared.add("    chain " + name + (p == null ? "" : " policy " + p.getLiteral()));
                }
                for (IptRule r : t.getRules()) {
                    IptRule copy = EcoreUtil.copy(r);
                    copy.setChain(r.getChain());
                    // in a ruleset of the rule's family, which the printer writes the addresses of
                    org.netwright.model.IptablesRuleset holder = org.netwright.model.NetwrightFactory.eINSTANCE.createIptablesRuleset();
                    holder.setIpv6(e.getKey().startsWith("ip6"));
                    IptablesTable inHolder = org.netwright.model.NetwrightFactory.eINSTANCE.createIptablesTable();
                    holder.getTables().add(inHolder);
                    inHolder.getRules().add(copy);
                    // an option value quoted or not is the same word for iptables-restore
                    EcoreUtil.getAllContents(copy, true).forEachRemaining(o -> {
                        if (o instanceof org.netwright.model.IptOption opt) {
                            opt.getValues().replaceAll(ModelNormalizer::unquote);
                        }
                    });
                    for (var m : copy.getMatches()) {
                        // "-p tcp --dport 80" and "-p tcp -m tcp --dport 80" are the same rule (iptables-save adds -m)
                        if (m instanceof IptPortMatch pm) {
                            pm.setModule(null);
                        } else if (m instanceof IptIcmpMatch im) {
                            im.setModule(null);
                        }
                    }
                    rules.add("    " + IPTABLES.rule(copy));
                }
            }
            // a built-in chain with policy ACCEPT and no rules is what iptables-save lists for every table it touches
            chains.addAll(declared);
            if (rules.isEmpty() && declared.stream().allMatch(c -> c.matches("    chain [A-Z]+ policy ACCEPT"))) {
                continue; // an empty table: iptables-restore creates it, iptables-save of another back end may not list it
            }
            lines.add("  " + e.getKey());
            lines.addAll(chains.stream().filter(c -> !c.matches("    chain [A-Z]+ policy ACCEPT") || rules.stream().anyMatch(r -> r.startsWith(
                    "    -A " + c.substring(10, c.indexOf(" policy")) + " "))).toList());
            lines.addAll(rules);
        }
    }

    // ---------------------------------------------------------------- xfrm

    private static void xfrm(List<String> lines, NamespaceConfig ns, Options options) {
        Set<String> out = new TreeSet<>();
        for (XfrmPolicy p : ns.all(ConfigContainer::getXfrmPolicies)) {
            StringBuilder b = new StringBuilder("  xfrm policy dir ").append(p.getDir().getLiteral()).append(selector(p.getSelector()));
            b.append(" priority ").append(p.isSetPriority() ? p.getPriority() : 0);
            b.append(" action ").append(p.getAction() == null ? "allow" : p.getAction().getLiteral());
            for (XfrmTemplate t : p.getTemplates()) {
                b.append(" tmpl");
                if (t.getSrc() != null) {
                    b.append(" src ").append(t.getSrc());
                }
                if (t.getDst() != null) {
                    b.append(" dst ").append(t.getDst());
                }
                b.append(" proto ").append(t.getProto().getLiteral());
                if (t.isSetSpi() && t.getSpi() != 0) {
                    b.append(" spi 0x").append(Long.toHexString(t.getSpi()));
                }
                b.append(" mode ").append(t.getMode() == null ? "transport" : t.getMode().getLiteral());
                b.append(" reqid ").append(t.isSetReqid() ? t.getReqid() : 0);
                b.append(" level ").append(t.getLevel() == null ? "required" : t.getLevel().getLiteral());
            }
            out.add(b.toString());
        }
        if (options.xfrmStates()) {
            for (XfrmState s : ns.all(ConfigContainer::getXfrmStates)) {
                out.add("  xfrm state src " + s.getSrc() + " dst " + s.getDst() + " proto " + s.getProto().getLiteral() + " spi 0x"
                        + Long.toHexString(s.getSpi()) + " mode " + (s.getMode() == null ? "transport" : s.getMode().getLiteral()) + " reqid "
                        + (s.isSetReqid() ? s.getReqid() : 0) + selector(s.getSelector()));
            }
        }
        lines.addAll(out);
    }

    private static String selector(XfrmSelector s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        if (s.getSrc() != null && s.getSrc().length() != 0) {
            b.append(" src ").append(s.getSrc().address() + "/" + s.getSrc().length());
        }
        if (s.getDst() != null && s.getDst().length() != 0) {
            b.append(" dst ").append(s.getDst().address() + "/" + s.getDst().length());
        }
        if (s.getProto() != null) {
            b.append(" proto ").append(s.getProto());
        }
        if (s.getSport() != 0) {
            b.append(" sport ").append(s.getSport());
        }
        if (s.getDport() != 0) {
            b.append(" dport ").append(s.getDport());
        }
        if (s.getDev() != null) {
            b.append(" dev ").append(s.getDev().getName());
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- diff

    /**
     * A readable difference of two canonical texts: the lines only in {@code expected} ('-') and only in {@code actual}
     * ('+'), each under the namespace it belongs to; empty when they are equal.
     */
    public static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        // longest common subsequence: small texts, quadratic is fine
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        String section = null;
        String printed = null;
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            String line;
            char mark;
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                line = a.get(i);
                mark = ' ';
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                line = a.get(i++);
                mark = '-';
            } else {
                line = b.get(j++);
                mark = '+';
            }
            if (line.startsWith("namespace ")) {
                section = line;
            }
            if (mark != ' ') {
                if (section != null && !section.equals(printed) && !line.equals(section)) {
                    out.append("  ").append(section).append('\n');
                    printed = section;
                }
                out.append(mark).append(' ').append(line).append('\n');
            }
        }
        return out.toString();
    }
}
