package org.netwright.engine;

import java.util.List;

/**
 * NAT, following nf_nat_core: the nat chains of a hook are consulted only while the connection has no
 * binding of that manip type (dst manip at prerouting/output, src manip at postrouting/input); when no
 * rule translates, a null binding is recorded. The binding lives in the entry as its altered reply tuple;
 * every packet of the connection (both directions) is then translated from it. Reply packets are
 * un-NATed by the same operations: un-SNAT (dst manip of a reply) at prerouting before routing, un-DNAT
 * (src manip of a reply) at postrouting. ICMP errors (RELATED) get outer and embedded header translated.
 *
 * <p>Unique tuple choice is deterministic (the kernel randomises): keep the original tuple when free and in
 * range, else the lowest address of the range, then the first free port/ICMP id counting up from an offset
 * within the range: a hash of the original tuple for source NAT (the kernel's offset is random), the range's
 * start for destination NAT (default source ranges 1-511, 600-1023, 1024-65535 as the kernel uses). Generic protocols (ESP, GRE) have nothing to remap, so a taken tuple stays taken and the
 * packet is dropped at confirm.
 */
final class Nat {
    private Nat() {
    }

    /** The NAT hook operation. */
    static final ChainEvaluator.Outcome ACCEPTED = new ChainEvaluator.Outcome(Verdict.ACCEPT, null, null, null);

    static ChainEvaluator.Outcome hook(EvalContext c, boolean srcManip) {
        Skb s = c.skb();
        CtEntry ct = s.ct;
        if (ct == null) {
            return ACCEPTED;
        }
        if (s.ctState == CtState.RELATED && s.pkt.isIcmpError()) {
            icmpReplyTranslation(c, ct, srcManip);
            return ACCEPTED;
        }
        if (s.ctState == CtState.NEW || s.ctState == CtState.RELATED) {
            if (!ct.natDone(srcManip)) {
                for (HookOrder.Entry e : c.ns().hooks().nat(c.hook())) {
                    ChainEvaluator.Outcome o = ChainEvaluator.evaluate(c, e.table(), e.chain());
                    if (o.verdict() != Verdict.ACCEPT) {
                        return o;
                    }
                    if (ct.natDone(srcManip)) {
                        break;
                    }
                }
                if (!ct.natDone(srcManip)) {
                    nullBinding(c, ct, srcManip);
                }
            } else if (s.ctDir == CtDir.ORIGINAL) {
                boolean confirmed = ct.confirmed;
                step(c, () -> "nat chains not consulted: entry #" + ct.id + " (zone " + ct.zone + ") already has its "
                        + (srcManip ? "source" : "destination") + " binding"
                        + (confirmed ? "; this packet is not the first of its connection" : "")
                        + " (nat rules only see a connection's first packet)");
            }
        }
        Packet before = s.pkt;
        natPacket(ct, s, srcManip);
        if (!before.equals(s.pkt)) {
            Packet after = s.pkt;
            CtDir dir = s.ctDir;
            step(c, () -> (dir == CtDir.REPLY ? "reply un-NAT" : "translated") + " by entry #" + ct.id + ": "
                    + (srcManip ? "source " + Ip4.str(before.src()) + " -> " + Ip4.str(after.src())
                            : "destination " + Ip4.str(before.dst()) + " -> " + Ip4.str(after.dst())));
            if (c.hook() == Hook.OUTPUT && before.dst() != s.pkt.dst()) {
                s.rerouteNeeded = true;
            }
        }
        return ACCEPTED;
    }

    /**
     * No nat rule matched: the kernel still sets up a binding to the packet's own address
     * (__nf_nat_alloc_null_binding), through the same unique-tuple search as a rule's. For source NAT this
     * moves the source port when the reply tuple is already taken (e.g. a DNAT made this connection's reply
     * collide with another entry), which resolves the clash instead of dropping at confirm.
     */
    private static void nullBinding(EvalContext c, CtEntry ct, boolean srcManip) {
        Tuple curr = ct.reply.invert();
        int a = srcManip ? curr.src() : curr.dst();
        ConntrackTable tab = c.sim().conntrack(c.ns().name());
        // the packet's own tuple is in the null range: uniqueTuple keeps it whenever it is free
        Tuple nt = !used(tab, ct, curr) ? curr : uniqueTuple(tab, ct, curr, new NatRange(a, a, 0, 0), srcManip);
        setDone(ct, srcManip);
        if (nt.equals(curr)) {
            step(c, () -> "no " + (srcManip ? "snat" : "dnat") + " rule matched: null binding for entry #" + ct.id);
            return;
        }
        ct.reply = nt.invert();
        if (srcManip) {
            ct.srcNat = true;
        } else {
            ct.dstNat = true;
        }
        Tuple reply = ct.reply;
        step(c, () -> "no " + (srcManip ? "snat" : "dnat") + " rule matched: null binding for entry #" + ct.id
                + ", but its reply tuple is taken: port moved, reply [" + reply + "]");
    }

    private static void setDone(CtEntry ct, boolean src) {
        if (src) {
            ct.srcNatDone = true;
        } else {
            ct.dstNatDone = true;
        }
    }

    /** Whether the manip of this type applies to packets of direction {@code dir}. */
    private static boolean applies(CtEntry ct, CtDir dir, boolean srcManip) {
        boolean wantSrcNat = srcManip == (dir == CtDir.ORIGINAL);
        return wantSrcNat ? ct.srcNat : ct.dstNat;
    }

    static void natPacket(CtEntry ct, Skb s, boolean srcManip) {
        if (!applies(ct, s.ctDir, srcManip)) {
            return;
        }
        Tuple target = ct.tuple(s.ctDir.other()).invert();
        s.pkt = manip(s.pkt, target, srcManip, true);
    }

    /** Writes the manip part of {@code target} into {@code p}. */
    static Packet manip(Packet p, Tuple target, boolean srcManip, boolean l4) {
        Packet q = srcManip ? p.withSrc(target.src()) : p.withDst(target.dst());
        if (!l4) {
            return q;
        }
        if (q.hasPorts()) {
            q = srcManip ? q.withSport(target.sport()) : q.withDport(target.dport());
        } else if (q.isIcmpEcho()) {
            q = q.withSport(target.sport());
        }
        return q;
    }

    private static void icmpReplyTranslation(EvalContext c, CtEntry ct, boolean srcManip) {
        Skb s = c.skb();
        CtDir dir = s.ctDir;
        if (!applies(ct, dir, srcManip)) {
            return;
        }
        Packet before = s.pkt;
        Packet inner = manip(before.inner(), ct.tuple(dir.other()), !srcManip, true);
        Packet outer = manip(before, ct.tuple(dir.other()).invert(), srcManip, false);
        s.pkt = outer.withInner(inner);
        step(c, "icmp error translated by entry #" + ct.id + ": outer " + (srcManip ? "source " + Ip4.str(before.src())
                + " -> " + Ip4.str(outer.src()) : "destination " + Ip4.str(before.dst()) + " -> " + Ip4.str(outer.dst()))
                + ", embedded header restored");
    }

    /** Executes a NAT statement inside a nat chain. */
    static Verdict execute(Statement st, EvalContext c, NfTable table) {
        Skb s = c.skb();
        CtEntry ct = s.ct;
        if (ct == null) {
            step(c, "nat statement without a conntrack entry: ignored");
            return Verdict.ACCEPT;
        }
        boolean srcHook = c.hook() == Hook.POSTROUTING || c.hook() == Hook.INPUT;
        NatRange range;
        boolean src;
        switch (st) {
            case Statement.Masquerade m -> {
                src = true;
                Interface out = s.oif == null ? null : c.ns().iface(s.oif);
                int nh = s.route != null ? s.route.nextHop() : s.pkt.dst();
                int a = out == null ? 0 : Routing.deviceAddress(out, nh);
                if (a == 0) {
                    step(c, "masquerade: output device " + s.oif + " has no address: drop");
                    return Verdict.DROP;
                }
                range = new NatRange(a, a, m.portLo(), m.portHi());
            }
            case Statement.Snat sn -> {
                src = true;
                range = sn.range();
            }
            case Statement.Dnat dn -> {
                src = false;
                range = dn.range();
            }
            case Statement.Redirect r -> {
                src = false;
                int a;
                if (c.hook() == Hook.OUTPUT) {
                    a = Ip4.parse("127.0.0.1");
                } else {
                    Interface in = s.iif == null ? null : c.ns().iface(s.iif);
                    a = in == null || in.addresses().isEmpty() ? 0 : in.addresses().get(0).addr();
                    if (a == 0) {
                        step(c, "redirect: input device has no address: drop");
                        return Verdict.DROP;
                    }
                }
                range = new NatRange(a, a, r.portLo(), r.portHi());
            }
            case Statement.Netmap nm -> {
                src = nm.source();
                int m = Prefix.mask(nm.to().len());
                int orig = src ? s.pkt.src() : s.pkt.dst();
                int a = (nm.to().addr() & m) | (orig & ~m);
                range = new NatRange(a, a, 0, 0);
            }
            case Statement.NatMap nm -> {
                src = nm.snat();
                NamedMap map = table.map(nm.map());
                long key = Matches.keyValue(nm.key(), s);
                NamedMap.Value v = map == null || key < 0 ? null : map.lookup(key);
                if (v == null || v.addr() == null) {
                    step(c, "nat map @" + nm.map() + ": no element for key, rule does nothing");
                    return Verdict.ACCEPT;
                }
                int port = v.port() == null ? 0 : v.port();
                range = new NatRange(v.addr(), v.addr(), port, port);
            }
            default -> throw new IllegalStateException("not a nat statement: " + st);
        }
        if (src != srcHook) {
            step(c, (src ? "snat" : "dnat") + " is not valid at hook " + c.hook().nft() + ": ignored");
            return Verdict.ACCEPT;
        }
        if (ct.natDone(src)) {
            return Verdict.ACCEPT;
        }
        ConntrackTable tab = c.sim().conntrack(c.ns().name());
        Tuple curr = ct.reply.invert();
        Tuple nt = uniqueTuple(tab, ct, curr, range, src);
        if (!nt.equals(curr)) {
            ct.reply = nt.invert();
            if (src) {
                ct.srcNat = true;
            } else {
                ct.dstNat = true;
            }
        }
        setDone(ct, src);
        Tuple reply = ct.reply;
        boolean taken = tab.taken(ct.zone, reply, ct);
        boolean srcNat = src;
        step(c, () -> (srcNat ? "snat" : "dnat") + " binding for entry #" + ct.id + ": [" + ct.orig + "] reply [" + reply
                + "]" + (taken ? " (reply tuple already in use: will clash at confirm)" : ""));
        return Verdict.ACCEPT;
    }

    private static boolean used(ConntrackTable tab, CtEntry ct, Tuple t) {
        return tab.size() > 0 && tab.taken(ct.zone, t.invert(), ct);
    }

    private static boolean inRange(Tuple t, NatRange r, boolean src) {
        int a = src ? t.src() : t.dst();
        if (r.addrSpecified() && (Ip4.unsigned(a) < Ip4.unsigned(r.addrLo()) || Ip4.unsigned(a) > Ip4.unsigned(r.addrHi()))) {
            return false;
        }
        if (r.protoSpecified()) {
            int p = keyPort(t, src);
            return p >= r.portLo() && p <= r.portHi();
        }
        return true;
    }

    private static int keyPort(Tuple t, boolean src) {
        if (t.proto() == Packet.ICMP) {
            return t.sport();
        }
        return src ? t.sport() : t.dport();
    }

    private static Tuple withAddr(Tuple t, int a, boolean src) {
        return src ? new Tuple(a, t.dst(), t.proto(), t.sport(), t.dport()) : new Tuple(t.src(), a, t.proto(), t.sport(), t.dport());
    }

    private static Tuple withPort(Tuple t, int p, boolean src) {
        if (t.proto() == Packet.ICMP || src) {
            return new Tuple(t.src(), t.dst(), t.proto(), p, t.dport());
        }
        return new Tuple(t.src(), t.dst(), t.proto(), t.sport(), p);
    }

    static Tuple uniqueTuple(ConntrackTable tab, CtEntry ct, Tuple curr, NatRange r, boolean src) {
        if (src && inRange(curr, r, true) && !used(tab, ct, curr)) {
            return curr;
        }
        Tuple t = curr;
        if (r.addrSpecified() && !inRange(curr, new NatRange(r.addrLo(), r.addrHi(), 0, 0), src)) {
            t = withAddr(curr, r.addrLo(), src);
        }
        if (r.protoSpecified()) {
            if (inRange(t, r, src) && (r.portLo() == r.portHi() || !used(tab, ct, t))) {
                return t;
            }
        } else if (!used(tab, ct, t)) {
            return t;
        }
        // per-protocol part: find a free port / icmp id
        int min;
        int size;
        if (t.proto() == Packet.ICMP) {
            if (r.protoSpecified()) {
                min = r.portLo();
                size = r.portHi() - r.portLo() + 1;
            } else {
                min = 0;
                size = 65536;
            }
        } else if (t.proto() == Packet.TCP || t.proto() == Packet.UDP) {
            if (r.protoSpecified()) {
                min = r.portLo();
                size = r.portHi() - r.portLo() + 1;
            } else {
                if (!src) {
                    return t;
                }
                int p = keyPort(t, true);
                if (p < 512) {
                    min = 1;
                    size = 511;
                } else if (p < 1024) {
                    min = 600;
                    size = 424;
                } else {
                    min = 1024;
                    size = 64512;
                }
            }
        } else {
            return t;
        }
        // the kernel starts the search at a random offset for source NAT and at the range's start for
        // destination NAT; a hash of the original tuple stands in for the random offset, so that a moved
        // port does not land next to the ports probes use (as orig+1 would)
        int start = src ? Math.floorMod(scatter(ct.orig), size) : 0;
        Tuple cand = t;
        for (int i = 0; i < size; i++) {
            cand = withPort(t, min + (start + i) % size, src);
            if (!used(tab, ct, cand)) {
                return cand;
            }
        }
        return cand;
    }

    private static int scatter(Tuple t) {
        int h = t.src() * 0x9E3779B1 ^ t.dst() * 0x85EBCA77 ^ (t.sport() << 16 | t.dport()) * 0xC2B2AE3D ^ t.proto();
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        return h ^ (h >>> 12);
    }

    static void step(EvalContext c, String text) {
        c.rec().step(TraceStep.Kind.NAT, c.ns().name(), c.device(), c.hook(), null, text, c.skb());
    }

    /** A step whose text is formatted when the trace is read: capture only values fixed at this point. */
    static void step(EvalContext c, java.util.function.Supplier<String> text) {
        c.rec().step(TraceStep.Kind.NAT, c.ns().name(), c.device(), c.hook(), null, text, c.skb());
    }

    static List<String> describeBindings(CtEntry e) {
        return List.of(e.orig.toString(), e.reply.toString());
    }
}
