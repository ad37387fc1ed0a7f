package org.netwright.engine;

/**
 * What a namespace's sockets and kernel do with a locally delivered packet: ICMP and ICMPv6 echo is answered by the
 * kernel; UDP to a listener is delivered (and echoed when the listener replies), to a closed port answered
 * with ICMP port unreachable; TCP SYN to a listener gets SYN-ACK, to a closed port RST; other protocols
 * go to a listener of that protocol, else ICMP protocol unreachable (ESP without SA is dropped silently).
 * {@code awaited} is the probe's own socket: the answer to the probe is delivered to it.
 */
final class LocalDelivery {
    private LocalDelivery() {
    }

    record Result(TraceEvent.DeliveryOutcome outcome, Packet reply, int icmpType, int icmpCode) {
        static Result delivered(TraceEvent.DeliveryOutcome why, Packet reply) {
            return new Result(why, reply, -1, -1);
        }

        boolean delivered() {
            return outcome.delivered();
        }
    }

    static Result deliver(Namespace ns, Packet p, Packet awaited) {
        if (awaited != null && isAnswerTo(p, awaited)) {
            return Result.delivered(TraceEvent.DeliveryOutcome.PROBE_SOCKET, null);
        }
        switch (p.proto()) {
            case Packet.ICMP -> {
                if (p.icmpType() == Packet.ICMP_ECHO) {
                    if (ns.sysctls().icmpEchoIgnoreAll()) {
                        return new Result(TraceEvent.DeliveryOutcome.ECHO_IGNORED, null, -1, -1);
                    }
                    Packet reply = new Packet(p.dst(), p.src(), Packet.ICMP, p.sport(), 0, Packet.ICMP_ECHO_REPLY, 0, 64,
                            0, 0, 0, 0, null);
                    return Result.delivered(TraceEvent.DeliveryOutcome.ECHO_ANSWERED, reply);
                }
                return Result.delivered(TraceEvent.DeliveryOutcome.KERNEL_ICMP, null);
            }
            case Packet.ICMPV6 -> {
                if (p.icmpType() == Packet.ICMP6_ECHO_REQUEST) {
                    Packet reply = new Packet(p.dst(), p.src(), Packet.ICMPV6, p.sport(), 0, Packet.ICMP6_ECHO_REPLY, 0,
                            64, 0, 0, 0, 0, null);
                    return Result.delivered(TraceEvent.DeliveryOutcome.ECHO_ANSWERED, reply);
                }
                return Result.delivered(TraceEvent.DeliveryOutcome.KERNEL_ICMP, null);
            }
            case Packet.UDP -> {
                Listener l = find(ns, p);
                if (l == null) {
                    return new Result(TraceEvent.DeliveryOutcome.UDP_PORT_CLOSED, null, Packet.ICMP_DEST_UNREACH, 3);
                }
                Packet reply = l.replies() ? new Packet(p.dst(), p.src(), Packet.UDP, p.dport(), p.sport(), 0, 0, 64, 0, 0,
                        0, 0, null) : null;
                return Result.delivered(TraceEvent.DeliveryOutcome.UDP_SOCKET, reply);
            }
            case Packet.TCP -> {
                Listener l = find(ns, p);
                boolean syn = (p.tcpFlags() & Packet.SYN) != 0 && (p.tcpFlags() & Packet.ACK) == 0;
                if (l == null) {
                    if ((p.tcpFlags() & Packet.RST) != 0) {
                        return new Result(TraceEvent.DeliveryOutcome.TCP_RESET_IGNORED, null, -1, -1);
                    }
                    Packet rst = new Packet(p.dst(), p.src(), Packet.TCP, p.dport(), p.sport(), 0, 0, 64, 0,
                            Packet.RST | Packet.ACK, 0, 0, null);
                    return new Result(TraceEvent.DeliveryOutcome.TCP_PORT_CLOSED, rst, -1, -1);
                }
                Packet reply = syn ? new Packet(p.dst(), p.src(), Packet.TCP, p.dport(), p.sport(), 0, 0, 64, 0,
                        Packet.SYN | Packet.ACK, 0, 0, null) : null;
                return Result.delivered(TraceEvent.DeliveryOutcome.TCP_SOCKET, reply);
            }
            default -> {
                Listener l = find(ns, p);
                if (l != null) {
                    Packet reply = l.replies() ? new Packet(p.dst(), p.src(), p.proto(), 0, 0, 0, 0, 64, 0, 0, 0, p.spi(),
                            null) : null;
                    return Result.delivered(TraceEvent.DeliveryOutcome.RESPONDER, reply);
                }
                if (p.proto() == Packet.ESP) {
                    return new Result(TraceEvent.DeliveryOutcome.ESP_WITHOUT_SA, null, -1, -1);
                }
                return new Result(TraceEvent.DeliveryOutcome.PROTOCOL_UNREACHABLE, null, Packet.ICMP_DEST_UNREACH, 2);
            }
        }
    }

    private static Listener find(Namespace ns, Packet p) {
        for (Listener l : ns.listeners()) {
            if (l.accepts(p)) {
                return l;
            }
        }
        return null;
    }

    /** Whether {@code p} answers the probe {@code probe} (addresses swapped, ports swapped). */
    static boolean isAnswerTo(Packet p, Packet probe) {
        if (p.isIcmpError()) {
            Packet in = p.inner();
            return p.dst().equals(probe.src()) && in != null && in.src().equals(probe.src()) && in.proto() == probe.proto();
        }
        if (!p.dst().equals(probe.src()) || !p.src().equals(probe.dst()) || p.proto() != probe.proto()) {
            return false;
        }
        if (p.hasPorts()) {
            return p.dport() == probe.sport() && p.sport() == probe.dport();
        }
        if (p.isIcmpEcho()) {
            return (p.icmpType() == Packet.ICMP_ECHO_REPLY || p.icmpType() == Packet.ICMP6_ECHO_REPLY)
                    && p.proto() == probe.proto() && p.sport() == probe.sport();
        }
        return true;
    }
}
