package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The choices of one walk of a probe (with its errors and reply): the branch to take at each choice point, given
 * by a prefix (the first choice of every point after it), and what was met: the choices made and the elements the
 * engine did not execute. {@link Simulation#explore} walks a probe once per branch combination.
 */
final class Branching {
    private static final int[] NONE = new int[0];
    private final int[] prefix;
    private int next;
    final List<ProbeResult.Chosen> chosen = new ArrayList<>(0);
    final List<OpaqueElement> opaque = new ArrayList<>(0);

    Branching(int[] prefix) {
        this.prefix = prefix;
    }

    /** Takes every point's first branch. */
    static Branching first() {
        return new Branching(NONE);
    }

    /** The branch to take at choice point {@code c}; records the choice (and, for an opaque match, the element). */
    int choose(Choice c) {
        int k = next < prefix.length ? prefix[next] : 0;
        next++;
        chosen.add(new ProbeResult.Chosen(c, k));
        if (c.kind() == Choice.Kind.OPAQUE_MATCH) {
            met(new OpaqueElement(c.what(), c.where(), false));
        }
        return k;
    }

    /** An element the engine does not execute was passed. */
    void met(OpaqueElement e) {
        if (!opaque.contains(e)) {
            opaque.add(e);
        }
    }

    /** The prefixes of the walks still to do: at every point past the prefix, each branch but the first taken. */
    List<int[]> alternatives() {
        List<int[]> out = new ArrayList<>();
        for (int i = prefix.length; i < chosen.size(); i++) {
            for (int k = 1; k < chosen.get(i).choice().branches(); k++) {
                int[] p = new int[i + 1];
                for (int j = 0; j < i; j++) {
                    p[j] = chosen.get(j).taken();
                }
                p[i] = k;
                out.add(p);
            }
        }
        return out;
    }

    /** The product of the probabilities of the branches taken; NaN when one is unknown. */
    double probability() {
        double p = 1;
        for (ProbeResult.Chosen c : chosen) {
            p *= c.probability();
        }
        return p;
    }
}
