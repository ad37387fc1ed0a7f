package org.netwright.engine;

/** Conntrack statistics of a namespace (as in {@code conntrack -S}), mutable engine state. */
public final class CtStats {
    long found;
    long inserted;
    long insertFailed;
    long drop;
    long invalid;
    long ignore;

    public long found() {
        return found;
    }

    public long inserted() {
        return inserted;
    }

    public long insertFailed() {
        return insertFailed;
    }

    public long drop() {
        return drop;
    }

    public long invalid() {
        return invalid;
    }

    public long ignore() {
        return ignore;
    }

    /** Adds {@code o}'s counters to these. */
    void add(CtStats o) {
        found += o.found;
        inserted += o.inserted;
        insertFailed += o.insertFailed;
        drop += o.drop;
        invalid += o.invalid;
        ignore += o.ignore;
    }

    CtStats copy() {
        CtStats c = new CtStats();
        c.found = found;
        c.inserted = inserted;
        c.insertFailed = insertFailed;
        c.drop = drop;
        c.invalid = invalid;
        c.ignore = ignore;
        return c;
    }

    /** this - before. */
    CtStats minus(CtStats before) {
        CtStats c = new CtStats();
        c.found = found - before.found;
        c.inserted = inserted - before.inserted;
        c.insertFailed = insertFailed - before.insertFailed;
        c.drop = drop - before.drop;
        c.invalid = invalid - before.invalid;
        c.ignore = ignore - before.ignore;
        return c;
    }

    /** Whether every counter equals {@code o}'s (no delta). */
    boolean sameAs(CtStats o) {
        return found == o.found && inserted == o.inserted && insertFailed == o.insertFailed && drop == o.drop
                && invalid == o.invalid && ignore == o.ignore;
    }

    public boolean isZero() {
        return found == 0 && inserted == 0 && insertFailed == 0 && drop == 0 && invalid == 0 && ignore == 0;
    }

    @Override
    public String toString() {
        return "found=" + found + " insert=" + inserted + " insert_failed=" + insertFailed + " drop=" + drop
                + " invalid=" + invalid + " ignore=" + ignore;
    }
}
