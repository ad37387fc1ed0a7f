package org.netwright.ui.walk;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.netwright.engine.Disposition;
import org.netwright.engine.OpaqueElement;
import org.netwright.engine.ProbeOutcomes;
import org.netwright.engine.ProbeResult;
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
import org.netwright.topology.PathHighlight;
import org.netwright.topology.WalkView;

/**
 * Runs the engine for the Packet Walk view, without any UI: the walks a file offers (its expectations
 * and named probes), one walk (or a probe typed by the user), and the result as table rows and as a
 * path for the diagram.
 */
public final class WalkRunner {
    /** Something the file lets the user walk: an expectation or a named probe. */
    public record Choice(String label, EObject element) {
    }

    /**
     * A walk's outcome: what happened, the rows, the path, and (for an expectation) whether it holds. {@code outcomes}:
     * every outcome the engine explored (random choices, hashes, matches it does not evaluate), each a Result of its own
     * with no outcomes; empty when the walk has only this one. {@code capped}: there were more, not explored.
     */
    public record Result(String summary, Boolean holds, List<String> violations, List<WalkView.Row> rows, PathHighlight path, ProbeResult probe,
            List<String> warnings, List<Result> outcomes, boolean capped) {
        public Result {
            outcomes = List.copyOf(outcomes);
        }

        /** A walk with a single outcome. */
        public Result(String summary, Boolean holds, List<String> violations, List<WalkView.Row> rows, PathHighlight path, ProbeResult probe,
                List<String> warnings) {
            this(summary, holds, violations, rows, path, probe, warnings, List.of(), false);
        }

        /** Whether the walk has more than one outcome, or an outcome the engine is not sure of. */
        public boolean branched() {
            return outcomes.size() > 1 || capped || probe != null && (probe.uncertain() || !probe.branch().choices().isEmpty());
        }

        /** "outcome 2 of 4: p=0.25, delivered" and what made it uncertain. */
        public String outcomeLabel(int index, int of) {
            if (probe == null) {
                return "outcome " + (index + 1);
            }
            return "outcome " + (index + 1) + " of " + of + (capped ? "+" : "") + ": p=" + TraceText.probability(probe.branch().probability())
                + (probe.uncertain() ? " (uncertain)" : "") + ", " + probe.disposition();
        }

        /** Why this outcome is one of several: the choices its walk took and what the engine did not execute. */
        public List<String> branchReasons() {
            List<String> out = new ArrayList<>();
            if (probe == null) {
                return out;
            }
            for (ProbeResult.Chosen c : probe.branch().choices()) {
                String why = switch (c.choice().kind()) {
                    case RANDOM -> "random choice";
                    case HASH -> "hash with a seed the kernel picks";
                    case OPAQUE_MATCH -> "not evaluated by the engine";
                };
                out.add(why + ": " + c.choice().what() + " \u2192 " + c.choice().labels().get(c.taken()) + " (p="
                    + TraceText.probability(c.probability()) + ")");
            }
            for (OpaqueElement e : probe.branch().opaque()) {
                out.add("uncertain: not executed by the engine: " + e);
            }
            if (capped) {
                out.add("uncertain: more than " + org.netwright.engine.Simulation.MAX_OUTCOMES + " outcomes, the rest not explored");
            }
            return out;
        }
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
                return outcomes(r.probes(), false, r.holds(), r.violations(), mapping);
            }
            if (choice instanceof Probe p) {
                return explored(new org.netwright.engine.Simulation(mapping.view()).explore(mapping.probe(p)), mapping);
            }
        } catch (ModelException ex) {
            return failed(ex.getMessage(), mapping);
        }
        return failed("Nothing to walk", mapping);
    }

    /** Walks a probe typed by the user: from a namespace, protocol, destination address and ports. */
    public static Result run(Network root, String from, String protocol, String destination, int sport, int dport) {
        ModelMapping mapping = map(root);
        Namespace ns = org.netwright.topology.Topology.of(root).namespaces().stream().filter(n -> from.equals(n.getName())).findFirst().orElse(null);
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
            return explored(new org.netwright.engine.Simulation(mapping.view()).explore(mapping.probe(p)), mapping);
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

    private static Result explored(ProbeOutcomes o, ModelMapping mapping) {
        return outcomes(o.outcomes(), o.capped(), null, List.of(), mapping);
    }

    /** The first outcome shown, with every outcome (when there are several or one is uncertain) to pick from. */
    private static Result outcomes(List<ProbeResult> all, boolean capped, Boolean holds, List<String> violations, ModelMapping mapping) {
        if (all.isEmpty()) {
            return result(null, holds, violations, mapping);
        }
        List<Result> each = new ArrayList<>();
        for (ProbeResult r : all) {
            Result one = result(r, holds, violations, mapping);
            each.add(capped ? new Result(one.summary(), holds, one.violations(), one.rows(), one.path(), r, one.warnings(), List.of(), true) : one);
        }
        Result first = each.get(0);
        if (each.size() == 1 && !first.branched()) {
            return first;
        }
        return new Result(first.summary(), holds, first.violations(), first.rows(), first.path(), first.probe(), first.warnings(), each, capped);
    }

    private static Result result(ProbeResult r, Boolean holds, List<String> violations, ModelMapping mapping) {
        if (r == null) {
            return failed("The engine walked nothing", mapping);
        }
        Disposition d = r.disposition();
        String summary = d.toString() + (r.replyTrace() == null ? "" : r.replyDelivered() ? "; reply delivered" : "; reply not delivered");
        return new Result(summary, holds, withDiagnostics(violations, r, mapping), WalkView.rows(r), WalkView.path(r), r, warnings(mapping));
    }

    /** The violations followed by the engine's explanations of the walk ("why: ..."), shown under the status. */
    private static List<String> withDiagnostics(List<String> violations, ProbeResult r, ModelMapping mapping) {
        List<String> out = new ArrayList<>(violations);
        for (Diagnostic d : TraceDiagnostics.of(mapping.view(), r)) {
            out.add("why: " + d.code().id() + ": " + d.message() + (d.suggestion() == null ? "" : ". Fix: " + d.suggestion()));
        }
        return out;
    }
}
