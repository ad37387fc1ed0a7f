package org.netwright.engine;

/** Non-verdict statements: mangling, marks, conntrack metadata, logging and NAT. */
final class Actions {
    private Actions() {
    }

    static Verdict apply(Statement s, EvalContext c, NfTable table, Chain base) {
        Skb skb = c.skb();
        ChainType type = base.base().type();
        switch (s) {
            case Statement.Counter x -> {
            }
            case Statement.Log l -> c.rec().record(c, new TraceEvent.Logged(l.prefix()));
            case Statement.SetMark m -> {
                long old = skb.mark;
                skb.mark = ((skb.mark & ~m.mask()) ^ m.value()) & 0xffffffffL;
                routeKeyChanged(c, type, old != skb.mark);
            }
            case Statement.MarkFromCtMark m -> {
                if (skb.ct != null) {
                    long old = skb.mark;
                    skb.mark = (skb.mark & ~m.mask()) | (skb.ct.mark & m.mask());
                    routeKeyChanged(c, type, old != skb.mark);
                } else {
                    ignored(c, TraceEvent.StatementIgnored.What.MARK_FROM_CT_MARK, TraceEvent.StatementIgnored.Cause.NO_CONNTRACK,
                            0, 0);
                }
            }
            case Statement.SetCtMark m -> {
                if (skb.ct != null) {
                    skb.ct.mark = ((skb.ct.mark & ~m.mask()) ^ m.value()) & 0xffffffffL;
                } else {
                    ignored(c, TraceEvent.StatementIgnored.What.CT_MARK_SET, TraceEvent.StatementIgnored.Cause.NO_CONNTRACK, 0, 0);
                }
            }
            case Statement.CtMarkFromMark m -> {
                if (skb.ct != null) {
                    skb.ct.mark = (skb.ct.mark & ~m.mask()) | (skb.mark & m.mask());
                } else {
                    ignored(c, TraceEvent.StatementIgnored.What.CT_MARK_FROM_MARK, TraceEvent.StatementIgnored.Cause.NO_CONNTRACK,
                            0, 0);
                }
            }
            case Statement.SetCtZone z -> CtTemplate.zone(c, z.zone());
            case Statement.Notrack n -> CtTemplate.notrack(c);
            // ip saddr set / ip6 saddr set: nft's implicit family dependency leaves a packet of the other family alone
            case Statement.SetSaddr a -> {
                if (a.addr().sameFamily(skb.pkt.src())) {
                    boolean ch = !skb.pkt.src().equals(a.addr());
                    skb.pkt = skb.pkt.withSrc(a.addr());
                    routeKeyChanged(c, type, ch);
                }
            }
            case Statement.SetDaddr a -> {
                if (a.addr().sameFamily(skb.pkt.dst())) {
                    boolean ch = !skb.pkt.dst().equals(a.addr());
                    skb.pkt = skb.pkt.withDst(a.addr());
                    routeKeyChanged(c, type, ch);
                }
            }
            case Statement.SetDscp d -> {
                boolean ch = skb.pkt.dscp() != d.dscp();
                skb.pkt = skb.pkt.withDscp(d.dscp());
                routeKeyChanged(c, type, ch);
            }
            case Statement.Masquerade x -> {
                return natStatement(s, c, table, type);
            }
            case Statement.Snat x -> {
                return natStatement(s, c, table, type);
            }
            case Statement.Dnat x -> {
                return natStatement(s, c, table, type);
            }
            case Statement.NatMap x -> {
                return natStatement(s, c, table, type);
            }
            case Statement.Redirect x -> {
                return natStatement(s, c, table, type);
            }
            case Statement.Netmap x -> {
                return natStatement(s, c, table, type);
            }
            case Statement.Opaque x -> {
                c.sim().branching.met(new OpaqueElement(x.what(), x.where(), true));
                c.rec().record(c, new TraceEvent.OpaqueStatement(x.what(), x.where()));
            }
            default -> {
            }
        }
        return Verdict.ACCEPT;
    }

    /** The verdict of a NAT statement; null when it does nothing and the rule goes on (see {@link Nat#execute}). */
    private static Verdict natStatement(Statement s, EvalContext c, NfTable table, ChainType type) {
        if (type != ChainType.NAT) {
            Nat.skipped(c, TraceEvent.NatSkipped.Why.NOT_NAT_CHAIN, Nat.manip(s), null);
            return Verdict.ACCEPT;
        }
        return Nat.execute(s, c, table);
    }

    /** Only route-type chains (iptables mangle OUTPUT) trigger a reroute on the output path. */
    private static void routeKeyChanged(EvalContext c, ChainType type, boolean changed) {
        if (changed && type == ChainType.ROUTE && c.hook() == Hook.OUTPUT) {
            c.skb().rerouteNeeded = true;
        }
    }

    static void ignored(EvalContext c, TraceEvent.StatementIgnored.What what, TraceEvent.StatementIgnored.Cause cause,
            int zone, int templateZone) {
        c.rec().record(c, new TraceEvent.StatementIgnored(what, cause, zone, templateZone));
    }
}
