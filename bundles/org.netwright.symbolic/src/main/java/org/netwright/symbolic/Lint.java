package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.netwright.engine.Chain;
import org.netwright.engine.ChainType;
import org.netwright.engine.CtState;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.Match;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.Rule;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Statement;

/**
 * Rules that can never match, per chain: shadowed (every packet they would match is taken by earlier rules of the
 * same chain that end its evaluation: verdicts, NAT, goto, return; named), contradictory (their own matches exclude
 * each other), or impossible in their place (an interface the namespace lacks, an input interface in an output chain,
 * an output interface before routing, a ct state a nat chain never sees). Header tests are exact BDDs; every other
 * test (interfaces, marks, conntrack, flags) is a free variable of its own, so a rule is called shadowed only when
 * the earlier rules take its packets whatever those tests say: never wrongly, sometimes not at all.
 */
public final class Lint {
    /** What kind of finding. */
    public enum Kind {
        SHADOWED, CONTRADICTORY, IMPOSSIBLE_HERE
    }

    /** A finding about {@code rule} of {@code chain} ("ns family table chain"), with the earlier rules it names. */
    public record Finding(Kind kind, String chain, SourceRef rule, String message, List<SourceRef> by) {
        /** {@code file:line:column: warning: message}, or the chain and the rule's text when it has no place. */
        public String text() {
            String at = rule != null && rule.file() != null ? rule.file() + ":" + rule.line() + ":" + rule.column() + ": "
                    : "";
            return at + "warning: " + message + (at.isEmpty() ? " (" + chain + ": " + (rule == null ? "?" : rule.text()) + ")"
                    : "");
        }
    }

    private static final int ATOMS = 4096;

    private final HeaderSpace hs = new HeaderSpace(ATOMS);
    private final Bdd bdd = hs.bdd();
    private final Predicates p = new Predicates(hs);
    private final SymbolicMatches header = new SymbolicMatches(p);
    private final Map<Match, Integer> atoms = new HashMap<>();
    private final Flow any = new Flow(Bdd.TRUE);

    /** A rule's packets, bounded: {@code upper} holds all of them, {@code lower} only packets it surely matches. */
    private record Bounds(int upper, int lower) {
    }

    public static List<Finding> run(NetworkView view) {
        Lint lint = new Lint();
        List<Finding> out = new ArrayList<>();
        for (Namespace ns : view.namespaces().values()) {
            for (NfTable t : ns.nfTables()) {
                for (Chain c : t.chains()) {
                    lint.chain(ns, t, c, out);
                }
            }
        }
        return out;
    }

    private void chain(Namespace ns, NfTable t, Chain c, List<Finding> out) {
        String where = ns.name() + " " + t.family().nft() + " " + t.name() + " " + c.name();
        int covered = Bdd.FALSE;
        List<Rule> earlier = new ArrayList<>();
        List<Integer> earlierSets = new ArrayList<>();
        for (Rule r : c.rules()) {
            String impossible = impossibleHere(ns, t, c, r);
            Bounds b = rule(r, ns, t);
            if (impossible != null) {
                out.add(new Finding(Kind.IMPOSSIBLE_HERE, where, r.source(), "rule can never match: " + impossible, List.of()));
            } else if (b.upper() == Bdd.FALSE) {
                out.add(new Finding(Kind.CONTRADICTORY, where, r.source(),
                        "rule can never match: its matches exclude each other", List.of()));
            } else if (bdd.implies(b.upper(), covered)) {
                List<SourceRef> by = new ArrayList<>();
                for (int i = 0; i < earlier.size(); i++) {
                    if (bdd.and(earlierSets.get(i), b.upper()) != Bdd.FALSE) {
                        by.add(earlier.get(i).source());
                    }
                }
                out.add(new Finding(Kind.SHADOWED, where, r.source(), "rule can never match: earlier rules of the chain take "
                        + "all its packets: " + names(by), by));
            }
            if (ends(r) && b.lower() != Bdd.FALSE && impossible == null) {
                covered = bdd.or(covered, b.lower());
                earlier.add(r);
                earlierSets.add(b.lower());
            }
        }
    }

    private static String names(List<SourceRef> refs) {
        List<String> out = new ArrayList<>();
        for (SourceRef r : refs) {
            String text = r == null ? "?" : r.text() == null ? "" : " (" + r.text() + ")";
            out.add(r != null && r.file() != null ? "line " + r.line() + text : text.trim());
        }
        return String.join(", ", out);
    }

    /** Whether a matching packet never reaches the next rule of the chain. */
    private static boolean ends(Rule r) {
        for (Statement s : r.statements()) {
            if (s.terminal() || s instanceof Statement.Goto || s instanceof Statement.Return) {
                return true;
            }
            if (s instanceof Statement.Jump || s instanceof Statement.VerdictMap || s instanceof Statement.ChanceVmap) {
                return false;
            }
        }
        return false;
    }

    private Bounds rule(Rule r, Namespace ns, NfTable t) {
        int upper = Bdd.TRUE;
        int lower = Bdd.TRUE;
        for (Match m : r.matches()) {
            Bounds b = match(m, ns, t);
            upper = bdd.and(upper, b.upper());
            lower = bdd.and(lower, b.lower());
        }
        return new Bounds(upper, lower);
    }

    private Bounds match(Match m, Namespace ns, NfTable t) {
        switch (m) {
            case Match.Not n -> {
                Bounds b = match(n.inner(), ns, t);
                return new Bounds(bdd.not(b.lower()), bdd.not(b.upper()));
            }
            case Match.Saddr x -> {
                return exact(m, ns, t);
            }
            case Match.Daddr x -> {
                return exact(m, ns, t);
            }
            case Match.SaddrInSet x -> {
                return exact(m, ns, t);
            }
            case Match.DaddrInSet x -> {
                return exact(m, ns, t);
            }
            case Match.L4Proto x -> {
                return exact(m, ns, t);
            }
            case Match.Sport x -> {
                return exact(m, ns, t);
            }
            case Match.Dport x -> {
                return exact(m, ns, t);
            }
            case Match.SportInSet x -> {
                return exact(m, ns, t);
            }
            case Match.DportInSet x -> {
                return exact(m, ns, t);
            }
            case Match.IcmpType x -> {
                return exact(m, ns, t);
            }
            case Match.AddrType x -> {
                return exact(m, ns, t);
            }
            case Match.TcpFlags x -> {
                Bounds a = atom(m);
                int tcp = p.proto(org.netwright.engine.Packet.TCP);
                return new Bounds(bdd.and(a.upper(), tcp), bdd.and(a.lower(), tcp));
            }
            default -> {
                return atom(m);
            }
        }
    }

    private Bounds exact(Match m, Namespace ns, NfTable t) {
        int s = header.test(m, any, ns, t, null);
        return new Bounds(s, s);
    }

    /** A test outside the header: a free variable per distinct test (none left: anything above, nothing below). */
    private Bounds atom(Match m) {
        Integer v = atoms.get(m);
        if (v == null) {
            v = hs.newAtom();
            atoms.put(m, v);
        }
        if (v < 0) {
            return new Bounds(Bdd.TRUE, Bdd.FALSE);
        }
        int x = bdd.literal(v, true);
        return new Bounds(x, x);
    }

    private static final Set<CtState> NAT_STATES = EnumSet.of(CtState.NEW, CtState.RELATED);

    /** Why the rule cannot match where it is, null when it may. */
    private static String impossibleHere(Namespace ns, NfTable t, Chain c, Rule r) {
        Hook hook = c.base() == null ? null : c.base().hook();
        for (Match m : r.matches()) {
            switch (m) {
                case Match.Iif i -> {
                    String missing = missingInterfaces(ns, i.names());
                    if (missing != null) {
                        return "no interface of " + ns.name() + " is named " + missing;
                    }
                    if (hook == Hook.OUTPUT) {
                        return "locally generated packets have no input interface (iif in an output chain)";
                    }
                }
                case Match.Oif o -> {
                    String missing = missingInterfaces(ns, o.names());
                    if (missing != null) {
                        return "no interface of " + ns.name() + " is named " + missing;
                    }
                    if (hook == Hook.PREROUTING || hook == Hook.INPUT) {
                        return "the output interface is not known before routing (oif in a " + hook.name().toLowerCase()
                                + " chain)";
                    }
                }
                case Match.CtStateIn cs -> {
                    if (c.base() != null && c.base().type() == ChainType.NAT
                            && cs.states().stream().noneMatch(NAT_STATES::contains)) {
                        return "a nat chain only sees the first packet of a connection (ct state new, or related), never "
                                + String.join(",", cs.states().stream().map(x -> x.name().toLowerCase()).sorted().toList());
                    }
                }
                default -> {
                }
            }
        }
        return null;
    }

    /** The names none of the namespace's interfaces has (null when one has a name of the list). */
    private static String missingInterfaces(Namespace ns, List<String> names) {
        for (String n : names) {
            for (Interface i : ns.interfaces().values()) {
                if (Interface.nameMatches(n, i.name())) {
                    return null;
                }
            }
        }
        return String.join(" or ", names);
    }
}
