package org.netwright.engine.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import org.netwright.engine.CtEntryView;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Location;
import org.netwright.engine.OpaqueElement;
import org.netwright.engine.Packet;
import org.netwright.engine.ProbeOutcomes;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Trace;
import org.netwright.engine.TraceStep;
import org.netwright.engine.TraceText;

/**
 * The JSON contract of {@code netwright walk --json}, defined once: the records below are the objects, their
 * components the fields in order (camelCase components are written snake_case: {@code deliveredTo} is
 * {@code delivered_to}). Absent values are {@code null}, except in headers and tuples, which carry only the
 * fields their protocol has. {@link #probe} maps a walked probe onto the contract, {@link #write} writes it
 * (Gson). The words in {@code detail}, {@code verdict}, {@code where} and {@code reason} are {@link TraceText}'s.
 */
public final class WalkJson {
    private WalkJson() {
    }

    /**
     * One walked probe: the result of {@code walk --json} (an array of them for a probes file). A probe can have
     * several outcomes (random choices, matches the engine does not evaluate): {@code outcomes} lists every one (each
     * an object of this kind without {@code outcomes}), the other fields are the first outcome's. {@code probability}
     * is null when unknown, {@code uncertain} says the walk passed an element the engine does not execute
     * ({@code opaque} names each with its location), {@code choices} the branches taken, {@code capped} that more
     * outcomes than the engine explores exist.
     */
    public record Probe(String probe, String deliveredTo, String deliveredDev, Header observedAtDst, List<PathPoint> path,
            String lastSeenAt, Disposition disposition, List<IcmpError> icmpErrors, boolean replyDelivered,
            List<PathPoint> replyPath, Map<String, List<CtEntry>> conntrack, Map<String, CtStats> ctStatsDelta,
            List<Step> steps, List<Step> replySteps, List<Diagnostic> diagnostics, Double probability, boolean uncertain,
            List<Opaque> opaque, List<Choice> choices, Boolean capped, List<Probe> outcomes) {
    }

    /** An element the engine does not execute, met on the walk: {@code kind} is match or statement. */
    public record Opaque(String kind, String what, Rule rule) {
    }

    /** A choice point of the walk and the branch taken ({@code taken} counts from 0 of {@code of}). */
    public record Choice(String kind, String what, Rule rule, int taken, int of, String branch, Double probability) {
    }

    /** A packet header; only the fields of its protocol. */
    public record Header(String src, String dst, String proto, int ttl, Integer sport, Integer dport, Integer icmpType,
            Integer icmpCode, Integer icmpId, Integer tcpFlags, Long spi, Integer dscp, Header inner) {
    }

    /** A device crossing: {@code at} is {@code ns/dev/in} or {@code ns/dev/out}. */
    public record PathPoint(String at, Header header) {
    }

    /** How the walk ended: {@code type} the fate, {@code reason_id} the reason's stable id. */
    public record Disposition(String type, String namespace, String device, String where, String reason, String reasonId,
            Rule rule) {
    }

    /**
     * An ICMP error (or TCP reset) generated for the probe, and where its own walk delivered it. {@code icmpv6Type}: nft's
     * name of an ICMPv6 error's type ({@code time-exceeded}, ...), left out of the JSON for IPv4.
     */
    public record IcmpError(String from, int type, int code, Header header, String deliveredTo, String deliveredDev,
            String icmpv6Type) {
    }

    /** A conntrack entry after the probe. */
    public record CtEntry(String proto, int zone, long mark, Tuple orig, Tuple reply, String nat, String state) {
    }

    /** A conntrack tuple; ports for tcp/udp, type and id for icmp, addresses only otherwise. */
    public record Tuple(String src, String dst, String proto, Integer sport, Integer dport, Integer type, Integer id) {
    }

    /** Conntrack statistics of a namespace, changed by the probe (as {@code conntrack -S} counts). */
    public record CtStats(long found, long insert, long insertFailed, long drop, long invalid, long ignore) {
    }

    /** One step of a walk: where, the chain fields of netfilter steps, the words, the packet after it. */
    public record Step(String kind, String event, String namespace, String device, String hook, String family,
            String table, String chain, Integer priority, Rule rule, String verdict, String detail, Header packet,
            long mark) {
    }

    /** A rule's text and where it is written (file null when it was not read from a file). */
    public record Rule(String file, int line, int column, String text) {
    }

    /** An explanation of the walk ({@link org.netwright.engine.diagnostics.Diagnostic}). */
    public record Diagnostic(String code, String severity, String message, List<String> namespaces,
            List<Long> entries, List<Rule> rules, String suggestion) {
    }

    // ------------------------------------------------------------------ from the engine's values

    /** Every outcome of a walked probe, each with its diagnostics: the first outcome's fields and {@code outcomes}. */
    public static Probe probe(ProbeOutcomes o,
            java.util.function.Function<ProbeResult, List<org.netwright.engine.diagnostics.Diagnostic>> diagnostics) {
        List<Probe> all = o.outcomes().stream().map(r -> probe(r, diagnostics.apply(r))).toList();
        Probe f = all.get(0);
        return new Probe(f.probe(), f.deliveredTo(), f.deliveredDev(), f.observedAtDst(), f.path(), f.lastSeenAt(),
                f.disposition(), f.icmpErrors(), f.replyDelivered(), f.replyPath(), f.conntrack(), f.ctStatsDelta(),
                f.steps(), f.replySteps(), f.diagnostics(), f.probability(), f.uncertain() || o.uncertain(), f.opaque(),
                f.choices(), o.capped(), all);
    }

    /** One outcome of a walked probe and its diagnostics ({@code outcomes} and {@code capped} null). */
    public static Probe probe(ProbeResult r, List<org.netwright.engine.diagnostics.Diagnostic> diagnostics) {
        Map<String, List<CtEntry>> ct = new LinkedHashMap<>();
        r.conntrack().forEach((ns, es) -> ct.put(ns, es.stream().map(WalkJson::entry).toList()));
        Map<String, CtStats> stats = new LinkedHashMap<>();
        r.ctStatsDelta().forEach((ns, s) -> stats.put(ns, new CtStats(s.found(), s.inserted(), s.insertFailed(), s.drop(),
                s.invalid(), s.ignore())));
        List<IcmpError> errors = new ArrayList<>();
        for (ProbeResult.IcmpError e : r.icmpErrors()) {
            boolean v6 = e.header() != null && e.header().proto() == Packet.ICMPV6;
            errors.add(new IcmpError(e.from(), e.type(), e.code(), header(e.header()), namespace(e.deliveredTo()),
                    device(e.deliveredTo()), v6 ? Packet.icmp6TypeName(e.type()) : null));
        }
        return new Probe(r.probe().name(), namespace(r.deliveredTo()), device(r.deliveredTo()), header(r.observedAtDst()),
                path(r.path()), r.lastSeenAt() == null ? null : r.lastSeenAt().toString(), disposition(r.trace()), errors,
                r.replyDelivered(), path(r.replyPath()), ct, stats, steps(r.trace()),
                r.replyTrace() == null ? null : steps(r.replyTrace()),
                diagnostics.stream().map(WalkJson::diagnostic).toList(), probability(r.branch().probability()),
                r.uncertain(), r.branch().opaque().stream().map(WalkJson::opaque).toList(),
                r.branch().choices().stream().map(WalkJson::choice).toList(), null, null);
    }

    private static Double probability(double p) {
        return Double.isNaN(p) ? null : p;
    }

    private static Opaque opaque(OpaqueElement e) {
        return new Opaque(e.statement() ? "statement" : "match", e.what(), rule(e.where()));
    }

    private static Choice choice(ProbeResult.Chosen c) {
        return new Choice(c.choice().kind().name().toLowerCase(java.util.Locale.ROOT), c.choice().what(),
                rule(c.choice().where()), c.taken(), c.choice().branches(), c.choice().labels().get(c.taken()),
                probability(c.probability()));
    }

    /** A diagnostic in the contract's terms. */
    public static Diagnostic diagnostic(org.netwright.engine.diagnostics.Diagnostic d) {
        return new Diagnostic(d.code().id(), d.severity().lower(), d.message(), d.namespaces(), d.entries(),
                d.rules().stream().map(WalkJson::rule).toList(), d.suggestion());
    }

    private static String namespace(Location l) {
        return l == null ? null : l.namespace();
    }

    private static String device(Location l) {
        return l == null ? null : l.device();
    }

    private static List<PathPoint> path(List<ProbeResult.PathPoint> path) {
        return path.stream().map(p -> new PathPoint(p.at().toString(), header(p.header()))).toList();
    }

    private static Disposition disposition(Trace t) {
        org.netwright.engine.Disposition d = t.disposition();
        return new Disposition(d.fate().lower(), d.namespace(), d.device(), TraceText.where(d), TraceText.reason(d),
                d.reason().id(), rule(d.rule()));
    }

    private static List<Step> steps(Trace t) {
        List<Step> out = new ArrayList<>();
        for (TraceStep s : t.steps()) {
            org.netwright.engine.ChainRef c = s.chain();
            out.add(new Step(s.kind().lower(), eventName(s), s.namespace(), s.device(),
                    s.hook() == null ? null : s.hook().nft(), c == null ? null : c.family().nft(),
                    c == null ? null : c.table(), c == null ? null : c.chain(), c == null ? null : c.priority(),
                    rule(s.rule()), TraceText.verdict(s), TraceText.detail(s), header(s.packet()), s.mark()));
        }
        return out;
    }

    /** The event's type as a stable snake_case name: {@code CtHit} is {@code ct_hit}. */
    private static String eventName(TraceStep s) {
        String n = s.event().getClass().getSimpleName();
        StringBuilder sb = new StringBuilder(n.length() + 4);
        for (int i = 0; i < n.length(); i++) {
            char ch = n.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) {
                sb.append('_');
            }
            sb.append(Character.toLowerCase(ch));
        }
        return sb.toString();
    }

    private static Rule rule(SourceRef r) {
        return r == null ? null : new Rule(r.file(), r.line(), r.column(), r.text());
    }

    /** A header with the fields of its protocol only. */
    public static Header header(Packet p) {
        if (p == null) {
            return null;
        }
        boolean ports = p.hasPorts();
        boolean icmp = Packet.isIcmpProto(p.proto());
        return new Header(String.valueOf(p.src()), String.valueOf(p.dst()), Packet.protoName(p.proto()), p.ttl(),
                ports ? p.sport() : null, ports ? p.dport() : null, icmp ? p.icmpType() : null, icmp ? p.icmpCode() : null,
                icmp && p.isIcmpEcho() ? p.sport() : null, p.proto() == Packet.TCP ? p.tcpFlags() : null,
                p.proto() == Packet.ESP ? p.spi() : null, p.dscp() != 0 ? p.dscp() : null, header(p.inner()));
    }

    private static CtEntry entry(CtEntryView v) {
        return new CtEntry(v.proto(), v.zone(), v.mark(), tuple(v.orig()), tuple(v.reply()), v.nat(), v.state());
    }

    private static Tuple tuple(org.netwright.engine.Tuple t) {
        boolean ports = t.proto() == Packet.TCP || t.proto() == Packet.UDP;
        boolean icmp = Packet.isIcmpProto(t.proto());
        return new Tuple(String.valueOf(t.src()), String.valueOf(t.dst()), Packet.protoName(t.proto()), ports ? t.sport() : null,
                ports ? t.dport() : null, icmp ? t.dport() : null, icmp ? t.sport() : null);
    }

    // ------------------------------------------------------------------ writing

    private static final Gson COMPACT = builder().create();
    private static final Gson PRETTY = builder().setPrettyPrinting().create();

    private static GsonBuilder builder() {
        return new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).serializeNulls()
                .disableHtmlEscaping().registerTypeAdapterFactory(new OmitNulls());
    }

    /** Deterministic JSON of a contract value (a record above, or a list of them); {@code pretty}: indented. */
    public static String write(Object contract, boolean pretty) {
        return (pretty ? PRETTY : COMPACT).toJson(contract);
    }

    /**
     * Headers and tuples leave out the fields their protocol does not have instead of writing them as null; an IPv4 ICMP
     * error leaves out {@code icmpv6_type} (its other absent values stay null, as before IPv6).
     */
    private static final class OmitNulls implements TypeAdapterFactory {
        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            boolean every = type.getRawType() == Header.class || type.getRawType() == Tuple.class;
            if (!every && type.getRawType() != IcmpError.class) {
                return null;
            }
            TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
            TypeAdapter<JsonElement> tree = gson.getAdapter(JsonElement.class);
            return new TypeAdapter<>() {
                @Override
                public void write(JsonWriter out, T value) throws IOException {
                    if (value == null) {
                        out.nullValue();
                        return;
                    }
                    if (!every) {
                        JsonObject o = delegate.toJsonTree(value).getAsJsonObject();
                        if (o.get("icmpv6_type").isJsonNull()) {
                            o.remove("icmpv6_type");
                        }
                        tree.write(out, o);
                        return;
                    }
                    boolean nulls = out.getSerializeNulls();
                    out.setSerializeNulls(false);
                    try {
                        delegate.write(out, value);
                    } finally {
                        out.setSerializeNulls(nulls);
                    }
                }

                @Override
                public T read(JsonReader in) throws IOException {
                    return delegate.read(in);
                }
            };
        }
    }
}
