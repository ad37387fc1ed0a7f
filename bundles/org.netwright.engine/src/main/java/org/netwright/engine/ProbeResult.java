package org.netwright.engine;

import java.util.List;
import java.util.Map;

/**
 * Result of one probe: where it was delivered (namespace and device), the header observed at the destination,
 * the device path, the last place it was seen, ICMP errors, the reply walk, conntrack entries per namespace
 * after the probe, conntrack statistics deltas, and the full trace.
 */
public record ProbeResult(Probe probe, Trace trace, Location deliveredTo, Packet observedAtDst, List<PathPoint> path,
        Location lastSeenAt, List<IcmpError> icmpErrors, Trace replyTrace, boolean replyDelivered,
        List<PathPoint> replyPath, Map<String, List<CtEntryView>> conntrack, Map<String, CtStats> ctStatsDelta) {

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
