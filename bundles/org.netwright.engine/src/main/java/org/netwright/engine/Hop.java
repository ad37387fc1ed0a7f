package org.netwright.engine;

import java.util.List;

/** The steps a packet took inside one namespace (one visit). */
public record Hop(String namespace, List<TraceStep> steps) {
    public Hop {
        steps = List.copyOf(steps);
    }
}
