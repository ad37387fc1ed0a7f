package org.netwright.symbolic;

import java.util.EnumMap;
import java.util.Map;

/**
 * Sets of first-packet headers as BDDs: the variable layout of the {@link Field}s, then {@code atoms} free variables
 * that stand for conditions the header does not decide (lint's interface, mark and state tests).
 */
public final class HeaderSpace {
    private final Bdd bdd;
    private final Map<Field, Integer> offsets = new EnumMap<>(Field.class);
    private final int headerVars;
    private final int atoms;
    private int atomsUsed;

    public HeaderSpace(int atoms) {
        int n = 0;
        for (Field f : Field.values()) {
            offsets.put(f, n);
            n += f.bits();
        }
        this.headerVars = n;
        this.atoms = atoms;
        this.bdd = new Bdd(n + atoms);
    }

    public HeaderSpace() {
        this(0);
    }

    public Bdd bdd() {
        return bdd;
    }

    /** The variable of bit {@code bit} (0 = most significant) of {@code f}. */
    int var(Field f, int bit) {
        return offsets.get(f) + bit;
    }

    /** A fresh variable for a condition outside the header (lint); -1 when all are taken. */
    int newAtom() {
        return atomsUsed < atoms ? headerVars + atomsUsed++ : -1;
    }

    /** {@code f == v}. */
    public int eq(Field f, long v) {
        int r = Bdd.TRUE;
        for (int b = f.bits() - 1; b >= 0; b--) {
            r = bdd.and(r, bdd.literal(var(f, b), bit(f, v, b)));
        }
        return r;
    }

    /** {@code lo <= f <= hi} (empty when {@code lo > hi}). */
    public int range(Field f, long lo, long hi) {
        if (lo > hi) {
            return Bdd.FALSE;
        }
        if (lo <= 0 && hi >= f.max()) {
            return Bdd.TRUE;
        }
        int geq = Bdd.TRUE;
        int leq = Bdd.TRUE;
        for (int b = f.bits() - 1; b >= 0; b--) {
            int x = bdd.literal(var(f, b), true);
            geq = bit(f, lo, b) ? bdd.and(x, geq) : bdd.or(x, geq);
            int nx = bdd.literal(var(f, b), false);
            leq = bit(f, hi, b) ? bdd.or(nx, leq) : bdd.and(nx, leq);
        }
        return bdd.and(geq, leq);
    }

    /** Bit {@code b} (0 = most significant) of {@code v} as a value of {@code f}. */
    private static boolean bit(Field f, long v, int b) {
        return ((v >>> (f.bits() - 1 - b)) & 1) != 0;
    }

    /** The value of {@code f} in an assignment. */
    public long value(boolean[] assignment, Field f) {
        long v = 0;
        for (int b = 0; b < f.bits(); b++) {
            v = (v << 1) | (assignment[var(f, b)] ? 1 : 0);
        }
        return v;
    }

    /** The first variable after the header's (where lint's atoms start). */
    int headerVars() {
        return headerVars;
    }

    /** The first variable of {@code f}. */
    int offset(Field f) {
        return offsets.get(f);
    }
}
