package org.netwright.referee;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.netwright.engine.Packet;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.TraceStep;
import org.netwright.engine.Tuple;

/**
 * Ports that NAT picks at random (the {@code random}/{@code fully-random} flags, a source port that had to move): the
 * engine shows one pick, the kernel makes another, and both are right. The referee learns, per example run, which
 * kernel conntrack entry stands where the engine's entry with a pick stands (equal but for the picked ports), and which
 * header at the destination, and reads the kernel's observation with the engine's picks in those places only, so
 * everything else is still compared field by field, including a kernel pick that happens to equal a real port.
 * Immutable: {@link #learning} returns a copy, so a candidate outcome can be tried.
 */
final class RandomPorts {
    /** A port in a compared conntrack entry: after ':' and before '>', ' ' or the end. */
    private static final Pattern PORT = Pattern.compile(":(\\d+)(?=>| |$)");

    /** "ns: kernel entry" to the engine's entry, learned over the run (an entry lives on across probes). */
    private final Map<String, String> entries;
    /** This probe's header at the destination as the kernel saw it, and as the engine did; null when none. */
    private final Hdr kernelAtDst;
    private final Hdr engineAtDst;

    RandomPorts() {
        this(Map.of(), null, null);
    }

    private RandomPorts(Map<String, String> entries, Hdr kernelAtDst, Hdr engineAtDst) {
        this.entries = Map.copyOf(entries);
        this.kernelAtDst = kernelAtDst;
        this.engineAtDst = engineAtDst;
    }

    /** The ports of {@code r}'s NAT bindings that the kernel picks at random (tcp and udp; ICMP ids are not compared). */
    static Set<Integer> pickedBy(ProbeResult r) {
        Set<Integer> out = new LinkedHashSet<>();
        for (TraceStep s : r.trace().steps()) {
            if (s.event() instanceof TraceEvent.NatBinding b && b.portAtRandom()) {
                add(out, b.reply(), b.manip().source());
            } else if (s.event() instanceof TraceEvent.NatNullBinding b && b.movedReply() != null) {
                add(out, b.movedReply(), true);
            }
        }
        return out;
    }

    private static void add(Set<Integer> out, Tuple reply, boolean sourceNat) {
        if (reply.proto() == Packet.TCP || reply.proto() == Packet.UDP) {
            // the reply tuple is inverted: a new source port is its destination port
            out.add(sourceNat ? reply.dport() : reply.sport());
        }
    }

    /**
     * A copy that knows this probe's picks: where {@code kernel} has an entry equal to one of {@code engine}'s but for
     * the ports in {@code picked}, and a header at the destination equal but for them.
     */
    RandomPorts learning(Observed engine, Set<Integer> picked, Observed kernel) {
        if (picked.isEmpty()) {
            return entries.isEmpty() && kernelAtDst == null ? this : new RandomPorts(entries, null, null);
        }
        Map<String, String> learned = new HashMap<>(entries);
        engine.conntrack().forEach((ns, es) -> {
            for (String e : es) {
                Pattern p = withPicksOpen(e, picked);
                if (p == null) {
                    continue;
                }
                for (String k : kernel.conntrack().getOrDefault(ns, List.of())) {
                    if (p.matcher(k).matches()) {
                        learned.putIfAbsent(ns + ": " + k, e);
                        break;
                    }
                }
            }
        });
        Hdr e = engine.atDst();
        Hdr k = kernel.atDst();
        boolean samePicks = e != null && k != null && e.proto().equals(k.proto()) && e.src().equals(k.src())
                && e.dst().equals(k.dst()) && (e.sport() == k.sport() || picked.contains(e.sport()))
                && (e.dport() == k.dport() || picked.contains(e.dport()));
        return new RandomPorts(learned, samePicks ? k : null, samePicks ? e : null);
    }

    /** {@code entry} as a pattern where each picked port matches any port; null without one. */
    private static Pattern withPicksOpen(String entry, Set<Integer> picked) {
        StringBuilder re = new StringBuilder();
        Matcher m = PORT.matcher(entry);
        int last = 0;
        boolean any = false;
        while (m.find()) {
            int port = Integer.parseInt(m.group(1));
            re.append(Pattern.quote(entry.substring(last, m.start(1))));
            re.append(picked.contains(port) ? "\\d+" : Pattern.quote(m.group(1)));
            any |= picked.contains(port);
            last = m.end(1);
        }
        re.append(Pattern.quote(entry.substring(last)));
        return any ? Pattern.compile(re.toString()) : null;
    }

    /** {@code kernel}'s observation with the engine's picks where the kernel has its own. */
    Observed asEngineSees(Observed kernel) {
        if (entries.isEmpty() && kernelAtDst == null) {
            return kernel;
        }
        return kernel.translated((ns, entry) -> entries.getOrDefault(ns + ": " + entry, entry),
                h -> h != null && h.equals(kernelAtDst) ? engineAtDst : h);
    }
}
