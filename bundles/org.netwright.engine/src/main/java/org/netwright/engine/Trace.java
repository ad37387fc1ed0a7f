package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/** A packet walk: final disposition and the hops with their steps. */
public record Trace(Disposition disposition, List<Hop> hops) {
    public Trace {
        hops = hops instanceof FrozenList<Hop> ? hops : List.copyOf(hops);
    }

    /** All steps in order. */
    public List<TraceStep> steps() {
        List<TraceStep> out = new ArrayList<>();
        for (Hop h : hops) {
            out.addAll(h.steps());
        }
        return out;
    }

    /** Text that reads like {@code nft monitor trace}. */
    public String toText() {
        return TraceText.render(this);
    }
}
