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
import org.netwright.model.semantics.NftFacts;

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
        String sep = "";
        for (NftSet set : table.getSets()) {
            out.append(sep);
            out.append("\tset ").append(Values.nftName(set.getName(), "nft set name")).append(" {\n");
            out.append("\t\ttype ").append(dataType(set.getType(), set.getName())).append('\n');
            flags(out, set.getFlags());
            if (!set.getElements().isEmpty()) {
                out.append("\t\telements = { ").append(set.getElements().stream().map(e -> literal(e, set.getType()))
                        .collect(Collectors.joining(", "))).append(" }\n");
            }
            out.append("\t}\n");
            sep = "\n";
        }
        for (NftMap map : table.getMaps()) {
            out.append(sep);
            out.append("\tmap ").append(Values.nftName(map.getName(), "nft map name")).append(" {\n");
            out.append("\t\ttype ").append(dataType(map.getKeyType(), map.getName())).append(" : ")
                    .append(dataType(map.getValueType(), map.getName())).append('\n');
            flags(out, map.getFlags());
            if (!map.getElements().isEmpty()) {
                out.append("\t\telements = { ").append(map.getElements().stream()
                        .map(e -> mapElement(e, map.getKeyType(), map.getValueType())).collect(Collectors.joining(", ")))
                        .append(" }\n");
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

    private static String dataType(NftDataType type, String owner) {
        if (type == null) {
            throw new ExportException("nft set/map '" + owner + "' has no type");
        }
        return type.getLiteral();
    }

    private static void flags(StringBuilder out, List<NftSetFlag> flags) {
        if (!flags.isEmpty()) {
            out.append("\t\tflags ").append(flags.stream().map(NftSetFlag::getLiteral).distinct().collect(Collectors.joining(",")))
                    .append('\n');
        }
    }

    private static String mapElement(NftMapElement e, NftDataType keyType, NftDataType valueType) {
        return literal(e.getKey(), keyType) + " : " + literal(e.getValue(), valueType);
    }

    private static void chain(StringBuilder out, NftChain chain) {
        out.append("\tchain ").append(Values.nftName(chain.getName(), "nft chain name")).append(" {\n");
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
        return NftFacts.text(priority);
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
                b.append(expr(n.getMapKey())).append(" map ");
                if (n.getMap() != null) {
                    b.append('@').append(Values.nftName(n.getMap().getName(), "nft map name"));
                } else if (!n.getInlineMap().isEmpty()) {
                    b.append("{ ").append(n.getInlineMap().stream().map(e -> mapElement(e, null, null)).collect(Collectors.joining(", ")))
                            .append(" }");
                } else {
                    throw new ExportException("nft " + kind.getLiteral() + " map has neither a named nor an inline map");
                }
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
        if (n.getPorts() != null) {
            return (v6 ? "[" + address + "]" : address) + ":" + n.getPorts();
        }
        return address;
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
            return expr(ev.getExpr());
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
