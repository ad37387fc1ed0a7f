package org.netwright.engine;

import java.util.List;

/** Test helper: the events of one type in a walk, in order, with the steps that hold them. */
public final class Events {
    private Events() {
    }

    public static <T extends TraceEvent> List<T> of(Trace t, Class<T> type) {
        return t.steps().stream().map(TraceStep::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** The request walk's events of {@code type}. */
    public static <T extends TraceEvent> List<T> of(ProbeResult r, Class<T> type) {
        return of(r.trace(), type);
    }

    /** The steps of {@code t} whose event is of {@code type}. */
    public static List<TraceStep> steps(Trace t, Class<? extends TraceEvent> type) {
        return t.steps().stream().filter(s -> type.isInstance(s.event())).toList();
    }
}
