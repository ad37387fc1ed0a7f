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
            case Statement.Log l -> info(c, "log prefix \"" + (l.prefix() == null ? "" : l.prefix()) + "\"");
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
                    info(c, "meta mark set ct mark: no conntrack entry attached, ignored");
                }
            }
            case Statement.SetCtMark m -> {
                if (skb.ct != null) {
                    skb.ct.mark = ((skb.ct.mark & ~m.mask()) ^ m.value()) & 0xffffffffL;
                } else {
                    info(c, "ct mark set: no conntrack entry attached, ignored");
                }
            }
            case Statement.CtMarkFromMark m -> {
                if (skb.ct != null) {
                    skb.ct.mark = (skb.ct.mark & ~m.mask()) | (skb.mark & m.mask());
                } else {
                    info(c, "ct mark set meta mark: no conntrack entry attached, ignored");
                }
            }
            case Statement.SetCtZone z -> CtTemplate.zone(c, z.zone());
            case Statement.Notrack n -> CtTemplate.notrack(c);
            case Statement.SetSaddr a -> {
                boolean ch = skb.pkt.src() != a.addr();
                skb.pkt = skb.pkt.withSrc(a.addr());
                routeKeyChanged(c, type, ch);
            }
            case Statement.SetDaddr a -> {
                boolean ch = skb.pkt.dst() != a.addr();
                skb.pkt = skb.pkt.withDst(a.addr());
                routeKeyChanged(c, type, ch);
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
            default -> {
            }
        }
        return Verdict.ACCEPT;
    }

    private static Verdict natStatement(Statement s, EvalContext c, NfTable table, ChainType type) {
        if (type != ChainType.NAT) {
            info(c, "nat statement outside a nat-type chain (the kernel refuses this ruleset), ignored");
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

    static void info(EvalContext c, String text) {
        c.rec().step(TraceStep.Kind.INFO, c.ns().name(), c.device(), c.hook(), null, text, c.skb());
    }
}
