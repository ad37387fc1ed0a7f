package org.netwright.engine;

/**
 * NAT, following nf_nat_core: the nat chains of a hook are consulted only while the connection has no
 * binding of that manip type (dst manip at prerouting/output, src manip at postrouting/input); when no
 * rule translates, a null binding is recorded. The binding lives in the entry as its altered reply tuple;
 * every packet of the connection (both directions) is then translated from it. Reply packets are
 * un-NATed by the same operations: un-SNAT (dst manip of a reply) at prerouting before routing, un-DNAT
 * (src manip of a reply) at postrouting. ICMP errors (RELATED) get outer and embedded header translated.
 *
 * <p>Unique tuple choice follows get_unique_tuple: source NAT keeps the packet's own tuple when it is in the
 * range and free, else reuses the mapping of an existing connection from the same source (find_appropriate_src);
 * the address of a multi-address range is picked by the kernel's hash of the addresses (find_best_ips_proto, the
 * destination left out for {@code persistent}); the port is kept when in range and free, else the first free
 * port/ICMP id counting up from an offset within the range: the kernel's offset is random for source NAT and
 * for the {@code random}/{@code fully-random} flags (which also skip keeping the tuple), and a hash of the original
 * tuple stands in for it here; destination NAT starts at the range's start (default source ranges 1-511,
 * 600-1023, 1024-65535 as the kernel uses). Generic protocols (ESP, GRE) have nothing to remap, so a taken tuple
 * stays taken and the packet is dropped at confirm.
 */
final class Nat {
    private Nat() {
    }

    /** The NAT hook operation. */
    static final ChainEvaluator.Outcome ACCEPTED = new ChainEvaluator.Outcome(Verdict.ACCEPT, null, null, null, null, null);

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
                for (HookOrder.Entry e : c.ns().hooks().nat(c.hook(), c.skb().pkt.isV6())) {
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
                c.rec().record(c, new TraceEvent.NatNotConsulted(ct.id, ct.zone, TraceEvent.Manip.of(srcManip),
                        ct.confirmed));
            }
        }
        Packet before = s.pkt;
        natPacket(ct, s, srcManip);
        if (!before.equals(s.pkt)) {
            Packet after = s.pkt;
            c.rec().record(c, srcManip
                    ? new TraceEvent.NatTranslated(ct.id, TraceEvent.Manip.SOURCE, s.ctDir, before.src(), keyPort(before, true),
                            after.src(), keyPort(after, true))
                    : new TraceEvent.NatTranslated(ct.id, TraceEvent.Manip.DESTINATION, s.ctDir, before.dst(),
                            keyPort(before, false), after.dst(), keyPort(after, false)));
            if (c.hook() == Hook.OUTPUT && !before.dst().equals(s.pkt.dst())) {
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
        IpAddr a = srcManip ? curr.src() : curr.dst();
        ConntrackTable tab = c.sim().conntrack(c.ns().name());
        // the packet's own tuple is in the null range: uniqueTuple keeps it whenever it is free
        Tuple nt = !used(tab, ct, curr) ? curr : uniqueTuple(tab, ct, curr, new NatRange(a, a, 0, 0), srcManip);
        setDone(ct, srcManip);
        if (nt.equals(curr)) {
            c.rec().record(c, new TraceEvent.NatNullBinding(ct.id, TraceEvent.Manip.of(srcManip), null));
            return;
        }
        ct.reply = nt.invert();
        if (srcManip) {
            ct.srcNat = true;
        } else {
            ct.dstNat = true;
        }
        c.rec().record(c, new TraceEvent.NatNullBinding(ct.id, TraceEvent.Manip.of(srcManip), ct.reply));
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
        c.rec().record(c, new TraceEvent.NatIcmpTranslated(ct.id, TraceEvent.Manip.of(srcManip),
                srcManip ? before.src() : before.dst(), srcManip ? outer.src() : outer.dst()));
    }

    /**
     * Executes a NAT statement inside a nat chain. Null when the statement's addresses are of the other family than
     * the packet's (nft_nat_eval leaves the verdict alone: the rule goes on, then the chain).
     */
    static Verdict execute(Statement st, EvalContext c, NfTable table) {
        Skb s = c.skb();
        CtEntry ct = s.ct;
        if (ct == null) {
            skipped(c, TraceEvent.NatSkipped.Why.NO_CONNTRACK, manip(st), null);
            return Verdict.ACCEPT;
        }
        boolean srcHook = c.hook() == Hook.POSTROUTING || c.hook() == Hook.INPUT;
        NatRange range;
        boolean src;
        switch (st) {
            case Statement.Masquerade m -> {
                src = true;
                Interface out = s.oif == null ? null : c.ns().iface(s.oif);
                IpAddr nh = s.route != null ? s.route.nextHop() : s.pkt.dst();
                IpAddr a = out == null ? null
                        : nh.isV6() ? SourceSelection6.select(c.ns(), out, nh) : Routing.deviceAddress(out, nh);
                if (a == null || a.isUnspecified()) {
                    skipped(c, TraceEvent.NatSkipped.Why.MASQUERADE_NO_ADDRESS, TraceEvent.Manip.SOURCE, s.oif);
                    return Verdict.DROP;
                }
                range = new NatRange(a, a, m.portLo(), m.portHi(), m.flags());
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
                IpAddr a;
                boolean v6 = s.pkt.isV6();
                if (c.hook() == Hook.OUTPUT) {
                    a = v6 ? IpAddr.v6(0, 1) : IpAddr.v4(0x7f000001);
                } else {
                    Interface in = s.iif == null ? null : c.ns().iface(s.iif);
                    a = in == null ? null : firstAddress(in, v6);
                    if (a == null) {
                        skipped(c, TraceEvent.NatSkipped.Why.REDIRECT_NO_ADDRESS, TraceEvent.Manip.DESTINATION, s.iif);
                        return Verdict.DROP;
                    }
                }
                range = new NatRange(a, a, r.portLo(), r.portHi(), r.flags());
            }
            case Statement.Netmap nm -> {
                src = nm.source();
                IpAddr orig = src ? s.pkt.src() : s.pkt.dst();
                if (!orig.sameFamily(nm.to().addr())) {
                    skipped(c, TraceEvent.NatSkipped.Why.OTHER_FAMILY, TraceEvent.Manip.of(src), null);
                    return null;
                }
                IpAddr a = netmap(nm.to(), orig);
                range = new NatRange(a, a, 0, 0);
            }
            case Statement.NatMap nm -> {
                src = nm.snat();
                NamedMap.Value v = NamedMap.lookup(table.map(nm.map()), nm.key(), s);
                if (v == null || v.addr() == null) {
                    skipped(c, TraceEvent.NatSkipped.Why.MAP_NO_ELEMENT, TraceEvent.Manip.of(nm.snat()), nm.map());
                    return Verdict.ACCEPT;
                }
                int port = v.port() == null ? 0 : v.port();
                range = new NatRange(v.addr(), v.addr(), port, port);
            }
            default -> throw new IllegalStateException("not a nat statement: " + st);
        }
        if (!range.fits(s.pkt)) {
            skipped(c, TraceEvent.NatSkipped.Why.OTHER_FAMILY, TraceEvent.Manip.of(src), null);
            return null;
        }
        if (src != srcHook) {
            skipped(c, TraceEvent.NatSkipped.Why.WRONG_HOOK, TraceEvent.Manip.of(src), null);
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
        boolean portAtRandom = portAtRandom(curr, nt, range, src);
        c.rec().record(c, new TraceEvent.NatBinding(ct.id, TraceEvent.Manip.of(src), ct.orig, ct.reply,
                tab.taken(ct.zone, ct.reply, ct), portAtRandom));
        return Verdict.ACCEPT;
    }

    /**
     * Whether the kernel picked the port (ICMP id) of {@code chosen} at random: the search for a free one starts at a
     * random offset with the random flags, and for source NAT whenever the port had to change.
     */
    static boolean portAtRandom(Tuple curr, Tuple chosen, NatRange r, boolean src) {
        int proto = curr.proto();
        if (proto != Packet.ICMP && proto != Packet.TCP && proto != Packet.UDP) {
            return false;
        }
        if (r.protoSpecified() ? r.portLo() == r.portHi() : !src && proto != Packet.ICMP) {
            return false;
        }
        return r.flags().randomPort() || src && keyPort(chosen, true) != keyPort(curr, true);
    }

    /** The first address of {@code dev} of a family (redirect's target: the first one configured), or null. */
    private static IpAddr firstAddress(Interface dev, boolean v6) {
        for (IfAddress a : dev.addresses()) {
            if (a.isV6() == v6 && !a.addr().isLinkLocal()) {
                return a.addr();
            }
        }
        return null;
    }

    /** NETMAP: the network bits of {@code to}, the host bits of {@code orig}. */
    static IpAddr netmap(Prefix to, IpAddr orig) {
        if (!orig.isV6()) {
            int m = Prefix.mask(to.len());
            return IpAddr.v4((to.addr().v4bits() & m) | (orig.v4bits() & ~m));
        }
        IpAddr hostBits = orig.masked(to.len());
        long hi = to.addr().hi() | (orig.hi() ^ hostBits.hi());
        long lo = to.addr().lo() | (orig.lo() ^ hostBits.lo());
        return IpAddr.v6(hi, lo);
    }

    private static boolean used(ConntrackTable tab, CtEntry ct, Tuple t) {
        return tab.size() > 0 && tab.taken(ct.zone, t.invert(), ct);
    }

    private static boolean inRange(Tuple t, NatRange r, boolean src) {
        IpAddr a = src ? t.src() : t.dst();
        if (r.addrSpecified() && (a.compareTo(r.addrLo()) < 0 || a.compareTo(r.addrHi()) > 0)) {
            return false;
        }
        if (r.protoSpecified()) {
            int p = keyPort(t, src);
            return p >= r.portLo() && p <= r.portHi();
        }
        return true;
    }

    private static int keyPort(Tuple t, boolean src) {
        if (Packet.isIcmpProto(t.proto())) {
            return t.sport();
        }
        return src ? t.sport() : t.dport();
    }

    private static Tuple withAddr(Tuple t, IpAddr a, boolean src) {
        return src ? new Tuple(a, t.dst(), t.proto(), t.sport(), t.dport()) : new Tuple(t.src(), a, t.proto(), t.sport(), t.dport());
    }

    private static Tuple withPort(Tuple t, int p, boolean src) {
        if (Packet.isIcmpProto(t.proto()) || src) {
            return new Tuple(t.src(), t.dst(), t.proto(), p, t.dport());
        }
        return new Tuple(t.src(), t.dst(), t.proto(), t.sport(), p);
    }

    static Tuple uniqueTuple(ConntrackTable tab, CtEntry ct, Tuple curr, NatRange r, boolean src) {
        boolean random = r.flags().randomPort();
        if (src && !random) {
            if (inRange(curr, r, true)) {
                if (!used(tab, ct, curr)) {
                    return curr;
                }
            } else {
                Tuple mapped = appropriateSource(tab, ct, curr, r);
                if (mapped != null && !used(tab, ct, mapped)) {
                    return mapped;
                }
            }
        }
        Tuple t = r.addrSpecified() ? withAddr(curr, bestAddress(curr, r, ct.zone), src) : curr;
        if (!random) {
            if (r.protoSpecified()) {
                if (inRange(t, r, src) && (r.portLo() == r.portHi() || !used(tab, ct, t))) {
                    return t;
                }
            } else if (!used(tab, ct, t)) {
                return t;
            }
        }
        // per-protocol part: find a free port / icmp id
        int min;
        int size;
        if (Packet.isIcmpProto(t.proto())) {
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
        // the kernel starts the search at a random offset for source NAT and the random flags, else at the range's
        // start; a hash of the original tuple stands in for the random offset, so that a moved port does not land
        // next to the ports probes use (as orig+1 would)
        int start = src || random ? Math.floorMod(scatter(ct.orig), size) : 0;
        Tuple cand = t;
        for (int i = 0; i < size; i++) {
            cand = withPort(t, min + (start + i) % size, src);
            if (!used(tab, ct, cand)) {
                return cand;
            }
        }
        return cand;
    }

    /**
     * find_appropriate_src: the source part an existing connection of the same source (address, port, protocol;
     * same zone) was mapped to, when it is in the range; the most recent such connection first. Null when none.
     */
    private static Tuple appropriateSource(ConntrackTable tab, CtEntry ct, Tuple curr, NatRange r) {
        for (CtEntry e : tab.mappedSources(ct.zone, curr)) {
            Tuple mapped = e.reply.invert();
            Tuple result = new Tuple(mapped.src(), curr.dst(), curr.proto(), mapped.sport(), curr.dport());
            if (e != ct && inRange(result, r, true)) {
                return result;
            }
        }
        return null;
    }

    /**
     * find_best_ips_proto: the one address of the range, or the one the kernel's hash of the tuple's addresses picks:
     * jhash2 over the source address (a 4-word IPv6-sized key, IPv4 in the first word), seeded with the destination
     * address xor the zone id ({@code persistent}: with 0), scaled onto the range. The words are the addresses as
     * stored in network order and read as little-endian integers, as on x86.
     */
    static IpAddr bestAddress(Tuple t, NatRange r, int zone) {
        IpAddr lo = r.addrLo();
        IpAddr hi = r.addrHi();
        if (lo.equals(hi)) {
            return lo;
        }
        if (lo.isV6()) {
            return bestAddress6(t, r, zone);
        }
        int seed = r.flags().persistent() ? 0 : Integer.reverseBytes(t.dst().v4bits()) ^ zone;
        int j = Jhash.hash4(Integer.reverseBytes(t.src().v4bits()), 0, 0, 0, seed);
        long dist = hi.lo() - lo.lo() + 1;
        return IpAddr.v4((int) (lo.lo() + ((Integer.toUnsignedLong(j) * dist) >>> 32)));
    }

    /**
     * IPv6 ranges: the kernel hashes all four words of the source and scales the hash onto the range word by word
     * from the first differing one; that is not modelled exactly. The hash picks an offset within the range (spans
     * wider than 2^32 addresses use their low 32 bits), deterministic per source and destination.
     */
    private static IpAddr bestAddress6(Tuple t, NatRange r, int zone) {
        IpAddr s = t.src();
        int seed = r.flags().persistent() ? 0 : (int) (t.dst().lo() ^ t.dst().hi()) ^ zone;
        int j = Jhash.hash4((int) (s.hi() >>> 32), (int) s.hi(), (int) (s.lo() >>> 32), (int) s.lo(), seed);
        long span = r.addrHi().minus(r.addrLo());
        long dist = Math.min(span, 0xffffffffL) + 1;
        return r.addrLo().plus((Integer.toUnsignedLong(j) * dist) >>> 32);
    }

    private static int scatter(Tuple t) {
        int h = word(t.src()) * 0x9E3779B1 ^ word(t.dst()) * 0x85EBCA77 ^ (t.sport() << 16 | t.dport()) * 0xC2B2AE3D ^ t.proto();
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        return h ^ (h >>> 12);
    }

    /** An address folded to 32 bits: an IPv4 address's own bits (the offsets IPv4 walks always had). */
    private static int word(IpAddr a) {
        return a.isV6() ? a.hashCode() : a.v4bits();
    }

    static void skipped(EvalContext c, TraceEvent.NatSkipped.Why why, TraceEvent.Manip manip, String name) {
        c.rec().record(c, new TraceEvent.NatSkipped(why, manip, name));
    }

    /** The port (or ICMP id) a manip of this side rewrites; 0 for a packet without one. */
    private static int keyPort(Packet p, boolean src) {
        if (p.hasPorts()) {
            return src ? p.sport() : p.dport();
        }
        return p.isIcmpEcho() ? p.sport() : 0;
    }

    /** What a NAT statement rewrites; null for other statements. */
    static TraceEvent.Manip manip(Statement s) {
        return switch (s) {
            case Statement.Masquerade x -> TraceEvent.Manip.SOURCE;
            case Statement.Snat x -> TraceEvent.Manip.SOURCE;
            case Statement.Dnat x -> TraceEvent.Manip.DESTINATION;
            case Statement.Redirect x -> TraceEvent.Manip.DESTINATION;
            case Statement.Netmap x -> TraceEvent.Manip.of(x.source());
            case Statement.NatMap x -> TraceEvent.Manip.of(x.snat());
            default -> null;
        };
    }
}
