package org.netwright.model.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftArpAddrKind;
import org.netwright.model.NftBinop;
import org.netwright.model.NftConcatExpr;
import org.netwright.model.NftDynset;
import org.netwright.model.NftFibExpr;
import org.netwright.model.NftFibFlag;
import org.netwright.model.NftHashExpr;
import org.netwright.model.NftHashKind;
import org.netwright.model.NftMap;
import org.netwright.model.NftNumgenExpr;
import org.netwright.model.NftObject;
import org.netwright.model.NftObjectLine;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetDecl;
import org.netwright.model.NftSetFlag;
import org.netwright.model.NftVmap;
import org.netwright.model.NftCmpOp;
import org.netwright.model.NftCounter;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftDataType;
import org.netwright.model.NftExpr;
import org.netwright.model.NftExprValue;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftLog;
import org.netwright.model.NftMapElement;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftNat;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftNotrack;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftReject;
import org.netwright.model.NftRejectProto;
import org.netwright.model.NftRtExpr;
import org.netwright.model.NftRule;
import org.netwright.model.NftSetRef;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftStatement;
import org.netwright.model.NftValue;
import org.netwright.model.NftVariableRef;
import org.netwright.model.NftVerdict;
import org.netwright.model.semantics.IpAddress;

/**
 * The one writer of nft rule syntax: a rule, statement, expression or value of the model as {@code nft -f} reads it.
 * The exporter, the {@code .nwp} writer and the rule texts of traces all print through it; the {@link Words} they pass
 * decides how each value is written (checked for the tool, in the language's terms, or as is).
 */
public final class NftPrinter {
    /** Meta keys nft accepts without the {@code meta} keyword. */
    private static final Set<NftMetaKey> UNQUALIFIED_META = Set.of(NftMetaKey.MARK, NftMetaKey.IIF, NftMetaKey.OIF,
            NftMetaKey.IIFNAME, NftMetaKey.OIFNAME, NftMetaKey.IIFTYPE, NftMetaKey.OIFTYPE, NftMetaKey.SKUID,
            NftMetaKey.SKGID, NftMetaKey.NFTRACE, NftMetaKey.PKTTYPE, NftMetaKey.IIFGROUP, NftMetaKey.OIFGROUP);

    private final Words words;

    public NftPrinter(Words words) {
        this.words = words;
    }

    /** The statements and comment of a rule on one line. */
    public String rule(NftRule rule) {
        if (rule.getStatements().isEmpty()) {
            throw words.fail("nft rule without statements");
        }
        List<String> parts = new ArrayList<>();
        for (NftStatement s : rule.getStatements()) {
            parts.add(statement(s));
        }
        if (rule.getComment() != null) {
            parts.add("comment " + words.quoted(rule.getComment(), 128, "nft rule comment"));
        }
        return String.join(" ", parts);
    }

    public String statement(NftStatement s) {
        if (s instanceof NftMatch m) {
            StringBuilder b = new StringBuilder(expr(m.getLeft()));
            if (m.getMask() != null) {
                b.append(" & ").append(words.atom(m.getMask(), "nft mask"));
            }
            String op = switch (m.getOp() == null ? NftCmpOp.IMPLICIT : m.getOp()) {
                case IMPLICIT -> "";
                case EQ -> "==";
                case NE -> "!=";
                case LT -> "<";
                case GT -> ">";
                case LE -> "<=";
                case GE -> ">=";
            };
            if (!op.isEmpty()) {
                b.append(' ').append(op);
            }
            return b.append(' ').append(value(m.getRight(), stringType(m.getLeft()))).toString();
        }
        if (s instanceof NftSetStatement st) {
            return expr(st.getTarget()) + " set " + value(st.getValue(), stringType(st.getTarget()));
        }
        if (s instanceof NftVerdict v) {
            return verdict(v);
        }
        if (s instanceof NftReject r) {
            NftRejectProto proto = r.getWithProto() == null ? NftRejectProto.NONE : r.getWithProto();
            return switch (proto) {
                case NONE -> "reject";
                case TCP -> "reject with tcp reset";
                default -> "reject with " + proto.getLiteral() + " type " + words.word(r.getWithType(), "reject type");
            };
        }
        if (s instanceof NftCounter c) {
            if (c.getPackets() == 0 && c.getBytes() == 0) {
                return "counter";
            }
            return "counter packets " + decimal(c.getPackets(), "counter packets") + " bytes " + decimal(c.getBytes(), "counter bytes");
        }
        if (s instanceof NftLog l) {
            return log(l);
        }
        if (s instanceof NftNat n) {
            return nat(n);
        }
        if (s instanceof NftNotrack) {
            return "notrack";
        }
        if (s instanceof NftVmap v) {
            return expr(v.getKey()) + " vmap " + mapRef(v.getMap(), v.getElements(), "vmap");
        }
        if (s instanceof NftDynset d) {
            if (d.getOp() == null || d.getSet() == null || d.getKey() == null) {
                throw words.fail("nft set statement without operation, set or key");
            }
            return d.getOp().getLiteral() + " @" + words.name(d.getSet().getName(), "nft set name") + " { " + expr(d.getKey())
                    + (d.getTimeout() != null ? " timeout " + time(d.getTimeout(), "nft set statement timeout") : "") + " }";
        }
        throw words.fail("nft statement " + s.eClass().getName() + " cannot be written");
    }

    private String decimal(long value, String what) {
        if (value < 0) {
            throw words.fail(what + " " + value + " is out of range 0.." + Long.MAX_VALUE);
        }
        return Long.toString(value);
    }

    private String verdict(NftVerdict v) {
        if (v.getKind() == null) {
            throw words.fail("nft verdict without kind");
        }
        return switch (v.getKind()) {
            case JUMP, GOTO -> {
                if (v.getChain() == null) {
                    throw words.fail("nft " + v.getKind().getLiteral() + " without target chain");
                }
                yield v.getKind().getLiteral() + " " + words.name(v.getChain().getName(), "nft chain name");
            }
            case QUEUE -> v.isSetQueueNum() ? "queue num " + range(v.getQueueNum(), 65535, "queue number") : "queue";
            default -> v.getKind().getLiteral();
        };
    }

    private String range(long value, long max, String what) {
        if (value < 0 || value > max) {
            throw words.fail(what + " " + value + " is out of range 0.." + max);
        }
        return Long.toString(value);
    }

    private String log(NftLog l) {
        StringBuilder b = new StringBuilder("log");
        if (l.getPrefix() != null) {
            b.append(" prefix ").append(words.quoted(l.getPrefix(), 127, "log prefix"));
        }
        if (l.getLevel() != null && l.isSetGroup()) {
            throw words.fail("nft log cannot have both a level and a group (nft rejects it)");
        }
        if (l.getLevel() != null) {
            b.append(" level ").append(words.word(l.getLevel(), "log level"));
        }
        if (l.isSetGroup()) {
            b.append(" group ").append(range(l.getGroup(), 65535, "log group"));
        }
        return b.toString();
    }

    private String nat(NftNat n) {
        NftNatKind kind = n.getKind();
        if (kind == null) {
            throw words.fail("nft nat statement without kind");
        }
        StringBuilder b = new StringBuilder(kind.getLiteral());
        if (kind == NftNatKind.SNAT || kind == NftNatKind.DNAT) {
            if (n.isSetAddressFamily() && n.getAddressFamily() != null) {
                b.append(' ').append(n.getAddressFamily().getLiteral());
            }
            b.append(" to ");
            if (n.getMapKey() != null) {
                b.append(expr(n.getMapKey())).append(" map ").append(mapRef(n.getMap(), n.getInlineMap(), kind.getLiteral() + " map"));
            } else {
                b.append(natAddress(n));
            }
        } else if (n.getPorts() != null) {
            b.append(" to :").append(n.getPorts());
        }
        if (!n.getFlags().isEmpty()) {
            b.append(' ').append(n.getFlags().stream().map(f -> f.getLiteral().replace('_', '-')).distinct().collect(Collectors.joining(",")));
        }
        return b.toString();
    }

    private String natAddress(NftNat n) {
        if (n.getAddress() == null) {
            throw words.fail("nft " + n.getKind().getLiteral() + " without address");
        }
        // before ports, nft brackets each IPv6 address of the range: [2001:db8::1]-[2001:db8::5]:8080-8090
        boolean brackets = n.getPorts() != null && n.getAddress().family() == IpAddress.Family.IPV6;
        String address = bracketed(words.address(n.getAddress().toString(), true, "nat address"), brackets);
        if (n.getAddressEnd() != null) {
            address += "-" + bracketed(words.address(n.getAddressEnd().toString(), false, "nat address range end"), brackets);
        }
        return n.getPorts() != null ? address + ":" + n.getPorts() : address;
    }

    private static String bracketed(String address, boolean brackets) {
        return brackets ? "[" + address + "]" : address;
    }

    /** A named map (@name) or an anonymous one ({ k : v, ... }). */
    private String mapRef(NftMap map, List<NftMapElement> inline, String what) {
        if (map != null) {
            return "@" + words.name(map.getName(), "nft map name");
        }
        if (inline.isEmpty()) {
            throw words.fail("nft " + what + " has neither a named nor an anonymous map");
        }
        return "{ " + inline.stream().map(e -> mapElement(e, List.of(), List.of())).collect(Collectors.joining(", ")) + " }";
    }

    /** A map element {@code key : value} or {@code key : verdict}; the types (one per concatenated part) may be empty. */
    public String mapElement(NftMapElement e, List<String> keyTypes, List<String> valueTypes) {
        String value;
        if (e.getVerdict() != null) {
            value = verdict(e.getVerdict());
        } else if (e.getValue() != null) {
            value = concatenation(e.getValue(), valueTypes);
        } else {
            throw words.fail("nft map element without a value");
        }
        return element(e.getKey(), keyTypes) + " : " + value;
    }

    /**
     * The body lines of a set or map declaration in the order nft lists them: type (or typeof), policy, size, flags,
     * counter, auto-merge, timeout, gc-interval, comment, elements.
     */
    public List<String> declaration(NftSetDecl decl) {
        List<String> lines = new ArrayList<>();
        List<String> keyTypes;
        List<String> valueTypes = List.of();
        if (decl instanceof NftSet set) {
            keyTypes = set.getTypes();
            lines.add(set.getTypeof() != null ? "typeof " + expr(set.getTypeof()) : "type " + dataTypes(set.getTypes(), set.getName()));
        } else {
            NftMap map = (NftMap) decl;
            keyTypes = map.getKeyTypes();
            valueTypes = map.getValueTypes();
            String key = map.getKeyTypeof() != null ? "typeof " + expr(map.getKeyTypeof()) : "type " + dataTypes(map.getKeyTypes(), map.getName());
            String value = map.getValueTypeof() != null ? expr(map.getValueTypeof()) : dataTypes(map.getValueTypes(), map.getName());
            lines.add(key + " : " + value);
        }
        if (decl.getPolicy() != null) {
            lines.add("policy " + words.word(decl.getPolicy(), "nft set policy"));
        }
        if (decl.isSetSize()) {
            lines.add("size " + range(decl.getSize(), Integer.MAX_VALUE, "nft set size"));
        }
        if (!decl.getFlags().isEmpty()) {
            // in the order nft lists them
            List<NftSetFlag> order = List.of(NftSetFlag.CONSTANT, NftSetFlag.DYNAMIC, NftSetFlag.INTERVAL, NftSetFlag.TIMEOUT);
            lines.add("flags " + order.stream().filter(decl.getFlags()::contains).map(NftSetFlag::getLiteral).collect(Collectors.joining(",")));
        }
        if (decl.isCounter()) {
            lines.add("counter");
        }
        if (decl.isAutoMerge()) {
            lines.add("auto-merge");
        }
        if (decl.getTimeout() != null) {
            lines.add("timeout " + time(decl.getTimeout(), "nft set timeout"));
        }
        if (decl.getGcInterval() != null) {
            lines.add("gc-interval " + time(decl.getGcInterval(), "nft set gc-interval"));
        }
        if (decl.getComment() != null) {
            lines.add("comment " + words.quoted(decl.getComment(), 128, "nft set comment"));
        }
        List<String> elements = new ArrayList<>();
        if (decl instanceof NftSet set) {
            set.getElements().forEach(e -> elements.add(element(e, keyTypes)));
        } else {
            List<String> vt = valueTypes;
            ((NftMap) decl).getElements().forEach(e -> elements.add(mapElement(e, keyTypes, vt)));
        }
        if (!elements.isEmpty()) {
            lines.add("elements = { " + String.join(", ", elements) + " }");
        }
        return lines;
    }

    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("\\d+([a-z]+\\d*)*");
    private static final java.util.regex.Pattern DATA_TYPE = java.util.regex.Pattern.compile("[a-z][a-z0-9_]*");

    private String time(String t, String what) {
        if (t == null || !TIME.matcher(t).matches()) {
            throw words.fail(what + " '" + t + "' is not a time such as 3h, 10m30s or 500ms");
        }
        return t;
    }

    private String dataTypes(List<String> types, String owner) {
        if (types.isEmpty()) {
            throw words.fail("nft set/map '" + owner + "' has no type");
        }
        for (String t : types) {
            if (t == null || !DATA_TYPE.matcher(t).matches()) {
                throw words.fail("data type '" + t + "' of nft set/map '" + owner + "' is not an nft data type name");
            }
        }
        return String.join(" . ", types);
    }

    /** A named object (counter, quota, ct helper, ...) as nft lists it; indent and line break given by the caller. */
    public String object(NftObject o, String indent, String close) {
        if (o.getKind() == null) {
            throw words.fail("nft object '" + o.getName() + "' has no kind");
        }
        StringBuilder b = new StringBuilder(o.getKind().getLiteral()).append(' ').append(words.name(o.getName(), "nft object name")).append(" {");
        for (NftObjectLine line : o.getLines()) {
            List<String> ws = new ArrayList<>();
            for (String w : line.getWords()) {
                ws.add(w != null && w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"")
                        ? words.quoted(w.substring(1, w.length() - 1), 255, "nft object string")
                        : w != null && w.matches("[=,:+-]") ? w : words.atom(w, "word of an nft object"));
            }
            b.append('\n').append(indent).append(String.join(" ", ws));
        }
        return b.append(close).append('}').toString();
    }

    /** The type hint of a key part: interface names are always quoted. */
    private static NftDataType hint(List<String> types, int index) {
        return index < types.size() && "ifname".equals(types.get(index)) ? NftDataType.IFNAME : null;
    }

    /** A declared element: its value (a concatenation walks the key types) and its own options. */
    public String element(NftLiteral l, List<String> types) {
        StringBuilder b = new StringBuilder(concatenation(l, types));
        if (l.getTimeout() != null) {
            b.append(" timeout ").append(time(l.getTimeout(), "nft element timeout"));
        }
        if (l.getExpires() != null) {
            b.append(" expires ").append(time(l.getExpires(), "nft element expires"));
        }
        if (l.getCounter() != null) {
            // an element's counter is listed with its values, zero too
            b.append(" counter packets ").append(decimal(l.getCounter().getPackets(), "counter packets")).append(" bytes ")
                    .append(decimal(l.getCounter().getBytes(), "counter bytes"));
        }
        if (l.getComment() != null) {
            b.append(" comment ").append(words.quoted(l.getComment(), 128, "nft element comment"));
        }
        return b.toString();
    }

    private String concatenation(NftLiteral l, List<String> types) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (NftLiteral p = l; p != null; p = p.getNext(), i++) {
            if (i > 32) {
                throw words.fail("nft concatenation of more than 32 values");
            }
            String s = atom(p.getValue(), hint(types, i));
            if (p.getRangeEnd() != null) {
                s += "-" + atom(p.getRangeEnd(), hint(types, i));
            }
            parts.add(s);
        }
        return String.join(" . ", parts);
    }

    public String expr(NftExpr e) {
        if (e instanceof NftPayloadExpr p) {
            if (p.getProtocol() == null || p.getField() == null) {
                throw words.fail("nft payload expression without protocol or field");
            }
            String s = p.getProtocol().getLiteral() + " " + p.getField().getLiteral();
            if (p.getSubField() != null && p.getSubField() != NftArpAddrKind.NONE) {
                s += " " + p.getSubField().getLiteral();
            }
            return s;
        }
        if (e instanceof NftMetaExpr m) {
            if (m.getKey() == null) {
                throw words.fail("nft meta expression without key");
            }
            boolean meta = m.isExplicitMeta() || !UNQUALIFIED_META.contains(m.getKey());
            return (meta ? "meta " : "") + m.getKey().getLiteral();
        }
        if (e instanceof NftCtExpr c && c.getKey() != null) {
            return "ct " + (c.getDirection() != null ? words.word(c.getDirection(), "ct direction") + " " : "") + c.getKey().getLiteral();
        }
        if (e instanceof NftRtExpr r && r.getKey() != null) {
            return "rt " + r.getKey().getLiteral();
        }
        if (e instanceof NftConcatExpr c && c.getParts().size() >= 2) {
            return c.getParts().stream().map(this::expr).collect(Collectors.joining(" . "));
        }
        if (e instanceof NftFibExpr f && !f.getFlags().isEmpty() && f.getResult() != null) {
            return "fib " + f.getFlags().stream().map(NftFibFlag::getLiteral).collect(Collectors.joining(" . ")) + " " + f.getResult().getLiteral();
        }
        if (e instanceof NftNumgenExpr n && n.getMode() != null) {
            return "numgen " + n.getMode().getLiteral() + " mod " + range(n.getModulus(), 0xffffffffL, "numgen modulus")
                    + (n.isSetOffset() ? " offset " + range(n.getOffset(), 0xffffffffL, "numgen offset") : "");
        }
        if (e instanceof NftHashExpr h && h.getKind() != null) {
            StringBuilder b = new StringBuilder(h.getKind().getLiteral());
            if (h.getKind() == NftHashKind.JHASH) {
                if (h.getExpr() == null) {
                    throw words.fail("jhash without an expression");
                }
                b.append(' ').append(expr(h.getExpr()));
            }
            b.append(" mod ").append(range(h.getModulus(), 0xffffffffL, "hash modulus"));
            if (h.isSetSeed()) {
                range(h.getSeed(), 0xffffffffL, "jhash seed");
                b.append(" seed 0x").append(Long.toHexString(h.getSeed()));
            }
            if (h.isSetOffset()) {
                b.append(" offset ").append(range(h.getOffset(), 0xffffffffL, "hash offset"));
            }
            return b.toString();
        }
        throw words.fail("nft expression " + (e == null ? "null" : e.eClass().getName()) + " is incomplete");
    }

    /** Whether values compared with this expression are strings (interface names): always quoted. */
    private static NftDataType stringType(NftExpr e) {
        if (e instanceof NftMetaExpr m && (m.getKey() == NftMetaKey.IIFNAME || m.getKey() == NftMetaKey.OIFNAME)) {
            return NftDataType.IFNAME;
        }
        return null;
    }

    /** A right-hand side; values of type {@code ifname} are quoted. */
    public String value(NftValue v, NftDataType type) {
        if (v instanceof NftLiteral l) {
            return literal(l, type);
        }
        if (v instanceof NftListValue list && !list.getElements().isEmpty()) {
            return list.getElements().stream().map(l -> literal(l, type)).collect(Collectors.joining(","));
        }
        if (v instanceof NftAnonymousSet set && !set.getElements().isEmpty()) {
            return "{ " + set.getElements().stream().map(l -> literal(l, type)).collect(Collectors.joining(", ")) + " }";
        }
        if (v instanceof NftSetRef ref && ref.getSet() != null) {
            return "@" + words.name(ref.getSet().getName(), "nft set name");
        }
        if (v instanceof NftVariableRef ref && ref.getVariable() != null) {
            return "$" + words.name(ref.getVariable().getName(), "nft variable name");
        }
        if (v instanceof NftExprValue ev) {
            StringBuilder b = new StringBuilder(expr(ev.getExpr()));
            for (NftBinop op : ev.getOps()) {
                if (op.getOp() == null) {
                    throw words.fail("nft bitwise operation without operator");
                }
                b.append(' ').append(op.getOp().getLiteral()).append(' ').append(words.atom(op.getOperand(), "nft mask"));
            }
            return b.toString();
        }
        throw words.fail("nft value " + (v == null ? "null" : v.eClass().getName()) + " is empty or unresolved");
    }

    /** A value or range {@code a-b}. */
    public String literal(NftLiteral l, NftDataType type) {
        if (l == null) {
            throw words.fail("nft value is missing");
        }
        String s = atom(l.getValue(), type);
        if (l.getRangeEnd() != null) {
            s += "-" + atom(l.getRangeEnd(), type);
        }
        if (l.getNext() != null) {
            s += " . " + concatenation(l.getNext(), List.of());
        }
        return s;
    }

    private String atom(String value, NftDataType type) {
        if (value == null) {
            throw words.fail("nft value is missing");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return words.quoted(value.substring(1, value.length() - 1), 255, "nft string");
        }
        if (type == NftDataType.IFNAME) {
            return words.quoted(value, 15, "interface name");
        }
        return words.atom(value, "nft value");
    }
}
