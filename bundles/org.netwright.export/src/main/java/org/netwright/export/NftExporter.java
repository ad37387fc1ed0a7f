package org.netwright.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.netwright.model.Interface;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftChain;
import org.netwright.model.NftCounter;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftDataType;
import org.netwright.model.NftDefine;
import org.netwright.model.NftExpr;
import org.netwright.model.NftExprValue;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftLog;
import org.netwright.model.NftMap;
import org.netwright.model.NftMapElement;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftNat;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftNotrack;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftPolicy;
import org.netwright.model.NftPriority;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftReject;
import org.netwright.model.NftRejectProto;
import org.netwright.model.NftRtExpr;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetFlag;
import org.netwright.model.NftSetRef;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftValue;
import org.netwright.model.NftVariableRef;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftArpAddrKind;
import org.netwright.model.NftBinop;
import org.netwright.model.NftConcatExpr;
import org.netwright.model.NftDynset;
import org.netwright.model.NftFibExpr;
import org.netwright.model.NftFibFlag;
import org.netwright.model.NftHashExpr;
import org.netwright.model.NftHashKind;
import org.netwright.model.NftNumgenExpr;
import org.netwright.model.NftObject;
import org.netwright.model.NftObjectLine;
import org.netwright.model.NftSetDecl;
import org.netwright.model.NftVmap;

/**
 * The nftables rulesets of one namespace as an {@code nft -f} script. The script is one atomic
 * transaction: it starts with {@code flush ruleset} when the model says so, otherwise every table
 * it defines is first created empty and deleted, so loading it twice gives the same ruleset and
 * tables of other owners (iptables-nft) stay untouched.
 */
public final class NftExporter {
    /** Meta keys nft accepts without the {@code meta} keyword. */
    private static final Set<NftMetaKey> UNQUALIFIED_META = Set.of(NftMetaKey.MARK, NftMetaKey.IIF, NftMetaKey.OIF,
            NftMetaKey.IIFNAME, NftMetaKey.OIFNAME, NftMetaKey.IIFTYPE, NftMetaKey.OIFTYPE, NftMetaKey.SKUID,
            NftMetaKey.SKGID, NftMetaKey.NFTRACE, NftMetaKey.PKTTYPE);

    private NftExporter() {
    }

    /** @return the script, or "" when the rulesets define nothing */
    public static String export(String namespace, List<NftRuleset> rulesets) {
        boolean any = rulesets.stream().anyMatch(r -> r.isFlushRuleset() || !r.getTables().isEmpty() || !r.getDefines().isEmpty());
        if (!any) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("#!/usr/sbin/nft -f\n");
        out.append("# nftables ruleset of namespace ").append(Values.namespaceName(namespace)).append(", exported by Netwright.\n");
        out.append("# One transaction: nft -f ruleset.nft (check only: nft -c -f ruleset.nft)\n\n");
        if (rulesets.stream().anyMatch(NftRuleset::isFlushRuleset)) {
            out.append("flush ruleset\n\n");
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (NftRuleset ruleset : rulesets) {
                for (NftTable table : ruleset.getTables()) {
                    seen.add(tableId(table));
                }
            }
            for (String table : seen) {
                out.append("table ").append(table).append('\n');
                out.append("delete table ").append(table).append('\n');
            }
            if (!seen.isEmpty()) {
                out.append('\n');
            }
        }
        Set<String> defined = new HashSet<>();
        for (NftRuleset ruleset : rulesets) {
            for (NftDefine define : ruleset.getDefines()) {
                String name = Values.nftName(define.getName(), "nft define name");
                out.append(defined.add(name) ? "define " : "redefine ").append(name).append(" = ")
                        .append(value(define.getValue(), null)).append('\n');
            }
            if (!ruleset.getDefines().isEmpty()) {
                out.append('\n');
            }
            for (NftTable table : ruleset.getTables()) {
                table(out, table);
            }
        }
        return out.toString();
    }

    private static String tableId(NftTable table) {
        if (table.getFamily() == null) {
            throw new ExportException("nft table '" + table.getName() + "' has no family");
        }
        return table.getFamily().getLiteral() + " " + Values.nftName(table.getName(), "nft table name");
    }

    private static void table(StringBuilder out, NftTable table) {
        out.append("table ").append(tableId(table)).append(" {\n");
        if (table.getComment() != null) {
            out.append("\tcomment ").append(Values.quotedString(table.getComment(), 128, "nft table comment")).append('\n');
        }
        String sep = "";
        // nft lists a table's stateful objects first, then its sets and maps, then its chains
        for (NftObject object : table.getObjects()) {
            out.append(sep);
            out.append('\t').append(object(object, "\t\t", "\n\t")).append('\n');
            sep = "\n";
        }
        for (NftSet set : table.getSets()) {
            out.append(sep);
            out.append("\tset ").append(Values.nftName(set.getName(), "nft set name")).append(" {\n");
            for (String line : declaration(set)) {
                out.append("\t\t").append(line).append('\n');
            }
            out.append("\t}\n");
            sep = "\n";
        }
        for (NftMap map : table.getMaps()) {
            out.append(sep);
            out.append("\tmap ").append(Values.nftName(map.getName(), "nft map name")).append(" {\n");
            for (String line : declaration(map)) {
                out.append("\t\t").append(line).append('\n');
            }
            out.append("\t}\n");
            sep = "\n";
        }
        for (NftChain chain : table.getChains()) {
            out.append(sep);
            chain(out, chain);
            sep = "\n";
        }
        out.append("}\n\n");
    }

    /**
     * The body lines of a set or map declaration in the order nft lists them: type (or typeof), policy, size, flags,
     * counter, auto-merge, timeout, gc-interval, comment, elements. Shared with the .nwp writer.
     */
    public static List<String> declaration(NftSetDecl decl) {
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
            lines.add("policy " + Values.word(decl.getPolicy(), "nft set policy"));
        }
        if (decl.isSetSize()) {
            lines.add("size " + Values.range(decl.getSize(), 1, Integer.MAX_VALUE, "nft set size"));
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
            lines.add("comment " + Values.quotedString(decl.getComment(), 128, "nft set comment"));
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

    private static String time(String t, String what) {
        if (t == null || !TIME.matcher(t).matches()) {
            throw Values.fail(what, t, "is not a time such as 3h, 10m30s or 500ms");
        }
        return t;
    }

    private static String dataTypes(List<String> types, String owner) {
        if (types.isEmpty()) {
            throw new ExportException("nft set/map '" + owner + "' has no type");
        }
        for (String t : types) {
            if (t == null || !DATA_TYPE.matcher(t).matches()) {
                throw Values.fail("data type of nft set/map '" + owner + "'", t, "is not an nft data type name");
            }
        }
        return String.join(" . ", types);
    }

    /** A named object (counter, quota, ct helper, ...) as nft lists it; indent and line break given by the caller. */
    public static String object(NftObject o, String indent, String close) {
        if (o.getKind() == null) {
            throw new ExportException("nft object '" + o.getName() + "' has no kind");
        }
        StringBuilder b = new StringBuilder(o.getKind().getLiteral()).append(' ').append(Values.nftName(o.getName(), "nft object name"))
                .append(" {");
        for (NftObjectLine line : o.getLines()) {
            List<String> words = new ArrayList<>();
            for (String w : line.getWords()) {
                words.add(objectWord(w));
            }
            b.append('\n').append(indent).append(String.join(" ", words));
        }
        return b.append(close).append('}').toString();
    }

    private static String objectWord(String w) {
        if (w != null && w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"")) {
            return Values.quotedString(w.substring(1, w.length() - 1), 255, "nft object string");
        }
        if (w != null && (Values.isNftToken(w) || w.matches("[=,:+-]"))) {
            return w;
        }
        throw Values.fail("word of an nft object", w, "is not a value, number or symbol nft reads");
    }

    /** The type hint of a key part: interface names are always quoted. */
    private static NftDataType hint(List<String> types, int index) {
        return index < types.size() && "ifname".equals(types.get(index)) ? NftDataType.IFNAME : null;
    }

    /** A declared element: its value (a concatenation walks the key types) and its own options. */
    static String element(NftLiteral l, List<String> types) {
        StringBuilder b = new StringBuilder(concatenation(l, types));
        if (l.getTimeout() != null) {
            b.append(" timeout ").append(time(l.getTimeout(), "nft element timeout"));
        }
        if (l.getExpires() != null) {
            b.append(" expires ").append(time(l.getExpires(), "nft element expires"));
        }
        if (l.getCounter() != null) {
            b.append(' ').append(statement(l.getCounter()));
        }
        if (l.getComment() != null) {
            b.append(" comment ").append(Values.quotedString(l.getComment(), 128, "nft element comment"));
        }
        return b.toString();
    }

    private static String concatenation(NftLiteral l, List<String> types) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (NftLiteral p = l; p != null; p = p.getNext(), i++) {
            if (i > 32) {
                throw new ExportException("nft concatenation of more than 32 values");
            }
            String s = atom(p.getValue(), hint(types, i));
            if (p.getRangeEnd() != null) {
                s += "-" + atom(p.getRangeEnd(), hint(types, i));
            }
            parts.add(s);
        }
        return String.join(" . ", parts);
    }

    static String mapElement(NftMapElement e, List<String> keyTypes, List<String> valueTypes) {
        String value;
        if (e.getVerdict() != null) {
            value = verdict(e.getVerdict());
        } else if (e.getValue() != null) {
            value = concatenation(e.getValue(), valueTypes);
        } else {
            throw new ExportException("nft map element without a value");
        }
        return element(e.getKey(), keyTypes) + " : " + value;
    }

    private static void chain(StringBuilder out, NftChain chain) {
        out.append("\tchain ").append(Values.nftName(chain.getName(), "nft chain name")).append(" {\n");
        if (chain.getComment() != null) {
            out.append("\t\tcomment ").append(Values.quotedString(chain.getComment(), 128, "nft chain comment")).append('\n');
        }
        NftHookSpec hook = chain.getHook();
        if (hook != null) {
            out.append("\t\t").append(hookSpec(hook, chain.getName()));
            if (chain.getPolicy() != null && chain.getPolicy() != NftPolicy.UNSPECIFIED) {
                out.append(" policy ").append(chain.getPolicy().getLiteral()).append(';');
            }
            out.append('\n');
        } else if (chain.getPolicy() != null && chain.getPolicy() != NftPolicy.UNSPECIFIED) {
            throw new ExportException("nft chain '" + chain.getName() + "' has a policy but no hook; only base chains have a policy");
        }
        for (NftRule rule : chain.getRules()) {
            if (rule.getStatements().isEmpty()) {
                // an imported rule the importer could not understand (kept opaque): nft cannot load it from the model
                String what = rule.getComment() == null ? "" : rule.getComment().replaceAll("\\p{Cntrl}", " ");
                out.append("\t\t# not exported (a rule without statements): ").append(what).append('\n');
                continue;
            }
            out.append("\t\t").append(rule(rule)).append('\n');
        }
        out.append("\t}\n");
    }

    private static String hookSpec(NftHookSpec hook, String chain) {
        if (hook.getType() == null || hook.getHook() == null) {
            throw new ExportException("nft base chain '" + chain + "' needs a type and a hook");
        }
        StringBuilder b = new StringBuilder("type ").append(hook.getType().getLiteral()).append(" hook ").append(hook.getHook().getLiteral());
        List<Interface> devices = hook.getDevices();
        if (devices.size() == 1) {
            b.append(" device ").append(device(devices.get(0), chain));
        } else if (devices.size() > 1) {
            b.append(" devices = { ").append(devices.stream().map(d -> device(d, chain)).collect(Collectors.joining(", "))).append(" }");
        }
        b.append(" priority ").append(priority(hook.getPriority(), chain)).append(';');
        return b.toString();
    }

    private static String device(Interface itf, String chain) {
        String name = Values.interfaceName(itf.getName(), "device of nft chain '" + chain + "'");
        return Values.quotedString(name, KernelNames.MAX_INTERFACE_NAME, "device of nft chain '" + chain + "'");
    }

    static String priority(NftPriority priority, String chain) {
        if (priority == null) {
            throw new ExportException("nft base chain '" + chain + "' has no priority");
        }
        NftPriorityName keyword = priority.getKeyword();
        int value = priority.getValue();
        if (keyword == null || keyword == NftPriorityName.NUMERIC) {
            return Integer.toString(value);
        }
        if (value == 0) {
            return keyword.getLiteral();
        }
        return keyword.getLiteral() + (value > 0 ? " + " : " - ") + Math.abs((long) value);
    }

    static String rule(NftRule rule) {
        if (rule.getStatements().isEmpty()) {
            throw new ExportException("nft rule without statements");
        }
        List<String> parts = new ArrayList<>();
        for (NftStatement s : rule.getStatements()) {
            parts.add(statement(s));
        }
        if (rule.getComment() != null) {
            parts.add("comment " + Values.quotedString(rule.getComment(), 128, "nft rule comment"));
        }
        return String.join(" ", parts);
    }

    /** A bitmask: a number, or a value of the matched type (MAC address, IPv4/IPv6 address). */
    static String mask(String mask) {
        if (mask != null && (mask.matches("0x[0-9A-Fa-f]{1,32}|\\d{1,20}|[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}") || Values.isIpv4(mask) || Values.isIpv6(mask))) {
            return mask;
        }
        throw Values.fail("nft mask", mask, "is not a number, MAC address or IP address");
    }

    static String statement(NftStatement s) {
        if (s instanceof NftMatch m) {
            StringBuilder b = new StringBuilder(expr(m.getLeft()));
            if (m.getMask() != null) {
                b.append(" & ").append(mask(m.getMask()));
            }
            String op = switch (m.getOp() == null ? org.netwright.model.NftCmpOp.IMPLICIT : m.getOp()) {
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
                default -> "reject with " + proto.getLiteral() + " type " + Values.word(r.getWithType(), "reject type");
            };
        }
        if (s instanceof NftCounter c) {
            if (c.getPackets() == 0 && c.getBytes() == 0) {
                return "counter";
            }
            return "counter packets " + Values.range(c.getPackets(), 0, Long.MAX_VALUE, "counter packets") + " bytes "
                    + Values.range(c.getBytes(), 0, Long.MAX_VALUE, "counter bytes");
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
                throw new ExportException("nft set statement without operation, set or key");
            }
            return d.getOp().getLiteral() + " @" + Values.nftName(d.getSet().getName(), "nft set name") + " { " + expr(d.getKey())
                    + (d.getTimeout() != null ? " timeout " + time(d.getTimeout(), "nft set statement timeout") : "") + " }";
        }
        throw new ExportException("nft statement " + s.eClass().getName() + " is not supported by the exporter");
    }

    private static String verdict(NftVerdict v) {
        if (v.getKind() == null) {
            throw new ExportException("nft verdict without kind");
        }
        return switch (v.getKind()) {
            case JUMP, GOTO -> {
                if (v.getChain() == null) {
                    throw new ExportException("nft " + v.getKind().getLiteral() + " without target chain");
                }
                yield v.getKind().getLiteral() + " " + Values.nftName(v.getChain().getName(), "nft chain name");
            }
            case QUEUE -> v.isSetQueueNum() ? "queue num " + Values.range(v.getQueueNum(), 0, 65535, "queue number") : "queue";
            default -> v.getKind().getLiteral();
        };
    }

    private static String log(NftLog l) {
        StringBuilder b = new StringBuilder("log");
        if (l.getPrefix() != null) {
            b.append(" prefix ").append(Values.quotedString(l.getPrefix(), 127, "log prefix"));
        }
        if (l.getLevel() != null && l.isSetGroup()) {
            throw new ExportException("nft log cannot have both a level and a group (nft rejects it)");
        }
        if (l.getLevel() != null) {
            b.append(" level ").append(Values.word(l.getLevel(), "log level"));
        }
        if (l.isSetGroup()) {
            b.append(" group ").append(Values.range(l.getGroup(), 0, 65535, "log group"));
        }
        return b.toString();
    }

    private static String nat(NftNat n) {
        NftNatKind kind = n.getKind();
        if (kind == null) {
            throw new ExportException("nft nat statement without kind");
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
        } else if (n.getPort() != 0) {
            b.append(" to ").append(ports(n.getPort(), n.getPortEnd()));
        }
        if (!n.getFlags().isEmpty()) {
            b.append(' ').append(n.getFlags().stream().map(f -> f.getLiteral().replace('_', '-')).distinct().collect(Collectors.joining(",")));
        }
        return b.toString();
    }

    /** A named map (@name) or an anonymous one ({ k : v, ... }). */
    private static String mapRef(NftMap map, List<NftMapElement> inline, String what) {
        if (map != null) {
            return "@" + Values.nftName(map.getName(), "nft map name");
        }
        if (inline.isEmpty()) {
            throw new ExportException("nft " + what + " has neither a named nor an anonymous map");
        }
        return "{ " + inline.stream().map(e -> mapElement(e, List.of(), List.of())).collect(Collectors.joining(", ")) + " }";
    }

    private static String natAddress(NftNat n) {
        if (n.getAddress() == null) {
            throw new ExportException("nft " + n.getKind().getLiteral() + " without address");
        }
        String address = n.getAddress().startsWith("$") ? "$" + Values.nftName(n.getAddress().substring(1), "nft variable")
                : Values.prefix(n.getAddress(), "nat address");
        boolean v6 = Values.isIpv6Prefix(address.startsWith("$") ? "0.0.0.0" : address);
        if (n.getAddressEnd() != null) {
            address += "-" + Values.address(n.getAddressEnd(), "nat address range end");
        }
        if (n.getPort() != 0) {
            return (v6 ? "[" + address + "]" : address) + ports(n.getPort(), n.getPortEnd());
        }
        return address;
    }

    private static String ports(int from, int to) {
        String p = ":" + Values.port(from, "nat port");
        if (to != 0 && to != from) {
            if (to < from) {
                throw new ExportException("nat port range " + from + "-" + to + " is reversed");
            }
            p += "-" + Values.port(to, "nat port range end");
        }
        return p;
    }

    static String expr(NftExpr e) {
        if (e instanceof NftPayloadExpr p) {
            if (p.getProtocol() == null || p.getField() == null) {
                throw new ExportException("nft payload expression without protocol or field");
            }
            String s = p.getProtocol().getLiteral() + " " + p.getField().getLiteral();
            if (p.getSubField() != null && p.getSubField() != NftArpAddrKind.NONE) {
                s += " " + p.getSubField().getLiteral();
            }
            return s;
        }
        if (e instanceof NftMetaExpr m) {
            if (m.getKey() == null) {
                throw new ExportException("nft meta expression without key");
            }
            boolean meta = m.isExplicitMeta() || !UNQUALIFIED_META.contains(m.getKey());
            return (meta ? "meta " : "") + m.getKey().getLiteral();
        }
        if (e instanceof NftCtExpr c && c.getKey() != null) {
            return "ct " + c.getKey().getLiteral();
        }
        if (e instanceof NftRtExpr r && r.getKey() != null) {
            return "rt " + r.getKey().getLiteral();
        }
        if (e instanceof NftConcatExpr c && c.getParts().size() >= 2) {
            return c.getParts().stream().map(NftExporter::expr).collect(Collectors.joining(" . "));
        }
        if (e instanceof NftFibExpr f && !f.getFlags().isEmpty() && f.getResult() != null) {
            return "fib " + f.getFlags().stream().map(NftFibFlag::getLiteral).collect(Collectors.joining(" . ")) + " " + f.getResult().getLiteral();
        }
        if (e instanceof NftNumgenExpr n && n.getMode() != null) {
            return "numgen " + n.getMode().getLiteral() + " mod " + Values.range(n.getModulus(), 1, 0xffffffffL, "numgen modulus")
                    + (n.isSetOffset() ? " offset " + Values.range(n.getOffset(), 0, 0xffffffffL, "numgen offset") : "");
        }
        if (e instanceof NftHashExpr h && h.getKind() != null) {
            StringBuilder b = new StringBuilder(h.getKind().getLiteral());
            if (h.getKind() == NftHashKind.JHASH) {
                if (h.getExpr() == null) {
                    throw new ExportException("jhash without an expression");
                }
                b.append(' ').append(expr(h.getExpr()));
            }
            b.append(" mod ").append(Values.range(h.getModulus(), 1, 0xffffffffL, "hash modulus"));
            if (h.isSetSeed()) {
                b.append(" seed 0x").append(Long.toHexString(Values.range(h.getSeed(), 0, 0xffffffffL, "jhash seed")));
            }
            if (h.isSetOffset()) {
                b.append(" offset ").append(Values.range(h.getOffset(), 0, 0xffffffffL, "hash offset"));
            }
            return b.toString();
        }
        throw new ExportException("nft expression " + (e == null ? "null" : e.eClass().getName()) + " is incomplete");
    }

    /** Whether values compared with this expression are strings (interface names): always quoted. */
    private static NftDataType stringType(NftExpr e) {
        if (e instanceof NftMetaExpr m && (m.getKey() == NftMetaKey.IIFNAME || m.getKey() == NftMetaKey.OIFNAME)) {
            return NftDataType.IFNAME;
        }
        return null;
    }

    static String value(NftValue v, NftDataType type) {
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
            return "@" + Values.nftName(ref.getSet().getName(), "nft set name");
        }
        if (v instanceof NftVariableRef ref && ref.getVariable() != null) {
            return "$" + Values.nftName(ref.getVariable().getName(), "nft variable name");
        }
        if (v instanceof NftExprValue ev) {
            StringBuilder b = new StringBuilder(expr(ev.getExpr()));
            for (NftBinop op : ev.getOps()) {
                if (op.getOp() == null) {
                    throw new ExportException("nft bitwise operation without operator");
                }
                b.append(' ').append(op.getOp().getLiteral()).append(' ').append(mask(op.getOperand()));
            }
            return b.toString();
        }
        throw new ExportException("nft value " + (v == null ? "null" : v.eClass().getName()) + " is empty or unresolved");
    }

    static String literal(NftLiteral l, NftDataType type) {
        if (l == null) {
            throw new ExportException("nft value is missing");
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

    private static String atom(String value, NftDataType type) {
        if (value == null) {
            throw new ExportException("nft value is missing");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return Values.quotedString(value.substring(1, value.length() - 1), 255, "nft string");
        }
        if (type == NftDataType.IFNAME) {
            return Values.quotedString(value, 15, "interface name");
        }
        if (Values.isNftToken(value)) {
            return value;
        }
        throw Values.fail("nft value", value, "is not an address, number or symbolic constant (strings must be written in double quotes)");
    }
}
