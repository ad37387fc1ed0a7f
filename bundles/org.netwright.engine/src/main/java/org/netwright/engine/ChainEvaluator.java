package org.netwright.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Evaluates one base chain: rules in order, statements in order; jump pushes a return point, goto does
 * not, return pops (return from the base chain ends with the policy). accept ends this base chain only;
 * drop/reject/queue end the packet. Guards: a jump when the stack holds {@value #MAX_JUMP_DEPTH} return points
 * drops the packet, as nft_do_chain does (NFT_JUMP_STACK_SIZE; rulesets the kernel loads never get there: it
 * refuses a chain 16 jumps below a base chain, pinned by JumpDepthPinsTest, and the language reports it), and so
 * do more than {@value #MAX_RULE_EVALS} rule evaluations (a goto loop): a ruleset loop.
 */
final class ChainEvaluator {
    static final int MAX_JUMP_DEPTH = 16;
    static final int MAX_RULE_EVALS = 100_000;

    private ChainEvaluator() {
    }

    /**
     * Outcome of a base chain. {@code reject} is set for a reject verdict; for a drop, {@code reason},
     * {@code chain} (the base chain) and {@code cause} (the rule's, policy's or loop guard's event) explain it.
     */
    record Outcome(Verdict verdict, Rule rule, Statement.Reject reject, Disposition.Reason reason, ChainRef chain,
            TraceEvent cause) {
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
        ChainRef baseRef = base.ref(table, prio);
        while (true) {
            if (idx >= cur.rules().size()) {
                if (stack == null || stack.isEmpty()) {
                    return policy(c, base, baseRef);
                }
                Frame f = stack.pop();
                cur = f.chain();
                idx = f.next();
                continue;
            }
            if (++evals > MAX_RULE_EVALS) {
                return loop(c, baseRef, cur.ref(table, prio), TraceEvent.RulesetLoop.Guard.RULE_EVALUATIONS,
                        MAX_RULE_EVALS);
            }
            Rule r = cur.rules().get(idx);
            idx++;
            if (!Matches.all(r.matchArray(), c, table)) {
                continue;
            }
            c.sim().count(r);
            TraceEvent.RuleVerdict verdict = TraceEvent.RuleVerdict.CONTINUE;
            String target = null;
            TraceEvent.Manip manip = null;
            Disposition.Reason dropReason = null;
            Statement.Reject reject = null;
            Verdict end = null;
            boolean transfer = false;
            for (Statement st : r.statements()) {
                Statement s = st;
                if (s instanceof Statement.VerdictMap vm) {
                    NamedMap.Value v = NamedMap.lookup(table.map(vm.map()), vm.key(), c.skb());
                    if (v == null || v.verdict() == null) {
                        continue;
                    }
                    s = v.verdict();
                } else if (s instanceof Statement.ConcatVerdictMap cm) {
                    NamedMap.Value v = NamedMap.lookup(table.map(cm.map()), cm.keys(), c.skb());
                    if (v == null || v.verdict() == null) {
                        continue;
                    }
                    s = v.verdict();
                } else if (s instanceof Statement.ChanceVmap cv) {
                    s = chance(c, cv);
                    if (s == null) {
                        continue;
                    }
                }
                switch (s) {
                    case Statement.Accept a -> {
                        verdict = TraceEvent.RuleVerdict.ACCEPT;
                        end = Verdict.ACCEPT;
                    }
                    case Statement.Drop d -> {
                        verdict = TraceEvent.RuleVerdict.DROP;
                        end = Verdict.DROP;
                        dropReason = Disposition.Reason.RULE_DROP;
                    }
                    case Statement.Reject rj -> {
                        verdict = TraceEvent.RuleVerdict.REJECT;
                        end = Verdict.DROP;
                        dropReason = Disposition.Reason.RULE_REJECT;
                        reject = rj;
                    }
                    case Statement.Queue q -> {
                        verdict = TraceEvent.RuleVerdict.QUEUE;
                        end = Verdict.DROP;
                        dropReason = Disposition.Reason.RULE_QUEUE;
                    }
                    case Statement.Jump j -> {
                        Chain t = table.chain(j.chain());
                        verdict = TraceEvent.RuleVerdict.JUMP;
                        target = j.chain();
                        if (t == null) {
                            end = Verdict.DROP;
                            dropReason = Disposition.Reason.MISSING_CHAIN;
                        } else if (stack != null && stack.size() >= MAX_JUMP_DEPTH) {
                            return loop(c, baseRef, cur.ref(table, prio), TraceEvent.RulesetLoop.Guard.JUMP_DEPTH,
                                    MAX_JUMP_DEPTH);
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
                        verdict = TraceEvent.RuleVerdict.GOTO;
                        target = g.chain();
                        if (t == null) {
                            end = Verdict.DROP;
                            dropReason = Disposition.Reason.MISSING_CHAIN;
                        } else {
                            cur = t;
                            idx = 0;
                            transfer = true;
                        }
                    }
                    case Statement.Return rt -> {
                        verdict = TraceEvent.RuleVerdict.RETURN;
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
                    case Statement.Continue cn -> verdict = TraceEvent.RuleVerdict.CONTINUE;
                    default -> {
                        Verdict v = Actions.apply(s, c, table, base);
                        if (s.terminal() && v != null) {
                            end = v;
                            manip = Nat.manip(s);
                            if (manip != null) {
                                verdict = v == Verdict.ACCEPT ? TraceEvent.RuleVerdict.NAT : TraceEvent.RuleVerdict.NAT_FAILED;
                            }
                            dropReason = v == Verdict.DROP ? Disposition.Reason.NAT_FAILED : null;
                        }
                    }
                }
                if (end != null || transfer) {
                    break;
                }
            }
            TraceEvent.RuleMatched matched = ruleStep(c, cur.ref(table, prio), r, verdict, target, manip);
            if (end != null) {
                return new Outcome(end, r, reject, dropReason, baseRef, matched);
            }
            if (transfer && idx == Integer.MAX_VALUE) {
                return policy(c, base, baseRef);
            }
        }
    }

    /** The verdict a random or hashed vmap gives on this branch of the walk (null: no element for the value). */
    private static Statement chance(EvalContext c, Statement.ChanceVmap cv) {
        int n = cv.verdicts().size();
        int k = 0;
        if (n > 1) {
            java.util.List<Double> p = new java.util.ArrayList<>(n);
            java.util.List<String> labels = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                p.add(1.0 / n);
                labels.add(Integer.toString(i));
            }
            Choice choice = new Choice(cv.kind(), cv.what(), null, p, labels);
            k = c.sim().choose(choice);
            if (!c.rec().discards()) {
                c.rec().record(c, new TraceEvent.Branched(choice, k));
            }
        }
        return cv.verdicts().get(k);
    }

    /** Records the rule's step; returns its event (null when nobody reads the trace). */
    private static TraceEvent.RuleMatched ruleStep(EvalContext c, ChainRef chain, Rule r, TraceEvent.RuleVerdict verdict,
            String target, TraceEvent.Manip manip) {
        if (c.rec().discards()) {
            return null;
        }
        TraceEvent.RuleMatched e = new TraceEvent.RuleMatched(chain, r.sourceRef(), verdict, target, manip);
        c.rec().record(c, e);
        return e;
    }

    /** The accepting policy outcome carries nothing: shared instead of allocated per chain evaluation. */
    private static final Outcome POLICY_ACCEPT = new Outcome(Verdict.ACCEPT, null, null, null, null, null);

    private static Outcome policy(EvalContext c, Chain baseChain, ChainRef base) {
        Verdict p = baseChain.base().policy();
        if (p == Verdict.ACCEPT && c.rec().discards()) {
            return POLICY_ACCEPT;
        }
        TraceEvent.ChainPolicy e = new TraceEvent.ChainPolicy(base, p);
        c.rec().record(c, e);
        return p == Verdict.DROP ? new Outcome(Verdict.DROP, null, null, Disposition.Reason.CHAIN_POLICY, base, e)
                : POLICY_ACCEPT;
    }

    private static Outcome loop(EvalContext c, ChainRef base, ChainRef at, TraceEvent.RulesetLoop.Guard guard, int limit) {
        TraceEvent.RulesetLoop e = new TraceEvent.RulesetLoop(at, guard, limit);
        c.rec().record(c, e);
        return new Outcome(Verdict.DROP, null, null, Disposition.Reason.RULESET_LOOP, base, e);
    }
}
