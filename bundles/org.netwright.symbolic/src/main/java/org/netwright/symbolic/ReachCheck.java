package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;

/**
 * The symbolic answer against the concrete engine: random first packets of a query, each walked by the concrete
 * engine in a fresh simulation and compared with the class the symbolic walk puts it in. Packets are drawn from
 * every class in turn (inside it) and from the whole query (so each class also meets the packets outside it).
 */
public final class ReachCheck {
    private ReachCheck() {
    }

    /** Packets compared, how many fell in inexact classes (compared, not counted against), and the disagreements. */
    public record Result(int packets, int inexact, List<String> disagreements) {
    }

    public static Result run(NetworkView view, Reach.Query q, long seed, int perClass) {
        Reach reach = new Reach(view);
        List<Outcome> outcomes = reach.outcomes(q);
        Bdd bdd = reach.space().bdd();
        SymbolicWalk walk = new SymbolicWalk(view, reach.space());
        int all = reach.initial(q);
        Random random = new Random(seed);
        List<String> bad = new ArrayList<>();
        int packets = 0;
        int inexact = 0;
        List<Integer> sources = new ArrayList<>();
        outcomes.forEach(o -> sources.add(o.space()));
        sources.add(all);
        for (int source : sources) {
            for (int i = 0; i < perClass && source != Bdd.FALSE; i++) {
                boolean[] v = bdd.pick(source, random);
                Outcome o = null;
                for (Outcome c : outcomes) {
                    if (bdd.eval(c.space(), v)) {
                        if (o != null) {
                            bad.add("two classes hold one packet: " + o.fateText() + " and " + c.fateText());
                        }
                        o = c;
                    }
                }
                Packet pkt = walk.packet(v);
                packets++;
                if (o == null) {
                    bad.add(pkt.describe() + ": in no class");
                    continue;
                }
                ProbeResult r = new Simulation(view).probe(new Probe(null, q.from(), null, pkt, 0, false));
                if (!o.exact()) {
                    inexact++;
                    continue;
                }
                if (!Reach.agrees(o, pkt, r)) {
                    bad.add("from " + q.from() + " " + pkt.describe() + ": symbolic " + o.fateText() + " as "
                            + Reach.expected(o, pkt).describe() + ", concrete " + r.disposition()
                            + (r.disposition().step() == null ? "" : " as " + r.disposition().step().packet().describe()));
                }
            }
        }
        return new Result(packets, inexact, bad);
    }
}
