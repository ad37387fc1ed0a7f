package org.netwright.engine;

import java.util.List;
import java.util.Map;

/** Hand-written JSON rendering of traces and probe results, with a fixed field order. */
final class TraceJson {
    private TraceJson() {
    }

    static String trace(Trace t) {
        Json j = new Json();
        trace(j, t);
        return j.toString();
    }

    static String probe(ProbeResult r) {
        Json j = new Json().beginObject();
        j.field("probe", r.probe().name());
        j.field("delivered_to", r.deliveredTo());
        j.name("observed_at_dst");
        header(j, r.observedAtDst());
        j.name("path");
        path(j, r.path());
        j.field("last_seen_at", r.lastSeenAt());
        j.name("disposition");
        disposition(j, r.disposition());
        j.name("icmp_errors").beginArray();
        for (ProbeResult.IcmpError e : r.icmpErrors()) {
            j.beginObject().field("from", e.from()).field("type", e.type()).field("code", e.code());
            j.name("header");
            header(j, e.header());
            j.field("delivered_to", e.deliveredTo());
            j.endObject();
        }
        j.endArray();
        j.field("reply_delivered", r.replyDelivered());
        j.name("reply_path");
        path(j, r.replyPath());
        j.name("conntrack").beginObject();
        for (Map.Entry<String, List<CtEntryView>> e : r.conntrack().entrySet()) {
            j.name(e.getKey()).beginArray();
            for (CtEntryView v : e.getValue()) {
                j.beginObject().field("proto", v.proto()).field("zone", v.zone()).field("mark", v.mark());
                j.name("orig");
                tuple(j, v.orig());
                j.name("reply");
                tuple(j, v.reply());
                j.field("nat", v.nat()).field("state", v.state()).endObject();
            }
            j.endArray();
        }
        j.endObject();
        j.name("ct_stats_delta").beginObject();
        for (Map.Entry<String, CtStats> e : r.ctStatsDelta().entrySet()) {
            CtStats s = e.getValue();
            j.name(e.getKey()).beginObject().field("found", s.found()).field("insert", s.inserted())
                    .field("insert_failed", s.insertFailed()).field("drop", s.drop()).field("invalid", s.invalid())
                    .field("ignore", s.ignore()).endObject();
        }
        j.endObject();
        j.name("steps");
        steps(j, r.trace());
        j.name("reply_steps");
        if (r.replyTrace() == null) {
            j.nul();
        } else {
            steps(j, r.replyTrace());
        }
        j.endObject();
        return j.toString();
    }

    private static void trace(Json j, Trace t) {
        j.beginObject();
        j.name("disposition");
        disposition(j, t.disposition());
        j.name("hops").beginArray();
        for (Hop h : t.hops()) {
            j.beginObject().field("namespace", h.namespace()).name("steps").beginArray();
            for (TraceStep s : h.steps()) {
                step(j, s);
            }
            j.endArray().endObject();
        }
        j.endArray().endObject();
    }

    private static void steps(Json j, Trace t) {
        j.beginArray();
        for (TraceStep s : t.steps()) {
            step(j, s);
        }
        j.endArray();
    }

    private static void step(Json j, TraceStep s) {
        j.beginObject();
        j.field("kind", s.kind().name().toLowerCase());
        j.field("namespace", s.namespace());
        j.field("device", s.device());
        j.field("hook", s.hook() == null ? null : s.hook().nft());
        j.field("family", s.family() == null ? null : s.family().nft());
        j.field("table", s.table());
        j.field("chain", s.chain());
        j.name("priority");
        if (s.priority() == null) {
            j.nul();
        } else {
            j.value(s.priority());
        }
        j.name("rule");
        source(j, s.rule());
        j.field("verdict", s.verdict());
        j.field("detail", s.detail());
        j.name("packet");
        header(j, s.packet());
        j.field("mark", s.mark());
        j.endObject();
    }

    private static void source(Json j, SourceRef r) {
        if (r == null) {
            j.nul();
            return;
        }
        j.beginObject().field("file", r.file()).field("line", r.line()).field("column", r.column())
                .field("text", r.text()).endObject();
    }

    private static void disposition(Json j, Disposition d) {
        j.beginObject().field("type", d.type().name().toLowerCase()).field("namespace", d.namespace())
                .field("device", d.device()).field("where", d.where()).field("reason", d.reason());
        j.name("rule");
        source(j, d.rule());
        j.endObject();
    }

    private static void path(Json j, List<ProbeResult.PathPoint> path) {
        j.beginArray();
        for (ProbeResult.PathPoint p : path) {
            j.beginObject().field("at", p.at());
            j.name("header");
            header(j, p.header());
            j.endObject();
        }
        j.endArray();
    }

    static void header(Json j, Packet p) {
        if (p == null) {
            j.nul();
            return;
        }
        j.beginObject().field("src", Ip4.str(p.src())).field("dst", Ip4.str(p.dst()))
                .field("proto", Packet.protoName(p.proto())).field("ttl", p.ttl());
        if (p.hasPorts()) {
            j.field("sport", p.sport()).field("dport", p.dport());
        }
        if (p.proto() == Packet.ICMP) {
            j.field("icmp_type", p.icmpType()).field("icmp_code", p.icmpCode());
            if (p.isIcmpEcho()) {
                j.field("icmp_id", p.sport());
            }
        }
        if (p.proto() == Packet.TCP) {
            j.field("tcp_flags", p.tcpFlags());
        }
        if (p.proto() == Packet.ESP) {
            j.field("spi", p.spi());
        }
        if (p.dscp() != 0) {
            j.field("dscp", p.dscp());
        }
        if (p.inner() != null) {
            j.name("inner");
            header(j, p.inner());
        }
        j.endObject();
    }

    private static void tuple(Json j, Tuple t) {
        j.beginObject().field("src", Ip4.str(t.src())).field("dst", Ip4.str(t.dst()))
                .field("proto", Packet.protoName(t.proto()));
        if (t.proto() == Packet.TCP || t.proto() == Packet.UDP) {
            j.field("sport", t.sport()).field("dport", t.dport());
        } else if (t.proto() == Packet.ICMP) {
            j.field("type", t.dport()).field("id", t.sport());
        }
        j.endObject();
    }
}
