package org.netwright.engine;

import java.util.List;
import java.util.Map;

/**
 * Result of one probe: where it was delivered (namespace and device), the header observed at the destination,
 * the device path, the last place it was seen, ICMP errors, the reply walk, conntrack entries per namespace
 * after the probe, conntrack statistics deltas, and the full trace. A probe can have several outcomes (a random
 * choice, a match the engine does not evaluate: {@link ProbeOutcomes}); {@code branch} says which this one is, how
 * probable it is and whether it is uncertain.
 */
public record ProbeResult(Probe probe, Trace trace, Location deliveredTo, Packet observedAtDst, List<PathPoint> path,
        Location lastSeenAt, List<IcmpError> icmpErrors, Trace replyTrace, boolean replyDelivered,
        List<PathPoint> replyPath, Map<String, List<CtEntryView>> conntrack, Map<String, CtStats> ctStatsDelta,
        Branch branch) {

    /** A choice made on the walk: the choice point and the branch taken. */
    public record Chosen(Choice choice, int taken) {
        /** The probability of the branch taken, NaN when unknown. */
        public double probability() {
            return choice.probability(taken);
        }
    }

    /**
     * Which outcome this is: its probability (together with the outcomes of the earlier probes of the run it
     * continues; NaN when unknown), the choices of this probe's walk, the elements the engine did not execute on this
     * walk or on the earlier walks whose state it continues, and {@code world}: the index of the earlier probe's
     * outcome whose state this walk started from (0 for the first probe).
     */
    public record Branch(double probability, List<Chosen> choices, List<OpaqueElement> opaque, int world) {
        public static final Branch CERTAIN = new Branch(1.0, List.of(), List.of(), 0);

        public Branch {
            choices = List.copyOf(choices);
            opaque = List.copyOf(opaque);
        }
    }

    /**
     * Whether this outcome is not known to be what the kernel does: the walk (or one whose state it continues)
     * passed an element the engine does not execute exactly.
     */
    public boolean uncertain() {
        return !branch.opaque().isEmpty();
    }

    /** A device crossing ({@code at} has a direction) and the header as it crossed. */
    public record PathPoint(Location at, Packet header) {
    }

    /** An ICMP error generated while walking (or answering) the probe, with its own walk. */
    public record IcmpError(String from, int type, int code, Packet header, Trace trace, Location deliveredTo) {
    }

    public Disposition disposition() {
        return trace.disposition();
    }

    public List<TraceStep> steps() {
        return trace.steps();
    }

    /** Header seen leaving through {@code ns/dev} (first time), or null. */
    public Packet seenLeaving(String ns, String dev) {
        Location at = Location.out(ns, dev);
        for (PathPoint p : path) {
            if (p.at().equals(at)) {
                return p.header();
            }
        }
        return null;
    }

    /** The walks in words ({@link TraceText}). */
    public String toText() {
        return TraceText.render(this);
    }
}
