package org.netwright.headless;

import java.util.List;

/**
 * The expectations and scenarios of one file, checked: their results in order, and the problems of mapping the
 * model (with what it imports) onto the packet-walk engine. With an error among them the file could not be
 * checked ({@link #invalid()}); warnings say what the engine only approximates.
 */
public record FileCheck(SourceFile file, List<Problem> problems, List<ExpectationResult> results) {
    public FileCheck {
        problems = List.copyOf(problems);
        results = List.copyOf(results);
    }

    public boolean invalid() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public long held() {
        return results.stream().filter(ExpectationResult::holds).count();
    }

    public long violated() {
        return results.stream().filter(r -> !r.holds() && !r.uncertain()).count();
    }

    /** Results that depend on an element the engine does not execute exactly: neither held nor violated. */
    public long uncertain() {
        return results.stream().filter(ExpectationResult::uncertain).count();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }
}
