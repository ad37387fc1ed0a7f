package org.netwright.engine.diagnostics;

import java.util.List;

import org.netwright.engine.SourceRef;

/**
 * One explanation of a walk: what happened and why, the namespaces, conntrack entries (by id, as the trace
 * numbers them) and rules involved (with their source locations when known), and what would fix it. Immutable.
 */
public record Diagnostic(Code code, Severity severity, String message, List<String> namespaces, List<Long> entries,
        List<SourceRef> rules, String suggestion) {
    public Diagnostic {
        namespaces = List.copyOf(namespaces);
        entries = List.copyOf(entries);
        rules = List.copyOf(rules);
    }

    /** {@code severity code: message}, the rules with their locations, then the suggested fix. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(severity.lower()).append(' ').append(code.id()).append(": ").append(message).append('\n');
        for (SourceRef r : rules) {
            sb.append("    rule: ").append(r).append('\n');
        }
        if (suggestion != null) {
            sb.append("    fix: ").append(suggestion).append('\n');
        }
        return sb.toString();
    }
}
