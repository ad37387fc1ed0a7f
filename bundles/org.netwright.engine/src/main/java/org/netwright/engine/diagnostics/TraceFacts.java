package org.netwright.engine.diagnostics;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.Hook;
import org.netwright.engine.Hop;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Trace;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.TraceStep;

/**
 * What the checks read from one walked trace: its hops with their input and output devices, and the
 * conntrack, nat and xfrm events, taken from the steps' typed events.
 */
final class TraceFacts {
    /** One visit of a namespace. {@code iif} null: the packet was generated there; {@code oif} null: it did not leave. */
    record HopFacts(int index, String ns, List<TraceStep> steps, String iif, String oif, boolean delivered) {
        Packet entering() {
            return steps.isEmpty() ? null : steps.get(0).packet();
        }

        boolean originated() {
            return iif == null;
        }

        boolean completed() {
            return oif != null || delivered;
        }

        /** The hooks an ip packet of this path passes (before any drop), in the kernel's order. */
        List<Hook> pathHooks() {
            List<Hook> hooks = new ArrayList<>();
            hooks.add(originated() ? Hook.OUTPUT : Hook.PREROUTING);
            if (delivered) {
                hooks.add(Hook.INPUT);
            } else if (oif != null) {
                if (!originated()) {
                    hooks.add(Hook.FORWARD);
                }
                hooks.add(Hook.POSTROUTING);
            }
            return hooks;
        }
    }

    /** A conntrack lookup that created ({@code created}) or found an entry, at step {@code step} of hop {@code hop}. */
    record CtEvent(int hop, int step, long entry, int zone, boolean created) {
    }

    /** The nat chains were skipped for an existing entry at {@code at}. */
    record NatSkipped(int hop, TraceStep at, TraceEvent.NatNotConsulted event) {
    }

    /** A translation made from an entry's binding in the original direction. */
    record Translation(int hop, TraceStep at, TraceEvent.NatTranslated event) {
    }

    /** A conntrack insert that failed because the entry's tuples collide with another entry's. */
    record Clash(int hop, TraceStep at, TraceEvent.CtClash event) {
    }

    final NetworkView view;
    final Trace trace;
    final List<HopFacts> hops = new ArrayList<>();
    final List<CtEvent> ct = new ArrayList<>();
    final List<NatSkipped> natSkipped = new ArrayList<>();
    final List<Translation> translations = new ArrayList<>();
    final List<Clash> clashes = new ArrayList<>();

    TraceFacts(NetworkView view, Trace trace) {
        this.view = view;
        this.trace = trace;
        int hi = 0;
        for (Hop h : trace.hops()) {
            String iif = null;
            String oif = null;
            boolean delivered = false;
            List<TraceStep> steps = h.steps();
            for (int si = 0; si < steps.size(); si++) {
                TraceStep s = steps.get(si);
                switch (s.event()) {
                    case TraceEvent.Received r -> {
                        if (iif == null && oif == null) {
                            iif = s.device();
                        }
                    }
                    case TraceEvent.Sent x -> oif = s.device();
                    case TraceEvent.Delivery d -> delivered |= d.outcome().delivered();
                    case TraceEvent.CtCreated c -> ct.add(new CtEvent(hi, si, c.entry(), c.zone(), true));
                    case TraceEvent.CtHit c -> ct.add(new CtEvent(hi, si, c.entry(), c.zone(), false));
                    case TraceEvent.CtClash c -> clashes.add(new Clash(hi, s, c));
                    case TraceEvent.NatNotConsulted n -> natSkipped.add(new NatSkipped(hi, s, n));
                    case TraceEvent.NatTranslated t -> {
                        if (t.direction() == org.netwright.engine.CtDir.ORIGINAL) {
                            translations.add(new Translation(hi, s, t));
                        }
                    }
                    default -> {
                    }
                }
            }
            hops.add(new HopFacts(hi, h.namespace(), steps, iif, oif, delivered));
            hi++;
        }
    }

    Namespace namespace(String name) {
        return view.namespaces().get(name);
    }

    HopFacts hop(int i) {
        return hops.get(i);
    }

    TraceStep step(int hop, int step) {
        return hops.get(hop).steps().get(step);
    }

    /** The first event creating {@code entry}, or null when it was created before this walk. */
    CtEvent creation(long entry) {
        for (CtEvent e : ct) {
            if (e.created() && e.entry() == entry) {
                return e;
            }
        }
        return null;
    }

    /** Whether the packet was translated in hop {@code hop} with the given manip type. */
    boolean translatedIn(int hop, boolean source) {
        for (Translation t : translations) {
            if (t.hop() == hop && t.event().manip().source() == source) {
                return true;
            }
        }
        return false;
    }

    /** The nat rule that matched in hop {@code hop} at {@code hook} (a NAT verdict), or null. */
    SourceRef natRuleIn(int hop, Hook hook) {
        for (TraceStep s : hops.get(hop).steps()) {
            if (s.hook() == hook && s.event() instanceof TraceEvent.RuleMatched m
                    && m.verdict() == TraceEvent.RuleVerdict.NAT) {
                return m.rule();
            }
        }
        return null;
    }

    /** A short description of a packet for messages: {@code udp 1.2.3.4:5 -> 6.7.8.9:10}. */
    static String flow(Packet p) {
        return flow(p.proto(), p.src(), p.dst(), p.hasPorts(), p.sport(), p.dport());
    }

    /** As {@link #flow(Packet)}, for a conntrack tuple. */
    static String flow(org.netwright.engine.Tuple t) {
        boolean ports = t.proto() == Packet.TCP || t.proto() == Packet.UDP;
        return flow(t.proto(), t.src(), t.dst(), ports, t.sport(), t.dport());
    }

    private static String flow(int protocol, IpAddr src, IpAddr dst, boolean ports, int sport, int dport) {
        String proto = switch (protocol) {
            case Packet.TCP -> "tcp";
            case Packet.UDP -> "udp";
            case Packet.ICMP -> "icmp";
            case Packet.ICMPV6 -> "icmpv6";
            case Packet.ESP -> "esp";
            case Packet.GRE -> "gre";
            default -> "ip proto " + protocol;
        };
        if (ports) {
            return proto + " " + hostPort(src, sport) + " -> " + hostPort(dst, dport);
        }
        return proto + " " + src + " -> " + dst;
    }

    /** {@code a:port}, with an IPv6 address in brackets. */
    static String hostPort(IpAddr a, int port) {
        return (a.isV6() ? "[" + a + "]" : a.toString()) + ":" + port;
    }
}
