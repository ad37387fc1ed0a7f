package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.netwright.engine.Disposition;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.PortSet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;

/**
 * Reachability from one namespace: the first packets its sockets can send (TCP SYN, UDP, ICMP echo request, or the
 * protocols asked for; from its own addresses unless a source is given), split into classes by where they end, each
 * with an example packet that the concrete engine walks to confirm the class.
 */
public final class Reach {
    /** What to ask: {@code protos} null for TCP, UDP and ICMP; {@code src}/{@code dst} address texts, {@code dports} a port list. */
    public record Query(String from, String to, Set<Integer> protos, String src, String dst, String dports) {
    }

    /** One class: where its packets end, the packets in words, an example and the concrete engine's verdict on it. */
    public record Class(Outcome outcome, List<String> headers, int moreHeaders, Packet example, boolean confirmed,
            String concrete) {
        public boolean exact() {
            return outcome.exact();
        }
    }

    private final NetworkView view;
    private final HeaderSpace hs;
    private final Predicates p;

    public Reach(NetworkView view) {
        this.view = view;
        this.hs = new HeaderSpace();
        this.p = new Predicates(hs);
    }

    public HeaderSpace space() {
        return hs;
    }

    /** The classes of the query, outcomes of one fate, place and translation merged. */
    public List<Class> run(Query q) {
        Namespace ns = view.namespaces().get(q.from());
        if (ns == null) {
            throw new IllegalArgumentException("unknown namespace '" + q.from() + "'");
        }
        if (q.to() != null && !view.namespaces().containsKey(q.to())) {
            throw new IllegalArgumentException("unknown namespace '" + q.to() + "'");
        }
        List<Outcome> merged = outcomes(q);
        Describe describe = new Describe(hs);
        SymbolicWalk walk = new SymbolicWalk(view, hs);
        List<Class> out = new ArrayList<>();
        for (Outcome o : merged) {
            if (q.to() != null && !(o.fate() == Disposition.Fate.DELIVERED && o.namespace().equals(q.to()))) {
                continue;
            }
            int[] more = new int[1];
            List<String> headers = describe.boxes(o.space(), 12, more);
            Packet example = walk.packet(hs.bdd().pick(o.space(), null));
            ProbeResult r = new Simulation(view).probe(new Probe(null, q.from(), null, example, 0, false));
            out.add(new Class(o, headers, more[0], example, agrees(o, example, r), concreteText(r)));
        }
        return out;
    }

    /** Every outcome of the query, those of one fate, place, translation and marks merged into one. */
    public List<Outcome> outcomes(Query q) {
        SymbolicWalk walk = new SymbolicWalk(view, hs);
        java.util.Map<String, Outcome> merged = new java.util.LinkedHashMap<>();
        for (Outcome o : walk.originate(q.from(), initial(q))) {
            merged.merge(o.key(), o, (m, x) -> new Outcome(hs.bdd().or(m.space(), x.space()), m.fate(), m.namespace(),
                    m.device(), m.reason(), m.rule(), m.rewritten(), m.translations(), m.path(), m.inexact()));
        }
        return List.copyOf(merged.values());
    }

    /** The first packets of the query, in the canonical form the symbolic walk assumes. */
    public int initial(Query q) {
        Bdd bdd = hs.bdd();
        Namespace ns = view.namespace(q.from());
        int s = hs.eq(Field.FAMILY, 0);
        int protos = Bdd.FALSE;
        for (int x : q.protos() == null ? Set.of(Packet.TCP, Packet.UDP, Packet.ICMP) : q.protos()) {
            protos = bdd.or(protos, p.proto(x));
        }
        s = bdd.and(s, protos);
        s = bdd.and(s, canonical());
        if (q.src() != null) {
            s = bdd.and(s, p.original(Field.SRC, List.of(EngineValues.parseAddresses(q.src()))));
        } else {
            List<EngineValues.Range> own = new ArrayList<>();
            EngineValues.localAddresses(ns).stream().filter(a -> !EngineValues.loopbackNet().contains(a))
                    .forEach(a -> own.add(new EngineValues.Range(a, a)));
            s = bdd.and(s, p.original(Field.SRC, own));
        }
        if (q.dst() != null) {
            s = bdd.and(s, p.original(Field.DST, List.of(EngineValues.parseAddresses(q.dst()))));
        }
        if (q.dports() != null) {
            s = bdd.and(s, bdd.and(p.hasPorts(), p.original(Field.DPORT, Predicates.portRanges(PortSet.parse(q.dports())))));
        }
        return s;
    }

    /** Portless protocols have ports 0; ICMP is an echo request, other protocols have ICMP type 0. */
    int canonical() {
        Bdd bdd = hs.bdd();
        int noPorts = bdd.and(hs.eq(Field.SPORT, 0), hs.eq(Field.DPORT, 0));
        int ports = bdd.or(p.hasPorts(), noPorts);
        int icmp = p.proto(Packet.ICMP);
        int type = bdd.or(bdd.and(icmp, hs.eq(Field.ICMP_TYPE, Packet.ICMP_ECHO)),
                bdd.and(bdd.not(icmp), hs.eq(Field.ICMP_TYPE, 0)));
        return bdd.and(ports, type);
    }

    /**
     * Whether the concrete walk of {@code example} ends as {@code o} says: the same fate, namespace and reason (a
     * delivery: the packet reached the namespace's stack, delivered or refused by a closed port), the same device when
     * it left the network, the same rule when a rule dropped it, and for a delivery the header {@code o} predicts.
     */
    public static boolean agrees(Outcome o, Packet example, ProbeResult r) {
        Disposition d = r.disposition();
        if (!o.namespace().equals(d.namespace())) {
            return false;
        }
        if (o.fate() == Disposition.Fate.DELIVERED) {
            boolean stack = d.fate() == Disposition.Fate.DELIVERED
                    || (d.fate() == Disposition.Fate.DROPPED && d.reason() == Disposition.Reason.NOT_DELIVERED);
            return stack && d.step() != null && sameHeader(expected(o, example), d.step().packet());
        }
        if (d.fate() != o.fate() || d.reason() != o.reason()) {
            return false;
        }
        if (o.fate() == Disposition.Fate.LEFT_NETWORK && !o.device().equals(d.device())) {
            return false;
        }
        return o.rule() == null || o.rule().equals(d.rule());
    }

    /** The header {@code o} predicts for {@code example} where it ends. */
    public static Packet expected(Outcome o, Packet example) {
        long[] w = o.rewritten();
        long src = w[Field.SRC.ordinal()] >= 0 ? w[Field.SRC.ordinal()] : EngineValues.src(example);
        long dst = w[Field.DST.ordinal()] >= 0 ? w[Field.DST.ordinal()] : EngineValues.dst(example);
        long sport = w[Field.SPORT.ordinal()] >= 0 ? w[Field.SPORT.ordinal()] : example.sport();
        long dport = w[Field.DPORT.ordinal()] >= 0 ? w[Field.DPORT.ordinal()] : example.dport();
        return EngineValues.packet(example.proto(), src, dst, sport, dport, example.icmpType());
    }

    private static boolean sameHeader(Packet a, Packet b) {
        return b != null && a.src().equals(b.src()) && a.dst().equals(b.dst()) && a.proto() == b.proto()
                && (!a.hasPorts() || (a.sport() == b.sport() && a.dport() == b.dport()));
    }

    private static String concreteText(ProbeResult r) {
        return r.deliveredTo() != null ? "delivered to " + r.deliveredTo() : r.disposition().toString();
    }
}
