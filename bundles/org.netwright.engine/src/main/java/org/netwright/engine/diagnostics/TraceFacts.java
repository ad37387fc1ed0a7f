package org.netwright.engine.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.netwright.engine.Hook;
import org.netwright.engine.Hop;
import org.netwright.engine.Ip4;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Trace;
import org.netwright.engine.TraceStep;

/**
 * What the checks read from one walked trace: its hops with their input and output devices, and the
 * conntrack, nat and xfrm events parsed from the step details. This is the only class that knows the
 * wording of the engine's step details (pinned by the tests of each check).
 */
final class TraceFacts {
    private static final Pattern NEW_ENTRY = Pattern.compile("^new entry #(\\d+) zone (\\d+) ");
    private static final Pattern HIT = Pattern.compile("^hit entry #(\\d+) zone (\\d+) (original|reply) direction: state (\\w+)");
    private static final Pattern NOT_CONSULTED = Pattern
            .compile("^nat chains not consulted: entry #(\\d+) \\(zone (\\d+)\\) already has its (source|destination) binding");
    private static final Pattern TRANSLATED = Pattern
            .compile("^translated by entry #(\\d+): (source|destination) (\\S+) -> (\\S+)");
    private static final Pattern CLASH = Pattern
            .compile("^clash: entry #(\\d+) \\[([^\\]]*)\\] \\[([^\\]]*)\\] collides with entry #(\\d+) \\[([^\\]]*)\\] \\[([^\\]]*)\\]");
    private static final Pattern XFRM_SELECTS = Pattern.compile("^xfrm policy (.*) selects the packet");
    private static final Pattern TUPLE_ADDRS = Pattern.compile("^(\\w+) src=(\\S+) dst=(\\S+)");

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

    /** A conntrack lookup: {@code created} for a new entry, else a hit in {@code direction}. */
    record CtEvent(int hop, int step, long entry, int zone, boolean created, String direction, String state) {
    }

    /** "nat chains not consulted" for an existing entry at {@code hook}; {@code source}: snat (postrouting/input). */
    record NatSkipped(int hop, int step, long entry, int zone, boolean source, Hook hook, TraceStep at) {
    }

    /** A translation made from an entry's binding. */
    record Translation(int hop, int step, long entry, boolean source, int from, int to, Hook hook) {
    }

    /** A conntrack insert that failed because the entry's tuples collide with another entry's. */
    record Clash(int hop, int step, long entry, String orig, String reply, long other, String otherOrig,
            String otherReply, boolean generic) {
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
                String d = s.detail() == null ? "" : s.detail();
                switch (s.kind()) {
                    case LINK -> {
                        if (d.startsWith("received on ") && iif == null && oif == null) {
                            iif = s.device();
                        } else if (d.startsWith("sent on ")) {
                            oif = s.device();
                        }
                    }
                    case DELIVER -> delivered = true;
                    case CONNTRACK -> parseConntrack(hi, si, d);
                    case NAT -> parseNat(hi, si, s, d);
                    default -> {
                    }
                }
            }
            hops.add(new HopFacts(hi, h.namespace(), steps, iif, oif, delivered));
            hi++;
        }
    }

    private void parseConntrack(int hi, int si, String d) {
        Matcher m = NEW_ENTRY.matcher(d);
        if (m.find()) {
            ct.add(new CtEvent(hi, si, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), true, "original", "new"));
            return;
        }
        m = HIT.matcher(d);
        if (m.find()) {
            ct.add(new CtEvent(hi, si, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), false, m.group(3),
                    m.group(4)));
            return;
        }
        m = CLASH.matcher(d);
        if (m.find()) {
            clashes.add(new Clash(hi, si, Long.parseLong(m.group(1)), m.group(2), m.group(3), Long.parseLong(m.group(4)),
                    m.group(5), m.group(6), d.contains("generic tracking")));
        }
    }

    private void parseNat(int hi, int si, TraceStep s, String d) {
        Matcher m = NOT_CONSULTED.matcher(d);
        if (m.find()) {
            natSkipped.add(new NatSkipped(hi, si, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3).equals("source"), s.hook(), s));
            return;
        }
        m = TRANSLATED.matcher(d);
        if (m.find()) {
            translations.add(new Translation(hi, si, Long.parseLong(m.group(1)), m.group(2).equals("source"),
                    Ip4.parse(m.group(3)), Ip4.parse(m.group(4)), s.hook()));
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
            if (t.hop() == hop && t.source() == source) {
                return true;
            }
        }
        return false;
    }

    /** The nat rule that matched in hop {@code hop} at {@code hook} (verdict "accept (nat)"), or null. */
    SourceRef natRuleIn(int hop, Hook hook) {
        for (TraceStep s : hops.get(hop).steps()) {
            if (s.kind() == TraceStep.Kind.RULE && s.hook() == hook && s.verdict() != null
                    && s.verdict().startsWith("accept (nat)")) {
                return s.rule();
            }
        }
        return null;
    }

    /** The policy text of an xfrm "selects the packet" step, or null. */
    static String xfrmSelected(TraceStep s) {
        if (s.kind() != TraceStep.Kind.XFRM || s.detail() == null) {
            return null;
        }
        Matcher m = XFRM_SELECTS.matcher(s.detail());
        return m.find() ? m.group(1) : null;
    }

    static boolean xfrmNatRelookup(TraceStep s) {
        return s.kind() == TraceStep.Kind.XFRM && s.detail() != null && s.detail().startsWith("nat changed the packet");
    }

    static boolean xfrmEncapsulated(TraceStep s) {
        return s.kind() == TraceStep.Kind.XFRM && s.detail() != null && s.detail().startsWith("encapsulated by state");
    }

    /** {@code {proto, src, dst}} of a tuple as conntrack prints it ({@code esp src=A dst=B ...}), or null. */
    static String[] tupleAddrs(String tuple) {
        Matcher m = TUPLE_ADDRS.matcher(tuple);
        return m.find() ? new String[] {m.group(1), m.group(2), m.group(3)} : null;
    }

    /** A short description of a packet for messages: {@code udp 1.2.3.4:5 -> 6.7.8.9:10}. */
    static String flow(Packet p) {
        String proto = switch (p.proto()) {
            case Packet.TCP -> "tcp";
            case Packet.UDP -> "udp";
            case Packet.ICMP -> "icmp";
            case Packet.ESP -> "esp";
            case Packet.GRE -> "gre";
            default -> "ip proto " + p.proto();
        };
        if (p.hasPorts()) {
            return proto + " " + Ip4.str(p.src()) + ":" + p.sport() + " -> " + Ip4.str(p.dst()) + ":" + p.dport();
        }
        return proto + " " + Ip4.str(p.src()) + " -> " + Ip4.str(p.dst());
    }
}
