package org.netwright.engine;

import java.util.List;

/**
 * Every outcome of one probe: one per combination of branches its walk took at choice points (random choices,
 * hashes with an unknown seed, matches the engine does not evaluate), continued from every outcome of the earlier
 * probes of the run. {@code capped}: there were more than {@link Simulation#MAX_OUTCOMES}; the rest were not
 * explored.
 */
public record ProbeOutcomes(Probe probe, List<ProbeResult> outcomes, boolean capped) {
    public ProbeOutcomes {
        outcomes = List.copyOf(outcomes);
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("a probe has at least one outcome");
        }
    }

    /** The first outcome (every branch's first choice). */
    public ProbeResult first() {
        return outcomes.get(0);
    }

    /** Whether an outcome is uncertain or some were not explored. */
    public boolean uncertain() {
        return capped || outcomes.stream().anyMatch(ProbeResult::uncertain);
    }

    /** The distinct elements the engine did not execute, over all outcomes, in order of appearance. */
    public List<OpaqueElement> opaque() {
        return outcomes.stream().flatMap(r -> r.branch().opaque().stream()).distinct().toList();
    }

    /** Every outcome's walk in words ({@link TraceText#render(ProbeOutcomes)}). */
    public String toText() {
        return TraceText.render(this);
    }
}
