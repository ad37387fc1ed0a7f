package org.netwright.engine;

/**
 * A listening socket of a namespace: protocol (udp/tcp, or another IP protocol such as ESP answered
 * by a responder), port (0 = any/none), optional bound address ({@code null} = any), and whether it
 * answers (udp echo, ESP responder). TCP listeners always answer a SYN with SYN-ACK.
 */
public record Listener(int proto, int port, IpAddr addr, boolean replies) {
    public static Listener udp(int port) {
        return new Listener(Packet.UDP, port, null, true);
    }

    public static Listener udpSilent(int port) {
        return new Listener(Packet.UDP, port, null, false);
    }

    public static Listener tcp(int port) {
        return new Listener(Packet.TCP, port, null, true);
    }

    /** An ESP responder (e.g. a VPN server that answers with ESP from the same peer). */
    public static Listener espReply() {
        return new Listener(Packet.ESP, 0, null, true);
    }

    public boolean accepts(Packet p) {
        if (p.proto() != proto) {
            return false;
        }
        if (addr != null && !addr.equals(p.dst())) {
            return false;
        }
        boolean ported = proto == Packet.TCP || proto == Packet.UDP;
        return !ported || port == 0 || port == p.dport();
    }
}
