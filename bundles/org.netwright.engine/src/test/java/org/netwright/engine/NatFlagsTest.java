package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.engine.Lab.ip;
import static org.netwright.engine.Lab.m;
import static org.netwright.engine.Lab.rule;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * NAT flags and the choice of address and port (get_unique_tuple); the kernel's own picks are pinned against these
 * rules by NatFlagsPinsTest.
 */
class NatFlagsTest {
    private static final NatFlags RANDOM = new NatFlags(true, false, false);
    private static final NatFlags PERSISTENT = new NatFlags(false, false, true);

    private static Simulation router(Statement nat, Hook hook) {
        NfTable.Builder t = NfTable.builder(Family.IP, "nat");
        t.baseChain("n", ChainType.NAT, hook, hook == Hook.POSTROUTING ? 100 : -100, Verdict.ACCEPT)
                .rule(rule(m(hook == Hook.POSTROUTING ? Match.oif("eth1") : Match.iif("eth0")), nat));
        Lab lab = new Lab();
        lab.serverListeners.add(Listener.udp(1000));
        lab.serverListeners.add(Listener.udp(1001));
        lab.serverListeners.add(Listener.udp(1002));
        return new Simulation(lab.table(t.build()).build());
    }

    private static Packet udp(int sport, String dst, int dport) {
        return Packet.udp("10.0.1.2", dst, sport, dport);
    }

    /** The source address the router's entry for {@code p} was translated to (its reply tuple's destination). */
    private static IpAddr mappedSource(ProbeResult r, Packet p) {
        return r.conntrack().get("r").stream().filter(e -> e.orig().equals(Tuple.of(p))).findFirst()
                .orElseThrow(() -> new AssertionError(r.toText())).reply().dst();
    }

    @Test
    void randomMovesAFreePortThatPlainMasqueradeKeeps() {
        Packet p = udp(4000, "10.0.2.2", 53);
        Packet plain = router(new Statement.Masquerade(0, 0), Hook.POSTROUTING).probe(Probe.from("client", p).noReply())
                .observedAtDst();
        assertEquals(4000, plain.sport(), "the packet's own port is free: kept");
        for (NatFlags f : new NatFlags[] {RANDOM, new NatFlags(false, true, false)}) {
            Packet moved = router(new Statement.Masquerade(0, 0, f), Hook.POSTROUTING).probe(Probe.from("client", p).noReply())
                    .observedAtDst();
            assertEquals(ip("10.0.2.1"), moved.src());
            assertNotEquals(4000, moved.sport(), f + ": the port is chosen at random even when free");
            assertTrue(moved.sport() >= 1024, "in the range of ports at or above 1024: " + moved.sport());
        }
    }

    /**
     * The trace says when the port is the kernel's random pick (the random flags, or a source port that had to move),
     * so a reader (and the kernel referee) knows that another port is as right; a kept port or a fixed one is not.
     */
    @Test
    void theBindingSaysWhenThePortIsPickedAtRandom() {
        Packet p = udp(4000, "10.0.2.2", 53);
        Simulation plain = router(new Statement.Masquerade(0, 0), Hook.POSTROUTING);
        assertEquals(List.of(false), randomness(plain.probe(Probe.from("client", p).noReply())));
        Simulation fully = router(new Statement.Masquerade(0, 0, new NatFlags(false, true, false)), Hook.POSTROUTING);
        ProbeResult r = fully.probe(Probe.from("client", p).noReply());
        assertEquals(List.of(true), randomness(r));
        assertTrue(r.toText().contains("picked at random"), r.toText());
        NatRange onePort = new NatRange(ip("10.0.2.2"), ip("10.0.2.2"), 1000, 1000);
        assertEquals(List.of(false), randomness(router(new Statement.Dnat(onePort.withFlags(RANDOM)), Hook.PREROUTING)
                .probe(Probe.from("client", udp(4000, "10.0.1.1", 53)).noReply())), "one port: nothing to pick");
        // the same source address and port from a second client: the moved port is a random pick
        Simulation moved = router(new Statement.Masquerade(0, 0), Hook.POSTROUTING);
        moved.probe(Probe.arriving("r", "eth0", Packet.udp("10.0.1.2", "10.0.2.2", 5000, 53)).noReply());
        assertEquals(List.of(true), randomness(moved.probe(Probe.arriving("r", "eth0",
                Packet.udp("10.0.1.3", "10.0.2.2", 5000, 53)).noReply())));
    }

    private static List<Boolean> randomness(ProbeResult r) {
        return Events.of(r, TraceEvent.NatBinding.class).stream().map(TraceEvent.NatBinding::portAtRandom).toList();
    }

    @Test
    void dnatToAPortRangeTakesItsStartUnlessRandom() {
        NatRange range = new NatRange(ip("10.0.2.2"), ip("10.0.2.2"), 1000, 1002);
        Packet p = udp(4000, "10.0.1.1", 53);
        assertEquals(1000, router(new Statement.Dnat(range), Hook.PREROUTING).probe(Probe.from("client", p).noReply())
                .observedAtDst().dport(), "destination NAT starts at the range's start");
        int random = router(new Statement.Dnat(range.withFlags(RANDOM)), Hook.PREROUTING).probe(Probe.from("client", p)
                .noReply()).observedAtDst().dport();
        assertTrue(random >= 1000 && random <= 1002, "a port of the range: " + random);
    }

    /** Source NAT to four addresses: the hash of source and destination picks, persistent leaves the destination out. */
    @Test
    void theAddressOfARangeIsHashedAndPersistentIgnoresTheDestination() {
        NatRange four = NatRange.addrRange("10.0.9.1", "10.0.9.4");
        Set<IpAddr> spread = new HashSet<>();
        Set<IpAddr> persistent = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            // another destination and source port each time: no earlier mapping of the same source to reuse
            String dst = "10.0.2." + (10 + i);
            Packet p = udp(4000 + i, dst, 53);
            IpAddr a = mappedSource(router(new Statement.Snat(four), Hook.POSTROUTING).probe(Probe.from("client", p).noReply()), p);
            IpAddr b = mappedSource(router(new Statement.Snat(four.withFlags(PERSISTENT)), Hook.POSTROUTING)
                    .probe(Probe.from("client", p).noReply()), p);
            assertEquals(Nat.bestAddress(Tuple.of(p), four, 0), a);
            spread.add(a);
            persistent.add(b);
        }
        assertTrue(spread.size() > 1, "the destination spreads the sources over the range: " + spread);
        assertEquals(1, persistent.size(), "persistent: one address for the source: " + persistent);
    }

    /** find_appropriate_src: a second connection of the same source address and port reuses its mapping. */
    @Test
    void aSourceThatIsAlreadyMappedKeepsItsMapping() {
        NatRange four = NatRange.addrRange("10.0.9.1", "10.0.9.4");
        Simulation sim = router(new Statement.Snat(four), Hook.POSTROUTING);
        Set<IpAddr> used = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            Packet p = udp(4000, "10.0.2." + (10 + i), 53);
            used.add(mappedSource(sim.probe(Probe.from("client", p).noReply()), p));
        }
        assertEquals(1, used.size(), "every connection of 10.0.1.2:4000 gets the first one's address: " + used);
    }
}
