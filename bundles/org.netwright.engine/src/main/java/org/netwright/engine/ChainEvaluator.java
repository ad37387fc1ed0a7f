package org.netwright.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Evaluates one base chain: rules in order, statements in order; jump pushes a return point, goto does
 * not, return pops (return from the base chain ends with the policy). accept ends this base chain only;
 * drop/reject/queue end the packet. Guards: a jump stack deeper than {@value #MAX_JUMP_DEPTH} or more
 * than {@value #MAX_RULE_EVALS} rule evaluations (a goto loop) drops the packet as a ruleset loop.
 */
final class ChainEvaluator {
    static final int MAX_JUMP_DEPTH = 64;
    static final int MAX_RULE_EVALS = 100_000;

    private ChainEvaluator() {
    }

    /** Outcome of a base chain. {@code reject} is set for a reject verdict. */
    record Outcome(Verdict verdict, Rule rule, Statement.Reject reject, String reason) {
    }

    private record Frame(Chain chain, int next) {
    }

    static Outcome evaluate(EvalContext c, NfTable table, Chain base) {
        // the jump stack is allocated on the first jump only: most chains never jump
        Deque<Frame> stack = null;
        Chain cur = base;
        int idx = 0;
        int evals = 0;
        int prio = base.base().priority();
        while (true) {
            if (idx >= cur.rules().size()) {
                if (stack == null || stack.isEmpty()) {
                    return policy(c, table, base, prio);
                }
                Frame f = stack.pop();
                cur = f.chain();
                idx = f.next();
                continue;
            }
            if (++evals > MAX_RULE_EVALS) {
                return loop(c, table, cur, prio, "more than " + MAX_RULE_EVALS + " rule evaluations (goto loop)");
            }
            Rule r = cur.rules().get(idx);
            idx++;
            if (!Matches.all(r.matchArray(), c, table)) {
                continue;
            }
            c.sim().count(r);
            String verdictText = "continue";
            Outcome result = null;
            boolean transfer = false;
            for (Statement st : r.statements()) {
                Statement s = st;
                if (s instanceof Statement.VerdictMap vm) {
                    NamedMap map = table.map(vm.map());
                    long key = Matches.keyValue(vm.key(), c.skb());
                    NamedMap.Value v = map == null || key < 0 ? null : map.lookup(key);
                    if (v == null || v.verdict() == null) {
                        continue;
                    }
                    s = v.verdict();
                }
                switch (s) {
                    case Statement.Accept a -> {
                        verdictText = "accept";
                        result = new Outcome(Verdict.ACCEPT, r, null, null);
                    }
                    case Statement.Drop d -> {
                        verdictText = "drop";
                        result = new Outcome(Verdict.DROP, r, null, "dropped by rule");
                    }
                    case Statement.Reject rj -> {
                        verdictText = "reject";
                        result = new Outcome(Verdict.DROP, r, rj, "rejected by rule");
                    }
                    case Statement.Queue q -> {
                        verdictText = "queue";
                        result = new Outcome(Verdict.DROP, r, null, "queued to userspace (no consumer modelled)");
                    }
                    case Statement.Jump j -> {
                        Chain t = table.chain(j.chain());
                        verdictText = "jump " + j.chain();
                        if (t == null) {
                            result = new Outcome(Verdict.DROP, r, null, "jump to missing chain " + j.chain());
                        } else if (stack != null && stack.size() >= MAX_JUMP_DEPTH) {
                            return loop(c, table, cur, prio, "jump stack deeper than " + MAX_JUMP_DEPTH + " (jump loop)");
                        } else {
                            if (stack == null) {
                                stack = new ArrayDeque<>();
                            }
                            stack.push(new Frame(cur, idx));
                            cur = t;
                            idx = 0;
                            transfer = true;
                        }
                    }
                    case Statement.Goto g -> {
                        Chain t = table.chain(g.chain());
                        verdictText = "goto " + g.chain();
                        if (t == null) {
                            result = new Outcome(Verdict.DROP, r, null, "goto to missing chain " + g.chain());
                        } else {
                            cur = t;
                            idx = 0;
                            transfer = true;
                        }
                    }
                    case Statement.Return rt -> {
                        verdictText = "return";
                        if (stack == null || stack.isEmpty()) {
                            idx = Integer.MAX_VALUE;
                            cur = base;
                        } else {
                            Frame f = stack.pop();
                            cur = f.chain();
                            idx = f.next();
                        }
                        transfer = true;
                    }
                    case Statement.Continue cn -> verdictText = "continue";
                    default -> {
                        Verdict v = Actions.apply(s, c, table, base);
                        if (s.terminal()) {
                            verdictText = s instanceof Statement.Masquerade || s instanceof Statement.Snat
                                    || s instanceof Statement.Dnat || s instanceof Statement.NatMap
                                    || s instanceof Statement.Redirect || s instanceof Statement.Netmap
                                    ? (v == Verdict.ACCEPT ? "accept (nat)" : "drop (nat failed)") : verdictText;
                            result = new Outcome(v, r, null, v == Verdict.DROP ? "nat failed" : null);
                        }
                    }
                }
                if (result != null || transfer) {
                    break;
                }
            }
            ruleStep(c, table, base, cur, r, prio, verdictText);
            if (result != null) {
                return result;
            }
            if (transfer && idx == Integer.MAX_VALUE) {
                return policy(c, table, base, prio);
            }
        }
    }

    private static void ruleStep(EvalContext c, NfTable table, Chain base, Chain cur, Rule r, int prio, String verdict) {
        c.rec().chainStep(TraceStep.Kind.RULE, c.ns().name(), c.device(), base.base().hook(), table.family(),
                table.name(), cur.name(), prio, r.sourceRef(), verdict, null, c.skb().pkt, c.skb().mark);
    }

    /** Policy outcomes carry no rule: shared instead of allocated per chain evaluation. */
    private static final Outcome POLICY_ACCEPT = new Outcome(Verdict.ACCEPT, null, null, null);
    private static final Outcome POLICY_DROP = new Outcome(Verdict.DROP, null, null, "chain policy drop");

    private static Outcome policy(EvalContext c, NfTable table, Chain base, int prio) {
        Verdict p = base.base().policy();
        c.rec().chainStep(TraceStep.Kind.POLICY, c.ns().name(), c.device(), base.base().hook(), table.family(),
                table.name(), base.name(), prio, null, p == Verdict.ACCEPT ? "accept" : "drop", "policy",
                c.skb().pkt, c.skb().mark);
        return p == Verdict.DROP ? POLICY_DROP : POLICY_ACCEPT;
    }

    private static Outcome loop(EvalContext c, NfTable table, Chain cur, int prio, String why) {
        c.rec().chainStep(TraceStep.Kind.DROP, c.ns().name(), c.device(), c.hook(), table.family(),
                table.name(), cur.name(), prio, null, "drop", why, c.skb().pkt, c.skb().mark);
        return new Outcome(Verdict.DROP, null, null, "ruleset loop: " + why);
    }
}
