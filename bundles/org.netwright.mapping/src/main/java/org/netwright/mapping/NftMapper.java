package org.netwright.mapping;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.netwright.engine.AddrSet;
import org.netwright.engine.ChainType;
import org.netwright.engine.CtDir;
import org.netwright.engine.CtState;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Ip4;
import org.netwright.engine.IpAddr;
import org.netwright.engine.MapKey;
import org.netwright.engine.Match;
import org.netwright.engine.NamedMap;
import org.netwright.engine.NamedSet;
import org.netwright.engine.NatFlags;
import org.netwright.engine.NatRange;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.PortSet;
import org.netwright.engine.Rule;
import org.netwright.engine.Statement;
import org.netwright.engine.Verdict;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftChain;
import org.netwright.model.NftCmpOp;
import org.netwright.model.NftCounter;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftDefine;
import org.netwright.model.NftExpr;
import org.netwright.model.NftExprValue;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftLog;
import org.netwright.model.NftMap;
import org.netwright.model.NftMapElement;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftNat;
import org.netwright.model.NftNotrack;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftPriority;
import org.netwright.model.NftReject;
import org.netwright.model.NftRtExpr;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetRef;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftValue;
import org.netwright.model.NftVariableRef;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftVmap;
import org.netwright.model.semantics.NftFacts;
import org.netwright.model.text.Words;

/**
 * Maps the nftables rulesets of one namespace: tables of every family (tables of the same family and
 * name declared twice are merged, as {@code nft -f} does), base chains with hook, type and priority
 * (standard names plus offset, with the bridge family's own values), sets, maps and defines, and every
 * rule's expressions into the engine's {@link Match}/{@link Statement} IR. An expression the engine cannot
 * evaluate makes the rule never match, and is reported.
 */
final class NftMapper {
    /** A match that never holds (an empty protocol set): stands for what the engine cannot evaluate. */
    static final Match NEVER = new Match.L4Proto(Set.of());

    private final ModelToEngine ctx;
    private final Map<String, NfTable.Builder> tables = new LinkedHashMap<>();
    private int anonMaps;

    NftMapper(ModelToEngine ctx, String namespace) {
        this.ctx = ctx;
    }

    void ruleset(NftRuleset rs) {
        for (NftTable t : rs.getTables()) {
            table(t);
        }
    }

    List<NfTable> build() {
        List<NfTable> out = new ArrayList<>();
        for (NfTable.Builder b : tables.values()) {
            out.add(b.build());
        }
        return out;
    }

    static Family family(NftFamily f) {
        return switch (f) {
            case IP -> Family.IP;
            case IP6 -> Family.IP6;
            case INET -> Family.INET;
            case ARP -> Family.ARP;
            case BRIDGE -> Family.BRIDGE;
            case NETDEV -> Family.NETDEV;
        };
    }

    private void table(NftTable t) {
        Family f = family(t.getFamily());
        String key = f.nft() + " " + t.getName();
        NfTable.Builder tb = tables.computeIfAbsent(key, k -> NfTable.builder(f, t.getName()));
        for (NftSet s : t.getSets()) {
            set(tb, s);
        }
        for (NftMap m : t.getMaps()) {
            map(tb, m);
        }
        for (NftChain c : t.getChains()) {
            org.netwright.engine.Chain.Builder cb = tb.chain(c.getName());
            NftHookSpec h = c.getHook();
            if (h != null) {
                cb.base(baseSpec(t.getFamily(), c, h));
            }
        }
        for (NftChain c : t.getChains()) {
            org.netwright.engine.Chain.Builder cb = tb.chain(c.getName());
            for (org.netwright.model.NftRule r : c.getRules()) {
                Rule rule = rule(tb, r);
                if (rule != null) {
                    cb.rule(rule);
                }
            }
        }
    }

    private org.netwright.engine.BaseChainSpec baseSpec(NftFamily family, NftChain c, NftHookSpec h) {
        ChainType type = switch (h.getType()) {
            case FILTER -> ChainType.FILTER;
            case NAT -> ChainType.NAT;
            case ROUTE -> ChainType.ROUTE;
        };
        Hook hook = switch (h.getHook()) {
            case PREROUTING -> Hook.PREROUTING;
            case INPUT -> Hook.INPUT;
            case FORWARD -> Hook.FORWARD;
            case OUTPUT -> Hook.OUTPUT;
            case POSTROUTING -> Hook.POSTROUTING;
            case INGRESS -> Hook.INGRESS;
            case EGRESS -> Hook.EGRESS;
        };
        int prio = 0;
        NftPriority p = h.getPriority();
        if (p == null) {
            ctx.warn(c, "chain " + c.getName() + ": no priority given, 0 assumed");
        } else {
            org.netwright.model.NftPriorityName n = p.getKeyword();
            if (n != org.netwright.model.NftPriorityName.NUMERIC && !NftFacts.priorityNameAllowed(family, h.getHook(), n)) {
                ctx.warn(c, "priority " + n.getLiteral() + " is not defined for the " + family.getLiteral() + " family at "
                        + h.getHook().getLiteral() + " (nft rejects it)");
            }
            Integer value = NftFacts.value(family, p);
            // a name the family lacks: the chain is placed where the name puts it in the other families
            prio = value != null ? value : NftFacts.value(family == NftFamily.BRIDGE ? NftFamily.IP : NftFamily.BRIDGE, p);
        }
        Verdict policy = c.getPolicy() == org.netwright.model.NftPolicy.DROP ? Verdict.DROP : Verdict.ACCEPT;
        List<String> devices = new ArrayList<>();
        for (org.netwright.model.Interface d : h.getDevices()) {
            devices.add(d.getName());
        }
        if ((hook == Hook.INGRESS || hook == Hook.EGRESS) && devices.isEmpty()) {
            ctx.warn(c, "chain " + c.getName() + ": " + hook.nft() + " hook without devices sees no packet");
        }
        return new org.netwright.engine.BaseChainSpec(type, hook, prio, policy, devices);
    }

    // ------------------------------------------------------------------ sets and maps

    private void set(NfTable.Builder tb, NftSet s) {
        try {
            String type = s.getTypeof() == null && s.getTypes().size() == 1 ? s.getTypes().get(0) : "";
            if (s.getElements().stream().anyMatch(e -> e.getNext() != null)) {
                type = "";
            }
            switch (type) {
                case "ipv4_addr", "ipv6_addr" -> {
                    AddrSet.Builder b = new AddrSet.Builder();
                    for (NftLiteral l : s.getElements()) {
                        b.add(addrElement(lit(l)));
                    }
                    AddrSet built = b.build();
                    if (type.equals("ipv4_addr") ? built.hasV6() : built.hasV4()) {
                        throw new IllegalArgumentException("an element of the other family in a set of type " + type);
                    }
                    tb.set(new NamedSet(s.getName(), type.equals("ipv4_addr") ? NamedSet.Kind.IPV4_ADDR
                            : NamedSet.Kind.IPV6_ADDR, built, null, null));
                }
                case "inet_service" -> {
                    List<Lit> ls = new ArrayList<>();
                    for (NftLiteral l : s.getElements()) {
                        ls.add(lit(l));
                    }
                    tb.set(NamedSet.ports(s.getName(), ports(ls)));
                }
                case "ifname" -> {
                    List<String> names = new ArrayList<>();
                    for (NftLiteral l : s.getElements()) {
                        names.add(Words.unquote(l.getValue()));
                    }
                    tb.set(NamedSet.ifnames(s.getName(), names.toArray(String[]::new)));
                }
                default -> ctx.warn(s, "set @" + s.getName() + " of type "
                        + (s.getTypeof() != null ? "typeof " + ModelText.expr(s.getTypeof()) : String.join(" . ", s.getTypes()))
                        + " is not modelled: matches against it never hold");
            }
        } catch (RuntimeException e) {
            ctx.error(s, "set @" + s.getName() + ": bad element (" + MappingIssue.reason(e) + ")");
        }
    }

    private void map(NfTable.Builder tb, NftMap m) {
        List<KeyKind> concat = concatKinds(m);
        if (concat != null) {
            try {
                tb.map(concatMap(m.getName(), concat, m.getElements()));
            } catch (Unsupported e) {
                ctx.warn(m, "map @" + m.getName() + ": " + e.getMessage() + " is not modelled: lookups in it are not evaluated");
            } catch (RuntimeException e) {
                ctx.error(m, "map @" + m.getName() + ": bad element (" + MappingIssue.reason(e) + ")");
            }
            return;
        }
        if (m.getKeyTypeof() != null || m.getKeyTypes().size() != 1 || m.getElements().stream().anyMatch(e -> e.getKey().getNext() != null)) {
            ctx.warn(m, "map @" + m.getName() + " with a concatenated or typeof key is not modelled: lookups in it are not evaluated");
            return;
        }
        try {
            String type = m.getKeyTypes().get(0);
            tb.map(namedMap(m.getName(), "ipv4_addr".equals(type) || "ipv6_addr".equals(type) ? KeyKind.ADDRESS
                    : "ifname".equals(type) || "iface_index".equals(type) ? KeyKind.NAME : KeyKind.NUMBER, m.getElements()));
        } catch (RuntimeException e) {
            ctx.error(m, "map @" + m.getName() + ": bad element (" + MappingIssue.reason(e) + ")");
        }
    }

    /** What a map's keys are: addresses, numbers (ports, marks), protocols or interface names. */
    private enum KeyKind {
        ADDRESS, NUMBER, PROTOCOL, NAME;

        static KeyKind of(MapKey k) {
            return k == MapKey.SADDR || k == MapKey.DADDR ? ADDRESS : k.isName() ? NAME : k == MapKey.L4PROTO ? PROTOCOL : NUMBER;
        }

        /** The kind of an nft data type name; null for one the engine does not look up. */
        static KeyKind ofType(String type) {
            return switch (type) {
                case "ipv4_addr" -> ADDRESS;
                case "inet_proto" -> PROTOCOL;
                case "inet_service", "mark" -> NUMBER;
                default -> null;
            };
        }
    }

    /**
     * The field kinds of a map with a concatenated key whose values are verdicts ({@code type ipv4_addr . inet_proto .
     * inet_service : verdict} or the same by typeof); null for any other map.
     */
    private static List<KeyKind> concatKinds(NftMap m) {
        if (m.getValueTypes().size() != 1 || !"verdict".equals(m.getValueTypes().get(0))) {
            return null;
        }
        List<KeyKind> kinds = new ArrayList<>();
        if (m.getKeyTypeof() instanceof org.netwright.model.NftConcatExpr c) {
            for (NftExpr part : c.getParts()) {
                try {
                    kinds.add(KeyKind.of(mapKey(part)));
                } catch (Unsupported e) {
                    return null;
                }
            }
        } else if (m.getKeyTypeof() == null) {
            for (String type : m.getKeyTypes()) {
                KeyKind k = KeyKind.ofType(type);
                if (k == null) {
                    return null;
                }
                kinds.add(k);
            }
        }
        return kinds.size() >= 2 && !kinds.contains(KeyKind.NAME) ? kinds : null;
    }

    /** A verdict map with concatenated keys: each element's fields as unsigned bounds. */
    private NamedMap concatMap(String name, List<KeyKind> kinds, List<NftMapElement> elements) {
        NamedMap.Builder b = NamedMap.builder(name);
        for (NftMapElement e : elements) {
            if (e.getVerdict() == null) {
                throw new Unsupported("a concatenated map of other values than verdicts");
            }
            long[] lo = new long[kinds.size()];
            long[] hi = new long[kinds.size()];
            NftLiteral part = e.getKey();
            for (int i = 0; i < kinds.size(); i++) {
                if (part == null) {
                    throw new IllegalArgumentException("the element has fewer fields than the key");
                }
                Lit l = lit(part);
                switch (kinds.get(i)) {
                    case ADDRESS -> {
                        org.netwright.engine.IpAddr first;
                        org.netwright.engine.IpAddr last;
                        if (l.end() != null) {
                            first = org.netwright.engine.IpAddr.parse(l.v());
                            last = org.netwright.engine.IpAddr.parse(l.end());
                        } else {
                            org.netwright.engine.Prefix p = org.netwright.engine.Prefix.parse(l.v());
                            first = p.first();
                            last = p.last();
                        }
                        if (first.isV6() || last.isV6()) {
                            throw new Unsupported("an IPv6 address in a concatenated key");
                        }
                        lo[i] = first.lo();
                        hi[i] = last.lo();
                    }
                    case PROTOCOL -> {
                        lo[i] = ModelToEngine.protoNumber(l.v());
                        hi[i] = l.end() == null ? lo[i] : ModelToEngine.protoNumber(l.end());
                    }
                    default -> {
                        lo[i] = number(l.v());
                        hi[i] = l.end() == null ? lo[i] : number(l.end());
                    }
                }
                part = part.getNext();
            }
            if (part != null) {
                throw new IllegalArgumentException("the element has more fields than the key");
            }
            b.concat(lo, hi, NamedMap.Value.verdict(statement(null, e.getVerdict())));
        }
        return b.build();
    }

    private NamedMap namedMap(String name, KeyKind kind, List<NftMapElement> elements) {
        NamedMap.Builder b = NamedMap.builder(name);
        for (NftMapElement e : elements) {
            Lit k = lit(e.getKey());
            NamedMap.Value v = e.getVerdict() != null ? NamedMap.Value.verdict(statement(null, e.getVerdict()))
                    : mapValue(Words.unquote(e.getValue().getValue()));
            if (kind == KeyKind.NAME) {
                String ifname = Words.unquote(k.v());
                if (k.end() != null || ifname.endsWith("*")) {
                    throw new Unsupported("an interface name range or wildcard as a map key");
                }
                b.name(ifname, v);
            } else if (kind == KeyKind.ADDRESS) {
                b.addr(k.end() == null ? k.v() : k.v() + "-" + k.end(), v);
            } else {
                long lo = number(k.v());
                long hi = k.end() == null ? lo : number(k.end());
                b.port((int) lo, (int) hi, v);
            }
        }
        return b.build();
    }

    private static NamedMap.Value mapValue(String s) {
        String v = s.trim();
        switch (v) {
            case "accept":
                return NamedMap.Value.verdict(new Statement.Accept());
            case "drop":
                return NamedMap.Value.verdict(new Statement.Drop());
            case "return":
                return NamedMap.Value.verdict(new Statement.Return());
            case "continue":
                return NamedMap.Value.verdict(new Statement.Continue());
            default:
                break;
        }
        if (v.startsWith("jump ")) {
            return NamedMap.Value.verdict(new Statement.Jump(v.substring(5).trim()));
        }
        if (v.startsWith("goto ")) {
            return NamedMap.Value.verdict(new Statement.Goto(v.substring(5).trim()));
        }
        int colon = v.lastIndexOf(':');
        int dot = v.indexOf(" . ");
        if (dot > 0) {
            return NamedMap.Value.addrPort(v.substring(0, dot).trim(), Integer.parseInt(v.substring(dot + 3).trim()));
        }
        if (colon > 0) {
            return NamedMap.Value.addrPort(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
        }
        return NamedMap.Value.addr(v);
    }

    // ------------------------------------------------------------------ rules

    /** A literal: value and optional range end. */
    record Lit(String v, String end) {
    }

    /** Signals a construct the engine does not evaluate (the message says what). */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String m) {
            super(m);
        }
    }

    /** The comment the importer gives a rule it could not read (its statements left out): the engine keeps it opaque. */
    static final String IMPORTED_OPAQUE = "netwright: opaque nft rule, not understood: ";

    private Rule rule(NfTable.Builder tb, org.netwright.model.NftRule r) {
        List<Match> ms = new ArrayList<>();
        List<Statement> ss = new ArrayList<>();
        String comment = r.getComment() == null ? "" : Words.unquote(r.getComment());
        if (r.getStatements().isEmpty() && comment.startsWith(IMPORTED_OPAQUE)) {
            // an imported rule whose expressions the importer could not read: whether it matches and what it does are
            // unknown, never "matches and does nothing"
            String what = "imported rule " + comment.substring(IMPORTED_OPAQUE.length());
            return Rule.of(List.of(ctx.opaqueMatch(r, what)), List.of(new Statement.Opaque(what, ctx.where(r))), ctx.where(r));
        }
        boolean never = false;
        boolean statementSeen = false;
        for (NftStatement st : r.getStatements()) {
            try {
                if (st instanceof NftMatch m) {
                    if (statementSeen) {
                        ctx.warn(r, "a match after a statement is evaluated before the statements by the engine");
                    }
                    ms.addAll(match(tb, m));
                } else {
                    statementSeen = true;
                    Statement s = statement(tb, st);
                    if (s != null) {
                        ss.add(s);
                    }
                }
            } catch (Unsupported u) {
                if (st instanceof NftMatch) {
                    ms.add(ctx.opaqueMatch(st, u.getMessage()));
                } else {
                    ss.add(ctx.opaqueStatement(st, u.getMessage()));
                }
            } catch (RuntimeException e) {
                ctx.error(st, "bad value: " + MappingIssue.reason(e));
                never = true;
            }
        }
        if (never) {
            ms = List.of(NEVER);
        }
        return Rule.of(ms, ss, ctx.where(r));
    }

    // ---- values

    private List<Lit> lits(NftValue v) {
        return lits(v, 0);
    }

    private List<Lit> lits(NftValue v, int depth) {
        if (depth > 16) {
            throw new IllegalArgumentException("define refers to itself");
        }
        if (v instanceof NftLiteral l) {
            return List.of(lit(l));
        }
        if (v instanceof NftListValue l) {
            return l.getElements().stream().map(NftMapper::lit).toList();
        }
        if (v instanceof NftAnonymousSet s) {
            return s.getElements().stream().map(NftMapper::lit).toList();
        }
        if (v instanceof NftVariableRef ref) {
            NftDefine d = ref.getVariable();
            if (d == null || d.eIsProxy()) {
                throw new IllegalArgumentException("undefined variable");
            }
            return lits(d.getValue(), depth + 1);
        }
        if (v instanceof NftSetRef) {
            throw new Unsupported("a named set is not allowed here");
        }
        if (v instanceof NftExprValue) {
            throw new Unsupported("an expression as a value");
        }
        throw new IllegalArgumentException("missing value");
    }

    /** Resolves variables down to a set reference, or null. */
    private static NftSet setRef(NftValue v) {
        for (int i = 0; i < 16 && v instanceof NftVariableRef r && r.getVariable() != null; i++) {
            v = r.getVariable().getValue();
        }
        return v instanceof NftSetRef s ? s.getSet() : null;
    }

    static Lit lit(NftLiteral l) {
        return new Lit(Words.unquote(l.getValue()), l.getRangeEnd() == null ? null : Words.unquote(l.getRangeEnd()));
    }

    private static String addrElement(Lit l) {
        return l.end() == null ? l.v() : l.v() + "-" + l.end();
    }

    private static AddrSet addrs(List<Lit> ls) {
        AddrSet.Builder b = new AddrSet.Builder();
        for (Lit l : ls) {
            b.add(addrElement(l));
        }
        return b.build();
    }

    /**
     * The addresses of an {@code ip} ({@code v6} false) or {@code ip6} match; an address of the other family is a
     * mistake nft refuses ("conflicting protocols"), never a match that silently fails.
     */
    private static AddrSet addrs(List<Lit> ls, boolean v6, String what) {
        AddrSet s = addrs(ls);
        if (v6 ? s.hasV4() : s.hasV6()) {
            throw new IllegalArgumentException(what + " with an " + (v6 ? "IPv4" : "IPv6") + " address");
        }
        return s;
    }

    static int port(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "ssh" -> 22;
            case "telnet" -> 23;
            case "smtp" -> 25;
            case "domain" -> 53;
            case "bootps" -> 67;
            case "bootpc" -> 68;
            case "http", "www" -> 80;
            case "ntp" -> 123;
            case "https" -> 443;
            case "isakmp" -> 500;
            case "ipsec-nat-t" -> 4500;
            default -> {
                long n;
                try {
                    n = number(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + s + "' is neither a port number nor a service name the engine knows"
                            + " (ssh, telnet, smtp, domain, bootps, bootpc, http, www, ntp, https, isakmp, ipsec-nat-t)");
                }
                if (n < 0 || n > 65535) {
                    throw new IllegalArgumentException("port " + s + " is out of range (0..65535)");
                }
                yield (int) n;
            }
        };
    }

    private static PortSet ports(List<Lit> ls) {
        StringBuilder sb = new StringBuilder();
        for (Lit l : ls) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(port(l.v()));
            if (l.end() != null) {
                sb.append('-').append(port(l.end()));
            }
        }
        return PortSet.parse(sb.toString());
    }

    static long number(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
    }

    private static Set<Integer> protos(List<Lit> ls) {
        Set<Integer> out = new LinkedHashSet<>();
        for (Lit l : ls) {
            out.add(ModelToEngine.protoNumber(l.v()));
        }
        return Set.copyOf(out);
    }

    /** {@code numgen random mod N [offset M] == {values}}: holds with the share of 0..N-1 (plus offset) listed. */
    private Match numgenRandom(org.netwright.model.NftNumgenExpr n, NftMatch m) {
        long mod = n.getModulus();
        long offset = n.isSetOffset() ? n.getOffset() : 0;
        if (mod < 1) {
            throw new IllegalArgumentException("numgen mod 0");
        }
        java.util.Set<Long> hit = new java.util.HashSet<>();
        for (Lit l : lits(m.getRight())) {
            hit.addAll(generated(l, offset, mod));
        }
        double p = hit.size() / (double) mod;
        Match r = new Match.Random(p, ModelText.expr(n) + " " + ModelText.value(m.getRight()));
        return m.getOp() == NftCmpOp.NE ? new Match.Not(r) : r;
    }

    /** The values of literal (or range) {@code l} that a generator of {@code offset .. offset + mod - 1} can give. */
    private static List<Long> generated(Lit l, long offset, long mod) {
        long lo = number(l.v());
        long hi = l.end() == null ? lo : number(l.end());
        List<Long> out = new ArrayList<>();
        for (long x = Math.max(lo, offset); x <= hi && x < offset + mod; x++) {
            out.add(x);
        }
        return out;
    }

    private static boolean hasConcatenation(NftValue v) {
        if (v instanceof NftLiteral l) {
            return l.getNext() != null;
        }
        if (v instanceof NftAnonymousSet s) {
            return s.getElements().stream().anyMatch(e -> e.getNext() != null);
        }
        if (v instanceof NftListValue l) {
            return l.getElements().stream().anyMatch(e -> e.getNext() != null);
        }
        return v instanceof NftExprValue ev && !ev.getOps().isEmpty();
    }

    private static String describe(NftExpr e) {
        return ModelText.expr(e);
    }

    // ---- matches

    private List<Match> match(NfTable.Builder tb, NftMatch m) {
        NftExpr left = m.getLeft();
        if (left instanceof org.netwright.model.NftNumgenExpr n && n.getMode() == org.netwright.model.NftNumgenMode.RANDOM
                && (m.getOp() == NftCmpOp.IMPLICIT || m.getOp() == NftCmpOp.EQ || m.getOp() == NftCmpOp.NE)
                && !hasConcatenation(m.getRight())) {
            return List.of(numgenRandom(n, m));
        }
        if (left instanceof org.netwright.model.NftFibExpr f && isAddressType(f) && setRef(m.getRight()) == null
                && !hasConcatenation(m.getRight()) && (m.getOp() == NftCmpOp.IMPLICIT || m.getOp() == NftCmpOp.EQ
                        || m.getOp() == NftCmpOp.NE) && (m.getMask() == null || m.getMask().isEmpty())) {
            Match t = new Match.AddrType(f.getFlags().get(0) == org.netwright.model.NftFibFlag.SADDR, addressKinds(lits(m.getRight())));
            return List.of(m.getOp() == NftCmpOp.NE ? new Match.Not(t) : t);
        }
        if (!(left instanceof NftPayloadExpr || left instanceof NftMetaExpr || left instanceof NftCtExpr || left instanceof NftRtExpr)
                || hasConcatenation(m.getRight())) {
            throw new Unsupported(describe(left));
        }
        NftCmpOp op = m.getOp();
        boolean neg = op == NftCmpOp.NE;
        boolean order = op == NftCmpOp.LT || op == NftCmpOp.GT || op == NftCmpOp.LE || op == NftCmpOp.GE;
        List<Match> implied = new ArrayList<>();
        Match core;
        NftSet set = setRef(m.getRight());
        if (left instanceof NftPayloadExpr p) {
            switch (p.getProtocol()) {
                case IP, IP6 -> {
                    boolean v6 = p.getProtocol() == org.netwright.model.NftPayloadProto.IP6;
                    String ip = v6 ? "ip6" : "ip";
                    NftFamily tf = tableFamily(m);
                    if (tf == (v6 ? NftFamily.IP : NftFamily.IP6)) {
                        // nft refuses it ("conflicting protocols specified"); walked, it would silently never match
                        throw new IllegalArgumentException(ip + " " + p.getField().getLiteral() + " in a table of family "
                                + tf.getLiteral() + ": conflicting protocols");
                    }
                    if (set != null && (p.getField() == org.netwright.model.NftPayloadField.SADDR
                            || p.getField() == org.netwright.model.NftPayloadField.DADDR)) {
                        checkSetFamily(set, v6, ip + " " + p.getField().getLiteral());
                    }
                    core = switch (p.getField()) {
                        case SADDR -> set != null ? new Match.SaddrInSet(set.getName())
                                : new Match.Saddr(addrs(lits(m.getRight()), v6, ip + " saddr"));
                        case DADDR -> set != null ? new Match.DaddrInSet(set.getName())
                                : new Match.Daddr(addrs(lits(m.getRight()), v6, ip + " daddr"));
                        case PROTOCOL, NEXTHDR -> new Match.L4Proto(protos(lits(m.getRight())));
                        case DSCP -> new Match.Dscp(dscp(single(lits(m.getRight()), ip + " dscp")));
                        default -> throw new Unsupported(ip + " " + p.getField().getLiteral());
                    };
                    if (!(core instanceof Match.Saddr || core instanceof Match.Daddr || core instanceof Match.SaddrInSet
                            || core instanceof Match.DaddrInSet)) {
                        // addresses carry their family; other header fields need nft's implicit "meta nfproto"
                        implied.add(new Match.NfProto(v6));
                    }
                }
                case ICMPV6 -> {
                    if (p.getField() != org.netwright.model.NftPayloadField.TYPE) {
                        throw new Unsupported(describe(left));
                    }
                    Set<Integer> types = new LinkedHashSet<>();
                    for (Lit l : lits(m.getRight())) {
                        types.add(ModelToEngine.icmp6TypeNumber(l.v()));
                    }
                    implied.add(new Match.L4Proto(Set.of(Packet.ICMPV6)));
                    core = new Match.Icmp6Type(Set.copyOf(types));
                }
                case TCP, UDP, TH -> {
                    if (p.getProtocol() != org.netwright.model.NftPayloadProto.TH) {
                        implied.add(new Match.L4Proto(Set.of(p.getProtocol() == org.netwright.model.NftPayloadProto.TCP
                                ? Packet.TCP : Packet.UDP)));
                    }
                    switch (p.getField()) {
                        case SPORT, DPORT -> {
                            boolean s = p.getField() == org.netwright.model.NftPayloadField.SPORT;
                            if (set != null) {
                                core = s ? new Match.SportInSet(set.getName()) : new Match.DportInSet(set.getName());
                            } else {
                                PortSet ps = order ? orderRange(single(lits(m.getRight()), "port"), op)
                                        : ports(lits(m.getRight()));
                                core = s ? new Match.Sport(ps) : new Match.Dport(ps);
                            }
                        }
                        case FLAGS -> {
                            if (p.getProtocol() != org.netwright.model.NftPayloadProto.TCP) {
                                throw new Unsupported(describe(left));
                            }
                            core = tcpFlags(m);
                        }
                        default -> throw new Unsupported(describe(left));
                    }
                }
                case ICMP -> {
                    if (p.getField() != org.netwright.model.NftPayloadField.TYPE) {
                        throw new Unsupported(describe(left));
                    }
                    Set<Integer> types = new LinkedHashSet<>();
                    for (Lit l : lits(m.getRight())) {
                        types.add(ModelToEngine.icmpTypeNumber(l.v()));
                    }
                    implied.add(new Match.L4Proto(Set.of(Packet.ICMP)));
                    core = new Match.IcmpType(Set.copyOf(types));
                }
                case ARP -> {
                    boolean ipAddr = p.getSubField() == org.netwright.model.NftArpAddrKind.IP;
                    if (ipAddr && p.getField() == org.netwright.model.NftPayloadField.SADDR && set == null) {
                        core = new Match.ArpAddr(true, addrs(lits(m.getRight())));
                    } else if (ipAddr && p.getField() == org.netwright.model.NftPayloadField.DADDR && set == null) {
                        core = new Match.ArpAddr(false, addrs(lits(m.getRight())));
                    } else if (p.getField() == org.netwright.model.NftPayloadField.OPERATION) {
                        String aop = single(lits(m.getRight()), "arp operation");
                        core = new Match.ArpOp(switch (aop) {
                            case "request", "1" -> Packet.ARP_REQUEST;
                            case "reply", "2" -> Packet.ARP_REPLY;
                            default -> throw new Unsupported("arp operation " + aop);
                        });
                    } else {
                        throw new Unsupported(describe(left));
                    }
                }
                case ETHER -> {
                    if (p.getField() != org.netwright.model.NftPayloadField.SADDR) {
                        throw new Unsupported(describe(left));
                    }
                    core = new Match.EtherSaddr(Ip4.parseMac(single(lits(m.getRight()), "ether saddr")), 0xffffffffffffL);
                }
                default -> throw new Unsupported(describe(left));
            }
        } else if (left instanceof NftMetaExpr me) {
            switch (me.getKey()) {
                case MARK -> core = markMatch(m, false);
                case IIF, IIFNAME, OIF, OIFNAME -> {
                    boolean in = me.getKey() == org.netwright.model.NftMetaKey.IIF
                            || me.getKey() == org.netwright.model.NftMetaKey.IIFNAME;
                    if (set != null) {
                        core = in ? new Match.IifInSet(set.getName()) : new Match.OifInSet(set.getName());
                    } else {
                        List<String> names = lits(m.getRight()).stream().map(Lit::v).toList();
                        core = in ? new Match.Iif(names) : new Match.Oif(names);
                    }
                }
                case L4PROTO -> core = new Match.L4Proto(protos(lits(m.getRight())));
                case PROTOCOL, NFPROTO -> {
                    boolean ip4 = false;
                    boolean ip6 = false;
                    boolean arp = false;
                    for (Lit l : lits(m.getRight())) {
                        ip4 |= l.v().equals("ip") || l.v().equals("ipv4") || l.v().equals("0x0800");
                        ip6 |= l.v().equals("ip6") || l.v().equals("ipv6") || l.v().equals("0x86dd");
                        arp |= l.v().equals("arp") || l.v().equals("0x0806");
                    }
                    if (ip4 != ip6 && !arp) {
                        Match fam = new Match.NfProto(ip6);
                        return List.of(neg ? new Match.Not(fam) : fam);
                    }
                    if (ip4 && ip6 && !arp) {
                        return neg ? List.of(NEVER) : List.of();
                    }
                    if (me.getKey() == org.netwright.model.NftMetaKey.PROTOCOL && (ip4 || arp) && !(ip4 && arp)) {
                        // the ethertype tells ARP frames (neighbour resolution) from IPv4 packets
                        Match t = new Match.EtherTypeArp(arp);
                        return List.of(neg ? new Match.Not(t) : t);
                    }
                    if (me.getKey() == org.netwright.model.NftMetaKey.PROTOCOL && ip4 && arp) {
                        return neg ? List.of(NEVER) : List.of();
                    }
                    // an ethertype/nfproto list mixing arp with ip, or naming neither: IP packets match when it names ip
                    return (ip4 || ip6) != neg ? List.of() : List.of(NEVER);
                }
                case IPSEC -> core = new Match.MetaIpsec(exists(single(lits(m.getRight()), "meta ipsec")));
                default -> throw new Unsupported(describe(left));
            }
        } else if (left instanceof NftCtExpr ce) {
            if (ce.getDirection() != null) {
                throw new Unsupported(describe(left));
            }
            switch (ce.getKey()) {
                case STATE -> {
                    Set<CtState> states = EnumSet.noneOf(CtState.class);
                    for (Lit l : lits(m.getRight())) {
                        states.add(CtState.valueOf(l.v().toUpperCase(Locale.ROOT)));
                    }
                    core = new Match.CtStateIn(states);
                }
                case MARK -> core = markMatch(m, true);
                case ZONE -> core = new Match.CtZone((int) number(single(lits(m.getRight()), "ct zone")));
                case DIRECTION -> core = new Match.CtDirection(
                        single(lits(m.getRight()), "ct direction").equalsIgnoreCase("reply") ? CtDir.REPLY : CtDir.ORIGINAL);
                default -> throw new Unsupported(describe(left));
            }
        } else if (left instanceof NftRtExpr re) {
            if (re.getKey() != org.netwright.model.NftRtKey.IPSEC) {
                throw new Unsupported(describe(left));
            }
            core = new Match.RtIpsec(exists(single(lits(m.getRight()), "rt ipsec")));
        } else {
            throw new IllegalArgumentException("match without a selector");
        }
        if (order && !(core instanceof Match.Sport || core instanceof Match.Dport)) {
            throw new Unsupported(describe(left) + " with " + op.getLiteral());
        }
        if (m.getMask() != null && !m.getMask().isEmpty() && core instanceof Match.EtherSaddr e) {
            // ether saddr & ff:ff:ff:00:00:00 == 0a:00:00:00:00:00 (seed 003's per-node tags)
            long mask = Ip4.parseMac(Words.unquote(m.getMask()));
            core = new Match.EtherSaddr(e.mac() & mask, mask);
        }
        if (m.getMask() != null && !m.getMask().isEmpty() && !(core instanceof Match.MetaMark || core instanceof Match.EtherSaddr
                || core instanceof Match.CtMark || core instanceof Match.TcpFlags)) {
            throw new Unsupported(describe(left) + " & " + m.getMask());
        }
        List<Match> out = new ArrayList<>(implied);
        out.add(neg ? new Match.Not(core) : core);
        return out;
    }

    /**
     * {@code fib saddr type} / {@code fib daddr type} without an interface key: the address's type in the namespace's
     * tables, which is what {@code -m addrtype} looks up (nft_fib4 passes no device without iif/oif).
     */
    private static boolean isAddressType(org.netwright.model.NftFibExpr f) {
        return f.getResult() == org.netwright.model.NftFibResult.TYPE && f.getFlags().size() == 1
                && (f.getFlags().get(0) == org.netwright.model.NftFibFlag.SADDR
                        || f.getFlags().get(0) == org.netwright.model.NftFibFlag.DADDR);
    }

    private static Set<Match.AddrKind> addressKinds(List<Lit> ls) {
        Set<Match.AddrKind> out = EnumSet.noneOf(Match.AddrKind.class);
        for (Lit l : ls) {
            if (l.end() != null) {
                throw new Unsupported("fib type with a range");
            }
            out.add(switch (l.v()) {
                case "local" -> Match.AddrKind.LOCAL;
                case "unicast" -> Match.AddrKind.UNICAST;
                case "broadcast" -> Match.AddrKind.BROADCAST;
                case "multicast" -> Match.AddrKind.MULTICAST;
                case "blackhole" -> Match.AddrKind.BLACKHOLE;
                case "unreachable" -> Match.AddrKind.UNREACHABLE;
                case "prohibit" -> Match.AddrKind.PROHIBIT;
                default -> throw new Unsupported("fib type " + l.v());
            });
        }
        return Set.copyOf(out);
    }

    private static String single(List<Lit> ls, String what) {
        if (ls.size() != 1 || ls.get(0).end() != null) {
            throw new Unsupported(what + " with a set or range of values");
        }
        return ls.get(0).v();
    }

    private static boolean exists(String v) {
        return switch (v) {
            case "exists", "1", "true" -> true;
            case "missing", "0", "false" -> false;
            default -> throw new IllegalArgumentException("expected exists or missing, not " + v);
        };
    }

    private static PortSet orderRange(String v, NftCmpOp op) {
        int p = port(v);
        return switch (op) {
            case LT -> PortSet.range(0, p - 1);
            case LE -> PortSet.range(0, p);
            case GT -> PortSet.range(p + 1, 65535);
            default -> PortSet.range(p, 65535);
        };
    }

    private static int dscp(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("ef")) {
            return 46;
        }
        if (s.matches("cs[0-7]")) {
            return (s.charAt(2) - '0') * 8;
        }
        if (s.matches("af[1-4][1-3]")) {
            return (s.charAt(2) - '0') * 8 + (s.charAt(3) - '0') * 2;
        }
        return (int) number(s);
    }

    private Match markMatch(NftMatch m, boolean ct) {
        long mask = m.getMask() == null || m.getMask().isEmpty() ? 0xffffffffL : number(m.getMask());
        long value = number(single(lits(m.getRight()), ct ? "ct mark" : "meta mark")) & mask;
        return ct ? new Match.CtMark(value, mask) : new Match.MetaMark(value, mask);
    }

    private Match tcpFlags(NftMatch m) {
        List<Lit> ls = lits(m.getRight());
        int union = 0;
        for (Lit l : ls) {
            union |= ModelToEngine.tcpFlags(l.v());
        }
        if (m.getMask() != null && !m.getMask().isEmpty()) {
            int mask = ModelToEngine.tcpFlags(m.getMask());
            return new Match.TcpFlags(mask, union & mask);
        }
        if (m.getOp() == NftCmpOp.EQ || m.getOp() == NftCmpOp.NE) {
            if (ls.size() != 1) {
                throw new Unsupported("tcp flags == {set}");
            }
            return new Match.TcpFlags(0xff, union);
        }
        // implicit: any of the flags is set
        return new Match.Not(new Match.TcpFlags(union, 0));
    }

    // ---- statements

    private Statement statement(NfTable.Builder tb, NftStatement st) {
        if (st instanceof NftVerdict v) {
            return switch (v.getKind()) {
                case ACCEPT -> new Statement.Accept();
                case DROP -> new Statement.Drop();
                case CONTINUE -> new Statement.Continue();
                case RETURN -> new Statement.Return();
                case JUMP -> new Statement.Jump(chainName(v));
                case GOTO -> new Statement.Goto(chainName(v));
                case QUEUE -> new Statement.Queue(v.isSetQueueNum() ? v.getQueueNum() : 0);
            };
        }
        if (st instanceof NftReject r) {
            return reject(r);
        }
        if (st instanceof NftCounter) {
            return new Statement.Counter();
        }
        if (st instanceof NftLog l) {
            return new Statement.Log(l.getPrefix() == null ? null : Words.unquote(l.getPrefix()));
        }
        if (st instanceof NftNotrack) {
            return new Statement.Notrack();
        }
        if (st instanceof NftNat n) {
            return nat(tb, n);
        }
        if (st instanceof NftSetStatement s) {
            return set(s);
        }
        if (st instanceof NftVmap v) {
            return vmap(tb, v);
        }
        throw new Unsupported(ModelText.statement(st));
    }

    private static String chainName(NftVerdict v) {
        if (v.getChain() == null || v.getChain().eIsProxy() || v.getChain().getName() == null) {
            throw new IllegalArgumentException(v.getKind().getLiteral() + " to an undeclared chain");
        }
        return v.getChain().getName();
    }

    /** The family of the table a rule element is written in, or null. */
    private static NftFamily tableFamily(org.eclipse.emf.ecore.EObject o) {
        for (org.eclipse.emf.ecore.EObject c = o; c != null; c = c.eContainer()) {
            if (c instanceof NftTable t) {
                return t.getFamily();
            }
        }
        return null;
    }

    /** The address of a stateless {@code ip saddr set} / {@code ip6 saddr set}; the other family is an error. */
    private static IpAddr rewriteAddress(String text, boolean v6) {
        IpAddr a = IpAddr.parse(text);
        if (a.isV6() != v6) {
            throw new IllegalArgumentException((v6 ? "ip6" : "ip") + " address set to " + text + ": the other family");
        }
        return a;
    }

    /** A set used by an {@code ip}/{@code ip6} address match must hold addresses of that family. */
    private static void checkSetFamily(NftSet set, boolean v6, String what) {
        if (set.getTypes().size() == 1) {
            String type = set.getTypes().get(0);
            if (type.equals(v6 ? "ipv4_addr" : "ipv6_addr")) {
                throw new IllegalArgumentException(what + " @" + set.getName() + ": a set of type " + type);
            }
        }
    }

    static Statement.Reject reject(NftReject r) {
        if (r.getWithProto() == org.netwright.model.NftRejectProto.TCP) {
            return new Statement.Reject(3, true);
        }
        if (r.getWithProto() == org.netwright.model.NftRejectProto.ICMPV6) {
            String t = r.getWithType() == null ? "port-unreachable" : Words.unquote(r.getWithType());
            int code6 = switch (t) {
                case "no-route" -> 0;
                case "admin-prohibited" -> 1;
                case "addr-unreachable" -> 3;
                case "port-unreachable" -> 4;
                case "policy-fail" -> 5;
                case "reject-route" -> 6;
                default -> (int) number(t);
            };
            // an IPv4 packet never meets it (the statement's implicit nfproto ipv6): its IPv4 code is moot
            return new Statement.Reject(3, false, code6);
        }
        String t = r.getWithType() == null ? "port-unreachable" : Words.unquote(r.getWithType());
        int code = switch (t) {
            case "net-unreachable", "no-route" -> 0;
            case "host-unreachable", "addr-unreachable" -> 1;
            case "prot-unreachable" -> 2;
            case "port-unreachable" -> 3;
            case "net-prohibited" -> 9;
            case "host-prohibited" -> 10;
            case "admin-prohibited" -> 13;
            default -> (int) number(t);
        };
        return new Statement.Reject(code, false);
    }

    private Statement nat(NfTable.Builder tb, NftNat n) {
        int plo = n.getPorts() == null ? 0 : n.getPorts().first();
        int phi = n.getPorts() == null ? 0 : n.getPorts().last();
        boolean source = n.getKind() == org.netwright.model.NftNatKind.SNAT
                || n.getKind() == org.netwright.model.NftNatKind.MASQUERADE;
        List<org.netwright.model.NftNatFlag> fs = n.getFlags();
        NatFlags flags = ctx.natFlags(n, fs.contains(org.netwright.model.NftNatFlag.FULLY_RANDOM) ? "fully-random" : "random",
                fs.contains(org.netwright.model.NftNatFlag.RANDOM), fs.contains(org.netwright.model.NftNatFlag.FULLY_RANDOM),
                fs.contains(org.netwright.model.NftNatFlag.PERSISTENT), source || phi > plo);
        switch (n.getKind()) {
            case MASQUERADE:
                return new Statement.Masquerade(plo, phi, flags);
            case REDIRECT:
                return new Statement.Redirect(plo, phi, flags);
            default:
                break;
        }
        boolean snat = n.getKind() == org.netwright.model.NftNatKind.SNAT;
        if (n.getMapKey() != null || n.getMap() != null || !n.getInlineMap().isEmpty()) {
            if (n.getMapKey() == null) {
                throw new IllegalArgumentException("nat map without a key expression");
            }
            MapKey key = mapKey(n.getMapKey());
            String name;
            if (n.getMap() != null) {
                name = n.getMap().getName();
            } else {
                name = "__anon_map_" + (++anonMaps);
                tb.map(namedMap(name, KeyKind.of(key), n.getInlineMap()));
            }
            return new Statement.NatMap(snat, key, name);
        }
        IpAddr lo = null;
        IpAddr hi = null;
        if (n.getAddress() != null) {
            lo = IpAddr.parse(n.getAddress().toString());
            hi = n.getAddressEnd() == null ? lo : IpAddr.parse(n.getAddressEnd().toString());
            if (!lo.sameFamily(hi)) {
                throw new IllegalArgumentException("nat range " + lo + "-" + hi + " mixes address families");
            }
            if (n.isSetAddressFamily() && (n.getAddressFamily() == org.netwright.model.NftFamily.IP6) != lo.isV6()) {
                throw new IllegalArgumentException(n.getKind().getLiteral() + " " + n.getAddressFamily().getLiteral()
                        + " to " + lo + ": an address of the other family");
            }
        }
        NatRange range = new NatRange(lo, hi, plo, phi, flags);
        return snat ? new Statement.Snat(range) : new Statement.Dnat(range);
    }

    /** A verdict map on one packet field; concatenated keys (kube-proxy's service dispatch) are not modelled here. */
    private Statement vmap(NfTable.Builder tb, NftVmap v) {
        if (v.getKey() instanceof org.netwright.model.NftNumgenExpr || v.getKey() instanceof org.netwright.model.NftHashExpr) {
            return chanceVmap(v);
        }
        if (v.getKey() instanceof org.netwright.model.NftConcatExpr c) {
            List<MapKey> keys = new ArrayList<>();
            List<KeyKind> kinds = new ArrayList<>();
            for (NftExpr part : c.getParts()) {
                MapKey k = mapKey(part);
                if (k.isName()) {
                    throw new Unsupported("vmap on " + ModelText.expr(v.getKey()));
                }
                keys.add(k);
                kinds.add(KeyKind.of(k));
            }
            String name;
            if (v.getMap() != null) {
                name = v.getMap().getName();
                if (concatKinds(v.getMap()) == null) {
                    throw new Unsupported("vmap on " + ModelText.expr(v.getKey()) + " with @" + name);
                }
            } else {
                name = "__anon_map_" + (++anonMaps);
                tb.map(concatMap(name, kinds, v.getElements()));
            }
            return new Statement.ConcatVerdictMap(keys, name);
        }
        MapKey key = mapKey(v.getKey());
        if (key == MapKey.L4PROTO) {
            throw new Unsupported("vmap on " + ModelText.expr(v.getKey()));
        }
        String name;
        if (v.getMap() != null) {
            name = v.getMap().getName();
        } else {
            name = "__anon_map_" + (++anonMaps);
            tb.map(namedMap(name, KeyKind.of(key), v.getElements()));
        }
        return new Statement.VerdictMap(key, name);
    }

    /** The most values a random or hashed verdict map may have for the engine to branch on each. */
    static final int MAX_CHANCE_VALUES = 64;

    /**
     * {@code numgen random mod N [offset M] vmap {...}} and {@code jhash/symhash ... mod N vmap {...}}: each value of
     * 0..N-1 (plus the offset) with probability 1/N, the verdict its element gives (none: the rule goes on). A hash is
     * taken as uniform: its seed is the kernel's random choice unless given, and the flows of a run are few.
     * {@code numgen inc} is a counter, not a choice: not modelled here.
     */
    private Statement chanceVmap(NftVmap v) {
        long mod;
        long offset;
        org.netwright.engine.Choice.Kind kind;
        if (v.getKey() instanceof org.netwright.model.NftNumgenExpr n) {
            if (n.getMode() != org.netwright.model.NftNumgenMode.RANDOM) {
                throw new Unsupported("vmap on " + ModelText.expr(n));
            }
            mod = n.getModulus();
            offset = n.isSetOffset() ? n.getOffset() : 0;
            kind = org.netwright.engine.Choice.Kind.RANDOM;
        } else {
            org.netwright.model.NftHashExpr h = (org.netwright.model.NftHashExpr) v.getKey();
            mod = h.getModulus();
            offset = h.isSetOffset() ? h.getOffset() : 0;
            kind = org.netwright.engine.Choice.Kind.HASH;
        }
        if (mod < 1 || mod > MAX_CHANCE_VALUES) {
            throw new Unsupported("vmap on " + ModelText.expr(v.getKey()) + " (more than " + MAX_CHANCE_VALUES + " values)");
        }
        List<Statement> verdicts = new ArrayList<>(java.util.Collections.nCopies((int) mod, (Statement) null));
        List<NftMapElement> elements = v.getMap() != null ? v.getMap().getElements() : v.getElements();
        for (NftMapElement e : elements) {
            if (e.getVerdict() == null) {
                throw new Unsupported("vmap element without a verdict");
            }
            Statement verdict = statement(null, e.getVerdict());
            for (long x : generated(lit(e.getKey()), offset, mod)) {
                verdicts.set((int) (x - offset), verdict);
            }
        }
        return new Statement.ChanceVmap(kind, ModelText.expr(v.getKey()) + " vmap", verdicts);
    }

    private static MapKey mapKey(NftExpr e) {
        if (e instanceof NftPayloadExpr p) {
            switch (p.getField()) {
                case SADDR:
                    if (p.getProtocol() == org.netwright.model.NftPayloadProto.IP) {
                        return MapKey.SADDR;
                    }
                    break;
                case DADDR:
                    if (p.getProtocol() == org.netwright.model.NftPayloadProto.IP) {
                        return MapKey.DADDR;
                    }
                    break;
                case SPORT:
                    return switch (p.getProtocol()) {
                        case TCP -> MapKey.TCP_SPORT;
                        case UDP -> MapKey.UDP_SPORT;
                        case TH -> MapKey.SPORT;
                        default -> throw new Unsupported("map key " + ModelText.expr(e));
                    };
                case DPORT:
                    return switch (p.getProtocol()) {
                        case TCP -> MapKey.TCP_DPORT;
                        case UDP -> MapKey.UDP_DPORT;
                        case TH -> MapKey.DPORT;
                        default -> throw new Unsupported("map key " + ModelText.expr(e));
                    };
                default:
                    break;
            }
        } else if (e instanceof NftMetaExpr m) {
            if (m.getKey() == org.netwright.model.NftMetaKey.MARK) {
                return MapKey.MARK;
            }
            if (m.getKey() == org.netwright.model.NftMetaKey.L4PROTO) {
                return MapKey.L4PROTO;
            }
            if (m.getKey() == org.netwright.model.NftMetaKey.IIFNAME || m.getKey() == org.netwright.model.NftMetaKey.IIF) {
                return MapKey.IIFNAME;
            }
            if (m.getKey() == org.netwright.model.NftMetaKey.OIFNAME || m.getKey() == org.netwright.model.NftMetaKey.OIF) {
                return MapKey.OIFNAME;
            }
        }
        throw new Unsupported("map key " + ModelText.expr(e));
    }

    /**
     * {@code meta mark set meta mark & M | V} (and ct mark on itself): the kernel's bitwise is {@code (x & mask) ^ xor};
     * the operations fold into one such pair, which is MARK --set-xmark's {@code (x & ~m) ^ v}.
     */
    private static Statement bitwiseMark(NftExpr target, NftExprValue ev) {
        boolean meta = target instanceof NftMetaExpr t && t.getKey() == org.netwright.model.NftMetaKey.MARK
                && ev.getExpr() instanceof NftMetaExpr f && f.getKey() == org.netwright.model.NftMetaKey.MARK;
        boolean ct = target instanceof NftCtExpr t2 && t2.getKey() == org.netwright.model.NftCtKey.MARK
                && ev.getExpr() instanceof NftCtExpr f2 && f2.getKey() == org.netwright.model.NftCtKey.MARK;
        if (!meta && !ct) {
            throw new Unsupported(ModelText.expr(target) + " set " + ModelText.value(ev));
        }
        long mask = 0xffffffffL;
        long xor = 0;
        for (org.netwright.model.NftBinop op : ev.getOps()) {
            long k = number(Words.unquote(op.getOperand())) & 0xffffffffL;
            switch (op.getOp()) {
                case AND -> {
                    mask &= k;
                    xor &= k;
                }
                case OR -> {
                    mask &= ~k & 0xffffffffL;
                    xor = (xor & ~k) ^ k;
                }
                case XOR -> xor ^= k;
                default -> throw new Unsupported(ModelText.expr(target) + " set with a shift");
            }
        }
        long m = ~mask & 0xffffffffL;
        return meta ? new Statement.SetMark(xor & 0xffffffffL, m) : new Statement.SetCtMark(xor & 0xffffffffL, m);
    }

    private Statement set(NftSetStatement s) {
        NftExpr target = s.getTarget();
        NftValue value = s.getValue();
        NftExpr from = value instanceof NftExprValue ev ? ev.getExpr() : null;
        if (value instanceof NftExprValue ev && !ev.getOps().isEmpty()) {
            return bitwiseMark(target, ev);
        }
        if (target instanceof NftMetaExpr me && me.getKey() == org.netwright.model.NftMetaKey.MARK) {
            if (from instanceof NftCtExpr ce && ce.getKey() == org.netwright.model.NftCtKey.MARK) {
                return new Statement.MarkFromCtMark(0xffffffffL);
            }
            if (from == null) {
                return new Statement.SetMark(number(single(lits(value), "meta mark set")), 0xffffffffL);
            }
        } else if (target instanceof NftCtExpr ce) {
            if (ce.getKey() == org.netwright.model.NftCtKey.MARK) {
                if (from instanceof NftMetaExpr me && me.getKey() == org.netwright.model.NftMetaKey.MARK) {
                    return new Statement.CtMarkFromMark(0xffffffffL);
                }
                if (from == null) {
                    return new Statement.SetCtMark(number(single(lits(value), "ct mark set")), 0xffffffffL);
                }
            } else if (ce.getKey() == org.netwright.model.NftCtKey.ZONE && from == null) {
                return new Statement.SetCtZone((int) number(single(lits(value), "ct zone set")));
            }
        } else if (target instanceof NftPayloadExpr p && (p.getProtocol() == org.netwright.model.NftPayloadProto.IP
                || p.getProtocol() == org.netwright.model.NftPayloadProto.IP6) && from == null) {
            boolean v6 = p.getProtocol() == org.netwright.model.NftPayloadProto.IP6;
            switch (p.getField()) {
                case SADDR:
                    return new Statement.SetSaddr(rewriteAddress(single(lits(value), "saddr set"), v6));
                case DADDR:
                    return new Statement.SetDaddr(rewriteAddress(single(lits(value), "daddr set"), v6));
                case DSCP:
                    return new Statement.SetDscp(dscp(single(lits(value), "ip dscp set")));
                default:
                    break;
            }
        }
        throw new Unsupported(ModelText.expr(target) + " set " + (from != null ? ModelText.expr(from) : "..."));
    }
}
