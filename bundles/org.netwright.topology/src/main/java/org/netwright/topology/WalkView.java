package org.netwright.topology;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.ChainRef;
import org.netwright.engine.Disposition;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Trace;
import org.netwright.engine.TraceStep;
import org.netwright.engine.TraceText;

/**
 * A packet walk as people look at it, without UI: its steps as the rows of a table (the Packet Walk view's, the HTML
 * report's) and its way through the topology as a {@link PathHighlight} (the diagram's, the report's drawing). Both
 * read the trace's typed events; the words are {@link TraceText}'s.
 */
public final class WalkView {
    /**
     * One step as a table row: the reply walk's or the probe's, where (namespace/device), the hook (with the chain's
     * family) or the step's kind, the table and chain with the chain's priority, the rule (or what happened), the
     * verdict, the packet after the step; {@code source} points at the rule in the model (or is null); {@code kind}
     * the step's {@link TraceStep.Kind}.
     */
    public record Row(boolean reply, String where, String hook, String chain, String rule, String verdict, String header, SourceRef source,
            TraceStep.Kind kind) {
    }

    private WalkView() {
    }

    /** The rows of the probe's walk, then those of its reply's. */
    public static List<Row> rows(ProbeResult r) {
        List<Row> rows = new ArrayList<>();
        rows(r.trace(), false, rows);
        if (r.replyTrace() != null) {
            rows(r.replyTrace(), true, rows);
        }
        return rows;
    }

    private static void rows(Trace trace, boolean reply, List<Row> rows) {
        for (TraceStep s : trace.steps()) {
            ChainRef c = s.chain();
            String hook = s.hook() == null ? s.kind().lower() : (c == null ? "" : c.family().name().toLowerCase() + " ")
                + s.hook().name().toLowerCase();
            String chain = c == null ? "" : c.table() + " / " + c.chain() + " (" + c.priority() + ")";
            String detail = TraceText.detail(s);
            String rule = s.rule() == null || s.rule().text() == null ? (detail == null ? "" : detail) : s.rule().text();
            String header = s.packet() == null ? "" : s.packet().describe() + (s.mark() != 0 ? " mark 0x" + Long.toHexString(s.mark()) : "");
            String verdict = TraceText.verdict(s);
            rows.add(new Row(reply, s.location().toString(), hook, chain, rule.strip().replace('\n', ' '), verdict == null ? "" : verdict,
                header, s.rule(), s.kind()));
        }
    }

    /** The devices crossed, the fate and where, and (when dropped) a short note of what dropped it, as drawings show them. */
    public static PathHighlight path(ProbeResult r) {
        List<PathHighlight.Device> forward = devices(r.path());
        List<PathHighlight.Device> reply = r.replyPath() == null ? List.of() : devices(r.replyPath());
        Disposition d = r.disposition();
        PathHighlight.Fate fate = switch (d.fate()) {
            case DELIVERED -> PathHighlight.Fate.DELIVERED;
            case DROPPED, TTL_EXPIRED -> PathHighlight.Fate.DROPPED;
            case LEFT_NETWORK -> PathHighlight.Fate.LEFT;
        };
        String note = null;
        if (fate == PathHighlight.Fate.DROPPED) {
            // short lines: the note is drawn inside the namespace's box
            List<String> lines = new ArrayList<>();
            if (d.rule() != null && d.rule().text() != null) {
                lines.add("by " + d.rule().text().strip());
            }
            String where = TraceText.where(d);
            if (where != null) {
                lines.add(where);
            }
            String reason = TraceText.reason(d);
            if (reason != null && lines.size() < 2) {
                lines.add(reason);
            }
            note = String.join("\n", lines.stream().map(WalkView::shorten).toList());
        }
        String fateNs = d.namespace();
        if (fate == PathHighlight.Fate.DELIVERED && r.deliveredTo() != null) {
            fateNs = r.deliveredTo().namespace();
        }
        return new PathHighlight(forward, reply, fate, fateNs, note);
    }

    private static String shorten(String line) {
        String one = line.replace('\n', ' ').strip();
        return one.length() > 46 ? one.substring(0, 45) + "\u2026" : one;
    }

    private static List<PathHighlight.Device> devices(List<ProbeResult.PathPoint> points) {
        List<PathHighlight.Device> out = new ArrayList<>();
        for (ProbeResult.PathPoint p : points) {
            out.add(new PathHighlight.Device(p.at().namespace(), p.at().device()));
        }
        return PathHighlight.squeeze(out);
    }
}
