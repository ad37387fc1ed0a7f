package org.netwright.model.text;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.netwright.model.IptAddrOption;
import org.netwright.model.IptAddrType;
import org.netwright.model.IptAddressMatch;
import org.netwright.model.IptAddrtypeMatch;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
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
import org.netwright.model.XfrmDir;
import org.eclipse.emf.ecore.EObject;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpAddress.Family;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.IpRange;

/**
 * The one writer of iptables rule syntax ({@code -A CHAIN matches target}, as iptables-save writes it and
 * iptables-restore reads it). Two forms: {@link Form#SAVED} is the kernel's canonical form (what iptables-save prints
 * back: addresses, interfaces and protocol first, /32 on host addresses, every match with its {@code -m} module, MARK
 * and CONNMARK as {@code --set-xmark value/mask}), {@link Form#AS_MODELLED} keeps the model's order and operations (the
 * {@code .nwp} writer, rule texts of traces). The {@link Words} decide how each value is written.
 */
public final class IptablesPrinter {

    public enum Form {
        SAVED, AS_MODELLED
    }

    private static final long ALL = 0xffffffffL;

    private final Form form;
    private final Words words;

    public IptablesPrinter(Form form, Words words) {
        this.form = form;
        this.words = words;
    }

    private boolean saved() {
        return form == Form.SAVED;
    }

    /** The name of a chain: a built-in chain's, or a user chain's. */
    public String chainName(IptChain chain) {
        if (chain.getBuiltin() != null && chain.getBuiltin() != IptBuiltinChain.NONE) {
            return chain.getBuiltin().getLiteral();
        }
        return words.chain(chain.getName(), "iptables chain name");
    }

    /** One {@code -A} line. */
    public String rule(IptRule rule) {
        String chain;
        if (rule.getBuiltinChain() != null && rule.getBuiltinChain() != IptBuiltinChain.NONE) {
            chain = rule.getBuiltinChain().getLiteral();
        } else if (rule.getChain() != null) {
            chain = chainName(rule.getChain());
        } else {
            throw words.fail("iptables rule without chain");
        }
        List<String> parts = new ArrayList<>();
        parts.add("-A " + chain);
        if (saved()) {
            // iptables-save order: addresses, interfaces, protocol, then the match modules as written
            String protocol = null;
            for (IptAddrOption option : List.of(IptAddrOption.SOURCE, IptAddrOption.DESTINATION)) {
                for (IptMatch m : rule.getMatches()) {
                    if (m instanceof IptAddressMatch a && a.getOption() == option) {
                        parts.add(match(m, null));
                    }
                }
            }
            for (IptIfOption option : List.of(IptIfOption.IN, IptIfOption.OUT)) {
                for (IptMatch m : rule.getMatches()) {
                    if (m instanceof IptInterfaceMatch i && i.getOption() == option) {
                        parts.add(match(m, null));
                    }
                }
            }
            for (IptMatch m : rule.getMatches()) {
                if (m instanceof IptProtocolMatch p) {
                    protocol = words.word(p.getProtocol(), "iptables protocol");
                    parts.add(match(m, null));
                }
            }
            for (IptMatch m : rule.getMatches()) {
                if (!(m instanceof IptAddressMatch || m instanceof IptInterfaceMatch || m instanceof IptProtocolMatch)) {
                    parts.add(match(m, protocol));
                }
            }
        } else {
            for (IptMatch m : rule.getMatches()) {
                parts.add(match(m, null));
            }
        }
        if (rule.getTarget() != null) {
            parts.add(target(rule.getTarget()));
        }
        return String.join(" ", parts);
    }

    private static String neg(IptMatch m) {
        return m.isNegated() ? "! " : "";
    }

    /** {@code -m module} of a match; the saved form always names it (a -p protocol stands for tcp/udp matches). */
    private String module(String module, String fallback, String what) {
        if (!saved()) {
            return module == null ? "" : "-m " + words.word(module, what) + " ";
        }
        String m = module != null ? module : fallback;
        if (m == null) {
            throw words.fail(what + " needs a match module (-m) or a -p protocol before it");
        }
        return "-m " + words.word(m, what) + " ";
    }

    /** A prefix of the rule's family ({@code in}: an element of the rule); the saved form writes a host's length. */
    private String prefix(IpPrefix prefix, EObject in, String what) {
        String address = prefix == null ? null : prefix.toString();
        String p = words.address(address, true, what);
        Family family = Families.ofIptables(in);
        if (saved() && prefix != null && prefix.family() != family) {
            throw wrongFamily(what, address, family);
        }
        return saved() && p.indexOf('/') < 0 ? p + "/" + family.bits() : p;
    }

    private RuntimeException wrongFamily(String what, Object address, Family family) {
        return words.fail(what + " '" + address + "' is not " + Families.name(family) + " (" + Families.iptablesRestore(family)
                + " is the " + Families.name(family) + " tool)");
    }

    /**
     * One match; {@code protocol} is the rule's {@code -p} for the saved form's implicit modules (null in the modelled
     * form, which writes only what the model has).
     */
    public String match(IptMatch m, String protocol) {
        String n = neg(m);
        if (m instanceof IptAddressMatch a) {
            return n + (a.getOption() == IptAddrOption.SOURCE ? "-s " : "-d ") + prefix(a.getAddress(), m, "iptables address");
        }
        if (m instanceof IptInterfaceMatch i) {
            return n + (i.getOption() == IptIfOption.IN ? "-i " : "-o ") + words.interfaceName(i.getInterfaceName(), "iptables interface");
        }
        if (m instanceof IptProtocolMatch p) {
            return n + "-p " + words.word(p.getProtocol(), "iptables protocol");
        }
        if (m instanceof IptPortMatch p) {
            if (p.getPorts() == null) {
                throw words.fail("iptables port match without a port");
            }
            return module(p.getModule(), protocol, "iptables port match") + n + "--" + p.getOption().getLiteral() + " "
                    + p.getPorts().toString(':');
        }
        if (m instanceof IptIcmpMatch i) {
            return i.isIcmpv6() ? module(i.getModule(), "icmp6", "icmpv6 match") + n + "--icmpv6-type " + words.atom(i.getIcmpType(), "icmpv6 type")
                    : module(i.getModule(), "icmp", "icmp match") + n + "--icmp-type " + words.atom(i.getIcmpType(), "icmp type");
        }
        if (m instanceof IptConntrackMatch c) {
            if (c.getStates().isEmpty()) {
                throw words.fail("conntrack match without states");
            }
            String states = c.getStates().stream().map(IptCtState::getLiteral).distinct().collect(Collectors.joining(","));
            return "state".equals(c.getModule()) ? "-m state " + n + "--state " + states : "-m conntrack " + n + "--ctstate " + states;
        }
        if (m instanceof IptMarkMatch k) {
            String value = words.number(k.getValue(), ALL, "mark");
            if (k.isSetMask()) {
                value += "/" + words.number(k.getMask(), ALL, "mark mask");
            }
            return "-m " + ("connmark".equals(k.getModule()) ? "connmark" : "mark") + " " + n + "--mark " + value;
        }
        if (m instanceof IptPolicyMatch p) {
            return policy(p);
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
                throw words.fail("multiport match needs 1 to 15 ports");
            }
            return "-m multiport " + n + "--" + mp.getOption().getLiteral() + " "
                    + mp.getPorts().stream().map(r -> r.toString(':')).collect(Collectors.joining(","));
        }
        if (m instanceof IptCommentMatch c) {
            return "-m comment --comment " + words.quoted(c.getComment(), 255, "iptables comment");
        }
        if (m instanceof IptGenericMatch g) {
            return "-m " + words.word(g.getModule(), "iptables match module") + options(g.getOptions());
        }
        throw words.fail("iptables match " + m.eClass().getName() + " cannot be written");
    }

    private String policy(IptPolicyMatch p) {
        if (p.getDir() == null || p.getDir() == XfrmDir.FWD) {
            throw words.fail("policy match needs --dir in or out");
        }
        StringBuilder b = new StringBuilder("-m policy --dir ").append(p.getDir().getLiteral()).append(" --pol ")
                .append((p.getPol() == null ? IptPolicyPol.NONE : p.getPol()).getLiteral());
        if (p.isStrict()) {
            b.append(" --strict");
        }
        if (p.isSetReqid()) {
            b.append(" --reqid ").append(saved() ? Long.toString(range(p.getReqid(), ALL, "reqid")) : words.number(p.getReqid(), ALL, "reqid"));
        }
        if (p.isSetSpi()) {
            b.append(" --spi ").append(words.number(p.getSpi(), ALL, "spi"));
        }
        if (p.isSetProto() && p.getProto() != null) {
            b.append(" --proto ").append(p.getProto().getLiteral());
        }
        if (p.isSetMode() && p.getMode() != null) {
            b.append(" --mode ").append(p.getMode().getLiteral());
        }
        if (p.getTunnelSrc() != null) {
            b.append(" --tunnel-src ").append(prefix(p.getTunnelSrc(), p, "tunnel source"));
        }
        if (p.getTunnelDst() != null) {
            b.append(" --tunnel-dst ").append(prefix(p.getTunnelDst(), p, "tunnel destination"));
        }
        return b.toString();
    }

    private long range(long value, long max, String what) {
        if (value < 0 || value > max) {
            throw words.fail(what + " " + value + " is out of range 0.." + max);
        }
        return value;
    }

    private String ipRange(IpRange range) {
        return words.address(range.first().toString(), false, "range start") + "-" + words.address(range.last().toString(), false, "range end");
    }

    private String options(List<IptOption> options) {
        StringBuilder b = new StringBuilder();
        for (IptOption o : options) {
            b.append(o.isNegated() ? " ! " : " ").append(words.option(o.getName(), "iptables option"));
            for (String v : o.getValues()) {
                b.append(' ').append(words.optionValue(v, "iptables option value"));
            }
        }
        return b.toString();
    }

    public String target(IptTarget t) {
        if (t instanceof IptSimpleTarget s) {
            return "-j " + s.getKind().getLiteral();
        }
        if (t instanceof IptRejectTarget r) {
            return r.getRejectWith() == null ? "-j REJECT" : "-j REJECT --reject-with " + words.word(r.getRejectWith(), "reject-with");
        }
        if (t instanceof IptJumpTarget j) {
            if (j.getChain() == null) {
                throw words.fail("iptables jump without chain");
            }
            return (j.isGoto() ? "-g " : "-j ") + chainName(j.getChain());
        }
        if (t instanceof IptNatTarget n) {
            return nat(n);
        }
        if (t instanceof IptMasqueradeTarget m) {
            return "-j MASQUERADE" + (m.getPorts() != null ? " --to-ports " + m.getPorts() : "") + (m.isRandom() ? " --random" : "")
                    + (m.isRandomFully() ? " --random-fully" : "");
        }
        if (t instanceof IptRedirectTarget r) {
            return "-j REDIRECT" + (r.getPorts() != null ? " --to-ports " + r.getPorts() : "") + (r.isRandom() ? " --random" : "");
        }
        if (t instanceof IptCtTarget c) {
            StringBuilder b = new StringBuilder("-j CT");
            if (c.isNotrack()) {
                b.append(" --notrack");
            }
            // iptables-save writes --helper before --zone; the model keeps the order of the DSL
            if (saved() && c.getHelper() != null) {
                b.append(" --helper ").append(words.word(c.getHelper(), "conntrack helper"));
            }
            if (c.isSetZone()) {
                b.append(" --zone ").append(range(c.getZone(), 65535, "conntrack zone"));
            }
            if (!saved() && c.getHelper() != null) {
                b.append(" --helper ").append(words.word(c.getHelper(), "conntrack helper"));
            }
            return b.toString();
        }
        if (t instanceof IptMarkTarget m) {
            return mark(m);
        }
        if (t instanceof IptConnmarkTarget c) {
            return connmark(c);
        }
        if (t instanceof IptLogTarget l) {
            StringBuilder b = new StringBuilder("-j LOG");
            if (l.getPrefix() != null) {
                b.append(" --log-prefix ").append(words.quoted(l.getPrefix(), 29, "log prefix"));
            }
            if (l.getLevel() != null) {
                b.append(" --log-level ").append(words.word(l.getLevel(), "log level"));
            }
            return b.toString();
        }
        if (t instanceof IptGenericTarget g) {
            return "-j " + words.chain(g.getTargetName(), "iptables target") + options(g.getOptions());
        }
        throw words.fail("iptables target " + t.eClass().getName() + " cannot be written");
    }

    private String mark(IptMarkTarget m) {
        if (!saved()) {
            return "-j MARK --" + m.getOp().getLiteral().replace('_', '-') + " " + words.number(m.getValue(), ALL, "mark")
                    + (m.isSetMask() ? "/" + words.number(m.getMask(), ALL, "mark mask") : "");
        }
        long v = range(m.getValue(), ALL, "mark");
        long mask = m.isSetMask() ? range(m.getMask(), ALL, "mark mask") : ALL;
        // the canonical form writes every operation as --set-xmark value/mask
        long[] xmark = switch (m.getOp()) {
            case SET_XMARK -> new long[] { v, mask };
            case SET_MARK -> new long[] { v, mask | v };
            case AND_MARK -> new long[] { 0, ~v & ALL };
            case OR_MARK -> new long[] { v, v };
            case XOR_MARK -> new long[] { v, 0 };
        };
        return "-j MARK --set-xmark 0x" + Long.toHexString(xmark[0]) + "/0x" + Long.toHexString(xmark[1]);
    }

    private String connmark(IptConnmarkTarget c) {
        String op = "--" + c.getOp().getLiteral().replace('_', '-');
        boolean set = c.getOp() == IptConnmarkOp.SET_MARK || c.getOp() == IptConnmarkOp.SET_XMARK;
        if (!saved()) {
            if (set) {
                return "-j CONNMARK " + op + " " + words.number(c.getValue(), ALL, "connmark")
                        + (c.isSetMask() ? "/" + words.number(c.getMask(), ALL, "connmark mask") : "");
            }
            return "-j CONNMARK " + op + (c.isSetNfmask() ? " --nfmask " + words.number(c.getNfmask(), ALL, "nfmask") : "")
                    + (c.isSetCtmask() ? " --ctmask " + words.number(c.getCtmask(), ALL, "ctmask") : "")
                    + (c.isSetMask() ? " --mask " + words.number(c.getMask(), ALL, "connmark mask") : "");
        }
        if (set) {
            if (!c.isSetValue()) {
                throw words.fail("CONNMARK --set-mark without value");
            }
            long v = range(c.getValue(), ALL, "connmark");
            long mask = c.isSetMask() ? range(c.getMask(), ALL, "connmark mask") : ALL;
            if (c.getOp() == IptConnmarkOp.SET_MARK) {
                mask |= v;
            }
            return "-j CONNMARK --set-xmark 0x" + Long.toHexString(v) + "/0x" + Long.toHexString(mask);
        }
        long mask = c.isSetMask() ? range(c.getMask(), ALL, "connmark mask") : ALL;
        long nf = c.isSetNfmask() ? range(c.getNfmask(), ALL, "nfmask") : mask;
        long ct = c.isSetCtmask() ? range(c.getCtmask(), ALL, "ctmask") : mask;
        return "-j CONNMARK " + op + " --nfmask 0x" + Long.toHexString(nf) + " --ctmask 0x" + Long.toHexString(ct);
    }

    private String natAddress(IpAddress address, Family family, String what) {
        String a = words.address(address == null ? null : address.toString(), false, what);
        if (saved() && address != null && address.family() != family) {
            throw wrongFamily(what, address, family);
        }
        return a;
    }

    private String nat(IptNatTarget n) {
        if (n.getKind() == IptNatTargetKind.NETMAP) {
            return "-j NETMAP --to " + prefix(n.getAddress(), n, "NETMAP prefix");
        }
        StringBuilder b = new StringBuilder("-j ").append(n.getKind().getLiteral())
                .append(n.getKind() == IptNatTargetKind.SNAT ? " --to-source " : " --to-destination ");
        if (n.getAddress() != null && !n.getAddress().isHost()) {
            throw words.fail(n.getKind().getLiteral() + " address '" + n.getAddress() + "' is a prefix, not an address");
        }
        Family family = Families.ofIptables(n);
        IpAddress first = n.getAddress() == null ? null : n.getAddress().address();
        String to = natAddress(first, family, "NAT address");
        if (n.getAddressEnd() != null) {
            to += "-" + natAddress(n.getAddressEnd(), family, "NAT address range end");
        }
        if (n.getPorts() != null) {
            // ip6tables brackets an IPv6 address or range that ports follow: [2001:db8::2-2001:db8::a]:8080
            boolean brackets = first != null && first.isIpv6();
            to = (brackets ? "[" + to + "]" : to) + ":" + n.getPorts();
        }
        b.append(to);
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
}
