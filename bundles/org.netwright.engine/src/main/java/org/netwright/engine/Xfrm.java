package org.netwright.engine;

/**
 * xfrm (policy IPsec): SPD lookup on output/forward (lowest priority value wins, ties in configuration
 * order), SA selection by template, ESP encapsulation (tunnel: new outer header from the SA; transport:
 * same addresses, protocol ESP), inbound SA lookup by (dst, spi) and decapsulation, and the inbound
 * policy check for local delivery (dir in) and forwarding (dir fwd).
 */
final class Xfrm {
    private Xfrm() {
    }

    /** A route's xfrm bundle: the policy and the SA the packet will be transformed with. */
    record Bundle(XfrmPolicy policy, XfrmState state) {
    }

    /** Output lookup result. */
    enum OutKind {
        NONE, BUNDLE, BLOCK, NO_STATE
    }

    record Out(OutKind kind, XfrmPolicy policy, Bundle bundle) {
    }

    static XfrmPolicy findPolicy(Namespace ns, XfrmPolicy.Dir dir, Packet p) {
        XfrmPolicy best = null;
        for (XfrmPolicy pol : ns.xfrmPolicies()) {
            if (pol.dir() == dir && pol.selects(p) && (best == null || pol.priority() < best.priority())) {
                best = pol;
            }
        }
        return best;
    }

    static Out lookupOut(Namespace ns, Packet p) {
        XfrmPolicy pol = findPolicy(ns, XfrmPolicy.Dir.OUT, p);
        if (pol == null) {
            return new Out(OutKind.NONE, null, null);
        }
        if (pol.action() == XfrmPolicy.Action.BLOCK) {
            return new Out(OutKind.BLOCK, pol, null);
        }
        if (pol.templates().isEmpty()) {
            return new Out(OutKind.NONE, pol, null);
        }
        XfrmPolicy.Template t = pol.templates().get(0);
        for (XfrmState st : ns.xfrmStates()) {
            if (stateFits(st, t, p)) {
                return new Out(OutKind.BUNDLE, pol, new Bundle(pol, st));
            }
        }
        return new Out(OutKind.NO_STATE, pol, null);
    }

    private static boolean stateFits(XfrmState st, XfrmPolicy.Template t, Packet p) {
        if (st.proto() != t.proto() || st.mode() != t.mode() || (t.reqid() != 0 && st.reqid() != t.reqid())) {
            return false;
        }
        if (t.mode() == XfrmMode.TUNNEL) {
            return st.src().equals(t.src()) && st.dst().equals(t.dst());
        }
        return st.dst().equals(p.dst()) && (st.src().equals(p.src()) || st.src().isUnspecified());
    }

    static Packet encapsulate(Bundle b, Packet inner) {
        XfrmState st = b.state();
        if (st.mode() == XfrmMode.TUNNEL) {
            return new Packet(st.src(), st.dst(), st.proto(), 0, 0, 0, 0, 64, inner.dscp(), 0, 0, st.spi(), inner);
        }
        return new Packet(inner.src(), inner.dst(), st.proto(), 0, 0, 0, 0, inner.ttl(), inner.dscp(), 0, 0, st.spi(),
                inner);
    }

    static XfrmState inboundState(Namespace ns, Packet p) {
        if (p.proto() != Packet.ESP) {
            return null;
        }
        for (XfrmState st : ns.xfrmStates()) {
            if (st.proto() == p.proto() && st.dst().equals(p.dst()) && st.spi() == p.spi()) {
                return st;
            }
        }
        return null;
    }

    static Packet decapsulate(XfrmState st, Packet esp) {
        Packet in = esp.inner();
        if (in == null) {
            return null;
        }
        return st.mode() == XfrmMode.TUNNEL ? in : in.withTtl(esp.ttl());
    }

    /**
     * nf_nat_decode_session: the inbound policy is matched against the addresses the packet had on the
     * wire, before this namespace's NAT rewrote them (taken from the conntrack tuple of its direction).
     */
    static Packet decodeSession(Skb skb) {
        Packet p = skb.pkt;
        CtEntry ct = skb.ct;
        if (ct == null || skb.ctDir == null || p.isIcmpError()) {
            return p;
        }
        Tuple t = ct.tuple(skb.ctDir);
        boolean orig = skb.ctDir == CtDir.ORIGINAL;
        if (orig ? ct.dstNat : ct.srcNat) {
            p = p.withDst(t.dst());
            if (p.hasPorts()) {
                p = p.withDport(t.dport());
            }
        }
        if (orig ? ct.srcNat : ct.dstNat) {
            p = p.withSrc(t.src());
            if (p.hasPorts()) {
                p = p.withSport(t.sport());
            }
        }
        return p;
    }

    /** __xfrm_policy_check: null when allowed, else the refusal. */
    static TraceEvent.XfrmPolicyRefused policyCheck(Namespace ns, XfrmPolicy.Dir dir, Skb skb) {
        XfrmPolicy pol = findPolicy(ns, dir, decodeSession(skb));
        boolean tunnelSp = false;
        for (XfrmState s : skb.secpath) {
            tunnelSp |= s.mode() == XfrmMode.TUNNEL;
        }
        if (pol == null) {
            return tunnelSp ? new TraceEvent.XfrmPolicyRefused(dir, null, TraceEvent.XfrmPolicyRefused.Failure.NO_POLICY)
                    : null;
        }
        if (pol.action() == XfrmPolicy.Action.BLOCK) {
            return new TraceEvent.XfrmPolicyRefused(dir, pol, TraceEvent.XfrmPolicyRefused.Failure.BLOCKED);
        }
        for (XfrmPolicy.Template t : pol.templates()) {
            boolean ok = false;
            for (XfrmState st : skb.secpath) {
                if (st.proto() == t.proto() && st.mode() == t.mode() && (t.reqid() == 0 || st.reqid() == t.reqid())
                        && (t.mode() != XfrmMode.TUNNEL || (st.src().equals(t.src()) && st.dst().equals(t.dst())))) {
                    ok = true;
                }
            }
            if (!ok) {
                return new TraceEvent.XfrmPolicyRefused(dir, pol, TraceEvent.XfrmPolicyRefused.Failure.NOT_DECAPSULATED);
            }
        }
        return null;
    }
}
