package org.netwright.engine;

/**
 * A probe: a packet sent by a socket of namespace {@code namespace} ({@code device == null}) or arriving
 * from the wire on {@code namespace/device}. {@code mark} is the socket mark (SO_MARK). {@code followReply}
 * walks the answer (echo reply, udp echo, SYN-ACK, RST) back.
 */
public record Probe(String name, String namespace, String device, Packet packet, long mark, boolean followReply) {
    public static Probe from(String ns, Packet p) {
        return new Probe(null, ns, null, p, 0, true);
    }

    public static Probe arriving(String ns, String dev, Packet p) {
        return new Probe(null, ns, dev, p, 0, true);
    }

    public Probe named(String n) {
        return new Probe(n, namespace, device, packet, mark, followReply);
    }

    public Probe withMark(long m) {
        return new Probe(name, namespace, device, packet, m, followReply);
    }

    public Probe noReply() {
        return new Probe(name, namespace, device, packet, mark, false);
    }
}
