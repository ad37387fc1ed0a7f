package org.netwright.ui.walk;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.netwright.diagram.PathHighlight;
import org.netwright.engine.ChainRef;
import org.netwright.engine.Disposition;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Trace;
import org.netwright.engine.TraceStep;
import org.netwright.engine.TraceText;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.engine.diagnostics.TraceDiagnostics;
import org.netwright.mapping.ExpectationChecker;
import org.netwright.mapping.MappingIssue;
import org.netwright.mapping.ModelException;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelText;
import org.netwright.mapping.ModelToEngine;
import org.netwright.model.Expectation;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.Probe;
import org.netwright.model.ProbeProtocol;
import org.netwright.model.semantics.IpAddress;

/**
 * Runs the engine for the Packet Walk view, without any UI: the walks a file offers (its expectations
 * and named probes), one walk (or a probe typed by the user), and the result as table rows and as a
 * path for the diagram.
 */
public final class WalkRunner {
    /** Something the file lets the user walk: an expectation or a named probe. */
    public record Choice(String label, EObject element) {
    }

    /** One row of the trace table; {@code rule} points into the source (or is null). */
    public record Row(boolean reply, String where, String hook, String chain, String rule, String verdict, String header, SourceRef source,
            String kind) {
    }

    /** A walk's outcome: what happened, the rows, the path, and (for an expectation) whether it holds. */
    public record Result(String summary, Boolean holds, List<String> violations, List<Row> rows, PathHighlight path, ProbeResult probe,
            List<String> warnings) {
    }

    private WalkRunner() {
    }

    public static List<Choice> choices(Network root) {
        List<Choice> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        for (Expectation e : root.getExpectations()) {
            String name = e.getDescription() != null && !e.getDescription().isEmpty() ? e.getDescription() : ModelText.of(e);
            out.add(new Choice("expect: " + name, e));
        }
        for (Probe p : root.getProbes()) {
            out.add(new Choice("probe: " + (p.getName() == null ? ModelText.of(p) : p.getName()), p));
        }
        return out;
    }

    private static ModelMapping map(Network root) {
        return new ModelToEngine(new NodeLocator()).map(List.of(root));
    }

    /** Walks an expectation (checked) or a named probe of the file. */
    public static Result run(Network root, EObject choice) {
        ModelMapping mapping = map(root);
        try {
            if (choice instanceof Expectation e) {
                ExpectationChecker.Result r = new ExpectationChecker(mapping).check(e);
                ProbeResult probe = r.probes().isEmpty() ? null : r.probes().get(0);
                return result(probe, r.holds(), r.violations(), mapping);
            }
            if (choice instanceof Probe p) {
                return result(new org.netwright.engine.Simulation(mapping.view()).probe(mapping.probe(p)), null, List.of(), mapping);
            }
        } catch (ModelException ex) {
            return failed(ex.getMessage(), mapping);
        }
        return failed("Nothing to walk", mapping);
    }

    /** Walks a probe typed by the user: from a namespace, protocol, destination address and ports. */
    public static Result run(Network root, String from, String protocol, String destination, int sport, int dport) {
        ModelMapping mapping = map(root);
        Namespace ns = org.netwright.diagram.Topology.of(root).namespaces().stream().filter(n -> from.equals(n.getName())).findFirst().orElse(null);
        if (ns == null) {
            return failed("There is no namespace " + from, mapping);
        }
        Probe p = NetwrightFactory.eINSTANCE.createProbe();
        p.setName("typed probe");
        p.setFrom(ns);
        ProbeProtocol proto = ProbeProtocol.get(protocol.toLowerCase());
        if (proto == null) {
            return failed("Unknown protocol " + protocol + " (icmp, udp, tcp, esp)", mapping);
        }
        p.setProtocol(proto);
        IpAddress dst = IpAddress.tryParse(destination.strip());
        if (dst == null) {
            return failed("Not an IP address: " + destination.strip(), mapping);
        }
        p.setDst(dst);
        if (sport > 0) {
            p.setSport(sport);
        }
        if (dport > 0) {
            p.setDport(dport);
        }
        try {
            return result(new org.netwright.engine.Simulation(mapping.view()).probe(mapping.probe(p)), null, List.of(), mapping);
        } catch (ModelException | IllegalArgumentException ex) {
            return failed(ex.getMessage(), mapping);
        }
    }

    private static Result failed(String message, ModelMapping mapping) {
        return new Result(message, null, List.of(), List.of(), null, null, warnings(mapping));
    }

    private static List<String> warnings(ModelMapping mapping) {
        List<String> out = new ArrayList<>();
        for (MappingIssue i : mapping.issues()) {
            out.add(i.toString());
        }
        return out;
    }

    private static Result result(ProbeResult r, Boolean holds, List<String> violations, ModelMapping mapping) {
        if (r == null) {
            return failed("The engine walked nothing", mapping);
        }
        List<Row> rows = new ArrayList<>();
        rows(r.trace(), false, rows);
        if (r.replyTrace() != null) {
            rows(r.replyTrace(), true, rows);
        }
        Disposition d = r.disposition();
        String summary = d.toString() + (r.replyTrace() == null ? "" : r.replyDelivered() ? "; reply delivered" : "; reply not delivered");
        return new Result(summary, holds, withDiagnostics(violations, r, mapping), rows, path(r), r, warnings(mapping));
    }

    /** The violations followed by the engine's explanations of the walk ("why: ..."), shown under the status. */
    private static List<String> withDiagnostics(List<String> violations, ProbeResult r, ModelMapping mapping) {
        List<String> out = new ArrayList<>(violations);
        for (Diagnostic d : TraceDiagnostics.of(mapping.view(), r)) {
            out.add("why: " + d.code().id() + ": " + d.message() + (d.suggestion() == null ? "" : ". Fix: " + d.suggestion()));
        }
        return out;
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
                header, s.rule(), s.kind().name()));
        }
    }

    /** The devices crossed (without in/out), the fate and where, as the diagram shows them. */
    static PathHighlight path(ProbeResult r) {
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
            note = String.join("\n", lines.stream().map(WalkRunner::shorten).toList());
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
