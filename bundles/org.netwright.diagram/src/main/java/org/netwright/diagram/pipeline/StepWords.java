package org.netwright.diagram.pipeline;

import org.netwright.topology.WalkSteps;

/** Short words for a walk step where the drawing has little room. */
final class StepWords {
    private StepWords() {
    }

    static String brief(WalkSteps.Step s) {
        String what = s.what() == null || s.what().isEmpty() ? s.kind().lower() : s.what();
        String verdict = s.verdict() == null || s.verdict().isEmpty() ? "" : " \u2192 " + s.verdict();
        return shorten(what, 52) + verdict;
    }

    static String shorten(String text, int max) {
        String one = text.replace('\n', ' ').strip();
        return one.length() > max ? one.substring(0, max - 1) + "\u2026" : one;
    }
}
