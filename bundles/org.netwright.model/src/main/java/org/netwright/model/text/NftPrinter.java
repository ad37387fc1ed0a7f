package org.netwright.model.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftArpAddrKind;
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
            NftMetaKey.SKGID, NftMetaKey.NFTRACE, NftMetaKey.PKTTYPE);

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
                b.append(expr(n.getMapKey())).append(" map ");
                if (n.getMap() != null) {
                    b.append('@').append(words.name(n.getMap().getName(), "nft map name"));
                } else if (!n.getInlineMap().isEmpty()) {
                    b.append("{ ").append(n.getInlineMap().stream().map(e -> mapElement(e, null, null)).collect(Collectors.joining(", ")))
                            .append(" }");
                } else {
                    throw words.fail("nft " + kind.getLiteral() + " map has neither a named nor an inline map");
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

    private String natAddress(NftNat n) {
        if (n.getAddress() == null) {
            throw words.fail("nft " + n.getKind().getLiteral() + " without address");
        }
        String address = words.address(n.getAddress().toString(), true, "nat address");
        if (n.getAddressEnd() != null) {
            address += "-" + words.address(n.getAddressEnd().toString(), false, "nat address range end");
        }
        if (n.getPorts() != null) {
            // an IPv6 address before a port is written in brackets
            return (n.getAddress().family() == IpAddress.Family.IPV6 ? "[" + address + "]" : address) + ":" + n.getPorts();
        }
        return address;
    }

    /** A map element {@code key : value}. */
    public String mapElement(NftMapElement e, NftDataType keyType, NftDataType valueType) {
        return literal(e.getKey(), keyType) + " : " + literal(e.getValue(), valueType);
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
            return "ct " + c.getKey().getLiteral();
        }
        if (e instanceof NftRtExpr r && r.getKey() != null) {
            return "rt " + r.getKey().getLiteral();
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
            return expr(ev.getExpr());
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
