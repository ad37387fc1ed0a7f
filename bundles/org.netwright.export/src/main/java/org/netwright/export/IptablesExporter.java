package org.netwright.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.netwright.model.IptAddressMatch;
import org.netwright.model.IptAddrOption;
import org.netwright.model.IptAddrType;
import org.netwright.model.IptAddrtypeMatch;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
import org.netwright.model.IptChainPolicy;
import org.netwright.model.IptCommentMatch;
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
import org.netwright.model.IptTableKind;
import org.netwright.model.IptTarget;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;

/**
 * The iptables rulesets of one namespace as an {@code iptables-restore} file in canonical
 * iptables-save form (usable by iptables-nft-restore and iptables-legacy-restore). Tables with the
 * same name from several blocks are merged; each table is committed atomically by the tool.
 */
public final class IptablesExporter {
    private static final Pattern CHAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern IF_CHARS = Pattern.compile("[^'\"\\\\!#]+");
    private static final Pattern GENERIC_TOKEN = Pattern.compile("[A-Za-z0-9_.:/,+=@%-]+|\"[^\"\\\\\\p{Cntrl}]*\"");
    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern ICMP_TYPE = Pattern.compile("[a-z-]+|\\d{1,3}(/\\d{1,3})?|any");

    private IptablesExporter() {
    }

    /** @return the restore file, or "" when the rulesets have no tables */
    public static String export(String namespace, List<IptablesRuleset> rulesets) {
        Map<IptTableKind, List<IptablesTable>> tables = new LinkedHashMap<>();
        for (IptablesRuleset ruleset : rulesets) {
            for (IptablesTable table : ruleset.getTables()) {
                if (table.getTable() == null) {
                    throw new ExportException("iptables table without name");
                }
                tables.computeIfAbsent(table.getTable(), t -> new ArrayList<>()).add(table);
            }
        }
        if (tables.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("# iptables rules of namespace ").append(Values.namespaceName(namespace)).append(", exported by Netwright.\n");
        out.append("# Load: iptables-restore iptables.rules (check only: iptables-restore --test iptables.rules)\n");
        tables.forEach((kind, parts) -> table(out, kind, parts));
        return out.toString();
    }

    private static void table(StringBuilder out, IptTableKind kind, List<IptablesTable> parts) {
        out.append('*').append(kind.getLiteral()).append('\n');
        Map<String, String> declarations = new LinkedHashMap<>();
        for (IptablesTable part : parts) {
            for (IptChain chain : part.getChains()) {
                String name = chainName(chain);
                boolean builtin = chain.getBuiltin() != null && chain.getBuiltin() != IptBuiltinChain.NONE;
                IptChainPolicy policy = chain.getPolicy() == null ? IptChainPolicy.NONE : chain.getPolicy();
                if (!builtin && policy != IptChainPolicy.NONE) {
                    throw new ExportException("iptables user chain '" + name + "' cannot have a policy");
                }
                String p = builtin ? (policy == IptChainPolicy.NONE ? "ACCEPT" : policy.getLiteral()) : "-";
                String line = ":" + name + " " + p + " [" + Values.range(chain.getPackets(), 0, Long.MAX_VALUE, "packet counter") + ":"
                        + Values.range(chain.getBytes(), 0, Long.MAX_VALUE, "byte counter") + "]";
                String previous = declarations.putIfAbsent(name, line);
                if (previous != null && !previous.equals(line)) {
                    throw new ExportException("iptables chain '" + name + "' of table " + kind.getLiteral() + " is declared twice with different policies");
                }
            }
        }
        declarations.values().forEach(l -> out.append(l).append('\n'));
        for (IptablesTable part : parts) {
            for (IptRule rule : part.getRules()) {
                out.append(rule(rule)).append('\n');
            }
        }
        out.append("COMMIT\n");
    }

    private static String chainName(IptChain chain) {
        if (chain.getBuiltin() != null && chain.getBuiltin() != IptBuiltinChain.NONE) {
            return chain.getBuiltin().getLiteral();
        }
        return userChain(chain.getName());
    }

    private static String userChain(String name) {
        if (name == null || !CHAIN.matcher(name).matches() || name.length() > 28) {
            throw Values.fail("iptables chain name", name, "is not valid (at most 28 letters, digits, '_', '.', '-')");
        }
        return name;
    }

    static String rule(IptRule rule) {
        String chain;
        if (rule.getBuiltinChain() != null && rule.getBuiltinChain() != IptBuiltinChain.NONE) {
            chain = rule.getBuiltinChain().getLiteral();
        } else if (rule.getChain() != null) {
            chain = chainName(rule.getChain());
        } else {
            throw new ExportException("iptables rule without chain");
        }
        List<String> words = new ArrayList<>();
        words.add("-A " + chain);
        // iptables-save order: addresses, interfaces, protocol, then the match modules as written
        String protocol = null;
        for (IptMatch m : rule.getMatches()) {
            if (m instanceof IptAddressMatch a && a.getOption() == IptAddrOption.SOURCE) {
                words.add(neg(m) + "-s " + canonicalPrefix(a.getAddress()));
            }
        }
        for (IptMatch m : rule.getMatches()) {
            if (m instanceof IptAddressMatch a && a.getOption() == IptAddrOption.DESTINATION) {
                words.add(neg(m) + "-d " + canonicalPrefix(a.getAddress()));
            }
        }
        for (IptIfOption option : List.of(IptIfOption.IN, IptIfOption.OUT)) {
            for (IptMatch m : rule.getMatches()) {
                if (m instanceof IptInterfaceMatch i && i.getOption() == option) {
                    String name = interfacePattern(i.getInterfaceName());
                    words.add(neg(m) + (option == IptIfOption.IN ? "-i " : "-o ") + name);
                }
            }
        }
        for (IptMatch m : rule.getMatches()) {
            if (m instanceof IptProtocolMatch p) {
                protocol = Values.word(p.getProtocol(), "iptables protocol");
                words.add(neg(m) + "-p " + protocol);
            }
        }
        for (IptMatch m : rule.getMatches()) {
            if (!(m instanceof IptAddressMatch || m instanceof IptInterfaceMatch || m instanceof IptProtocolMatch)) {
                words.add(match(m, protocol));
            }
        }
        if (rule.getTarget() != null) {
            words.add(target(rule.getTarget()));
        }
        return String.join(" ", words);
    }

    /** An interface name, optionally ending in '+' (any name with this prefix). */
    private static String interfacePattern(String name) {
        if (name == null || name.equals("+")) {
            return Values.interfaceName(name, "iptables interface");
        }
        String base = name.endsWith("+") ? name.substring(0, name.length() - 1) : name;
        Values.interfaceName(base, "iptables interface");
        if (!IF_CHARS.matcher(base).matches()) {
            throw Values.fail("iptables interface", name, "contains a character iptables-restore would not read as part of the name");
        }
        return name;
    }

    private static String neg(IptMatch m) {
        return m.isNegated() ? "! " : "";
    }

    private static String canonicalPrefix(String address) {
        Values.prefix(address, "iptables address");
        if (!Values.isIpv4(address.contains("/") ? address.substring(0, address.indexOf('/')) : address)) {
            throw Values.fail("iptables address", address, "is not IPv4 (iptables-restore is the IPv4 tool)");
        }
        return address.contains("/") ? address : address + "/32";
    }

    private static String module(String module, String fallback, String what) {
        String m = module != null ? module : fallback;
        if (m == null || !MODULE.matcher(m).matches()) {
            throw Values.fail(what, m, "needs a match module (-m) or a -p protocol before it");
        }
        return m;
    }

    static String match(IptMatch m, String protocol) {
        if (m instanceof IptPortMatch p) {
            String module = module(p.getModule(), protocol, "iptables port match");
            String ports = Values.port(p.getFrom(), "port");
            if (p.getTo() != 0 && p.getTo() != p.getFrom()) {
                ports += ":" + Values.port(p.getTo(), "port range end");
            }
            return "-m " + module + " " + neg(m) + "--" + p.getOption().getLiteral() + " " + ports;
        }
        if (m instanceof IptIcmpMatch i) {
            String type = i.getIcmpType();
            if (type == null || !ICMP_TYPE.matcher(type).matches()) {
                throw Values.fail("icmp type", type, "is not an ICMP type name or number");
            }
            return "-m " + module(i.getModule(), "icmp", "icmp match") + " " + neg(m) + "--icmp-type " + type;
        }
        if (m instanceof IptConntrackMatch c) {
            if (c.getStates().isEmpty()) {
                throw new ExportException("conntrack match without states");
            }
            String states = c.getStates().stream().map(IptCtState::getLiteral).distinct().collect(Collectors.joining(","));
            return "state".equals(c.getModule()) ? "-m state " + neg(m) + "--state " + states : "-m conntrack " + neg(m) + "--ctstate " + states;
        }
        if (m instanceof IptMarkMatch k) {
            String module = "connmark".equals(k.getModule()) ? "connmark" : "mark";
            String value = Values.hex32(k.getValue(), "mark");
            if (k.isSetMask()) {
                value += "/" + Values.hex32(k.getMask(), "mark mask");
            }
            return "-m " + module + " " + neg(m) + "--mark " + value;
        }
        if (m instanceof IptPolicyMatch p) {
            if (p.getDir() == null || p.getDir() == org.netwright.model.XfrmDir.FWD) {
                throw new ExportException("policy match needs --dir in or out");
            }
            StringBuilder b = new StringBuilder("-m policy --dir ").append(p.getDir().getLiteral()).append(" --pol ")
                    .append((p.getPol() == null ? IptPolicyPol.NONE : p.getPol()).getLiteral());
            if (p.isStrict()) {
                b.append(" --strict");
            }
            if (p.isSetReqid()) {
                b.append(" --reqid ").append(Values.range(p.getReqid(), 0, 0xffffffffL, "reqid"));
            }
            if (p.isSetSpi()) {
                b.append(" --spi ").append(Values.hex32(p.getSpi(), "spi"));
            }
            if (p.isSetProto() && p.getProto() != null) {
                b.append(" --proto ").append(p.getProto().getLiteral());
            }
            if (p.isSetMode() && p.getMode() != null) {
                b.append(" --mode ").append(p.getMode().getLiteral());
            }
            if (p.getTunnelSrc() != null) {
                b.append(" --tunnel-src ").append(canonicalPrefix(p.getTunnelSrc()));
            }
            if (p.getTunnelDst() != null) {
                b.append(" --tunnel-dst ").append(canonicalPrefix(p.getTunnelDst()));
            }
            return b.toString();
        }
        if (m instanceof IptAddrtypeMatch a) {
            StringBuilder b = new StringBuilder("-m addrtype");
            if (a.getSrcType() != null && a.getSrcType() != IptAddrType.UNSET) {
                b.append(a.isSrcNegated() ? " ! " : " ").append("--src-type ").append(a.getSrcType().getLiteral());
            }
            if (a.getDstType() != null && a.getDstType() != IptAddrType.UNSET) {
                b.append(a.isDstNegated() ? " ! " : " ").append("--dst-type ").append(a.getDstType().getLiteral());
            }
            return b.toString();
        }
        if (m instanceof IptIprangeMatch r) {
            StringBuilder b = new StringBuilder("-m iprange");
            if (r.getSrcRange() != null) {
                b.append(r.isSrcNegated() ? " ! " : " ").append("--src-range ").append(ipRange(r.getSrcRange()));
            }
            if (r.getDstRange() != null) {
                b.append(r.isDstNegated() ? " ! " : " ").append("--dst-range ").append(ipRange(r.getDstRange()));
            }
            return b.toString();
        }
        if (m instanceof IptMultiportMatch mp) {
            if (mp.getPorts().isEmpty() || mp.getPorts().size() > 15) {
                throw new ExportException("multiport match needs 1 to 15 ports");
            }
            String ports = mp.getPorts().stream().map(IptablesExporter::portSpec).collect(Collectors.joining(","));
            return "-m multiport " + neg(m) + "--" + mp.getOption().getLiteral() + " " + ports;
        }
        if (m instanceof IptCommentMatch c) {
            return "-m comment --comment " + Values.quotedString(c.getComment(), 255, "iptables comment");
        }
        if (m instanceof IptGenericMatch g) {
            if (g.getModule() == null || !MODULE.matcher(g.getModule()).matches()) {
                throw Values.fail("iptables match module", g.getModule(), "is not a module name");
            }
            StringBuilder b = new StringBuilder("-m ").append(g.getModule());
            options(b, g.getOptions());
            return b.toString();
        }
        throw new ExportException("iptables match " + m.eClass().getName() + " is not supported by the exporter");
    }

    private static String ipRange(String range) {
        int dash = range == null ? -1 : range.indexOf('-');
        if (dash < 0) {
            throw Values.fail("iptables address range", range, "is not of the form a.b.c.d-e.f.g.h");
        }
        return Values.ipv4(range.substring(0, dash), "range start") + "-" + Values.ipv4(range.substring(dash + 1), "range end");
    }

    private static String portSpec(String spec) {
        if (spec == null || !spec.matches("\\d{1,5}(:\\d{1,5})?")) {
            throw Values.fail("port", spec, "is not a port or port range");
        }
        for (String p : spec.split(":")) {
            Values.port(Integer.parseInt(p), "port");
        }
        return spec;
    }

    private static void options(StringBuilder b, List<IptOption> options) {
        for (IptOption o : options) {
            if (o.getName() == null || !OPTION.matcher(o.getName()).matches()) {
                throw Values.fail("iptables option", o.getName(), "is not an option name (--name)");
            }
            b.append(o.isNegated() ? " ! " : " ").append(o.getName());
            for (String v : o.getValues()) {
                if (v == null || !GENERIC_TOKEN.matcher(v).matches() || v.length() > 255) {
                    throw Values.fail("iptables option value", v, "of " + o.getName() + " cannot be written safely");
                }
                b.append(' ').append(v);
            }
        }
    }

    private static String target(IptTarget t) {
        if (t instanceof IptSimpleTarget s) {
            return "-j " + s.getKind().getLiteral();
        }
        if (t instanceof IptRejectTarget r) {
            return r.getRejectWith() == null ? "-j REJECT" : "-j REJECT --reject-with " + Values.word(r.getRejectWith(), "reject-with");
        }
        if (t instanceof IptJumpTarget j) {
            if (j.getChain() == null) {
                throw new ExportException("iptables jump without chain");
            }
            return (j.isGoto() ? "-g " : "-j ") + chainName(j.getChain());
        }
        if (t instanceof IptNatTarget n) {
            return nat(n);
        }
        if (t instanceof IptMasqueradeTarget m) {
            String s = "-j MASQUERADE";
            if (m.getPort() != 0) {
                s += " --to-ports " + portRange(m.getPort(), m.getPortEnd());
            }
            return s + (m.isRandom() ? " --random" : "") + (m.isRandomFully() ? " --random-fully" : "");
        }
        if (t instanceof IptRedirectTarget r) {
            return (r.getPort() != 0 ? "-j REDIRECT --to-ports " + portRange(r.getPort(), r.getPortEnd()) : "-j REDIRECT")
                    + (r.isRandom() ? " --random" : "");
        }
        if (t instanceof IptCtTarget c) {
            StringBuilder b = new StringBuilder("-j CT");
            if (c.isNotrack()) {
                b.append(" --notrack");
            }
            if (c.getHelper() != null) {
                b.append(" --helper ").append(Values.word(c.getHelper(), "conntrack helper"));
            }
            if (c.isSetZone()) {
                b.append(" --zone ").append(Values.range(c.getZone(), 0, 65535, "conntrack zone"));
            }
            return b.toString();
        }
        if (t instanceof IptMarkTarget m) {
            long v = Values.range(m.getValue(), 0, 0xffffffffL, "mark");
            long mask = m.isSetMask() ? Values.range(m.getMask(), 0, 0xffffffffL, "mark mask") : 0xffffffffL;
            // canonical iptables-save form: every operation as --set-xmark value/mask
            long[] xmark = switch (m.getOp()) {
                case SET_XMARK -> new long[] { v, mask };
                case SET_MARK -> new long[] { v, mask | v };
                case AND_MARK -> new long[] { 0, ~v & 0xffffffffL };
                case OR_MARK -> new long[] { v, v };
                case XOR_MARK -> new long[] { v, 0 };
            };
            return "-j MARK --set-xmark 0x" + Long.toHexString(xmark[0]) + "/0x" + Long.toHexString(xmark[1]);
        }
        if (t instanceof IptConnmarkTarget c) {
            return connmark(c);
        }
        if (t instanceof IptLogTarget l) {
            StringBuilder b = new StringBuilder("-j LOG");
            if (l.getPrefix() != null) {
                b.append(" --log-prefix ").append(Values.quotedString(l.getPrefix(), 29, "log prefix"));
            }
            if (l.getLevel() != null) {
                b.append(" --log-level ").append(Values.word(l.getLevel(), "log level"));
            }
            return b.toString();
        }
        if (t instanceof IptGenericTarget g) {
            String name = g.getTargetName();
            if (name == null || !CHAIN.matcher(name).matches() || name.length() > 28) {
                throw Values.fail("iptables target", name, "is not a target name");
            }
            StringBuilder b = new StringBuilder("-j ").append(name);
            options(b, g.getOptions());
            return b.toString();
        }
        throw new ExportException("iptables target " + t.eClass().getName() + " is not supported by the exporter");
    }

    private static String connmark(IptConnmarkTarget c) {
        long all = 0xffffffffL;
        return switch (c.getOp()) {
            case SET_MARK, SET_XMARK -> {
                if (!c.isSetValue()) {
                    throw new ExportException("CONNMARK --set-mark without value");
                }
                long v = Values.range(c.getValue(), 0, all, "connmark");
                long mask = c.isSetMask() ? Values.range(c.getMask(), 0, all, "connmark mask") : all;
                if (c.getOp() == org.netwright.model.IptConnmarkOp.SET_MARK) {
                    mask |= v;
                }
                yield "-j CONNMARK --set-xmark 0x" + Long.toHexString(v) + "/0x" + Long.toHexString(mask);
            }
            case SAVE_MARK, RESTORE_MARK -> {
                long mask = c.isSetMask() ? Values.range(c.getMask(), 0, all, "connmark mask") : all;
                long nf = c.isSetNfmask() ? Values.range(c.getNfmask(), 0, all, "nfmask") : mask;
                long ct = c.isSetCtmask() ? Values.range(c.getCtmask(), 0, all, "ctmask") : mask;
                yield "-j CONNMARK --" + c.getOp().getLiteral().replace('_', '-') + " --nfmask 0x" + Long.toHexString(nf) + " --ctmask 0x"
                        + Long.toHexString(ct);
            }
        };
    }

    private static String nat(IptNatTarget n) {
        if (n.getKind() == IptNatTargetKind.NETMAP) {
            return "-j NETMAP --to " + canonicalPrefix(n.getAddress());
        }
        StringBuilder b = new StringBuilder("-j ").append(n.getKind().getLiteral())
                .append(n.getKind() == IptNatTargetKind.SNAT ? " --to-source " : " --to-destination ");
        b.append(Values.ipv4(n.getAddress(), "NAT address"));
        if (n.getAddressEnd() != null) {
            b.append('-').append(Values.ipv4(n.getAddressEnd(), "NAT address range end"));
        }
        if (n.getPort() != 0) {
            b.append(':').append(portRange(n.getPort(), n.getPortEnd()));
        }
        if (n.isRandom()) {
            b.append(" --random");
        }
        if (n.isRandomFully()) {
            b.append(" --random-fully");
        }
        if (n.isPersistent()) {
            b.append(" --persistent");
        }
        return b.toString();
    }

    private static String portRange(int from, int to) {
        String s = Values.port(from, "port");
        if (to != 0 && to != from) {
            if (to < from) {
                throw new ExportException("port range " + from + "-" + to + " is reversed");
            }
            s += "-" + Values.port(to, "port range end");
        }
        return s;
    }
}
