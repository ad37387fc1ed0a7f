package org.netwright.headless;

import java.nio.file.Path;
import java.util.List;

import org.netwright.engine.ProbeResult;
import org.netwright.engine.SourceRef;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.mapping.ExpectationChecker;

/**
 * One expectation or scenario, checked: where it is written, its name (description or text), whether it holds,
 * what was violated, each walk (its trace, in order), the diagnostics that explain the walks, and the report the
 * command line prints (the violations, the trace of each walk when violated, then the diagnostics).
 */
public record ExpectationResult(Path file, int line, int column, String name, boolean holds, List<String> violations,
        List<ProbeResult> walks, List<Diagnostic> diagnostics, String report) {
    public ExpectationResult {
        violations = List.copyOf(violations);
        walks = List.copyOf(walks);
        diagnostics = List.copyOf(diagnostics);
    }

    static ExpectationResult of(ExpectationChecker.Result r) {
        SourceRef where = r.where();
        boolean located = where != null && where.file() != null;
        return new ExpectationResult(located ? Path.of(where.file()) : null, located ? where.line() : 0, located ? where.column() : 0,
                r.name(), r.holds(), r.violations(), r.probes(), r.diagnostics(), r.explain());
    }
}
