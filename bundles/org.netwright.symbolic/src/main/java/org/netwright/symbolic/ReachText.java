package org.netwright.symbolic;

import java.util.List;

/** Reach classes in words, one block per class: the packets, their fate, the example and what was not exact. */
public final class ReachText {
    private ReachText() {
    }

    public static String render(List<Reach.Class> classes) {
        StringBuilder sb = new StringBuilder();
        for (Reach.Class c : classes) {
            sb.append(render(c));
        }
        return sb.toString();
    }

    public static String render(Reach.Class c) {
        StringBuilder sb = new StringBuilder();
        String fate = fate(c.outcome());
        for (String h : c.headers()) {
            sb.append(h).append(" -> ").append(fate).append('\n');
        }
        if (c.moreHeaders() > 0) {
            sb.append("  ... and ").append(c.moreHeaders()).append(" more sets of packets -> ").append(fate).append('\n');
        }
        sb.append("  example: ").append(c.example().describe()).append(c.confirmed() ? " (the concrete walk agrees)"
                : " (the concrete walk DISAGREES: " + c.concrete() + ")").append('\n');
        if (c.outcome().path().size() > 1) {
            sb.append("  path: ").append(String.join(" -> ", c.outcome().path())).append('\n');
        }
        for (Inexact i : c.outcome().inexact()) {
            sb.append("  inexact because ").append(i).append('\n');
        }
        return sb.toString();
    }

    /** "delivered to web, destination NATed to 10.1.0.5:8080, source NATed to 203.0.113.1". */
    public static String fate(Outcome o) {
        StringBuilder sb = new StringBuilder(o.fateText());
        for (String t : o.translations()) {
            sb.append(", ").append(t);
        }
        return sb.toString();
    }
}
