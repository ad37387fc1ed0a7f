package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of first packets that share everything but their headers, on its way: the headers as a BDD over the
 * <em>original</em> header's variables ({@link #space}), the fields rewritten so far as constants ({@link #fixed}),
 * and the concrete metadata the kernel keeps beside the packet (marks, conntrack, devices, route). NAT and stateless
 * rewrites set fields to constants, so a test of the current header is a test of the constant or of the original
 * variables. Mutable; {@link #with} copies for each part of a split.
 */
final class Flow {
    static final long SYMBOLIC = -1;

    int space;
    final long[] fixed;
    String ns;
    String iif;
    String oif;
    long mark;
    long ctMark;
    int zone;
    boolean ctTemplate;
    boolean untracked;
    /** A conntrack entry is attached: this packet is its connection's first, state NEW. */
    boolean ct;
    boolean srcNatDone;
    boolean dstNatDone;
    boolean srcNat;
    boolean dstNat;
    int ttl = 64;
    int dscp;
    /** The route's output device, next hop (SYMBOLIC: the destination itself) and whether it was local. */
    String routeDev;
    long nextHop = SYMBOLIC;
    boolean hasRoute;
    boolean reroute;
    int hops;
    /** Namespace and zone of every conntrack table that confirmed this connection. */
    Set<String> confirmed = new LinkedHashSet<>();
    List<String> translations = new ArrayList<>();
    List<Inexact> inexact = new ArrayList<>();
    List<String> path = new ArrayList<>();

    Flow(int space) {
        this.space = space;
        this.fixed = new long[Field.values().length];
        Arrays.fill(fixed, SYMBOLIC);
    }

    private Flow(Flow o, int space) {
        this.space = space;
        this.fixed = o.fixed.clone();
        ns = o.ns;
        iif = o.iif;
        oif = o.oif;
        mark = o.mark;
        ctMark = o.ctMark;
        zone = o.zone;
        ctTemplate = o.ctTemplate;
        untracked = o.untracked;
        ct = o.ct;
        srcNatDone = o.srcNatDone;
        dstNatDone = o.dstNatDone;
        srcNat = o.srcNat;
        dstNat = o.dstNat;
        ttl = o.ttl;
        dscp = o.dscp;
        routeDev = o.routeDev;
        nextHop = o.nextHop;
        hasRoute = o.hasRoute;
        reroute = o.reroute;
        hops = o.hops;
        confirmed = new LinkedHashSet<>(o.confirmed);
        translations = new ArrayList<>(o.translations);
        inexact = new ArrayList<>(o.inexact);
        path = new ArrayList<>(o.path);
    }

    Flow with(int newSpace) {
        return new Flow(this, newSpace);
    }

    void inexact(String why, org.netwright.engine.SourceRef where) {
        Inexact i = new Inexact(why, where);
        if (!inexact.contains(i)) {
            inexact.add(i);
        }
    }

    /** Everything but the headers: flows with equal keys go on alike and can be one flow. */
    String stateKey() {
        return Arrays.toString(fixed) + '|' + ns + '|' + iif + '|' + oif + '|' + mark + '|' + ctMark + '|' + zone + '|'
                + ctTemplate + '|' + untracked + '|' + ct + '|' + srcNatDone + dstNatDone + srcNat + dstNat + '|' + ttl + '|'
                + dscp + '|' + routeDev + '|' + nextHop + '|' + hasRoute + '|' + reroute + '|' + hops + '|' + confirmed + '|'
                + translations + '|' + inexact + '|' + path;
    }

    long fixed(Field f) {
        return fixed[f.ordinal()];
    }

    void fix(Field f, long v) {
        fixed[f.ordinal()] = v;
    }
}
