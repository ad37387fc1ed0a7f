package org.netwright.referee;

import org.netwright.engine.IpAddr;
import org.netwright.engine.Packet;
import org.netwright.lab.CapturedPacket;

/** The header fields both sides can observe: protocol, addresses, ports (-1 for ICMP). */
record Hdr(String proto, String src, int sport, String dst, int dport) {

    static Hdr of(Packet p) {
        if (p == null) {
            return null;
        }
        boolean ports = p.hasPorts();
        return new Hdr(Packet.protoName(p.proto()), String.valueOf(p.src()), ports ? p.sport() : -1, String.valueOf(p.dst()),
                ports ? p.dport() : -1);
    }

    static Hdr of(CapturedPacket c) {
        if (c == null) {
            return null;
        }
        return new Hdr(c.proto(), c.src(), c.sport(), c.dst(), c.dport());
    }

    @Override
    public String toString() {
        return proto + " " + src + (sport >= 0 ? ":" + sport : "") + " > " + dst + (dport >= 0 ? ":" + dport : "");
    }
}
