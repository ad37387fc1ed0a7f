package org.netwright.symbolic;

import org.netwright.engine.SourceRef;

/**
 * Why an answer is not exact: what the symbolic engine did not treat exactly ({@code why}), and where (a rule's
 * source, null when the cause is not a rule: e.g. a bridge, xfrm, a second pass through one conntrack table).
 */
public record Inexact(String why, SourceRef where) {
    @Override
    public String toString() {
        return where == null || where.file() == null ? why : where.file() + ":" + where.line() + ":" + where.column() + ": " + why;
    }
}
