package org.netwright.lab;

import java.util.Set;

/**
 * One entry of {@code conntrack -L -o extended}: protocol, TCP state (or null), original and reply tuples,
 * flags ({@code UNREPLIED}, {@code ASSURED}), mark and zone (0 when not printed).
 */
public record ConntrackEntry(String proto, int protonum, String state, Tuple orig, Tuple reply, Set<String> flags,
        long mark, int zone) {

    /** One direction's tuple. Ports are -1 for protocols without them; ICMP fields -1 when absent. */
    public record Tuple(String src, String dst, int sport, int dport, int icmpType, int icmpCode, int icmpId) {
        @Override
        public String toString() {
            return src + (sport >= 0 ? ":" + sport : "") + " > " + dst + (dport >= 0 ? ":" + dport : "")
                    + (icmpId >= 0 ? " id " + icmpId : "");
        }
    }

    /** The reply goes to another address/port than the original came from: source NAT. */
    public boolean snat() {
        return !reply.dst().equals(orig.src()) || reply.dport() != orig.sport();
    }

    /** The reply comes from another address/port than the original went to: destination NAT. */
    public boolean dnat() {
        return !reply.src().equals(orig.dst()) || reply.sport() != orig.dport();
    }

    /** null, "snat", "dnat" or "snat+dnat" (the engine's vocabulary). */
    public String nat() {
        boolean s = snat();
        boolean d = dnat();
        return s && d ? "snat+dnat" : s ? "snat" : d ? "dnat" : null;
    }

    public boolean unreplied() {
        return flags.contains("UNREPLIED");
    }

    @Override
    public String toString() {
        return proto + " zone=" + zone + " mark=" + mark + " [" + orig + "] [" + reply + "]"
                + (nat() == null ? "" : " " + nat()) + (state == null ? "" : " " + state) + " " + flags;
    }
}
