package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.lab.KernelAvailability;

/**
 * Random small cases, engine against kernel. {@code -Dnetwright.referee.cases=N} (default 30) sets how many,
 * {@code -Dnetwright.referee.seed=S} the first seed (case i uses S + i). Prints the agreement rate; fails
 * listing every disagreeing case with its seed, the configuration, and both outcomes.
 */
class GeneratedCasesDifferentialTest {
    static final long DEFAULT_SEED = 20_260_101L;

    @BeforeEach
    void kernel() {
        KernelAvailability.require();
    }

    @Test
    void engineAgreesWithTheKernelOnGeneratedCases() {
        int cases = Integer.getInteger("netwright.referee.cases", 30);
        long base = Long.getLong("netwright.referee.seed", DEFAULT_SEED);
        List<String> disagreements = new ArrayList<>();
        int probes = 0;
        int probeAgreements = 0;
        int caseAgreements = 0;
        for (int i = 0; i < cases; i++) {
            CaseGenerator.Case c = CaseGenerator.generate(base + i);
            StringBuilder report = new StringBuilder();
            try (Differential d = new Differential(c.topo().view(), c.topo().lab("gen"))) {
                boolean all = true;
                for (ProbeSpec p : c.probes()) {
                    Outcome k = d.kernel(p);
                    Outcome e = d.engine(p);
                    List<String> diff = e.diff(k);
                    probes++;
                    if (diff.isEmpty()) {
                        probeAgreements++;
                    } else {
                        all = false;
                        report.append("\n  probe ").append(p).append(": ").append(diff).append("\n    kernel: ").append(k)
                                .append("\n    engine: ").append(e);
                    }
                }
                for (int m = 1; m < c.topo().n - 1; m++) {
                    List<String> kc = d.kernelConntrack("h" + m);
                    List<String> ec = d.engineConntrack("h" + m);
                    if (!kc.equals(ec)) {
                        all = false;
                        report.append("\n  conntrack h").append(m).append(": kernel ").append(kc).append(", engine ").append(ec);
                    }
                }
                if (all) {
                    caseAgreements++;
                } else {
                    disagreements.add(c.describe() + report);
                }
            }
        }
        String rate = String.format("generated cases: %d/%d agree (%.1f%%), probes %d/%d agree, seeds %d..%d",
                caseAgreements, cases, 100.0 * caseAgreements / Math.max(1, cases), probeAgreements, probes, base,
                base + cases - 1);
        System.out.println("[referee] " + rate);
        disagreements.forEach(s -> System.out.println("[referee] DISAGREEMENT " + s));
        assertTrue(disagreements.isEmpty(), rate + "\n" + String.join("\n\n", disagreements));
    }
}
