package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.netwright.engine.diagnostics.TraceDiagnostics;
import org.netwright.engine.json.WalkJson;

/** The walk JSON contract: field names and order, nulls, headers and tuples with their protocol's fields only. */
class WalkJsonTest {
    private static final List<String> PROBE_FIELDS = List.of("probe", "delivered_to", "delivered_dev", "observed_at_dst",
            "path", "last_seen_at", "disposition", "icmp_errors", "reply_delivered", "reply_path", "conntrack",
            "ct_stats_delta", "steps", "reply_steps", "diagnostics", "probability", "uncertain", "opaque", "choices", "capped", "outcomes");

    private static ProbeResult ping(NetworkView v) {
        return new Simulation(v).probe(Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 7)).named("ping"));
    }

    private static JsonObject json(NetworkView v, ProbeResult r) {
        return JsonParser.parseString(WalkJson.write(WalkJson.probe(r, TraceDiagnostics.of(v, r)), true)).getAsJsonObject();
    }

    @Test
    void aProbeHasEveryFieldInOrderAndIsDeterministic() {
        NetworkView v = Topologies.seed001(true);
        JsonObject j = json(v, ping(v));
        assertEquals(PROBE_FIELDS, List.copyOf(j.keySet()));
        assertEquals(WalkJson.write(WalkJson.probe(ping(v), List.of()), false),
                WalkJson.write(WalkJson.probe(ping(v), List.of()), false), "same walk, same bytes");
        assertEquals("ping", j.get("probe").getAsString());
        assertEquals("internet", j.get("delivered_to").getAsString());
        assertEquals("eth0", j.get("delivered_dev").getAsString());
        assertEquals("internet/eth0/in", j.get("last_seen_at").getAsString());
        assertEquals("client/veth0/out", j.getAsJsonArray("path").get(0).getAsJsonObject().get("at").getAsString());
        JsonObject d = j.getAsJsonObject("disposition");
        assertEquals(List.of("type", "namespace", "device", "where", "reason", "reason_id", "rule"), List.copyOf(d.keySet()));
        assertEquals("delivered", d.get("type").getAsString());
        assertEquals("delivered", d.get("reason_id").getAsString());
        assertTrue(d.get("rule").isJsonNull(), "absent values are null");
        assertTrue(j.get("reply_delivered").getAsBoolean());
        assertEquals(List.of(), List.copyOf(j.getAsJsonArray("diagnostics").asList()), "the fixed variant explains nothing");
    }

    @Test
    void headersAndTuplesCarryOnlyTheirProtocolsFields() {
        NetworkView v = Topologies.seed001(true);
        JsonObject j = json(v, ping(v));
        JsonObject h = j.getAsJsonObject("observed_at_dst");
        assertEquals(List.of("src", "dst", "proto", "ttl", "icmp_type", "icmp_code", "icmp_id"), List.copyOf(h.keySet()));
        assertEquals("172.16.202.30", h.get("src").getAsString(), "masqueraded by the host");
        assertEquals(8, h.get("icmp_type").getAsInt());
        assertEquals(7, h.get("icmp_id").getAsInt());
        JsonArray host = j.getAsJsonObject("conntrack").getAsJsonArray("host");
        JsonObject orig = host.get(0).getAsJsonObject().getAsJsonObject("orig");
        assertEquals(List.of("src", "dst", "proto", "type", "id"), List.copyOf(orig.keySet()));
    }

    @Test
    void stepsCarryTheEventTheirWordsAndThePacket() {
        NetworkView v = Topologies.seed001(false);
        ProbeResult r = ping(v);
        JsonObject j = json(v, r);
        JsonArray steps = j.getAsJsonArray("steps");
        assertEquals(r.steps().size(), steps.size());
        for (int i = 0; i < steps.size(); i++) {
            JsonObject s = steps.get(i).getAsJsonObject();
            assertEquals(List.of("kind", "event", "namespace", "device", "hook", "family", "table", "chain", "priority",
                    "rule", "verdict", "detail", "packet", "mark"), List.copyOf(s.keySet()));
            assertEquals(r.steps().get(i).kind().lower(), s.get("kind").getAsString());
            JsonElement detail = s.get("detail");
            assertEquals(TraceText.detail(r.steps().get(i)), detail.isJsonNull() ? null : detail.getAsString());
        }
        JsonObject skipped = steps.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(s -> s.get("event").getAsString().equals("nat_not_consulted")).findFirst().orElseThrow();
        assertEquals("nat", skipped.get("kind").getAsString());
        assertEquals("host", skipped.get("namespace").getAsString());
        assertFalse(j.get("reply_delivered").getAsBoolean(), "broken: the reply is not mapped back");
        JsonObject diagnostic = j.getAsJsonArray("diagnostics").get(0).getAsJsonObject();
        assertEquals("nat-second-pass-same-zone", diagnostic.get("code").getAsString());
        assertEquals(1, diagnostic.getAsJsonArray("entries").get(0).getAsLong());
        assertFalse(diagnostic.getAsJsonArray("rules").isEmpty());
    }

    @Test
    void ipv6AddressesAreRfc5952AndIcmpv6ErrorsNameTheirType() {
        Lab6 lab = new Lab6();
        NetworkView v = lab.build();
        ProbeResult r = new Simulation(v).probe(Probe.from("a", Packet.icmpEcho(null, "2001:0db8:0002:0000::0002", 7)
                .withTtl(1)).named("hl1"));
        JsonObject j = json(v, r);
        JsonObject err = j.getAsJsonArray("icmp_errors").get(0).getAsJsonObject();
        assertEquals(List.of("from", "type", "code", "header", "delivered_to", "delivered_dev", "icmpv6_type"),
                List.copyOf(err.keySet()));
        assertEquals("time-exceeded", err.get("icmpv6_type").getAsString());
        assertEquals(3, err.get("type").getAsInt());
        JsonObject h = err.getAsJsonObject("header");
        assertEquals("2001:db8:1::1", h.get("src").getAsString());
        assertEquals("icmpv6", h.get("proto").getAsString());
        assertEquals("2001:db8:2::2", h.getAsJsonObject("inner").get("dst").getAsString(), "RFC 5952: zeros compressed");
        // an IPv4 error keeps the fields it always had
        ProbeResult v4 = new Simulation(v).probe(Probe.from("a", Packet.icmpEcho(null, "10.0.2.2", 7).withTtl(1)));
        JsonObject e4 = json(v, v4).getAsJsonArray("icmp_errors").get(0).getAsJsonObject();
        assertEquals(List.of("from", "type", "code", "header", "delivered_to", "delivered_dev"), List.copyOf(e4.keySet()));
    }
}
