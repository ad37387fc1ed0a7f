package org.netwright.symbolic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.netwright.engine.Chain;
import org.netwright.engine.ChainType;
import org.netwright.engine.Disposition;
import org.netwright.engine.Hook;
import org.netwright.engine.MapKey;
import org.netwright.engine.NamedMap;
import org.netwright.engine.Packet;
import org.netwright.engine.Namespace;
import org.netwright.engine.NfTable;
import org.netwright.engine.Rule;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Statement;
import org.netwright.engine.Verdict;

/**
 * One base chain over a {@link Flow}, as the concrete chain evaluation runs it for each packet: rules in order, the
 * first that matches decides (its statements in order), jump/goto/return with the same stack limit, policy at the
 * end. The flow splits at every rule into the packets it matches and the rest; statements that change metadata or
 * the header apply to their part only. Verdict maps with plain keys split by their elements.
 */
final class SymbolicChains {
    static final int MAX_JUMP_DEPTH = 16;
    static final int MAX_RULE_EVALS = 100_000;

    /** A part of the flow and how the chain ended for it (rule: the deciding rule, null for the policy). */
    record Result(Flow flow, Verdict verdict, Disposition.Reason reason, SourceRef rule) {
    }

    private record Frame(Chain chain, int next, Frame below, int depth) {
    }

    private record Item(Flow flow, Chain chain, int index, Frame stack, int evals) {
    }

    private final Bdd bdd;
    private final Predicates p;
    private final SymbolicMatches matches;
    private final SymbolicNat nat;

    SymbolicChains(Predicates p, SymbolicMatches matches, SymbolicNat nat) {
        this.p = p;
        this.bdd = p.space().bdd();
        this.matches = matches;
        this.nat = nat;
    }

    List<Result> evaluate(Namespace ns, Hook hook, NfTable table, Chain base, Flow start) {
        List<Result> out = new ArrayList<>();
        Deque<Item> work = new ArrayDeque<>();
        work.push(new Item(start, base, 0, null, 0));
        while (!work.isEmpty()) {
            Item it = work.pop();
            Flow f = it.flow();
            if (f.space == Bdd.FALSE) {
                continue;
            }
            Chain cur = it.chain();
            if (it.index() >= cur.rules().size()) {
                if (it.stack() == null) {
                    out.add(policy(base, f));
                } else {
                    work.push(new Item(f, it.stack().chain(), it.stack().next(), it.stack().below(), it.evals()));
                }
                continue;
            }
            if (it.evals() + 1 > MAX_RULE_EVALS) {
                out.add(new Result(f, Verdict.DROP, Disposition.Reason.RULESET_LOOP, null));
                continue;
            }
            Rule r = cur.rules().get(it.index());
            Flow probe = f.with(f.space);
            int m = matches.rule(r, probe, ns, table);
            int hit = bdd.and(f.space, m);
            int miss = bdd.diff(f.space, m);
            if (miss != Bdd.FALSE) {
                work.push(new Item(f.with(miss), cur, it.index() + 1, it.stack(), it.evals() + 1));
            }
            if (hit != Bdd.FALSE) {
                Flow h = probe.with(hit);
                statements(ns, hook, table, base, r, 0, new Item(h, cur, it.index() + 1, it.stack(), it.evals() + 1), work,
                        out);
            }
        }
        return out;
    }

    private static Result policy(Chain base, Flow f) {
        Verdict v = base.base().policy();
        return v == Verdict.DROP ? new Result(f, Verdict.DROP, Disposition.Reason.CHAIN_POLICY, null)
                : new Result(f, Verdict.ACCEPT, null, null);
    }

    /** Runs the statements of matched rule {@code r} from {@code from} on {@code at}'s flow (which it owns). */
    private void statements(Namespace ns, Hook hook, NfTable table, Chain base, Rule r, int from, Item at, Deque<Item> work,
            List<Result> out) {
        Flow f = at.flow();
        List<Statement> ss = r.statements();
        ChainType type = base.base().type();
        for (int i = from; i < ss.size(); i++) {
            Statement s = ss.get(i);
            if (s instanceof Statement.VerdictMap vm && vm.key().isName()) {
                // the interface names of a flow are concrete: the element is looked up, not split
                NamedMap map = table.map(vm.map());
                NamedMap.Value v = map == null ? null : map.lookup(vm.key() == MapKey.IIFNAME ? f.iif : f.oif);
                if (v == null || v.verdict() == null) {
                    continue;
                }
                s = v.verdict();
            } else if (s instanceof Statement.VerdictMap vm) {
                verdictMap(ns, hook, table, base, r, i, vm, at, work, out);
                return;
            }
            if (s instanceof Statement.ConcatVerdictMap cm) {
                f.inexact("verdict map on a concatenation (" + cm.keys() + " vmap @" + cm.map() + ") not analysed: "
                        + "taken as matching no element", r.source());
                continue;
            }
            if (s instanceof Statement.ChanceVmap cv) {
                f.inexact("verdict chosen at random or by hash (" + cv.what() + "): the first value's verdict is taken",
                        r.source());
                s = cv.verdicts().get(0);
                if (s == null) {
                    continue;
                }
            }
            if (transfer(s, r, base, table, at, f, work, out)) {
                return;
            }
            if (s.terminal()) {
                for (SymbolicNat.Part part : nat.statement(s, ns, hook, table, type, f, r.source())) {
                    out.add(new Result(part.flow(), part.verdict(),
                            part.verdict() == Verdict.DROP ? Disposition.Reason.NAT_FAILED : null, r.source()));
                }
                return;
            }
            metadata(s, f, hook, type, r.source());
        }
        work.push(new Item(f, at.chain(), at.index(), at.stack(), at.evals()));
    }

    /** Verdicts, jumps, gotos and returns; false for a statement that lets the rule go on. */
    private static boolean transfer(Statement s, Rule r, Chain base, NfTable table, Item at, Flow f, Deque<Item> work,
            List<Result> out) {
        switch (s) {
            case Statement.Accept a -> out.add(new Result(f, Verdict.ACCEPT, null, r.source()));
            case Statement.Drop d -> out.add(new Result(f, Verdict.DROP, Disposition.Reason.RULE_DROP, r.source()));
            case Statement.Reject rj -> out.add(new Result(f, Verdict.DROP, Disposition.Reason.RULE_REJECT, r.source()));
            case Statement.Queue q -> out.add(new Result(f, Verdict.DROP, Disposition.Reason.RULE_QUEUE, r.source()));
            case Statement.Jump j -> {
                Chain t = tableChain(table, j.chain(), r, f, out);
                if (t == null) {
                    return true;
                }
                int depth = at.stack() == null ? 0 : at.stack().depth();
                if (depth >= MAX_JUMP_DEPTH) {
                    out.add(new Result(f, Verdict.DROP, Disposition.Reason.RULESET_LOOP, null));
                    return true;
                }
                work.push(new Item(f, t, 0, new Frame(at.chain(), at.index(), at.stack(), depth + 1), at.evals()));
            }
            case Statement.Goto g -> {
                Chain t = tableChain(table, g.chain(), r, f, out);
                if (t != null) {
                    work.push(new Item(f, t, 0, at.stack(), at.evals()));
                }
            }
            case Statement.Return rt -> {
                if (at.stack() == null) {
                    out.add(policy(base, f));
                } else {
                    work.push(new Item(f, at.stack().chain(), at.stack().next(), at.stack().below(), at.evals()));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The target of a jump or goto; null (and a drop: missing chain) when the table has none. */
    private static Chain tableChain(NfTable table, String name, Rule r, Flow f, List<Result> out) {
        Chain t = table.chain(name);
        if (t == null) {
            out.add(new Result(f, Verdict.DROP, Disposition.Reason.MISSING_CHAIN, r.source()));
        }
        return t;
    }

    /** Marks, conntrack templates and metadata, stateless header rewrites: as the concrete statements do. */
    private static void metadata(Statement s, Flow f, Hook hook, ChainType type, SourceRef where) {
        switch (s) {
            case Statement.SetMark m -> routeKey(f, hook, type, f.mark != (f.mark = ((f.mark & ~m.mask()) ^ m.value()) & 0xffffffffL));
            case Statement.MarkFromCtMark m -> {
                if (f.ct) {
                    long old = f.mark;
                    f.mark = (f.mark & ~m.mask()) | (f.ctMark & m.mask());
                    routeKey(f, hook, type, old != f.mark);
                }
            }
            case Statement.SetCtMark m -> {
                if (f.ct) {
                    f.ctMark = ((f.ctMark & ~m.mask()) ^ m.value()) & 0xffffffffL;
                }
            }
            case Statement.CtMarkFromMark m -> {
                if (f.ct) {
                    f.ctMark = (f.ctMark & ~m.mask()) | (f.mark & m.mask());
                }
            }
            case Statement.SetCtZone z -> {
                if (!f.ct && !f.untracked && !f.ctTemplate) {
                    f.zone = z.zone();
                    f.ctTemplate = true;
                }
            }
            case Statement.Notrack n -> {
                if (!f.ct && !f.untracked && !f.ctTemplate) {
                    f.untracked = true;
                }
            }
            case Statement.SetSaddr a -> {
                boolean changed = f.fixed(Field.SRC) != EngineValues.setAddress(a);
                f.fix(Field.SRC, EngineValues.setAddress(a));
                f.translations.add("source set to " + EngineValues.addrText(EngineValues.setAddress(a)));
                routeKey(f, hook, type, changed);
            }
            case Statement.SetDaddr a -> {
                boolean changed = f.fixed(Field.DST) != EngineValues.setAddress(a);
                f.fix(Field.DST, EngineValues.setAddress(a));
                f.translations.add("destination set to " + EngineValues.addrText(EngineValues.setAddress(a)));
                routeKey(f, hook, type, changed);
            }
            case Statement.SetDscp d -> routeKey(f, hook, type, f.dscp != (f.dscp = d.dscp()));
            case Statement.Opaque o -> f.inexact("opaque statement (" + o.what() + ") not executed",
                    o.where() != null ? o.where() : where);
            default -> {
            }
        }
    }

    /** Only route-type chains at output reroute after a routing key changed. */
    private static void routeKey(Flow f, Hook hook, ChainType type, boolean changed) {
        if (changed && type == ChainType.ROUTE && hook == Hook.OUTPUT) {
            f.reroute = true;
        }
    }

    /** Splits by the elements of a verdict map (plain keys) and goes on with each element's verdict. */
    private void verdictMap(Namespace ns, Hook hook, NfTable table, Chain base, Rule r, int at, Statement.VerdictMap vm,
            Item item, Deque<Item> work, List<Result> out) {
        Flow f = item.flow();
        NamedMap map = table.map(vm.map());
        int rest = f.space;
        if (map != null) {
            for (int i = 0; i < map.size() && rest != Bdd.FALSE; i++) {
                NamedMap.Value v = map.value(i);
                int key = keyIn(f, vm.key(), map.keyLow(i), map.keyHigh(i));
                int part = bdd.and(rest, key);
                rest = bdd.diff(rest, key);
                if (part == Bdd.FALSE || v.verdict() == null) {
                    continue;
                }
                Item pi = new Item(f.with(part), item.chain(), item.index(), item.stack(), item.evals());
                if (containsTransferOrTerminal(v.verdict())) {
                    statements(ns, hook, table, base, Rule.of(List.of(), List.of(v.verdict()), r.source()), 0, pi, work, out);
                } else {
                    // a verdict that lets the rule go on (continue): the rest of the rule's statements follow
                    statements(ns, hook, table, base, r, at + 1, pi, work, out);
                }
            }
        }
        if (rest != Bdd.FALSE) {
            statements(ns, hook, table, base, r, at + 1, new Item(f.with(rest), item.chain(), item.index(), item.stack(),
                    item.evals()), work, out);
        }
    }

    private static boolean containsTransferOrTerminal(Statement s) {
        return s.terminal() || s instanceof Statement.Jump || s instanceof Statement.Goto || s instanceof Statement.Return;
    }

    /** A map key field in {@code [lo, hi]}; a key field the packet lacks (ports of a portless protocol) never is. */
    private int keyIn(Flow f, MapKey key, long lo, long hi) {
        List<EngineValues.Range> r = List.of(new EngineValues.Range(lo, hi));
        return switch (key) {
            case SADDR -> p.in(f, Field.SRC, r);
            case DADDR -> p.in(f, Field.DST, r);
            case SPORT -> bdd.and(p.hasPorts(), p.in(f, Field.SPORT, r));
            case DPORT -> bdd.and(p.hasPorts(), p.in(f, Field.DPORT, r));
            case TCP_SPORT -> bdd.and(p.proto(Packet.TCP), p.in(f, Field.SPORT, r));
            case TCP_DPORT -> bdd.and(p.proto(Packet.TCP), p.in(f, Field.DPORT, r));
            case UDP_SPORT -> bdd.and(p.proto(Packet.UDP), p.in(f, Field.SPORT, r));
            case UDP_DPORT -> bdd.and(p.proto(Packet.UDP), p.in(f, Field.DPORT, r));
            case IIFNAME, OIFNAME -> throw new IllegalStateException("an interface name key has no interval: " + key);
            case L4PROTO -> p.original(Field.PROTO, r);
            case MARK -> Predicates.constant(f.mark >= lo && f.mark <= hi);
        };
    }
}
