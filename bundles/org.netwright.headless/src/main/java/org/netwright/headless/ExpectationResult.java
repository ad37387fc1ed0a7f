package org.netwright.headless;

import java.nio.file.Path;
import java.util.List;

import org.netwright.engine.ProbeResult;
import org.netwright.engine.SourceRef;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.mapping.ExpectationChecker;

/**
 * One expectation or scenario, checked: where it is written, its name (description or text), its verdict (holds,
 * violated, or uncertain: it depends on an element the engine does not execute), what was violated (or made it
 * uncertain), each walk (every outcome of every probe, in order), the diagnostics that explain the walks, and the
 * report the command line prints (the violations, the trace of each walk when not holding, then the diagnostics).
 */
public record ExpectationResult(Path file, int line, int column, String name, ExpectationChecker.Verdict verdict,
        List<String> violations, List<ProbeResult> walks, List<Diagnostic> diagnostics, String report) {
    public ExpectationResult {
        violations = List.copyOf(violations);
        walks = List.copyOf(walks);
        diagnostics = List.copyOf(diagnostics);
    }

    static ExpectationResult of(ExpectationChecker.Result r) {
        SourceRef where = r.where();
        boolean located = where != null && where.file() != null;
        return new ExpectationResult(located ? Path.of(where.file()) : null, located ? where.line() : 0, located ? where.column() : 0,
                r.name(), r.verdict(), r.violations(), r.probes(), r.diagnostics(), r.explain());
    }

    public boolean holds() {
        return verdict == ExpectationChecker.Verdict.HOLDS;
    }

    public boolean uncertain() {
        return verdict == ExpectationChecker.Verdict.UNCERTAIN;
    }
}
