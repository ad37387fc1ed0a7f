package org.netwright.mapping;

import org.eclipse.emf.ecore.EObject;
import org.netwright.model.Expectation;
import org.netwright.model.IptMatch;
import org.netwright.model.IptRule;
import org.netwright.model.IptTarget;
import org.netwright.model.NamedElement;
import org.netwright.model.NftExpr;
import org.netwright.model.NftRule;
import org.netwright.model.NftStatement;
import org.netwright.model.Probe;
import org.netwright.model.RoutingRule;
import org.netwright.model.text.IptablesPrinter;
import org.netwright.model.text.NftPrinter;
import org.netwright.model.text.Words;

/**
 * Text of model elements as the user would write them (nft rule syntax, iptables-save lines): the
 * fallback {@link SourceLocator} text when no source file is known.
 */
public final class ModelText {
    private ModelText() {
    }

    public static String of(EObject o) {
        if (o instanceof NftRule r) {
            return print(r, () -> NFT.rule(r));
        }
        if (o instanceof NftStatement s) {
            return print(s, () -> NFT.statement(s));
        }
        if (o instanceof IptRule r) {
            return print(r, () -> IPTABLES.rule(r));
        }
        if (o instanceof IptMatch m) {
            return print(m, () -> IPTABLES.match(m, null));
        }
        if (o instanceof IptTarget t) {
            return print(t, () -> IPTABLES.target(t));
        }
        if (o instanceof RoutingRule r) {
            return "rule" + (r.isNot() ? " not" : "") + " from " + (r.getFrom() == null || r.getFrom().isAny() ? "all" : r.getFrom())
                    + (r.getTo() == null ? "" : " to " + (r.getTo().isAny() ? "all" : r.getTo())) + (r.getIif() == null ? "" : " iif " + r.getIif().getName())
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

    // ------------------------------------------------------------------ rules, through the shared printers

    private static final NftPrinter NFT = new NftPrinter(Words.AS_IS);
    private static final IptablesPrinter IPTABLES = new IptablesPrinter(IptablesPrinter.Form.AS_MODELLED, Words.AS_IS);

    /** The text of a rule part, or its kind when the model holds too little to write it. */
    private static String print(EObject o, java.util.function.Supplier<String> text) {
        try {
            return text.get();
        } catch (RuntimeException e) {
            return o.eClass().getName();
        }
    }

    static String expr(NftExpr e) {
        return e == null ? "?" : print(e, () -> NFT.expr(e));
    }

    static String value(org.netwright.model.NftValue v) {
        return v == null ? "?" : print(v, () -> NFT.value(v, null));
    }

    static String statement(org.netwright.model.NftStatement s) {
        return s == null ? "?" : print(s, () -> NFT.statement(s));
    }
}
