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
 * kernel port stands where the engine's pick stands (from the header at the destination and from the conntrack entry
 * that holds it) and reads the kernel's observation with the engine's ports in those places, so everything else is
 * still compared field by field. Immutable: {@link #learning} returns a copy, so a candidate outcome can be tried.
 */
final class RandomPorts {
    /** A port in a compared conntrack entry or header text: after ':' and before '>', ' ' or the end. */
    private static final Pattern PORT = Pattern.compile(":(\\d+)(?=>| |$)");

    private final Map<Integer, Integer> kernelToEngine;

    RandomPorts() {
        this(Map.of());
    }

    private RandomPorts(Map<Integer, Integer> kernelToEngine) {
        this.kernelToEngine = Map.copyOf(kernelToEngine);
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

    /** A copy that also knows where {@code kernel} has its own picks in place of {@code picked} of {@code engine}. */
    RandomPorts learning(Observed engine, Set<Integer> picked, Observed kernel) {
        if (picked.isEmpty()) {
            return this;
        }
        Map<Integer, Integer> m = new HashMap<>(kernelToEngine);
        if (engine.atDst() != null && kernel.atDst() != null) {
            pair(m, picked, engine.atDst().sport(), kernel.atDst().sport());
            pair(m, picked, engine.atDst().dport(), kernel.atDst().dport());
        }
        engine.conntrack().forEach((ns, entries) -> {
            for (String e : entries) {
                Pattern p = withPicksOpen(e, picked);
                if (p == null) {
                    continue;
                }
                for (String k : kernel.conntrack().getOrDefault(ns, List.of())) {
                    Matcher km = p.matcher(k);
                    if (km.matches()) {
                        Matcher em = p.matcher(e);
                        em.matches();
                        for (int g = 1; g <= km.groupCount(); g++) {
                            pair(m, picked, Integer.parseInt(em.group(g)), Integer.parseInt(km.group(g)));
                        }
                        break;
                    }
                }
            }
        });
        return new RandomPorts(m);
    }

    private static void pair(Map<Integer, Integer> m, Set<Integer> picked, int enginePort, int kernelPort) {
        if (picked.contains(enginePort) && kernelPort >= 0) {
            m.putIfAbsent(kernelPort, enginePort);
        }
    }

    /** {@code entry} as a pattern where each picked port matches any port (a group each); null without one. */
    private static Pattern withPicksOpen(String entry, Set<Integer> picked) {
        StringBuilder re = new StringBuilder();
        Matcher m = PORT.matcher(entry);
        int last = 0;
        boolean any = false;
        while (m.find()) {
            int port = Integer.parseInt(m.group(1));
            re.append(Pattern.quote(entry.substring(last, m.start(1))));
            re.append(picked.contains(port) ? "(\\d+)" : Pattern.quote(m.group(1)));
            any |= picked.contains(port);
            last = m.end(1);
        }
        re.append(Pattern.quote(entry.substring(last)));
        return any ? Pattern.compile(re.toString()) : null;
    }

    /** {@code kernel}'s observation with the engine's picks where the kernel has its own. */
    Observed asEngineSees(Observed kernel) {
        return kernelToEngine.isEmpty() ? kernel : kernel.withPorts(p -> kernelToEngine.getOrDefault(p, p));
    }

    /** {@code text} with every port mapped by {@code f}. */
    static String withPorts(String text, java.util.function.IntUnaryOperator f) {
        Matcher m = PORT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, ":" + f.applyAsInt(Integer.parseInt(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
