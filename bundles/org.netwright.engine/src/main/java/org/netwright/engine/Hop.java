package org.netwright.engine;

import java.util.List;

/** The steps a packet took inside one namespace (one visit). */
public record Hop(String namespace, List<TraceStep> steps) {
    public Hop {
        // the recorder's lists are frozen already: no copy on the walk's path
        steps = steps instanceof FrozenList<TraceStep> ? steps : List.copyOf(steps);
    }
}
