package org.netwright.diagram.pipeline;

import org.netwright.topology.WalkSteps;

/** Short words for a walk step where the drawing has little room. */
final class StepWords {
    private StepWords() {
    }

    static String brief(WalkSteps.Step s) {
        if (s.event() instanceof org.netwright.engine.TraceEvent.NatNotConsulted n) {
            // the point of seed 001: on a later packet (a second pass) the nat chains are not run at all
            return "skipped: entry #" + n.entry() + " has its " + (n.manip().source() ? "source" : "destination")
                + " binding, not its first packet";
        }
        String what = s.what() == null || s.what().isEmpty() ? s.kind().lower() : s.what();
        String verdict = s.verdict() == null || s.verdict().isEmpty() ? "" : " \u2192 " + s.verdict();
        return shorten(what, 52) + verdict;
    }

    static String shorten(String text, int max) {
        String one = text.replace('\n', ' ').strip();
        return one.length() > max ? one.substring(0, max - 1) + "\u2026" : one;
    }
}
