package org.netwright.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.netwright.engine.CtEntryView;
import org.netwright.engine.Disposition;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Location;
import org.netwright.engine.Packet;
import org.netwright.engine.OpaqueElement;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeOutcomes;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.netwright.engine.SourceRef;
import org.netwright.engine.TraceText;
import org.netwright.engine.Tuple;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.engine.diagnostics.TraceDiagnostics;
import org.netwright.model.ConntrackExpectation;
import org.netwright.model.Expectation;
import org.netwright.model.Header;
import org.netwright.model.Network;
import org.netwright.model.OutcomeKind;
import org.netwright.model.Quantifier;
import org.netwright.model.ReplyExpectation;
import org.netwright.model.ReplyKind;
import org.netwright.model.Scenario;

/**
 * Runs the model's expectations on the engine and compares: the outcome (delivered / dropped / rejected,
 * and where), the header observed at the destination (after translation), the reply (delivered,
 * none, dropped, port unreachable, reset; where; its header) and conntrack entries (present or absent,
 * zone, original and reply tuples). A violation is explained with the trace of the walk.
 * An expectation runs in a fresh simulation; a scenario's steps share one (conntrack survives). A probe can have
 * several outcomes (random choices, matches the engine does not evaluate): "always" (the default) wants every one,
 * "possibly" one; an outcome that passed an element the engine does not execute decides nothing (uncertain).
 */
public final class ExpectationChecker {
    /** What checking an expectation found. */
    public enum Verdict {
        HOLDS,
        VIOLATED,
        /**
         * Neither: the answer depends on an element the engine does not execute exactly (or on outcomes beyond the
         * cap), and no certain outcome decides it.
         */
        UNCERTAIN
    }

    /**
     * Outcome of one expectation or scenario: the verdict, the violations (or, when uncertain, what made it so), every
     * outcome of every probe walked, and {@code diagnostics} that explain the walks (why NAT did not happen, why a
     * packet was dropped), also when the expectation holds because it describes a failure.
     */
    public record Result(String name, SourceRef where, Verdict verdict, List<String> violations, List<ProbeOutcomes> walks,
            List<Diagnostic> diagnostics) {
        public Result {
            violations = List.copyOf(violations);
            walks = List.copyOf(walks);
            diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        }

        public boolean holds() {
            return verdict == Verdict.HOLDS;
        }

        public boolean uncertain() {
            return verdict == Verdict.UNCERTAIN;
        }

        /** Every outcome of every probe walked, in order. */
        public List<ProbeResult> probes() {
            return walks.stream().flatMap(w -> w.outcomes().stream()).toList();
        }

        /** The violations, the walks of the probes when not holding (every outcome), then the diagnostics. */
        public String explain() {
            StringBuilder sb = new StringBuilder();
            String loc = where != null && where.file() != null ? where.file() + ":" + where.line() + ":" + where.column()
                    + ": " : "";
            sb.append(loc).append(switch (verdict) {
                case HOLDS -> "holds: ";
                case VIOLATED -> "violated: ";
                case UNCERTAIN -> "uncertain: ";
            }).append(name).append('\n');
            for (String v : violations) {
                sb.append("  - ").append(v).append('\n');
            }
            if (!holds()) {
                for (ProbeOutcomes w : walks) {
                    Probe p = w.probe();
                    sb.append("  trace of probe ").append(p.name() == null ? "" : p.name() + " ")
                            .append(p.namespace()).append(": ").append(p.packet().describe()).append('\n');
                    for (String line : w.toText().split("\n")) {
                        sb.append("    ").append(line).append('\n');
                    }
                }
            }
            appendDiagnostics(sb);
            return sb.toString();
        }

        /** Under a violation "why:", under a holding expectation "note:", one indented block per diagnostic. */
        private void appendDiagnostics(StringBuilder sb) {
            for (Diagnostic d : diagnostics) {
                String[] lines = d.toText().split("\n");
                sb.append(holds() ? "  note: " : "  why: ").append(lines[0]).append('\n');
                for (int i = 1; i < lines.length; i++) {
                    sb.append("  ").append(lines[i]).append('\n');
                }
            }
        }
    }

    private final ModelMapping mapping;

    public ExpectationChecker(ModelMapping mapping) {
        this.mapping = mapping;
    }

    /** Every expectation, then every scenario, of the network, in order. */
    public List<Result> checkAll(Network n) {
        List<Result> out = new ArrayList<>();
        for (Expectation e : n.getExpectations()) {
            out.add(check(e));
        }
        for (Scenario s : n.getScenarios()) {
            out.add(check(s));
        }
        return out;
    }

    /** One expectation in a fresh simulation. */
    public Result check(Expectation e) {
        Simulation sim = new Simulation(mapping.view());
        Findings f = new Findings();
        ProbeOutcomes r = step(e, sim, f, "");
        return new Result(name(e), mapping.locator().locate(e), f.verdict(), f.lines(), List.of(r), f.diagnostics);
    }

    /**
     * A scenario: its steps in order on one simulation. A step that says "possibly" keeps only the outcomes where it
     * holds for the steps after it (so "possibly delivered to a" then "always delivered to a" checks affinity).
     */
    public Result check(Scenario s) {
        Simulation sim = new Simulation(mapping.view());
        Findings f = new Findings();
        List<ProbeOutcomes> probes = new ArrayList<>();
        int i = 0;
        for (Expectation e : s.getSteps()) {
            i++;
            probes.add(step(e, sim, f, "step " + i + " (" + name(e) + "): "));
        }
        String name = "scenario " + s.getName() + (s.getDescription() == null ? "" : " (" + s.getDescription() + ")");
        return new Result(name, mapping.locator().locate(s), f.verdict(), f.lines(), probes, f.diagnostics);
    }

    /** What the steps found: violations, reasons for uncertainty, diagnostics. */
    private static final class Findings {
        final List<String> violations = new ArrayList<>();
        final List<String> uncertain = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();

        Verdict verdict() {
            return !violations.isEmpty() ? Verdict.VIOLATED : !uncertain.isEmpty() ? Verdict.UNCERTAIN : Verdict.HOLDS;
        }

        List<String> lines() {
            return violations.isEmpty() ? uncertain : violations;
        }
    }

    private static String name(Expectation e) {
        return e.getDescription() != null && !e.getDescription().isEmpty() ? e.getDescription() : ModelText.of(e);
    }

    private ProbeOutcomes step(Expectation e, Simulation sim, Findings f, String prefix) {
        org.netwright.model.Probe mp = e.getProbe() != null ? e.getProbe() : e.getProbeRef();
        if (mp == null) {
            throw new ModelException("expectation without a probe", mapping.locator().locate(e));
        }
        Probe p = mapping.probe(mp);
        if (!mapping.view().namespaces().containsKey(p.namespace())) {
            throw new ModelException("probe from unknown namespace " + p.namespace(), mapping.locator().locate(mp));
        }
        ProbeOutcomes walks = sim.explore(p);
        judge(e, walks, f, prefix, sim);
        for (ProbeResult r : walks.outcomes()) {
            for (Diagnostic d : TraceDiagnostics.of(mapping.view(), r, mp.getPayload())) {
                if (!f.diagnostics.contains(d)) {
                    f.diagnostics.add(d);
                }
            }
        }
        return walks;
    }

    /**
     * Judges every outcome. always: violated when a certain outcome violates it, else uncertain when an outcome is
     * uncertain (or outcomes were capped). possibly: holds when a certain outcome meets it, else uncertain when an
     * outcome is uncertain (or capped), else violated. In a scenario a "possibly" step keeps the outcomes meeting it.
     */
    private static void judge(Expectation e, ProbeOutcomes walks, Findings f, String prefix, Simulation sim) {
        List<ProbeResult> all = walks.outcomes();
        boolean many = all.size() > 1;
        boolean possibly = e.getQuantifier() == Quantifier.POSSIBLY;
        List<List<String>> found = new ArrayList<>(all.size());
        boolean certainMet = false;
        boolean certainViolated = false;
        for (ProbeResult r : all) {
            List<String> v = compare(e, r);
            found.add(v);
            certainMet |= v.isEmpty() && !r.uncertain();
            certainViolated |= !v.isEmpty() && !r.uncertain();
        }
        List<String> uncertainty = new ArrayList<>();
        for (OpaqueElement o : walks.opaque()) {
            uncertainty.add(prefix + "uncertain: the walk passed an element the engine does not execute: " + o);
        }
        if (walks.capped()) {
            uncertainty.add(prefix + "uncertain: more than " + Simulation.MAX_OUTCOMES + " outcomes, the rest not explored");
        }
        if (possibly) {
            if (!certainMet && uncertainty.isEmpty()) {
                for (int i = 0; i < all.size(); i++) {
                    for (String v : found.get(i)) {
                        f.violations.add(prefix + "no outcome meets it: " + outcome(all, i, many) + v);
                    }
                }
            } else if (!certainMet) {
                f.uncertain.addAll(uncertainty);
            }
            if (found.stream().anyMatch(List::isEmpty)) {
                sim.retain(i -> found.get(i).isEmpty());
            }
        } else if (certainViolated) {
            for (int i = 0; i < all.size(); i++) {
                if (!all.get(i).uncertain()) {
                    for (String v : found.get(i)) {
                        f.violations.add(prefix + outcome(all, i, many) + v);
                    }
                }
            }
        } else {
            f.uncertain.addAll(uncertainty);
        }
    }

    /** "outcome 2 of 3 (p=0.5): " when a probe has several outcomes. */
    private static String outcome(List<ProbeResult> all, int i, boolean many) {
        return many ? "outcome " + (i + 1) + " of " + all.size() + " (p=" + TraceText.probability(all.get(i).branch()
                .probability()) + "): " : "";
    }

    // ------------------------------------------------------------------ comparison

    /** The violations of {@code e} by the walk {@code r} (empty when it holds). */
    public static List<String> compare(Expectation e, ProbeResult r) {
        List<String> out = new ArrayList<>();
        Disposition d = r.disposition();
        String at = e.getAt() == null ? null : e.getAt().getName();
        OutcomeKind kind = e.getOutcome();
        switch (kind) {
            case DELIVERED -> {
                String ns = nsOf(r.deliveredTo());
                if (ns == null || (at != null && !at.equals(ns))) {
                    out.add("expected delivered" + (at == null ? "" : " to " + at) + ", but " + d);
                }
            }
            case DROPPED -> {
                boolean dropped = d.dropped();
                if (!dropped || (at != null && !at.equals(d.namespace()))) {
                    out.add("expected dropped" + (at == null ? "" : " at " + at) + ", but " + d);
                }
            }
            case REJECTED -> {
                boolean dropped = d.fate() == Disposition.Fate.DROPPED;
                boolean answered = r.icmpErrors().stream().anyMatch(x -> x.from().equals(d.namespace()));
                if (!dropped || !answered || (at != null && !at.equals(d.namespace()))) {
                    out.add("expected rejected" + (at == null ? "" : " at " + at) + " (dropped with an ICMP error or "
                            + "TCP reset), but " + d + (dropped && !answered ? " without an answer" : ""));
                }
            }
        }
        if (e.getObserved() != null) {
            Packet seen = r.observedAtDst();
            String what = "at the destination";
            if (seen == null && !r.path().isEmpty()) {
                seen = r.path().get(r.path().size() - 1).header();
                what = "where last seen (" + r.lastSeenAt() + ")";
            }
            String diff = headerDiff(e.getObserved(), seen);
            if (diff != null) {
                out.add("expected header " + header(e.getObserved()) + " " + what + ", observed "
                        + (seen == null ? "nothing" : seen.describe()) + " (" + diff + ")");
            }
        }
        if (e.getReply() != null) {
            reply(e.getReply(), r, out);
        }
        for (ConntrackExpectation c : e.getConntrack()) {
            conntrack(c, r, out);
        }
        return out;
    }

    private static void reply(ReplyExpectation x, ProbeResult r, List<String> out) {
        String probeNs = r.probe().namespace();
        String at = x.getAt() == null ? probeNs : x.getAt().getName();
        ReplyKind k = x.getKind();
        String actual = describeReply(r);
        switch (k) {
            case DELIVERED -> {
                Disposition d = r.replyTrace() == null ? null : r.replyTrace().disposition();
                boolean ok = d != null && d.fate() == Disposition.Fate.DELIVERED && at.equals(d.namespace());
                if (!ok) {
                    out.add("expected the reply delivered to " + at + ", but " + actual);
                }
            }
            case NONE -> {
                if (r.replyTrace() != null || !r.icmpErrors().isEmpty()) {
                    out.add("expected no reply, but " + actual);
                }
            }
            case DROPPED -> {
                if (r.replyTrace() == null || r.replyDelivered()) {
                    out.add("expected the reply to be dropped, but " + actual);
                }
            }
            case PORT_UNREACHABLE -> {
                boolean ok = r.icmpErrors().stream().anyMatch(e -> e.type() == Packet.ICMP_DEST_UNREACH && e.code() == 3
                        && at.equals(nsOf(e.deliveredTo())));
                if (!ok) {
                    out.add("expected ICMP port unreachable delivered to " + at + ", but " + actual);
                }
            }
            case RESET -> {
                boolean ok = isReset(firstReplyHeader(r)) && r.replyTrace() != null
                        && r.replyTrace().disposition().fate() == Disposition.Fate.DELIVERED
                        && at.equals(r.replyTrace().disposition().namespace());
                ok |= r.icmpErrors().stream().anyMatch(e -> isReset(e.header()) && at.equals(nsOf(e.deliveredTo())));
                if (!ok) {
                    out.add("expected a TCP reset delivered to " + at + ", but " + actual);
                }
            }
        }
        if (x.getHeader() != null) {
            Packet last = r.replyPath().isEmpty() ? null : r.replyPath().get(r.replyPath().size() - 1).header();
            String diff = headerDiff(x.getHeader(), last);
            if (diff != null) {
                out.add("expected reply header " + header(x.getHeader()) + ", observed "
                        + (last == null ? "no reply" : last.describe()) + " (" + diff + ")");
            }
        }
    }

    private static Packet firstReplyHeader(ProbeResult r) {
        return r.replyPath().isEmpty() ? null : r.replyPath().get(0).header();
    }

    private static boolean isReset(Packet p) {
        return p != null && p.proto() == Packet.TCP && (p.tcpFlags() & Packet.RST) != 0;
    }

    private static String describeReply(ProbeResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.replyTrace() == null) {
            sb.append("no reply was generated");
        } else {
            sb.append("the reply was ").append(r.replyTrace().disposition());
        }
        for (ProbeResult.IcmpError e : r.icmpErrors()) {
            sb.append("; icmp error type ").append(e.type()).append(" code ").append(e.code()).append(" from ")
                    .append(e.from()).append(e.deliveredTo() == null ? " not delivered" : " delivered to " + e.deliveredTo());
        }
        return sb.toString();
    }

    private static void conntrack(ConntrackExpectation c, ProbeResult r, List<String> out) {
        String ns = c.getAt() == null ? null : c.getAt().getName();
        List<CtEntryView> entries = new ArrayList<>();
        for (Map.Entry<String, List<CtEntryView>> e : r.conntrack().entrySet()) {
            if (ns == null || ns.equals(e.getKey())) {
                entries.addAll(e.getValue());
            }
        }
        CtEntryView found = null;
        for (CtEntryView v : entries) {
            if ((!c.isSetZone() || v.zone() == c.getZone()) && tupleMatches(c.getOrig(), v.orig())
                    && tupleMatches(c.getReply(), v.reply())) {
                found = v;
                break;
            }
        }
        String what = "conntrack entry" + (ns == null ? "" : " in " + ns) + (c.isSetZone() ? " zone " + c.getZone() : "")
                + (c.getOrig() == null ? "" : " orig " + header(c.getOrig()))
                + (c.getReply() == null ? "" : " reply " + header(c.getReply()));
        if (c.isAbsent() && found != null) {
            out.add("expected no " + what + ", but found " + found);
        } else if (!c.isAbsent() && found == null) {
            out.add("expected a " + what + ", but the table has " + (entries.isEmpty() ? "no entry" : entries));
        }
    }

    private static boolean tupleMatches(Header h, Tuple t) {
        if (h == null) {
            return true;
        }
        if (h.getSrc() != null && !IpAddr.parse(h.getSrc().toString()).equals(t.src())) {
            return false;
        }
        if (h.getDst() != null && !IpAddr.parse(h.getDst().toString()).equals(t.dst())) {
            return false;
        }
        boolean ports = t.proto() == Packet.TCP || t.proto() == Packet.UDP;
        if (h.getSport() != 0 && (!ports || h.getSport() != t.sport())) {
            return false;
        }
        return h.getDport() == 0 || (ports && h.getDport() == t.dport());
    }

    /** What differs between the expected header and the packet, or null when it matches. */
    static String headerDiff(Header h, Packet p) {
        if (p == null) {
            return "no packet";
        }
        List<String> d = new ArrayList<>();
        if (h.getSrc() != null && !IpAddr.parse(h.getSrc().toString()).equals(p.src())) {
            d.add("src " + p.src() + " instead of " + h.getSrc());
        }
        if (h.getDst() != null && !IpAddr.parse(h.getDst().toString()).equals(p.dst())) {
            d.add("dst " + p.dst() + " instead of " + h.getDst());
        }
        if (h.getSport() != 0 && (!p.hasPorts() || p.sport() != h.getSport())) {
            d.add("sport " + (p.hasPorts() ? p.sport() : "none") + " instead of " + h.getSport());
        }
        if (h.getDport() != 0 && (!p.hasPorts() || p.dport() != h.getDport())) {
            d.add("dport " + (p.hasPorts() ? p.dport() : "none") + " instead of " + h.getDport());
        }
        return d.isEmpty() ? null : String.join(", ", d);
    }

    static String header(Header h) {
        StringBuilder sb = new StringBuilder();
        if (h.getSrc() != null) {
            sb.append("src ").append(h.getSrc());
        }
        if (h.getSport() != 0) {
            sb.append(sb.length() > 0 ? " " : "").append("sport ").append(h.getSport());
        }
        if (h.getDst() != null) {
            sb.append(sb.length() > 0 ? " " : "").append("dst ").append(h.getDst());
        }
        if (h.getDport() != 0) {
            sb.append(sb.length() > 0 ? " " : "").append("dport ").append(h.getDport());
        }
        return sb.toString();
    }

    private static String nsOf(Location at) {
        return at == null ? null : at.namespace();
    }
}
