package org.netwright.mapping;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.netwright.engine.AddrSet;
import org.netwright.engine.CtState;
import org.netwright.engine.Iptables;
import org.netwright.engine.Match;
import org.netwright.engine.NatFlags;
import org.netwright.engine.NatRange;
import org.netwright.engine.NfTable;
import org.netwright.engine.PortSet;
import org.netwright.engine.Prefix;
import org.netwright.engine.Rule;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Statement;
import org.netwright.engine.Verdict;
import org.netwright.model.IptAddrType;
import org.netwright.model.IptAddressMatch;
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
import org.netwright.model.IptOption;
import org.netwright.model.IptPolicyMatch;
import org.netwright.model.IptPortMatch;
import org.netwright.model.IptProtocolMatch;
import org.netwright.model.IptRedirectTarget;
import org.netwright.model.IptRejectTarget;
import org.netwright.model.IptRule;
import org.netwright.model.IptSimpleTarget;
import org.netwright.model.IptTarget;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.text.Words;

/**
 * Maps the iptables rulesets of one namespace onto {@link Iptables} (tables as nft base chains at their
 * fixed priorities). Matches: -s/-d/-i/-o/-p, ports, icmp, conntrack/state, mark, connmark, policy,
 * addrtype, iprange, multiport, comment. Targets: ACCEPT/DROP/RETURN/QUEUE/NOTRACK, REJECT, jump/goto,
 * SNAT/DNAT/NETMAP, MASQUERADE, REDIRECT, CT, MARK, CONNMARK, LOG (and NFQUEUE, NFLOG, DSCP, TRACE).
 * Other modules and targets are kept as opaque elements with their location and reported: a walk that reaches an
 * unknown match explores both branches, one that passes an unknown target goes on; either makes it uncertain.
 */
final class IptMapper {
    private final ModelToEngine ctx;
    private final Iptables ipt4 = new Iptables(false);
    private final Iptables ipt6 = new Iptables(true);
    /** The tables of the ruleset being mapped: iptables or ip6tables. */
    private Iptables ipt = ipt4;
    private boolean v6;

    IptMapper(ModelToEngine ctx, String namespace) {
        this.ctx = ctx;
    }

    List<NfTable> build() {
        List<NfTable> out = new ArrayList<>(ipt4.build());
        out.addAll(ipt6.build());
        return out;
    }

    void ruleset(IptablesRuleset rs) {
        v6 = Families.isV6(rs);
        ipt = v6 ? ipt6 : ipt4;
        for (IptablesTable t : rs.getTables()) {
            table(t);
        }
    }

    static String chainName(IptChain c) {
        return c.getBuiltin() != null && c.getBuiltin() != IptBuiltinChain.NONE ? c.getBuiltin().getLiteral() : c.getName();
    }

    private void table(IptablesTable t) {
        String tn = t.getTable().getLiteral();
        NfTable.Builder tb = ipt.table(tn);
        List<String> builtins = new ArrayList<>();
        for (org.netwright.engine.Hook h : Iptables.hooks(tn)) {
            builtins.add(h.name());
        }
        for (IptChain c : t.getChains()) {
            String name = chainName(c);
            if (c.getBuiltin() != null && c.getBuiltin() != IptBuiltinChain.NONE) {
                if (!builtins.contains(name)) {
                    ctx.error(c, "table " + tn + " has no built-in chain " + name);
                    continue;
                }
                if (c.getPolicy() == IptChainPolicy.DROP) {
                    ipt.policy(tn, name, Verdict.DROP);
                } else if (c.getPolicy() == IptChainPolicy.ACCEPT) {
                    ipt.policy(tn, name, Verdict.ACCEPT);
                }
            } else if (name == null || name.isEmpty()) {
                ctx.error(c, "user chain without a name");
            } else {
                tb.chain(name);
            }
        }
        for (IptRule r : t.getRules()) {
            String chain;
            if (r.getChain() != null && !r.getChain().eIsProxy()) {
                chain = chainName(r.getChain());
            } else if (r.getBuiltinChain() != null && r.getBuiltinChain() != IptBuiltinChain.NONE) {
                chain = r.getBuiltinChain().getLiteral();
                if (!builtins.contains(chain)) {
                    ctx.error(r, "table " + tn + " has no built-in chain " + chain);
                    continue;
                }
            } else {
                ctx.error(r, "-A to an undeclared chain");
                continue;
            }
            for (Rule rule : rules(t, r, chain)) {
                ipt.append(tn, chain, rule);
            }
        }
    }

    /** The ports of a multiport match, written as iptables-save writes them (80,8000:8080). */
    private static PortSet multiport(IptMultiportMatch mp) {
        return PortSet.parse(String.join(",", mp.getPorts().stream().map(p -> p.toString(':')).toList()));
    }

    /** The engine rules of one -A line (two for {@code -m multiport --ports}: sport, else dport). */
    List<Rule> rules(IptablesTable t, IptRule r, String chain) {
        List<Match> ms = new ArrayList<>();
        boolean never = false;
        PortSet eitherPort = null;
        for (IptMatch m : r.getMatches()) {
            try {
                if (m instanceof IptMultiportMatch mp && mp.getOption() == org.netwright.model.IptMultiportOption.PORTS
                        && !m.isNegated()) {
                    eitherPort = multiport(mp);
                    continue;
                }
                ms.addAll(match(m));
            } catch (NftMapper.Unsupported u) {
                ms.add(ctx.opaqueMatch(m, u.getMessage()));
            } catch (RuntimeException e) {
                never = true;
                ctx.error(m, "bad match: " + MappingIssue.reason(e));
            }
        }
        List<Statement> ss = new ArrayList<>();
        IptTarget target = r.getTarget();
        if (target != null) {
            try {
                Statement s = target(t, target, chain);
                if (s != null) {
                    ss.add(s);
                }
            } catch (NftMapper.Unsupported u) {
                ss.add(ctx.opaqueStatement(target, u.getMessage()));
            } catch (RuntimeException e) {
                ctx.error(target, "bad target: " + MappingIssue.reason(e));
                never = true;
            }
        }
        SourceRef src = ctx.where(r);
        if (never) {
            return List.of(Rule.of(List.of(NftMapper.NEVER), ss, src));
        }
        if (eitherPort != null) {
            List<Match> a = new ArrayList<>(ms);
            a.add(new Match.Sport(eitherPort));
            List<Match> b = new ArrayList<>(ms);
            b.add(new Match.Not(new Match.Sport(eitherPort)));
            b.add(new Match.Dport(eitherPort));
            return List.of(Rule.of(a, ss, src), Rule.of(b, ss, src));
        }
        return List.of(Rule.of(ms, ss, src));
    }

    /** An address of the other family than the ruleset's (an IPv6 one in iptables) is refused, as by the tools. */
    private AddrSet familyChecked(AddrSet s) {
        if (v6 ? s.hasV4() : s.hasV6()) {
            throw new IllegalArgumentException((v6 ? "ip6tables" : "iptables") + " rule with an "
                    + (v6 ? "IPv4" : "IPv6") + " address: " + s);
        }
        return s;
    }

    private static Match neg(IptMatch m, Match x) {
        return m.isNegated() ? new Match.Not(x) : x;
    }

    private List<Match> match(IptMatch m) {
        if (m instanceof IptAddressMatch a) {
            AddrSet set = familyChecked(AddrSet.of(a.getAddress().toString()));
            return List.of(neg(m, a.getOption() == org.netwright.model.IptAddrOption.SOURCE ? new Match.Saddr(set)
                    : new Match.Daddr(set)));
        }
        if (m instanceof IptInterfaceMatch i) {
            List<String> n = List.of(i.getInterfaceName());
            return List.of(neg(m, i.getOption() == org.netwright.model.IptIfOption.IN ? new Match.Iif(n) : new Match.Oif(n)));
        }
        if (m instanceof IptProtocolMatch p) {
            int proto = ModelToEngine.protoNumber(p.getProtocol());
            if (proto == 0) {
                return m.isNegated() ? List.of(NftMapper.NEVER) : List.of();
            }
            return List.of(neg(m, new Match.L4Proto(Set.of(proto))));
        }
        if (m instanceof IptPortMatch p) {
            PortSet ps = p.getPorts().isSingle() ? PortSet.of(p.getPorts().first())
                    : PortSet.range(p.getPorts().first(), p.getPorts().last());
            return List.of(neg(m, p.getOption() == org.netwright.model.IptPortOption.SPORT ? new Match.Sport(ps)
                    : new Match.Dport(ps)));
        }
        if (m instanceof IptIcmpMatch i) {
            String type = i.getIcmpType() == null ? "any" : i.getIcmpType().trim();
            if (type.equals("any")) {
                return m.isNegated() ? List.of(NftMapper.NEVER) : List.of();
            }
            if (type.contains("/") || (!type.matches("\\d+") && !type.equals("echo-request") && !type.equals("echo-reply")
                    && !type.equals("destination-unreachable") && !type.equals("time-exceeded"))) {
                ctx.warn(m, "icmp type " + type + ": only the type is compared, not the code");
            }
            return List.of(neg(m, new Match.IcmpType(Set.of(ModelToEngine.icmpTypeNumber(type)))));
        }
        if (m instanceof IptConntrackMatch c) {
            Set<CtState> states = EnumSet.noneOf(CtState.class);
            boolean snat = false;
            boolean dnat = false;
            for (IptCtState s : c.getStates()) {
                if (s == IptCtState.SNAT) {
                    snat = true;
                } else if (s == IptCtState.DNAT) {
                    dnat = true;
                } else {
                    states.add(CtState.valueOf(s.getLiteral()));
                }
            }
            if (snat || dnat) {
                return List.of(neg(m, new Match.CtStateOrNat(Set.copyOf(states), snat, dnat)));
            }
            return List.of(neg(m, new Match.CtStateIn(states)));
        }
        if (m instanceof IptMarkMatch mk) {
            long mask = mk.isSetMask() ? mk.getMask() : 0xffffffffL;
            long value = mk.getValue() & mask;
            boolean ct = "connmark".equals(mk.getModule());
            return List.of(neg(m, ct ? new Match.CtMark(value, mask) : new Match.MetaMark(value, mask)));
        }
        if (m instanceof IptPolicyMatch p) {
            if (p.getDir() == org.netwright.model.XfrmDir.FWD) {
                throw new IllegalArgumentException("-m policy --dir must be in or out");
            }
            if (p.isStrict() || p.isSetReqid() || p.isSetSpi() || p.isSetProto() || p.isSetMode()
                    || p.getTunnelSrc() != null || p.getTunnelDst() != null) {
                throw new NftMapper.Unsupported("-m policy with --strict, --reqid, --spi, --proto, --mode or --tunnel-src/dst"
                        + " (only --dir and --pol are evaluated)");
            }
            return List.of(neg(m, new Match.IptPolicy(p.getDir() == org.netwright.model.XfrmDir.IN,
                    p.getPol() == org.netwright.model.IptPolicyPol.IPSEC)));
        }
        if (m instanceof IptAddrtypeMatch a) {
            List<Match> out = new ArrayList<>();
            if (a.getSrcType() != null && a.getSrcType() != IptAddrType.UNSET) {
                Match x = new Match.AddrType(true, addrKinds(m, a.getSrcType()));
                out.add(a.isSrcNegated() || m.isNegated() ? new Match.Not(x) : x);
            }
            if (a.getDstType() != null && a.getDstType() != IptAddrType.UNSET) {
                Match x = new Match.AddrType(false, addrKinds(m, a.getDstType()));
                out.add(a.isDstNegated() || m.isNegated() ? new Match.Not(x) : x);
            }
            return out;
        }
        if (m instanceof IptIprangeMatch r) {
            List<Match> out = new ArrayList<>();
            if (r.getSrcRange() != null) {
                Match x = new Match.Saddr(familyChecked(AddrSet.of(r.getSrcRange().toString())));
                out.add(r.isSrcNegated() || m.isNegated() ? new Match.Not(x) : x);
            }
            if (r.getDstRange() != null) {
                Match x = new Match.Daddr(familyChecked(AddrSet.of(r.getDstRange().toString())));
                out.add(r.isDstNegated() || m.isNegated() ? new Match.Not(x) : x);
            }
            return out;
        }
        if (m instanceof IptMultiportMatch mp) {
            PortSet ps = multiport(mp);
            return switch (mp.getOption()) {
                case SPORTS -> List.of(neg(m, new Match.Sport(ps)));
                case DPORTS -> List.of(neg(m, new Match.Dport(ps)));
                // negated --ports: neither port is in the list
                case PORTS -> List.of(new Match.Not(new Match.Sport(ps)), new Match.Not(new Match.Dport(ps)));
            };
        }
        if (m instanceof IptCommentMatch) {
            return List.of();
        }
        if (m instanceof IptGenericMatch g) {
            boolean negated = m.isNegated() || g.getOptions().stream().anyMatch(IptOption::isNegated);
            Match x = switch (g.getModule() == null ? "" : g.getModule()) {
                case "statistic" -> statistic(g);
                case "recent" -> recent(g);
                default -> throw new NftMapper.Unsupported("-m " + g.getModule() + options(g.getOptions()));
            };
            return List.of(negated ? new Match.Not(x) : x);
        }
        throw new NftMapper.Unsupported(m.eClass().getName());
    }

    /**
     * {@code -m statistic}: random with the probability the kernel uses (iptables stores round(P * 2^31) and the
     * kernel compares 31 random bits with it), or nth with its own counter.
     */
    private static Match statistic(IptGenericMatch g) {
        String mode = optionOf(g.getOptions(), "mode");
        if ("random".equals(mode)) {
            String p = optionOf(g.getOptions(), "probability");
            if (p == null || p.isEmpty()) {
                throw new IllegalArgumentException("-m statistic --mode random needs --probability");
            }
            double given = Double.parseDouble(p);
            if (!(given >= 0 && given <= 1)) {
                throw new IllegalArgumentException("--probability " + p + " is not within 0..1");
            }
            double stored = Math.round(given * (1L << 31)) / (double) (1L << 31);
            return new Match.Random(Math.min(1, stored), "-m statistic" + options(g.getOptions()));
        }
        if ("nth".equals(mode)) {
            String every = optionOf(g.getOptions(), "every");
            String packet = optionOf(g.getOptions(), "packet");
            if (every == null || every.isEmpty()) {
                throw new IllegalArgumentException("-m statistic --mode nth needs --every");
            }
            return new Match.Nth(Integer.parseInt(every), packet == null || packet.isEmpty() ? 0 : Integer.parseInt(packet));
        }
        throw new NftMapper.Unsupported("-m statistic" + options(g.getOptions()));
    }

    /** {@code -m recent}: the table's name (DEFAULT), its command, and the options that shape it. */
    private static Match recent(IptGenericMatch g) {
        List<IptOption> o = g.getOptions();
        Match.RecentMode mode = null;
        for (Match.RecentMode x : Match.RecentMode.values()) {
            if (optionOf(o, x.name().toLowerCase(Locale.ROOT)) != null) {
                if (mode != null) {
                    throw new IllegalArgumentException("-m recent takes one of --set, --rcheck, --update, --remove");
                }
                mode = x;
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException("-m recent needs --set, --rcheck, --update or --remove");
        }
        String name = optionOf(o, "name");
        String seconds = optionOf(o, "seconds");
        String hitcount = optionOf(o, "hitcount");
        String mask = optionOf(o, "mask");
        if (optionOf(o, "reap") != null && (seconds == null || seconds.isEmpty())) {
            throw new IllegalArgumentException("-m recent --reap needs --seconds");
        }
        return new Match.Recent(name == null || name.isEmpty() ? "DEFAULT" : name, mode,
                seconds == null || seconds.isEmpty() ? 0 : Long.parseLong(seconds),
                hitcount == null || hitcount.isEmpty() ? 0 : Integer.parseInt(hitcount), optionOf(o, "reap") != null,
                optionOf(o, "rttl") != null, optionOf(o, "rdest") == null,
                mask == null || mask.isEmpty() ? -1 : org.netwright.engine.Ip4.parse(mask));
    }

    /** The first value of option {@code name} ("" when it has none), null when the option is absent. */
    private static String optionOf(List<IptOption> opts, String name) {
        for (IptOption o : opts) {
            if (bare(o.getName()).equals(name)) {
                return o.getValues().isEmpty() ? "" : o.getValues().get(0);
            }
        }
        return null;
    }

    private Set<Match.AddrKind> addrKinds(IptMatch m, IptAddrType t) {
        Set<Match.AddrKind> out = new LinkedHashSet<>();
        switch (t) {
            case UNICAST -> out.add(Match.AddrKind.UNICAST);
            case LOCAL -> out.add(Match.AddrKind.LOCAL);
            case BROADCAST -> out.add(Match.AddrKind.BROADCAST);
            case MULTICAST -> out.add(Match.AddrKind.MULTICAST);
            case BLACKHOLE -> out.add(Match.AddrKind.BLACKHOLE);
            case UNREACHABLE -> out.add(Match.AddrKind.UNREACHABLE);
            case PROHIBIT -> out.add(Match.AddrKind.PROHIBIT);
            default -> throw new NftMapper.Unsupported("-m addrtype type " + t.getLiteral());
        }
        return Set.copyOf(out);
    }

    private static String options(List<IptOption> opts) {
        StringBuilder sb = new StringBuilder();
        for (IptOption o : opts) {
            sb.append(o.isNegated() ? " !" : "").append(" --").append(bare(o.getName()));
            for (String v : o.getValues()) {
                sb.append(' ').append(v);
            }
        }
        return sb.toString();
    }

    /** An option's name without its leading dashes: the language keeps them ("--queue-num"). */
    static String bare(String name) {
        if (name == null) {
            return "";
        }
        int i = 0;
        while (i < name.length() && name.charAt(i) == '-') {
            i++;
        }
        return name.substring(i);
    }

    private static String option(IptGenericTarget g, String name) {
        return optionOf(g.getOptions(), name);
    }

    private Statement target(IptablesTable t, IptTarget target, String chain) {
        if (target instanceof IptSimpleTarget s) {
            return switch (s.getKind()) {
                case ACCEPT -> new Statement.Accept();
                case DROP -> new Statement.Drop();
                case RETURN -> new Statement.Return();
                case QUEUE -> new Statement.Queue(0);
                case NOTRACK -> new Statement.Notrack();
                case TRACE -> new Statement.Log("TRACE");
            };
        }
        if (target instanceof IptRejectTarget r) {
            return reject(r.getRejectWith());
        }
        if (target instanceof IptJumpTarget j) {
            if (j.getChain() == null || j.getChain().eIsProxy()) {
                throw new IllegalArgumentException("jump to an undeclared chain");
            }
            String c = chainName(j.getChain());
            return j.isGoto() ? new Statement.Goto(c) : new Statement.Jump(c);
        }
        if (target instanceof IptNatTarget n) {
            if (n.getKind() == org.netwright.model.IptNatTargetKind.NETMAP) {
                return new Statement.Netmap(Prefix.parse(n.getAddress().toString()), netmapSource(t, target, chain));
            }
            org.netwright.engine.IpAddr lo = null;
            org.netwright.engine.IpAddr hi = null;
            if (n.getAddress() != null) {
                lo = org.netwright.engine.IpAddr.parse(n.getAddress().toString());
                hi = n.getAddressEnd() == null ? lo : org.netwright.engine.IpAddr.parse(n.getAddressEnd().toString());
                if (lo.isV6() != v6 || hi.isV6() != v6) {
                    throw new IllegalArgumentException(n.getKind().getLiteral() + " to " + n.getAddress()
                            + ": an address of the other family than the ruleset's");
                }
            }
            int plo = n.getPorts() == null ? 0 : n.getPorts().first();
            int phi = n.getPorts() == null ? 0 : n.getPorts().last();
            boolean snat = n.getKind() == org.netwright.model.IptNatTargetKind.SNAT;
            NatFlags flags = ctx.natFlags(target, n.isRandomFully() ? "--random-fully" : "--random", n.isRandom(),
                    n.isRandomFully(), n.isPersistent(), snat || phi > plo);
            NatRange range = new NatRange(lo, hi, plo, phi, flags);
            return snat ? new Statement.Snat(range) : new Statement.Dnat(range);
        }
        if (target instanceof IptMasqueradeTarget m) {
            NatFlags flags = ctx.natFlags(target, m.isRandomFully() ? "--random-fully" : "--random", m.isRandom(),
                    m.isRandomFully(), false, true);
            return new Statement.Masquerade(m.getPorts() == null ? 0 : m.getPorts().first(), m.getPorts() == null ? 0 : m.getPorts().last(), flags);
        }
        if (target instanceof IptRedirectTarget r) {
            int plo = r.getPorts() == null ? 0 : r.getPorts().first();
            int phi = r.getPorts() == null ? 0 : r.getPorts().last();
            NatFlags flags = ctx.natFlags(target, "--random", r.isRandom(), false, false, phi > plo);
            return new Statement.Redirect(plo, phi, flags);
        }
        if (target instanceof IptCtTarget c) {
            if (c.getHelper() != null && !c.getHelper().isEmpty()) {
                throw new NftMapper.Unsupported("CT --helper " + c.getHelper());
            }
            if (c.isNotrack()) {
                return new Statement.Notrack();
            }
            if (c.isSetZone()) {
                return new Statement.SetCtZone(c.getZone());
            }
            return null;
        }
        if (target instanceof IptMarkTarget m) {
            return mark(m);
        }
        if (target instanceof IptConnmarkTarget c) {
            return connmark(c);
        }
        if (target instanceof IptLogTarget l) {
            return new Statement.Log(l.getPrefix() == null ? null : Words.unquote(l.getPrefix()));
        }
        if (target instanceof IptGenericTarget g) {
            String name = g.getTargetName() == null ? "" : g.getTargetName();
            switch (name) {
                case "NFQUEUE": {
                    String num = option(g, "queue-num");
                    if (option(g, "queue-bypass") != null) {
                        throw new NftMapper.Unsupported("NFQUEUE --queue-bypass");
                    }
                    return new Statement.Queue(num == null || num.isEmpty() ? 0 : Integer.parseInt(num));
                }
                case "NFLOG":
                    return new Statement.Log(option(g, "nflog-prefix"));
                case "DSCP": {
                    String v = option(g, "set-dscp");
                    if (v != null && !v.isEmpty()) {
                        return new Statement.SetDscp((int) NftMapper.number(v));
                    }
                    break;
                }
                default:
                    break;
            }
            throw new NftMapper.Unsupported("-j " + name + options(g.getOptions()));
        }
        throw new NftMapper.Unsupported(target.eClass().getName());
    }

    /** NETMAP maps the source in POSTROUTING/INPUT and the destination in PREROUTING/OUTPUT. */
    private boolean netmapSource(IptablesTable t, IptTarget target, String chain) {
        String hook = chain;
        if (!chain.equals("POSTROUTING") && !chain.equals("INPUT") && !chain.equals("PREROUTING")
                && !chain.equals("OUTPUT")) {
            hook = null;
            for (IptRule r : t.getRules()) {
                if (r.getTarget() instanceof IptJumpTarget j && j.getChain() != null
                        && chain.equals(chainName(j.getChain()))) {
                    String from = r.getChain() != null ? chainName(r.getChain())
                            : r.getBuiltinChain() == null ? null : r.getBuiltinChain().getLiteral();
                    if (from != null && (from.equals("POSTROUTING") || from.equals("INPUT") || from.equals("PREROUTING")
                            || from.equals("OUTPUT"))) {
                        hook = from;
                        break;
                    }
                }
            }
            if (hook == null) {
                ctx.warn(target, "NETMAP in user chain " + chain
                        + " that no built-in chain jumps to: destination mapping assumed");
                return false;
            }
        }
        return hook.equals("POSTROUTING") || hook.equals("INPUT");
    }

    static Statement.Reject reject(String with) {
        String w = with == null ? "icmp-port-unreachable" : with.trim().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "tcp-reset", "tcp-rst" -> new Statement.Reject(3, true);
            case "icmp-net-unreachable" -> new Statement.Reject(0, false);
            case "icmp-host-unreachable" -> new Statement.Reject(1, false);
            case "icmp-proto-unreachable" -> new Statement.Reject(2, false);
            case "icmp-port-unreachable" -> new Statement.Reject(3, false);
            case "icmp-net-prohibited" -> new Statement.Reject(9, false);
            case "icmp-host-prohibited" -> new Statement.Reject(10, false);
            case "icmp-admin-prohibited" -> new Statement.Reject(13, false);
            // ip6tables (an IPv4 packet never meets an ip6tables rule: the IPv4 code is moot)
            case "icmp6-no-route", "no-route" -> new Statement.Reject(3, false, 0);
            case "icmp6-adm-prohibited", "adm-prohibited" -> new Statement.Reject(3, false, 1);
            case "icmp6-addr-unreachable", "addr-unreach" -> new Statement.Reject(3, false, 3);
            case "icmp6-port-unreachable", "port-unreach" -> new Statement.Reject(3, false, 4);
            default -> throw new IllegalArgumentException("unknown --reject-with " + with);
        };
    }

    /** MARK: mark = (mark & ~mask) ^ value, the kernel's xt_MARK arithmetic. */
    static Statement.SetMark mark(IptMarkTarget m) {
        long v = m.getValue() & 0xffffffffL;
        long mask = m.isSetMask() ? m.getMask() & 0xffffffffL : 0xffffffffL;
        return switch (m.getOp()) {
            case SET_XMARK -> new Statement.SetMark(v, mask);
            // --set-mark v/m: zero the mask bits and OR in v (libxt_MARK: xmark v/(m|v))
            case SET_MARK -> new Statement.SetMark(v, (mask | v) & 0xffffffffL);
            case AND_MARK -> new Statement.SetMark(0, ~v & 0xffffffffL);
            case OR_MARK -> new Statement.SetMark(v, v);
            case XOR_MARK -> new Statement.SetMark(v, 0);
        };
    }

    private Statement connmark(IptConnmarkTarget c) {
        long mask = c.isSetMask() ? c.getMask() & 0xffffffffL : 0xffffffffL;
        switch (c.getOp()) {
            case SET_XMARK:
                return new Statement.SetCtMark(c.getValue() & 0xffffffffL, mask);
            case SET_MARK: {
                long v = c.getValue() & 0xffffffffL;
                return new Statement.SetCtMark(v, (mask | v) & 0xffffffffL);
            }
            case SAVE_MARK:
            case RESTORE_MARK: {
                long nf = c.isSetNfmask() ? c.getNfmask() & 0xffffffffL : mask;
                long ct = c.isSetCtmask() ? c.getCtmask() & 0xffffffffL : mask;
                if (nf != ct) {
                    ctx.warn(c, "CONNMARK with different --nfmask and --ctmask is approximated with one mask 0x"
                            + Long.toHexString(ct));
                }
                return c.getOp() == org.netwright.model.IptConnmarkOp.SAVE_MARK ? new Statement.CtMarkFromMark(ct)
                        : new Statement.MarkFromCtMark(nf);
            }
            default:
                throw new NftMapper.Unsupported("CONNMARK " + c.getOp().getLiteral());
        }
    }
}
