package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceRenderingTest {

    private static ProbeResult run() {
        return new Simulation(Topologies.seed001(true)).probe(Probe.from("client", Packet.icmpEcho(null, "8.8.8.8", 7))
                .named("ping"));
    }

    @Test
    void jsonIsDeterministicAndWellFormed() {
        String a = run().toJson();
        String b = run().toJson();
        assertEquals(a, b);
        assertTrue(a.startsWith("{\"probe\":\"ping\",\"delivered_to\":\"internet/eth0\",\"observed_at_dst\":{"), a);
        for (String key : new String[] {"\"path\":", "\"last_seen_at\":", "\"icmp_errors\":", "\"reply_delivered\":true",
            "\"reply_path\":", "\"conntrack\":", "\"ct_stats_delta\":", "\"steps\":"}) {
            assertTrue(a.contains(key), key);
        }
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c == '"' && a.charAt(i - 1) != '\\') {
                inString = !inString;
            } else if (!inString && (c == '{' || c == '[')) {
                depth++;
            } else if (!inString && (c == '}' || c == ']')) {
                depth--;
                assertTrue(depth >= 0);
            }
        }
        assertEquals(0, depth);
        assertTrue(run().trace().toJson().startsWith("{\"disposition\":{\"type\":\"delivered\""));
    }

    @Test
    void textReadsLikeNftTrace() {
        String t = run().toText();
        assertTrue(t.contains("trace ip raw PREROUTING rule -A PREROUTING -i client-veth0 -j CT --zone 1 (verdict continue)"), t);
        assertTrue(t.contains("trace ip nat POSTROUTING rule -A POSTROUTING -s 10.10.1.0/24"), t);
        assertTrue(t.contains("== netns proxy"), t);
        assertTrue(t.contains("=> delivered at internet/eth0"), t);
    }

    @Test
    void hopsFollowTheNamespaces() {
        ProbeResult r = run();
        assertEquals(java.util.List.of("client", "host", "proxy", "host", "internet"),
                r.trace().hops().stream().map(Hop::namespace).toList());
        assertEquals("client/veth0/out", r.path().get(0).at());
    }
}
