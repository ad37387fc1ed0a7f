package org.netwright.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.netwright.engine.CtEntryView;
import org.netwright.engine.Disposition;
import org.netwright.engine.Ip4;
import org.netwright.engine.Location;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Tuple;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.engine.diagnostics.TraceDiagnostics;
import org.netwright.model.ConntrackExpectation;
import org.netwright.model.Expectation;
import org.netwright.model.Header;
import org.netwright.model.Network;
import org.netwright.model.OutcomeKind;
import org.netwright.model.ReplyExpectation;
import org.netwright.model.ReplyKind;
import org.netwright.model.Scenario;

/**
 * Runs the model's expectations on the engine and compares: the outcome (delivered / dropped / rejected,
 * and where), the header observed at the destination (after translation), the reply (delivered,
 * none, dropped, port unreachable, reset; where; its header) and conntrack entries (present or absent,
 * zone, original and reply tuples). A violation is explained with the trace of the walk.
 * An expectation runs in a fresh simulation; a scenario's steps share one (conntrack survives).
 */
public final class ExpectationChecker {
    /**
     * Outcome of one expectation or scenario; {@code diagnostics} explain the walks (why NAT did not happen,
     * why a packet was dropped), also when the expectation holds because it describes a failure.
     */
    public record Result(String name, SourceRef where, boolean holds, List<String> violations,
            List<ProbeResult> probes, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        }

        public Result(String name, SourceRef where, boolean holds, List<String> violations, List<ProbeResult> probes) {
            this(name, where, holds, violations, probes, List.of());
        }

        /** The violations, the trace of each probe walked when violated, then the diagnostics. */
        public String explain() {
            StringBuilder sb = new StringBuilder();
            String loc = where != null && where.file() != null ? where.file() + ":" + where.line() + ":" + where.column()
                    + ": " : "";
            sb.append(loc).append(holds ? "holds: " : "violated: ").append(name).append('\n');
            for (String v : violations) {
                sb.append("  - ").append(v).append('\n');
            }
            if (!holds) {
                for (ProbeResult r : probes) {
                    sb.append("  trace of probe ").append(r.probe().name() == null ? "" : r.probe().name() + " ")
                            .append(r.probe().namespace()).append(": ").append(r.probe().packet().describe()).append('\n');
                    for (String line : r.toText().split("\n")) {
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
                sb.append(holds ? "  note: " : "  why: ").append(lines[0]).append('\n');
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
        List<String> violations = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        ProbeResult r = step(e, sim, violations, "", diagnostics);
        return new Result(name(e), mapping.locator().locate(e), violations.isEmpty(), violations, List.of(r), diagnostics);
    }

    /** A scenario: its steps in order on one simulation. */
    public Result check(Scenario s) {
        Simulation sim = new Simulation(mapping.view());
        List<String> violations = new ArrayList<>();
        List<ProbeResult> probes = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        int i = 0;
        for (Expectation e : s.getSteps()) {
            i++;
            probes.add(step(e, sim, violations, "step " + i + " (" + name(e) + "): ", diagnostics));
        }
        String name = "scenario " + s.getName() + (s.getDescription() == null ? "" : " (" + s.getDescription() + ")");
        return new Result(name, mapping.locator().locate(s), violations.isEmpty(), violations, probes, diagnostics);
    }

    private static String name(Expectation e) {
        return e.getDescription() != null && !e.getDescription().isEmpty() ? e.getDescription() : ModelText.of(e);
    }

    private ProbeResult step(Expectation e, Simulation sim, List<String> violations, String prefix,
            List<Diagnostic> diagnostics) {
        org.netwright.model.Probe mp = e.getProbe() != null ? e.getProbe() : e.getProbeRef();
        if (mp == null) {
            throw new ModelException("expectation without a probe", mapping.locator().locate(e));
        }
        Probe p = mapping.probe(mp);
        if (!mapping.view().namespaces().containsKey(p.namespace())) {
            throw new ModelException("probe from unknown namespace " + p.namespace(), mapping.locator().locate(mp));
        }
        ProbeResult r = sim.probe(p);
        for (String v : compare(e, r)) {
            violations.add(prefix + v);
        }
        for (Diagnostic d : TraceDiagnostics.of(mapping.view(), r, mp.getPayload())) {
            if (!diagnostics.contains(d)) {
                diagnostics.add(d);
            }
        }
        return r;
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
        if (h.getSrc() != null && Ip4.parse(h.getSrc().toString()) != t.src()) {
            return false;
        }
        if (h.getDst() != null && Ip4.parse(h.getDst().toString()) != t.dst()) {
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
        if (h.getSrc() != null && Ip4.parse(h.getSrc().toString()) != p.src()) {
            d.add("src " + Ip4.str(p.src()) + " instead of " + h.getSrc());
        }
        if (h.getDst() != null && Ip4.parse(h.getDst().toString()) != p.dst()) {
            d.add("dst " + Ip4.str(p.dst()) + " instead of " + h.getDst());
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
