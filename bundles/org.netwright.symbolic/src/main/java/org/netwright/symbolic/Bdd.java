package org.netwright.symbolic;

import java.math.BigInteger;
import java.util.Random;

import org.logicng.formulas.FormulaFactory;
import org.logicng.knowledgecompilation.bdds.jbuddy.BDDConstruction;
import org.logicng.knowledgecompilation.bdds.jbuddy.BDDKernel;
import org.logicng.knowledgecompilation.bdds.jbuddy.BDDOperations;

/**
 * The one place that talks to the BDD library (LogicNG's BuDDy-derived kernel): boolean functions over a fixed number
 * of variables, in a fixed order (variable index = level: no reordering), as ints. Every result is referenced, so the
 * kernel's garbage collection never frees a node still held; one instance per analysis, not thread-safe.
 */
public final class Bdd {
    public static final int TRUE = BDDKernel.BDD_TRUE;
    public static final int FALSE = BDDKernel.BDD_FALSE;

    private final BDDKernel kernel;
    private final BDDConstruction c;
    private final BDDOperations ops;
    private final int vars;

    public Bdd(int vars) {
        this.vars = vars;
        this.kernel = new BDDKernel(new FormulaFactory(), vars, 1 << 20, 1 << 17);
        this.c = new BDDConstruction(kernel);
        this.ops = new BDDOperations(kernel);
    }

    public int vars() {
        return vars;
    }

    private int keep(int n) {
        return kernel.addRef(n, null);
    }

    /** Variable {@code i} is true ({@code value}) or false. */
    public int literal(int i, boolean value) {
        return keep(value ? c.ithVar(i) : c.nithVar(i));
    }

    public int and(int a, int b) {
        return keep(c.and(a, b));
    }

    public int or(int a, int b) {
        return keep(c.or(a, b));
    }

    public int not(int a) {
        return keep(c.not(a));
    }

    /** {@code a} and not {@code b}. */
    public int diff(int a, int b) {
        return and(a, not(b));
    }

    /** Whether every assignment of {@code a} satisfies {@code b}. */
    public boolean implies(int a, int b) {
        return diff(a, b) == FALSE;
    }

    /** {@code a} with variables {@code from..to-1} quantified existentially. */
    public int exists(int a, int from, int to) {
        int cube = TRUE;
        for (int i = to - 1; i >= from; i--) {
            cube = and(cube, literal(i, true));
        }
        return keep(c.exists(a, cube));
    }

    public int nodeCount(int a) {
        return ops.nodeCount(a);
    }

    /** Number of satisfying assignments over all variables. */
    public BigInteger satCount(int a) {
        return ops.satCount(a);
    }

    /** The variable a node tests (its level), or {@link #vars()} for a terminal. */
    public int var(int node) {
        return node == TRUE || node == FALSE ? vars : c.bddVar(node);
    }

    public int low(int node) {
        return c.bddLow(node);
    }

    public int high(int node) {
        return c.bddHigh(node);
    }

    /**
     * A satisfying assignment of {@code a} (not FALSE): along one path, variables off the path take {@code free}'s bits
     * when {@code random} is null, else random ones; at a node both ways open, random picks one (else low first).
     */
    public boolean[] pick(int a, Random random) {
        if (a == FALSE) {
            throw new IllegalArgumentException("no assignment satisfies false");
        }
        boolean[] v = new boolean[vars];
        if (random != null) {
            for (int i = 0; i < vars; i++) {
                v[i] = random.nextBoolean();
            }
        }
        int n = a;
        while (n != TRUE) {
            int i = var(n);
            int lo = low(n);
            int hi = high(n);
            boolean up = lo == FALSE || (hi != FALSE && random != null && random.nextBoolean());
            v[i] = up;
            n = up ? hi : lo;
        }
        return v;
    }

    /** Whether assignment {@code v} satisfies {@code a}. */
    public boolean eval(int a, boolean[] v) {
        int n = a;
        while (n != TRUE && n != FALSE) {
            n = v[var(n)] ? high(n) : low(n);
        }
        return n == TRUE;
    }
}
