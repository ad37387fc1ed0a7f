package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.engine.ChainType;
import org.netwright.engine.CtEntryView;
import org.netwright.engine.Family;
import org.netwright.engine.Hook;
import org.netwright.engine.Interface;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Match;
import org.netwright.engine.Namespace;
import org.netwright.engine.NatFlags;
import org.netwright.engine.NatRange;
import org.netwright.engine.NetworkView;
import org.netwright.engine.NfTable;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Route;
import org.netwright.engine.Rule;
import org.netwright.engine.Simulation;
import org.netwright.engine.Statement;
import org.netwright.engine.Verdict;
import org.netwright.lab.ConntrackEntry;
import org.netwright.lab.ConntrackParser;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.NetnsLab;

/**
 * Which address and port NAT picks, the kernel against the engine (get_unique_tuple). r (sources 10.1.0.1-4 on a
 * dummy device) sends UDP datagrams from chosen ports to p (10.2.0.2-9, a veth away); an nft postrouting (or output)
 * nat chain translates them; the translations are read from r's conntrack table. Exactly the same: the address of
 * a multi-address range (a hash of source and destination, of the source alone with {@code persistent}), the reuse
 * of an existing mapping of the same source (find_appropriate_src), the start of a destination port range. Only
 * as "moved": the port {@code random} / {@code fully-random} picks at random (the engine picks deterministically).
 */
class NatFlagsPinsTest {
    /** One datagram: source address and port, destination address and port. */
    private record Send(String src, int sport, String dst, int dport) {
    }

    @BeforeEach
    void kernel() {
        KernelAvailability.require("python3");
    }

    private static final String SENDER = """
            import socket, sys
            for spec in sys.argv[1:]:
                src, sport, dst, dport = spec.split(',')
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind((src, int(sport)))
                s.sendto(b'x', (dst, int(dport)))
                s.close()
            """;

    /** Every source to every destination, each from its own port (no mapping of the same source to reuse). */
    private static List<Send> spread() {
        List<Send> out = new ArrayList<>();
        int port = 41000;
        for (int s = 1; s <= 4; s++) {
            for (int d = 2; d <= 9; d++) {
                out.add(new Send("10.1.0." + s, port++, "10.2.0." + d, 5353));
            }
        }
        return out;
    }

    /** The nat chain's rule, as nft text and as the engine's rule. */
    private record Nat(String hook, int priority, String nft, Statement engine) {
    }

    @Test
    void theAddressOfARangeIsTheKernelsHash() {
        Nat snat = new Nat("postrouting", 100, "oifname \"r0\" snat to 10.9.0.1-10.9.0.4",
                new Statement.Snat(NatRange.addrRange("10.9.0.1", "10.9.0.4")));
        TreeMap<String, String> k = agree("nf1", snat, spread());
        assertTrue(k.values().stream().map(v -> v.split(":")[0]).distinct().count() > 1, "spread over the range: " + k);
    }

    @Test
    void persistentGivesASourceOneAddress() {
        Nat snat = new Nat("postrouting", 100, "oifname \"r0\" snat to 10.9.0.1-10.9.0.4 persistent",
                new Statement.Snat(NatRange.addrRange("10.9.0.1", "10.9.0.4").withFlags(new NatFlags(false, false, true))));
        TreeMap<String, String> k = agree("nf2", snat, spread());
        for (int s = 1; s <= 4; s++) {
            String src = "10.1.0." + s + ":";
            assertEquals(1, k.entrySet().stream().filter(e -> e.getKey().startsWith(src)).map(e -> e.getValue().split(":")[0])
                    .distinct().count(), "one address for " + src + " " + k);
        }
    }

    @Test
    void aMappedSourceKeepsItsMapping() {
        List<Send> sends = new ArrayList<>();
        for (int d = 2; d <= 9; d++) {
            sends.add(new Send("10.1.0.1", 42000, "10.2.0." + d, 5353));
        }
        Nat snat = new Nat("postrouting", 100, "oifname \"r0\" snat to 10.9.0.1-10.9.0.4",
                new Statement.Snat(NatRange.addrRange("10.9.0.1", "10.9.0.4")));
        TreeMap<String, String> k = agree("nf3", snat, sends);
        assertEquals(1, k.values().stream().map(v -> v.split(" ")[0]).distinct().count(),
                "every connection of 10.1.0.1:42000 reuses one mapping: " + k);
    }

    @Test
    void destinationNatToAPortRangeStartsAtItsStart() {
        List<Send> sends = List.of(new Send("10.1.0.1", 43000, "10.3.0.1", 80), new Send("10.1.0.2", 43000, "10.3.0.1", 80));
        Nat dnat = new Nat("output", -100, "ip daddr 10.3.0.1 meta l4proto udp dnat to 10.2.0.2:7000-7009",
                new Statement.Dnat(new NatRange(IpAddr.parse("10.2.0.2"), IpAddr.parse("10.2.0.2"), 7000, 7009)));
        TreeMap<String, String> k = agree("nf4", dnat, sends);
        assertEquals(List.of("10.2.0.2:7000"), k.values().stream().map(v -> v.split(" ")[1]).distinct().toList(), k.toString());
    }

    @Test
    void randomMovesTheSourcePortEvenWhenItIsFree() {
        for (String flag : List.of("random", "fully-random")) {
            NatFlags f = new NatFlags(flag.equals("random"), flag.equals("fully-random"), false);
            Nat masq = new Nat("postrouting", 100, "oifname \"r0\" masquerade " + flag, new Statement.Masquerade(0, 0, f));
            List<Send> sends = spread().subList(0, 6);
            TreeMap<String, String> kernel = kernel("nf5" + flag.charAt(0), masq, sends);
            TreeMap<String, String> engine = engine(masq, sends);
            assertEquals(kernel.keySet(), engine.keySet());
            for (String orig : kernel.keySet()) {
                String sport = orig.split(" ")[0].split(":")[1];
                for (TreeMap<String, String> side : List.of(kernel, engine)) {
                    String[] mapped = side.get(orig).split(" ")[0].split(":");
                    assertEquals("10.2.0.1", mapped[0], "masquerade to r0's address");
                    assertNotEquals(sport, mapped[1], flag + " moves the free port " + orig + " (" + side + ")");
                }
            }
        }
    }

    // ------------------------------------------------------------------ both sides

    /** The translations of the kernel; asserts the engine's are the same. Keys: original tuple, values: mapped. */
    private static TreeMap<String, String> agree(String lab, Nat nat, List<Send> sends) {
        TreeMap<String, String> k = kernel(lab, nat, sends);
        assertEquals(k, engine(nat, sends), "kernel (expected) and engine (actual) translate differently: " + nat.nft());
        assertEquals(sends.size(), k.size(), "one entry per datagram: " + k);
        return k;
    }

    /** {@code src:sport dst:dport} of the original direction -> {@code newsrc:port newdst:port} the packet left with. */
    private static void put(TreeMap<String, String> out, String os, int osp, String od, int odp, String rs, int rsp, String rd,
            int rdp) {
        out.put(os + ":" + osp + " " + od + ":" + odp, rd + ":" + rdp + " " + rs + ":" + rsp);
    }

    private static TreeMap<String, String> kernel(String name, Nat nat, List<Send> sends) {
        try (NetnsLab lab = NetnsLab.up(name)) {
            lab.namespace("r").namespace("p").veth("r", "r0", "p", "p0").dummy("r", "d0");
            for (int s = 1; s <= 4; s++) {
                lab.addr("r", "d0", "10.1.0." + s + "/32");
            }
            lab.addr("r", "r0", "10.2.0.1/24");
            for (int d = 2; d <= 9; d++) {
                lab.addr("p", "p0", "10.2.0." + d + "/24");
            }
            lab.route("r", "10.3.0.0/24", "via", "10.2.0.2");
            lab.nft("r", "table ip n {\n  chain c {\n    type nat hook " + nat.hook() + " priority " + nat.priority() + ";\n    "
                    + nat.nft() + "\n  }\n}\n");
            List<String> argv = new ArrayList<>(List.of("python3", "-c", SENDER));
            sends.forEach(s -> argv.add(s.src() + "," + s.sport() + "," + s.dst() + "," + s.dport()));
            lab.exec("r", Duration.ofSeconds(10), argv.toArray(String[]::new)).orThrow();
            TreeMap<String, String> out = new TreeMap<>();
            for (ConntrackEntry e : ConntrackParser.parseEntries(lab.exec("r", Duration.ofSeconds(5), "conntrack", "-L", "-o",
                    "extended", "-p", "udp").orThrow().stdout())) {
                put(out, e.orig().src(), e.orig().sport(), e.orig().dst(), e.orig().dport(), e.reply().src(), e.reply().sport(),
                        e.reply().dst(), e.reply().dport());
            }
            return out;
        }
    }

    private static TreeMap<String, String> engine(Nat nat, List<Send> sends) {
        Hook hook = nat.hook().equals("output") ? Hook.OUTPUT : Hook.POSTROUTING;
        NfTable.Builder t = NfTable.builder(Family.IP, "n");
        Match[] m = hook == Hook.OUTPUT ? new Match[] {Match.daddr("10.3.0.1"), Match.udp()} : new Match[] {Match.oif("r0")};
        t.baseChain("c", ChainType.NAT, hook, nat.priority(), Verdict.ACCEPT)
                .rule(Rule.builder().match(m).then(nat.engine()).text(nat.nft()).build());
        Interface.Builder d0 = Interface.builder("d0").kind(Interface.Kind.DUMMY);
        for (int s = 1; s <= 4; s++) {
            d0.address("10.1.0." + s + "/32");
        }
        Interface.Builder p0 = Interface.builder("p0").peer("r", "r0");
        for (int d = 2; d <= 9; d++) {
            p0.address("10.2.0." + d + "/24");
        }
        Namespace r = Namespace.builder("r").iface(d0).iface(Interface.builder("r0").address("10.2.0.1/24").peer("p", "p0"))
                .route(Route.to("10.3.0.0/24").via("10.2.0.2").dev("r0")).nfTable(t.build()).build();
        Namespace p = Namespace.builder("p").iface(p0).build();
        Simulation sim = new Simulation(NetworkView.builder().namespace(r).namespace(p).build());
        ProbeResult last = null;
        for (Send s : sends) {
            last = sim.probe(Probe.from("r", Packet.udp(s.src(), s.dst(), s.sport(), s.dport())).noReply());
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (CtEntryView e : last.conntrack().getOrDefault("r", List.of())) {
            put(out, String.valueOf(e.orig().src()), e.orig().sport(), String.valueOf(e.orig().dst()), e.orig().dport(),
                    String.valueOf(e.reply().src()), e.reply().sport(), String.valueOf(e.reply().dst()), e.reply().dport());
        }
        return out;
    }
}
