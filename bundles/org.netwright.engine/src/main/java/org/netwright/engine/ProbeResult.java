package org.netwright.engine;

import java.util.List;
import java.util.Map;

/**
 * Result of one probe, in the shape of the CLI contract: where it was delivered, the header observed at
 * the destination, the device path, the last place it was seen, ICMP errors, the reply walk, conntrack
 * entries per namespace after the probe, conntrack statistics deltas, and the full trace.
 */
public record ProbeResult(Probe probe, Trace trace, String deliveredTo, Packet observedAtDst, List<PathPoint> path,
        String lastSeenAt, List<IcmpError> icmpErrors, Trace replyTrace, boolean replyDelivered,
        List<PathPoint> replyPath, Map<String, List<CtEntryView>> conntrack, Map<String, CtStats> ctStatsDelta) {

    /** A device crossing: {@code at} is {@code ns/dev/in} or {@code ns/dev/out}. */
    public record PathPoint(String at, Packet header) {
    }

    /** An ICMP error generated while walking (or answering) the probe, with its own walk. */
    public record IcmpError(String from, int type, int code, Packet header, Trace trace, String deliveredTo) {
    }

    public Disposition disposition() {
        return trace.disposition();
    }

    public List<TraceStep> steps() {
        return trace.steps();
    }

    /** Header seen leaving through {@code ns/dev} (first time), or null. */
    public Packet seenLeaving(String ns, String dev) {
        String at = ns + "/" + dev + "/out";
        for (PathPoint p : path) {
            if (p.at().equals(at)) {
                return p.header();
            }
        }
        return null;
    }

    public String toJson() {
        return TraceJson.probe(this);
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(TraceText.render(trace));
        for (IcmpError e : icmpErrors) {
            sb.append("-- icmp error type ").append(e.type()).append(" code ").append(e.code()).append(" from ")
                    .append(e.from()).append('\n').append(TraceText.render(e.trace()));
        }
        if (replyTrace != null) {
            sb.append("-- reply\n").append(TraceText.render(replyTrace));
        }
        return sb.toString();
    }
}
