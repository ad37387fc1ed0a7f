package org.netwright.engine;

import java.util.List;

/**
 * A point where a walk can go more than one way: a probabilistic match or statement ({@code statistic},
 * {@code numgen}, a hash with a seed the kernel picks at random) or a match the engine does not evaluate (opaque).
 * The simulation explores every branch; {@code probabilities} are the branches' probabilities, null when unknown
 * (an opaque match: whether it holds is not known). {@code labels} name the branches for the trace.
 */
public record Choice(Kind kind, String what, SourceRef where, List<Double> probabilities, List<String> labels) {
    /** Why the walk branches. */
    public enum Kind {
        /** a random draw ({@code statistic --mode random}, {@code numgen random}). */
        RANDOM,
        /** a hash of the packet with a seed the kernel chooses at load time ({@code jhash}/{@code symhash}). */
        HASH,
        /** a match the engine does not evaluate: both branches are explored. */
        OPAQUE_MATCH
    }

    public Choice {
        probabilities = probabilities == null ? null : List.copyOf(probabilities);
        labels = List.copyOf(labels);
        if (probabilities != null && probabilities.size() != labels.size()) {
            throw new IllegalArgumentException("one probability per branch");
        }
    }

    /** An opaque match: branch 0 assumes it holds, branch 1 that it does not. */
    static Choice opaque(Match.Opaque m) {
        return new Choice(Kind.OPAQUE_MATCH, m.what(), m.where(), null,
                List.of("assumed to match", "assumed not to match"));
    }

    /** A random match of probability {@code p}: branch 0 matches, branch 1 does not. */
    static Choice random(Match.Random m) {
        return new Choice(Kind.RANDOM, m.what(), null, List.of(m.probability(), 1 - m.probability()),
                List.of("matches", "does not match"));
    }

    public int branches() {
        return labels.size();
    }

    /** The probability of branch {@code i}, NaN when unknown. */
    public double probability(int i) {
        return probabilities == null ? Double.NaN : probabilities.get(i);
    }
}
