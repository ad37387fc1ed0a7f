package org.netwright.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running {@code tcpdump -n -l -i IF -c N [filter]} in a lab namespace, bounded by a packet count and a
 * time limit. Start it with {@link KernelProbe#capture}; {@link #stop()} ends it and returns the parsed
 * IPv4 packets in capture order.
 */
public final class Capture implements AutoCloseable {
    private final String namespace;
    private final String iface;
    private final LabProcess process;
    private List<CapturedPacket> packets;

    Capture(String namespace, String iface, LabProcess process) {
        this.namespace = namespace;
        this.iface = iface;
        this.process = process;
    }

    public String namespace() {
        return namespace;
    }

    public String iface() {
        return iface;
    }

    /** Stops tcpdump (after a short drain so packets already on the wire are seen) and parses its output. */
    public List<CapturedPacket> stop() {
        if (packets == null) {
            if (process.alive()) {
                LabProcess.sleep(100);
            }
            process.stop(Duration.ofSeconds(2));
            packets = List.copyOf(TcpdumpParser.parse(process.stdout()));
        }
        return packets;
    }

    /** Raw tcpdump text (after {@link #stop()}). */
    public String text() {
        return process.stdout();
    }

    /** Packets of {@link #stop()} whose protocol is {@code proto}. */
    public List<CapturedPacket> of(String proto) {
        List<CapturedPacket> out = new ArrayList<>();
        for (CapturedPacket p : stop()) {
            if (p.proto().equals(proto)) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public void close() {
        stop();
    }
}
