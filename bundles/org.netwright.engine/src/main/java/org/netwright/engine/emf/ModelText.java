package org.netwright.engine.emf;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.netwright.model.Expectation;
import org.netwright.model.IptAddressMatch;
import org.netwright.model.IptAddrtypeMatch;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptCommentMatch;
import org.netwright.model.IptConnmarkTarget;
import org.netwright.model.IptConntrackMatch;
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
import org.netwright.model.NamedElement;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftCmpOp;
import org.netwright.model.NftCounter;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftExpr;
import org.netwright.model.NftExprValue;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftLog;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftNat;
import org.netwright.model.NftNotrack;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftReject;
import org.netwright.model.NftRtExpr;
import org.netwright.model.NftRule;
import org.netwright.model.NftSetRef;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftStatement;
import org.netwright.model.NftValue;
import org.netwright.model.NftVariableRef;
import org.netwright.model.NftVerdict;
import org.netwright.model.Probe;
import org.netwright.model.RoutingRule;

/**
 * Text of model elements as the user would write them (nft rule syntax, iptables-save lines): the
 * fallback {@link SourceLocator} text when no source file is known.
 */
public final class ModelText {
    private ModelText() {
    }

    public static String of(EObject o) {
        if (o instanceof NftRule r) {
            return nftRule(r);
        }
        if (o instanceof NftStatement s) {
            return nftStatement(s);
        }
        if (o instanceof IptRule r) {
            return iptRule(r);
        }
        if (o instanceof IptMatch m) {
            return iptMatch(m);
        }
        if (o instanceof IptTarget t) {
            return iptTarget(t);
        }
        if (o instanceof RoutingRule r) {
            return "rule" + (r.isNot() ? " not" : "") + " from " + (r.getFrom() == null ? "all" : r.getFrom())
                    + (r.getTo() == null ? "" : " to " + r.getTo()) + (r.getIif() == null ? "" : " iif " + r.getIif().getName())
                    + (r.getOif() == null ? "" : " oif " + r.getOif().getName())
                    + (r.isSetFwmark() ? " fwmark 0x" + Long.toHexString(r.getFwmark()) : "")
                    + (r.getTable() == null ? "" : " lookup " + r.getTable().getName())
                    + (r.isSetPriority() ? " priority " + r.getPriority() : "");
        }
        if (o instanceof Probe p) {
            return "probe " + (p.getName() == null ? "" : p.getName() + " ") + p.getProtocol().getLiteral() + " from "
                    + (p.getFrom() == null ? "?" : p.getFrom().getName()) + " to " + p.getDst()
                    + (p.getDport() != 0 ? " port " + p.getDport() : "");
        }
        if (o instanceof Expectation e) {
            Probe p = e.getProbe() != null ? e.getProbe() : e.getProbeRef();
            return "expect " + (p == null ? "?" : of(p)) + ": " + e.getOutcome().getLiteral()
                    + (e.getAt() == null ? "" : " at " + e.getAt().getName());
        }
        if (o instanceof NamedElement n && n.getName() != null) {
            return o.eClass().getName() + " " + n.getName();
        }
        return o == null ? "" : o.eClass().getName();
    }

    // ------------------------------------------------------------------ nft

    static String nftRule(NftRule r) {
        StringBuilder sb = new StringBuilder();
        for (NftStatement s : r.getStatements()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(nftStatement(s));
        }
        if (r.getComment() != null && !r.getComment().isEmpty()) {
            sb.append(" comment \"").append(NftMapper.unquote(r.getComment())).append('"');
        }
        return sb.toString();
    }

    static String expr(NftExpr e) {
        if (e instanceof NftPayloadExpr p) {
            return p.getProtocol().getLiteral() + " " + p.getField().getLiteral()
                    + (p.getSubField() != null && p.getSubField() != org.netwright.model.NftArpAddrKind.NONE
                            ? " " + p.getSubField().getLiteral() : "");
        }
        if (e instanceof NftMetaExpr m) {
            return (m.isExplicitMeta() ? "meta " : "") + m.getKey().getLiteral();
        }
        if (e instanceof NftCtExpr c) {
            return "ct " + c.getKey().getLiteral();
        }
        if (e instanceof NftRtExpr r) {
            return "rt " + r.getKey().getLiteral();
        }
        if (e instanceof org.netwright.model.NftConcatExpr c) {
            return String.join(" . ", c.getParts().stream().map(ModelText::expr).toList());
        }
        if (e instanceof org.netwright.model.NftFibExpr f) {
            return "fib " + String.join(" . ", f.getFlags().stream().map(x -> x.getLiteral()).toList()) + " " + f.getResult().getLiteral();
        }
        if (e instanceof org.netwright.model.NftNumgenExpr n) {
            return "numgen " + n.getMode().getLiteral() + " mod " + n.getModulus() + (n.isSetOffset() ? " offset " + n.getOffset() : "");
        }
        if (e instanceof org.netwright.model.NftHashExpr h) {
            return h.getKind().getLiteral() + (h.getExpr() == null ? "" : " " + expr(h.getExpr())) + " mod " + h.getModulus()
                    + (h.isSetSeed() ? " seed 0x" + Long.toHexString(h.getSeed()) : "") + (h.isSetOffset() ? " offset " + h.getOffset() : "");
        }
        return e == null ? "?" : e.eClass().getName();
    }

    static String value(NftValue v) {
        if (v instanceof NftLiteral l) {
            return l.getValue() + (l.getRangeEnd() == null ? "" : "-" + l.getRangeEnd()) + (l.getNext() == null ? "" : " . " + value(l.getNext()));
        }
        if (v instanceof NftListValue l) {
            return String.join(",", l.getElements().stream().map(ModelText::value).toList());
        }
        if (v instanceof NftAnonymousSet s) {
            return "{ " + String.join(", ", s.getElements().stream().map(ModelText::value).toList()) + " }";
        }
        if (v instanceof NftSetRef s) {
            return "@" + (s.getSet() == null ? "?" : s.getSet().getName());
        }
        if (v instanceof NftVariableRef r) {
            return "$" + (r.getVariable() == null ? "?" : r.getVariable().getName());
        }
        if (v instanceof NftExprValue e) {
            StringBuilder b = new StringBuilder(expr(e.getExpr()));
            e.getOps().forEach(op -> b.append(' ').append(op.getOp().getLiteral()).append(' ').append(op.getOperand()));
            return b.toString();
        }
        return "?";
    }

    static String nftStatement(NftStatement s) {
        if (s instanceof NftMatch m) {
            String op = m.getOp() == null || m.getOp() == NftCmpOp.IMPLICIT ? ""
                    : switch (m.getOp()) {
                        case EQ -> "== ";
                        case NE -> "!= ";
                        case LT -> "< ";
                        case GT -> "> ";
                        case LE -> "<= ";
                        case GE -> ">= ";
                        default -> "";
                    };
            return expr(m.getLeft()) + (m.getMask() == null ? "" : " & " + m.getMask()) + " " + op + value(m.getRight());
        }
        if (s instanceof NftSetStatement st) {
            return expr(st.getTarget()) + " set " + value(st.getValue());
        }
        if (s instanceof NftVerdict v) {
            return v.getKind().getLiteral() + (v.getChain() != null ? " " + v.getChain().getName() : "")
                    + (v.isSetQueueNum() ? " num " + v.getQueueNum() : "");
        }
        if (s instanceof NftReject r) {
            if (r.getWithProto() == null || r.getWithProto() == org.netwright.model.NftRejectProto.NONE) {
                return "reject";
            }
            return "reject with " + r.getWithProto().getLiteral()
                    + (r.getWithType() == null ? "" : r.getWithProto() == org.netwright.model.NftRejectProto.TCP
                            ? " " + r.getWithType() : " type " + r.getWithType());
        }
        if (s instanceof NftCounter) {
            return "counter";
        }
        if (s instanceof NftLog l) {
            return "log" + (l.getPrefix() == null ? "" : " prefix \"" + NftMapper.unquote(l.getPrefix()) + "\"");
        }
        if (s instanceof NftNotrack) {
            return "notrack";
        }
        if (s instanceof org.netwright.model.NftVmap v) {
            return expr(v.getKey()) + " vmap " + (v.getMap() != null ? "@" + v.getMap().getName() : "{ ... }");
        }
        if (s instanceof org.netwright.model.NftDynset d) {
            return d.getOp().getLiteral() + " @" + (d.getSet() == null ? "?" : d.getSet().getName()) + " { " + expr(d.getKey()) + " }";
        }
        if (s instanceof NftNat n) {
            StringBuilder sb = new StringBuilder(n.getKind().getLiteral());
            if (n.getMapKey() != null) {
                sb.append(" to ").append(expr(n.getMapKey())).append(" map ")
                        .append(n.getMap() != null ? "@" + n.getMap().getName() : "{ ... }");
            } else if (n.getAddress() != null || n.getPort() != 0) {
                sb.append(" to ");
                if (n.getAddress() != null) {
                    sb.append(n.getAddress());
                    if (n.getAddressEnd() != null) {
                        sb.append('-').append(n.getAddressEnd());
                    }
                }
                if (n.getPort() != 0) {
                    sb.append(':').append(n.getPort());
                    if (n.getPortEnd() != 0) {
                        sb.append('-').append(n.getPortEnd());
                    }
                }
            }
            if (!n.getFlags().isEmpty()) {
                sb.append(' ').append(String.join(",", n.getFlags().stream().map(f -> f.getLiteral().replace('_', '-'))
                        .distinct().toList()));
            }
            return sb.toString();
        }
        return s.eClass().getName();
    }

    // ------------------------------------------------------------------ iptables

    static String iptRule(IptRule r) {
        String chain = r.getChain() != null ? IptMapper.chainName(r.getChain())
                : r.getBuiltinChain() == null || r.getBuiltinChain() == IptBuiltinChain.NONE ? "?"
                        : r.getBuiltinChain().getLiteral();
        StringBuilder sb = new StringBuilder("-A ").append(chain);
        for (IptMatch m : r.getMatches()) {
            sb.append(' ').append(iptMatch(m));
        }
        if (r.getTarget() != null) {
            sb.append(' ').append(iptTarget(r.getTarget()));
        }
        return sb.toString();
    }

    private static String not(IptMatch m) {
        return m.isNegated() ? "! " : "";
    }

    static String iptMatch(IptMatch m) {
        if (m instanceof IptAddressMatch a) {
            return not(m) + (a.getOption() == org.netwright.model.IptAddrOption.SOURCE ? "-s " : "-d ") + a.getAddress();
        }
        if (m instanceof IptInterfaceMatch i) {
            return not(m) + (i.getOption() == org.netwright.model.IptIfOption.IN ? "-i " : "-o ") + i.getInterfaceName();
        }
        if (m instanceof IptProtocolMatch p) {
            return not(m) + "-p " + p.getProtocol();
        }
        if (m instanceof IptPortMatch p) {
            return (p.getModule() == null ? "" : "-m " + p.getModule() + " ") + not(m) + "--"
                    + p.getOption().getLiteral() + " " + p.getFrom() + (p.getTo() > 0 ? ":" + p.getTo() : "");
        }
        if (m instanceof IptIcmpMatch i) {
            return "-m icmp " + not(m) + "--icmp-type " + i.getIcmpType();
        }
        if (m instanceof IptConntrackMatch c) {
            boolean state = "state".equals(c.getModule());
            return "-m " + (state ? "state " : "conntrack ") + not(m) + (state ? "--state " : "--ctstate ")
                    + String.join(",", c.getStates().stream().map(s -> s.getLiteral()).toList());
        }
        if (m instanceof IptMarkMatch k) {
            return "-m " + (k.getModule() == null ? "mark" : k.getModule()) + " " + not(m) + "--mark 0x"
                    + Long.toHexString(k.getValue()) + (k.isSetMask() ? "/0x" + Long.toHexString(k.getMask()) : "");
        }
        if (m instanceof IptPolicyMatch p) {
            return "-m policy --dir " + p.getDir().getLiteral() + " --pol " + p.getPol().getLiteral();
        }
        if (m instanceof IptAddrtypeMatch a) {
            StringBuilder sb = new StringBuilder("-m addrtype");
            if (a.getSrcType() != null && a.getSrcType() != org.netwright.model.IptAddrType.UNSET) {
                sb.append(a.isSrcNegated() ? " !" : "").append(" --src-type ").append(a.getSrcType().getLiteral());
            }
            if (a.getDstType() != null && a.getDstType() != org.netwright.model.IptAddrType.UNSET) {
                sb.append(a.isDstNegated() ? " !" : "").append(" --dst-type ").append(a.getDstType().getLiteral());
            }
            return sb.toString();
        }
        if (m instanceof IptIprangeMatch r) {
            StringBuilder sb = new StringBuilder("-m iprange");
            if (r.getSrcRange() != null) {
                sb.append(r.isSrcNegated() ? " !" : "").append(" --src-range ").append(r.getSrcRange());
            }
            if (r.getDstRange() != null) {
                sb.append(r.isDstNegated() ? " !" : "").append(" --dst-range ").append(r.getDstRange());
            }
            return sb.toString();
        }
        if (m instanceof IptMultiportMatch mp) {
            return "-m multiport " + not(m) + "--" + mp.getOption().getLiteral() + " " + String.join(",", mp.getPorts());
        }
        if (m instanceof IptCommentMatch c) {
            return "-m comment --comment \"" + NftMapper.unquote(c.getComment()) + "\"";
        }
        if (m instanceof IptGenericMatch g) {
            return "-m " + g.getModule() + options(g.getOptions());
        }
        return m.eClass().getName();
    }

    private static String options(List<IptOption> opts) {
        StringBuilder sb = new StringBuilder();
        for (IptOption o : opts) {
            sb.append(o.isNegated() ? " !" : "").append(" --").append(o.getName());
            for (String v : o.getValues()) {
                sb.append(' ').append(v);
            }
        }
        return sb.toString();
    }

    static String iptTarget(IptTarget t) {
        if (t instanceof IptSimpleTarget s) {
            return "-j " + s.getKind().getLiteral();
        }
        if (t instanceof IptRejectTarget r) {
            return "-j REJECT" + (r.getRejectWith() == null ? "" : " --reject-with " + r.getRejectWith());
        }
        if (t instanceof IptJumpTarget j) {
            return (j.isGoto() ? "-g " : "-j ") + (j.getChain() == null ? "?" : IptMapper.chainName(j.getChain()));
        }
        if (t instanceof IptNatTarget n) {
            String opt = switch (n.getKind()) {
                case SNAT -> "--to-source";
                case DNAT -> "--to-destination";
                case NETMAP -> "--to";
            };
            StringBuilder sb = new StringBuilder("-j ").append(n.getKind().getLiteral()).append(' ').append(opt).append(' ');
            if (n.getAddress() != null) {
                sb.append(n.getAddress());
                if (n.getAddressEnd() != null) {
                    sb.append('-').append(n.getAddressEnd());
                }
            }
            if (n.getPort() != 0) {
                sb.append(':').append(n.getPort()).append(n.getPortEnd() != 0 ? "-" + n.getPortEnd() : "");
            }
            return sb.append(n.isRandom() ? " --random" : "").append(n.isRandomFully() ? " --random-fully" : "")
                    .append(n.isPersistent() ? " --persistent" : "").toString();
        }
        if (t instanceof IptMasqueradeTarget m) {
            return "-j MASQUERADE" + (m.getPort() != 0 ? " --to-ports " + m.getPort()
                    + (m.getPortEnd() != 0 ? "-" + m.getPortEnd() : "") : "") + (m.isRandom() ? " --random" : "")
                    + (m.isRandomFully() ? " --random-fully" : "");
        }
        if (t instanceof IptRedirectTarget r) {
            return "-j REDIRECT" + (r.getPort() != 0 ? " --to-ports " + r.getPort()
                    + (r.getPortEnd() != 0 ? "-" + r.getPortEnd() : "") : "") + (r.isRandom() ? " --random" : "");
        }
        if (t instanceof IptCtTarget c) {
            return "-j CT" + (c.isNotrack() ? " --notrack" : "") + (c.isSetZone() ? " --zone " + c.getZone() : "")
                    + (c.getHelper() != null ? " --helper " + c.getHelper() : "");
        }
        if (t instanceof IptMarkTarget m) {
            return "-j MARK --" + m.getOp().getLiteral().replace('_', '-') + " 0x" + Long.toHexString(m.getValue())
                    + (m.isSetMask() ? "/0x" + Long.toHexString(m.getMask()) : "");
        }
        if (t instanceof IptConnmarkTarget c) {
            return "-j CONNMARK --" + c.getOp().getLiteral().replace('_', '-')
                    + (c.isSetValue() ? " 0x" + Long.toHexString(c.getValue()) : "")
                    + (c.isSetMask() ? "/0x" + Long.toHexString(c.getMask()) : "");
        }
        if (t instanceof IptLogTarget l) {
            return "-j LOG" + (l.getPrefix() == null ? "" : " --log-prefix \"" + NftMapper.unquote(l.getPrefix()) + "\"");
        }
        if (t instanceof IptGenericTarget g) {
            return "-j " + g.getTargetName() + options(g.getOptions());
        }
        return t.eClass().getName();
    }
}
