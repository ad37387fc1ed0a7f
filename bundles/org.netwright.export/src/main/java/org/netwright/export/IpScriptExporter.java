package org.netwright.export;

import static org.netwright.export.KernelNames.shellQuote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.netwright.model.Address;
import org.netwright.model.BridgeInterface;
import org.netwright.model.ConfigContainer;
import org.netwright.model.DummyInterface;
import org.netwright.model.Interface;
import org.netwright.model.IpsecProto;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.Neighbour;
import org.netwright.model.Route;
import org.netwright.model.RouteType;
import org.netwright.model.RoutingRule;
import org.netwright.model.RoutingTable;
import org.netwright.model.RuleAction;
import org.netwright.model.Sysctl;
import org.netwright.model.VlanInterface;
import org.netwright.model.XfrmPolicy;
import org.netwright.model.XfrmSelector;
import org.netwright.model.XfrmState;
import org.netwright.model.XfrmTemplate;
import org.netwright.model.semantics.NamespaceConfig;
import org.netwright.model.semantics.Namespaces;
import org.netwright.model.semantics.RoutingTables;

/**
 * The {@code ip}/sysctl configuration of one namespace as a POSIX shell script ({@code set -eu}):
 * virtual devices, links, addresses, sysctls, routes, rules, xfrm state and policy. Every value is
 * validated and single-quoted, so no model content can reach the shell as code.
 */
public final class IpScriptExporter {
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    private static final Pattern SYSCTL_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final Pattern SYSCTL_VALUE = Pattern.compile("[A-Za-z0-9_.:,/ +-]*");
    private static final Pattern LABEL_SUFFIX = Pattern.compile("[A-Za-z0-9:._-]*");
    /** Files that exist when a module is built in (it then may have no /sys/module entry). */
    private static final Map<String, String> BUILT_IN_EVIDENCE = Map.of("br_netfilter", "/proc/sys/net/bridge/bridge-nf-call-iptables",
            "nf_conntrack", "/proc/sys/net/netfilter/nf_conntrack_max");
    private static final String[] PER_INTERFACE = { "net.ipv4.conf.", "net.ipv6.conf.", "net.ipv4.neigh.", "net.ipv6.neigh." };
    /** Deterministic lab key material used when the environment gives none (the model carries no keys). */
    static final String LAB_ENC_KEY = "0x6e657477726967687420656e63206b6579";
    static final String LAB_AUTH_KEY = "0x6e65747772696768742061757468206b65792c206e6f7420612073656372657421";

    private IpScriptExporter() {
    }

    /** @return the script, or "" when the namespace has nothing to configure */
    public static String export(NamespaceConfig ns) {
        String name = Values.namespaceName(ns.name());
        Map<String, Interface> interfaces = new LinkedHashMap<>();
        for (Interface itf : ns.interfaces()) {
            String n = Values.interfaceName(itf.getName(), "interface of namespace '" + name + "'");
            if (interfaces.putIfAbsent(n, itf) != null) {
                throw new ExportException("namespace '" + name + "' declares interface '" + n + "' twice");
            }
        }
        Body b = new Body(name, interfaces);
        b.modules(ns.all(ConfigContainer::getKernelModules));
        b.devices();
        b.links();
        b.sysctls(ns.all(ConfigContainer::getSysctls));
        b.addresses();
        b.linkState();
        b.tables(ns.all(ConfigContainer::getRoutingTables));
        // rules are removed before the routes and added after them: the kernel checks a gateway with a
        // lookup through the rules, so rules left by an earlier run could make a route fail
        List<String[]> rules = b.rules(ns.all(ConfigContainer::getRoutingRules));
        if (!rules.isEmpty()) {
            b.section("policy routing rules of an earlier run are removed first (the kernel checks gateways through them)");
            rules.forEach(r -> b.line(r[0] + "rule del" + r[1] + " 2>/dev/null || true"));
        }
        b.routes(ns.all(ConfigContainer::getRoutes));
        if (!rules.isEmpty()) {
            b.section("policy routing rules");
            rules.forEach(r -> b.line(r[0] + "rule add" + r[1]));
        }
        b.xfrm(ns.all(ConfigContainer::getXfrmStates), ns.all(ConfigContainer::getXfrmPolicies));
        b.neighbours(ns.all(ConfigContainer::getNeighbours));
        if (b.out.isEmpty()) {
            return "";
        }
        return "#!/bin/sh\n"
                + "# ip/sysctl configuration of namespace " + name + ", exported by Netwright.\n"
                + "# Run as root in the namespace (ip netns exec NS sh setup.sh) or on the box itself.\n"
                + "set -eu\n" + b.out;
    }

    /** The {@code link add ...} arguments that create a virtual device, or null for devices that must exist. */
    static String createArguments(Interface itf) {
        String n = shellQuote(Values.interfaceName(itf.getName(), "interface"));
        if (itf instanceof BridgeInterface) {
            return "link add " + n + " type bridge";
        }
        if (itf instanceof VlanInterface v) {
            if (v.getParent() == null) {
                throw new ExportException("vlan '" + itf.getName() + "' has no parent link");
            }
            return "link add link " + shellQuote(Values.interfaceName(v.getParent().getName(), "parent of vlan '" + itf.getName() + "'"))
                    + " name " + n + " type vlan id " + Values.range(v.getVlanId(), 1, 4094, "vlan id of '" + itf.getName() + "'");
        }
        if (itf instanceof DummyInterface || (itf instanceof LoopbackInterface && !"lo".equals(itf.getName()))) {
            return "link add " + n + " type dummy";
        }
        return null;
    }

    /** Table number: id, numeric name, or the kernel's reserved names. */
    static long tableNumber(RoutingTable table) {
        if (table == null) {
            return RoutingTables.MAIN;
        }
        if (table.getId() != 0) {
            return Values.range(table.getId(), 1, Integer.MAX_VALUE, "routing table id of " + table.getName());
        }
        String n = table.getName();
        if (n != null && n.matches("\\d{1,10}")) {
            return Values.range(Long.parseLong(n), 1, 0xffffffffL, "routing table number");
        }
        Integer reserved = RoutingTables.reservedId(n);
        if (reserved == null) {
            throw Values.fail("routing table", n, "has no number (write routing-table " + n + " id N)");
        }
        return reserved;
    }

    private static final class Body {
        final String ns;
        final Map<String, Interface> interfaces;
        final StringBuilder out = new StringBuilder();

        Body(String ns, Map<String, Interface> interfaces) {
            this.ns = ns;
            this.interfaces = interfaces;
        }

        void section(String title) {
            out.append("\n# ").append(title).append('\n');
        }

        void line(String s) {
            out.append(s).append('\n');
        }

        String dev(Interface itf, String what) {
            if (itf == null) {
                return null;
            }
            String n = Values.interfaceName(itf.getName(), what);
            if (interfaces.get(n) != itf && Namespaces.namespaceOf(itf) != null
                    && !ns.equals(Namespaces.namespaceOf(itf).getName())) {
                throw new ExportException(what + " '" + n + "' is not an interface of namespace '" + ns + "'");
            }
            return shellQuote(n);
        }

        void modules(List<String> modules) {
            if (modules.isEmpty()) {
                return;
            }
            section("kernel modules (a module that is built in or already loaded is fine)");
            for (String m : modules) {
                String q = shellQuote(Values.word(m, "kernel module"));
                // a built-in module without parameters has no /sys/module entry: what it provides shows it is there
                String evidence = BUILT_IN_EVIDENCE.containsKey(m) ? " || [ -e " + BUILT_IN_EVIDENCE.get(m) + " ]" : "";
                line("modprobe -q " + q + " 2>/dev/null || [ -d /sys/module/" + q + " ]" + evidence
                        + " || echo 'setup.sh: warning: cannot load kernel module' " + q + " >&2");
            }
        }

        void devices() {
            List<String> lines = new ArrayList<>();
            List<Interface> ordered = new ArrayList<>(interfaces.values());
            // a vlan after its parent
            ordered.sort((a, c) -> Integer.compare(depth(a), depth(c)));
            for (Interface itf : ordered) {
                String create = createArguments(itf);
                if (create != null) {
                    lines.add("ip link show dev " + shellQuote(itf.getName()) + " >/dev/null 2>&1 || ip " + create);
                }
            }
            if (!lines.isEmpty()) {
                section("virtual devices (created when missing)");
                lines.forEach(this::line);
            }
        }

        int depth(Interface itf) {
            int d = 0;
            for (Interface i = itf; i instanceof VlanInterface v && v.getParent() != null && d < 64; i = v.getParent()) {
                d++;
            }
            return d;
        }

        void links() {
            List<String> lines = new ArrayList<>();
            for (Interface itf : interfaces.values()) {
                String n = shellQuote(itf.getName());
                if (itf.getMtu() != 0) {
                    lines.add("ip link set dev " + n + " mtu " + Values.range(itf.getMtu(), 68, 65536, "mtu of '" + itf.getName() + "'"));
                }
                if (itf.getMac() != null) {
                    if (!MAC.matcher(itf.getMac()).matches()) {
                        throw Values.fail("MAC address of '" + itf.getName() + "'", itf.getMac(), "is not of the form 02:00:00:00:00:01");
                    }
                    lines.add("ip link set dev " + n + " address " + shellQuote(itf.getMac().toLowerCase(java.util.Locale.ROOT)));
                }
            }
            for (Interface itf : interfaces.values()) {
                if (itf instanceof BridgeInterface br) {
                    for (Interface port : br.getPorts()) {
                        lines.add("ip link set dev " + dev(port, "port of bridge '" + br.getName() + "'") + " master " + shellQuote(br.getName()));
                    }
                }
            }
            if (!lines.isEmpty()) {
                section("links");
                lines.forEach(this::line);
            }
        }

        void sysctls(List<Sysctl> sysctls) {
            if (sysctls.isEmpty()) {
                return;
            }
            section("sysctls");
            for (Sysctl s : sysctls) {
                String value = s.getValue() == null ? "" : s.getValue();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!SYSCTL_VALUE.matcher(value).matches() || value.isEmpty() || value.length() > 256) {
                    throw Values.fail("value of sysctl " + s.getKey(), value, "is not a plain sysctl value");
                }
                line("printf '%s\\n' " + shellQuote(value) + " > " + shellQuote(sysctlPath(s.getKey())));
            }
        }

        String sysctlPath(String key) {
            if (key == null || key.isEmpty() || key.length() > 200) {
                throw Values.fail("sysctl key", key, "is empty or too long");
            }
            for (String prefix : PER_INTERFACE) {
                if (key.startsWith(prefix)) {
                    String rest = key.substring(prefix.length());
                    int dot = rest.lastIndexOf('.');
                    if (dot <= 0) {
                        break;
                    }
                    String itf = rest.substring(0, dot);
                    String leaf = segment(rest.substring(dot + 1), key);
                    if (!itf.equals("all") && !itf.equals("default")) {
                        Values.interfaceName(itf, "sysctl " + key);
                        if (!interfaces.containsKey(itf)) {
                            throw new ExportException("sysctl " + key + " names interface '" + itf + "', which namespace '" + ns + "' does not have");
                        }
                    }
                    return "/proc/sys/" + prefix.replace('.', '/') + itf + "/" + leaf;
                }
            }
            StringBuilder path = new StringBuilder("/proc/sys");
            for (String seg : key.split("\\.", -1)) {
                path.append('/').append(segment(seg, key));
            }
            return path.toString();
        }

        String segment(String seg, String key) {
            if (!SYSCTL_SEGMENT.matcher(seg).matches()) {
                throw Values.fail("sysctl key", key, "is not a dotted sysctl name (letters, digits, '_' and '-')");
            }
            return seg;
        }

        void addresses() {
            List<String> lines = new ArrayList<>();
            for (Interface itf : interfaces.values()) {
                List<Address> ordered = new ArrayList<>();
                itf.getAddresses().stream().filter(a -> !a.isSecondary()).forEach(ordered::add);
                itf.getAddresses().stream().filter(Address::isSecondary).forEach(ordered::add);
                for (Address a : ordered) {
                    String what = "address of '" + itf.getName() + "'";
                    String prefix = Values.prefix(Values.address(Values.text(a.getAddress()), what) + "/" + a.getPrefixLength(), what);
                    StringBuilder l = new StringBuilder("ip address replace ").append(shellQuote(prefix));
                    if (a.getAddress().isIpv4() && a.getPrefixLength() <= 30) {
                        l.append(" broadcast +");
                    }
                    l.append(" dev ").append(shellQuote(itf.getName()));
                    if (a.getLabel() != null) {
                        String label = a.getLabel();
                        if (label.length() > KernelNames.MAX_INTERFACE_NAME || !label.startsWith(itf.getName())
                                || !LABEL_SUFFIX.matcher(label.substring(itf.getName().length())).matches()) {
                            throw Values.fail("address label", label, "must start with the interface name '" + itf.getName() + "' and have at most 15 characters");
                        }
                        l.append(" label ").append(shellQuote(label));
                    }
                    if (a.isSecondary()) {
                        l.append("  # secondary");
                    }
                    lines.add(l.toString());
                }
            }
            if (!lines.isEmpty()) {
                section("addresses (a secondary after the primary of its subnet)");
                lines.forEach(this::line);
            }
        }

        void linkState() {
            List<String> lines = new ArrayList<>();
            if (!interfaces.containsKey("lo")) {
                lines.add("ip link set dev lo up");
            }
            for (Interface itf : interfaces.values()) {
                lines.add("ip link set dev " + shellQuote(itf.getName()) + (itf.isDown() ? " down" : " up"));
            }
            section("link state");
            lines.forEach(this::line);
        }

        void tables(List<RoutingTable> tables) {
            if (tables.isEmpty()) {
                return;
            }
            section("routing tables (written as numbers below)");
            for (RoutingTable t : tables) {
                String name = t.getName() == null ? "" : t.getName();
                line("#   " + tableNumber(t) + (name.matches("[A-Za-z0-9_-]{1,64}") && !name.equals(Long.toString(tableNumber(t))) ? " = " + name : ""));
            }
        }

        String family(String... values) {
            for (String v : values) {
                if (v != null && !v.equals("default") && !v.equals("all") && Values.isIpv6Prefix(v)) {
                    return "ip -6 ";
                }
            }
            return "ip ";
        }

        void routes(List<Route> routes) {
            if (routes.isEmpty()) {
                return;
            }
            section("routes");
            List<Route> ordered = new ArrayList<>();
            routes.stream().filter(r -> r.getVia() == null).forEach(ordered::add); // connected routes before gateways
            routes.stream().filter(r -> r.getVia() != null).forEach(ordered::add);
            for (Route r : ordered) {
                String dest = Values.text(r.getDestination());
                if (dest == null || !dest.equals("default")) {
                    Values.prefix(dest, "route destination");
                }
                StringBuilder l = new StringBuilder(family(dest, Values.text(r.getVia()), Values.text(r.getSrc()))).append("route replace ");
                if (r.getType() != null && r.getType() != RouteType.UNICAST) {
                    l.append(r.getType().getLiteral()).append(' ');
                }
                l.append(shellQuote(dest));
                if (r.getVia() != null) {
                    l.append(" via ").append(shellQuote(Values.address(Values.text(r.getVia()), "route gateway")));
                }
                if (r.getDev() != null) {
                    l.append(" dev ").append(dev(r.getDev(), "route device"));
                }
                long table = tableNumber(r.getTable());
                if (table != 254) {
                    l.append(" table ").append(table);
                }
                if (r.getProto() != null) {
                    l.append(" proto ").append(shellQuote(Values.word(r.getProto(), "route proto")));
                }
                if (r.getScope() != null) {
                    l.append(" scope ").append(shellQuote(Values.word(r.getScope(), "route scope")));
                }
                if (r.isSetMetric()) {
                    l.append(" metric ").append(Values.range(r.getMetric(), 0, Integer.MAX_VALUE, "route metric"));
                }
                if (r.getSrc() != null) {
                    l.append(" src ").append(shellQuote(Values.address(Values.text(r.getSrc()), "route source")));
                }
                line(l.toString());
            }
        }

        /** @return per rule: the ip command with family, and the rule's selector and action */
        List<String[]> rules(List<RoutingRule> rules) {
            List<String[]> result = new ArrayList<>();
            for (RoutingRule r : rules) {
                StringBuilder spec = new StringBuilder();
                if (r.isNot()) {
                    spec.append(" not");
                }
                if (r.getFrom() != null) {
                    spec.append(" from ").append(shellQuote(r.getFrom().isAny() ? "all" : Values.prefix(r.getFrom().toString(), "rule from")));
                }
                if (r.getTo() != null) {
                    spec.append(" to ").append(shellQuote(r.getTo().isAny() ? "all" : Values.prefix(r.getTo().toString(), "rule to")));
                }
                if (r.getIif() != null) {
                    spec.append(" iif ").append(dev(r.getIif(), "rule iif"));
                }
                if (r.getOif() != null) {
                    spec.append(" oif ").append(dev(r.getOif(), "rule oif"));
                }
                if (r.isSetFwmark()) {
                    spec.append(" fwmark ").append(Values.hex32(r.getFwmark(), "rule fwmark"));
                    if (r.isSetFwmask()) {
                        spec.append('/').append(Values.hex32(r.getFwmask(), "rule fwmark mask"));
                    }
                }
                if (r.isSetPriority()) {
                    spec.append(" priority ").append(Values.range(r.getPriority(), 0, Integer.MAX_VALUE, "rule priority"));
                }
                RuleAction action = r.getAction() == null ? RuleAction.LOOKUP : r.getAction();
                if (action == RuleAction.LOOKUP) {
                    spec.append(" lookup ").append(tableNumber(r.getTable()));
                } else {
                    spec.append(' ').append(action.getLiteral());
                }
                result.add(new String[] { family(Values.text(r.getFrom()), Values.text(r.getTo())), spec.toString() });
            }
            return result;
        }

        String selector(XfrmSelector s, String what) {
            StringBuilder b = new StringBuilder();
            if (s == null) {
                return "";
            }
            if (s.getSrc() != null) {
                b.append(" src ").append(shellQuote(Values.prefix(Values.text(s.getSrc()), what + " src")));
            }
            if (s.getDst() != null) {
                b.append(" dst ").append(shellQuote(Values.prefix(Values.text(s.getDst()), what + " dst")));
            }
            if (s.getDev() != null) {
                b.append(" dev ").append(dev(s.getDev(), what + " dev"));
            }
            if (s.getProto() != null) {
                b.append(" proto ").append(shellQuote(Values.word(s.getProto(), what + " proto")));
                if (s.getSport() != 0) {
                    b.append(" sport ").append(Values.port(s.getSport(), what + " sport"));
                }
                if (s.getDport() != 0) {
                    b.append(" dport ").append(Values.port(s.getDport(), what + " dport"));
                }
            } else if (s.getSport() != 0 || s.getDport() != 0) {
                throw new ExportException(what + ": ports need a protocol");
            }
            return b.toString();
        }

        /** Static neighbour entries: permanent, so the kernel never solicits (nor ages) them. */
        void neighbours(List<Neighbour> neighbours) {
            if (neighbours.isEmpty()) {
                return;
            }
            section("static neighbour entries");
            for (Neighbour n : neighbours) {
                String mac = n.getLladdr();
                if (mac == null || !MAC.matcher(mac).matches()) {
                    throw Values.fail("lladdr of neigh " + n.getAddress(), mac, "is not of the form 02:00:00:00:00:01");
                }
                if (n.getDev() == null) {
                    throw new ExportException("neigh " + n.getAddress() + " has no dev");
                }
                line("ip neigh replace " + shellQuote(Values.address(Values.text(n.getAddress()), "neigh address")) + " lladdr "
                        + shellQuote(mac.toLowerCase(java.util.Locale.ROOT)) + " dev " + dev(n.getDev(), "dev of neigh "
                        + n.getAddress()) + " nud permanent");
            }
        }

        void xfrm(List<XfrmState> states, List<XfrmPolicy> policies) {
            if (!states.isEmpty()) {
                section("xfrm states. The model carries no algorithms or keys: ESP uses cbc(aes) + hmac(sha256), AH\n"
                        + "# hmac(sha256), with the keys from NW_XFRM_ENC_KEY / NW_XFRM_AUTH_KEY, else fixed LAB keys (not secret!).");
                line(": \"${NW_XFRM_ENC_KEY:=" + LAB_ENC_KEY + "}\"");
                line(": \"${NW_XFRM_AUTH_KEY:=" + LAB_AUTH_KEY + "}\"");
                line("# NW_XFRM_MISSING=warn (set by the namespace lab): a state the kernel cannot hold because it lacks the");
                line("# transform (e.g. CONFIG_INET_ESP unset) is a warning instead of an error. Keys are never printed.");
                line("xfrm_state_add() {");
                line("\twhat=$1; shift");
                line("\tif out=$(ip xfrm state add \"$@\" 2>&1); then return 0; fi");
                line("\tcase \"${NW_XFRM_MISSING:-fail}:$out\" in");
                line("\twarn:*'Requested type not found'*|warn:*'Protocol not supported'*|warn:*'algorithm not found'*)");
                line("\t\tprintf 'setup.sh: warning: xfrm state %s not installed: %s\\n' \"$what\" \"$out\" >&2 ;;");
                line("\t*) printf 'xfrm state %s: %s\\n' \"$what\" \"$out\" >&2; return 1 ;;");
                line("\tesac");
                line("}");
                for (XfrmState s : states) {
                    if (s.getProto() == null) {
                        throw new ExportException("xfrm state without proto");
                    }
                    long spiMax = s.getProto() == IpsecProto.COMP ? 0xffff : 0xffffffffL;
                    String id = " src " + shellQuote(Values.address(Values.text(s.getSrc()), "xfrm state src")) + " dst "
                            + shellQuote(Values.address(Values.text(s.getDst()), "xfrm state dst")) + " proto " + s.getProto().getLiteral() + " spi "
                            + Values.hex32(Values.range(s.getSpi(), 1, spiMax, "xfrm state spi"), "spi");
                    String what = s.getProto().getLiteral() + " spi " + Values.hex32(s.getSpi(), "spi") + " " + s.getSrc() + "->" + s.getDst();
                    StringBuilder l = new StringBuilder("xfrm_state_add ").append(shellQuote(what)).append(id);
                    if (s.getMode() != null) {
                        l.append(" mode ").append(s.getMode().getLiteral());
                    }
                    if (s.isSetReqid()) {
                        l.append(" reqid ").append(Values.range(s.getReqid(), 0, 0xffffffffL, "xfrm reqid"));
                    }
                    switch (s.getProto()) {
                        case ESP -> l.append(" enc 'cbc(aes)' \"$NW_XFRM_ENC_KEY\" auth-trunc 'hmac(sha256)' \"$NW_XFRM_AUTH_KEY\" 128");
                        case AH -> l.append(" auth-trunc 'hmac(sha256)' \"$NW_XFRM_AUTH_KEY\" 128");
                        case COMP -> l.append(" comp deflate");
                    }
                    String sel = selector(s.getSelector(), "xfrm state selector");
                    if (!sel.isEmpty()) {
                        l.append(" sel").append(sel);
                    }
                    line("ip xfrm state delete" + id + " 2>/dev/null || true");
                    line(l.toString());
                }
            }
            if (!policies.isEmpty()) {
                section("xfrm policies");
                for (XfrmPolicy p : policies) {
                    if (p.getDir() == null) {
                        throw new ExportException("xfrm policy without dir");
                    }
                    StringBuilder l = new StringBuilder("ip xfrm policy update").append(selector(p.getSelector(), "xfrm policy selector"));
                    l.append(" dir ").append(p.getDir().getLiteral());
                    if (p.isSetPriority()) {
                        l.append(" priority ").append(Values.range(p.getPriority(), 0, Integer.MAX_VALUE, "xfrm policy priority"));
                    }
                    if (p.getAction() != null) {
                        l.append(" action ").append(p.getAction().getLiteral());
                    }
                    for (XfrmTemplate t : p.getTemplates()) {
                        l.append(" tmpl");
                        if (t.getSrc() != null) {
                            l.append(" src ").append(shellQuote(Values.address(Values.text(t.getSrc()), "xfrm template src")));
                        }
                        if (t.getDst() != null) {
                            l.append(" dst ").append(shellQuote(Values.address(Values.text(t.getDst()), "xfrm template dst")));
                        }
                        if (t.getProto() == null) {
                            throw new ExportException("xfrm template without proto");
                        }
                        l.append(" proto ").append(t.getProto().getLiteral());
                        if (t.isSetSpi()) {
                            l.append(" spi ").append(Values.hex32(t.getSpi(), "xfrm template spi"));
                        }
                        if (t.getMode() != null) {
                            l.append(" mode ").append(t.getMode().getLiteral());
                        }
                        if (t.isSetReqid()) {
                            l.append(" reqid ").append(Values.range(t.getReqid(), 0, 0xffffffffL, "xfrm template reqid"));
                        }
                        if (t.getLevel() != null) {
                            l.append(" level ").append(t.getLevel().getLiteral());
                        }
                    }
                    line(l.toString());
                }
            }
        }
    }
}
