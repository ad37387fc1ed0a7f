package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
import org.netwright.model.IptJumpTarget;
import org.netwright.model.IptRule;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;

/**
 * Bad input to walk: clear one-line errors (exit 2) or a disposition, never a hang or a stack trace. Every
 * walk runs under a time limit, so a loop in the engine fails the test instead of hanging the build.
 */
class WalkBadInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    /** Through {@link Main}, with the model built in code instead of parsed (the validator never sees it). */
    private int walk(Network model, String... args) throws Exception {
        Path f = Files.writeString(dir.resolve("code.nwp"), "# built in code by the test\n");
        String[] all = new String[args.length + 1];
        all[0] = f.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        return assertTimeoutPreemptively(LIMIT, () -> runWalk(model, all));
    }

    private int runWalk(Network model, String[] args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        try {
            return new WalkCommand(o, e, CodeModels.loader(model)).run(List.of(args));
        } catch (Main.UsageException x) {
            // what Main does with it
            e.println("netwright: " + x.getMessage());
            return Main.INVALID;
        }
    }

    /** The real command line, .nwp files through the language. */
    private int main(String... args) {
        return assertTimeoutPreemptively(LIMIT, () -> Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void assertOneCleanLine() {
        assertEquals(1, err().lines().count(), err());
        assertFalse(err().contains("Exception") || err().contains("\tat "), err());
    }

    private static void forward(Namespace ns) {
        Sysctl s = CodeModels.F.createSysctl();
        s.setKey("net.ipv4.ip_forward");
        s.setValue("1");
        ns.getSysctls().add(s);
    }

    /** client -- a -- b, where a's default route points at b and b's at a. */
    private static Network routingLoop() {
        Network n = CodeModels.F.createNetwork();
        Namespace client = CodeModels.ns(n, "client");
        Namespace a = CodeModels.ns(n, "a");
        Namespace b = CodeModels.ns(n, "b");
        VethInterface c0 = CodeModels.veth(client, "eth0", "10.0.1.2", 24);
        VethInterface a0 = CodeModels.veth(a, "eth0", "10.0.1.1", 24);
        VethInterface a1 = CodeModels.veth(a, "eth1", "10.0.2.1", 24);
        VethInterface b0 = CodeModels.veth(b, "eth0", "10.0.2.2", 24);
        c0.setPeer(a0);
        a1.setPeer(b0);
        CodeModels.route(client, "10.0.1.1", c0);
        CodeModels.route(a, "10.0.2.2", a1);
        CodeModels.route(b, "10.0.2.1", b0);
        forward(a);
        forward(b);
        return n;
    }

    @Test
    void aRoutingLoopEndsInTtlExpiryAndTimeExceeded() throws Exception {
        assertEquals(Main.OK, walk(routingLoop(), "--from", "client", "--proto", "udp", "--dst", "198.51.100.1",
                "--dport", "53", "--json"), err());
        Map<String, Object> r = WalkContractTest.map(MiniJson.parse(out()));
        Map<String, Object> d = WalkContractTest.map(r.get("disposition"));
        assertEquals("ttl_expired", d.get("type"), d.toString());
        assertEquals(null, r.get("delivered_to"));
        // 64 hops: the packet bounces between a and b until its TTL runs out
        List<Object> path = WalkContractTest.list(r.get("path"));
        assertTrue(path.size() > 60, "bounced " + path.size() + " times");
        List<Object> errors = WalkContractTest.list(r.get("icmp_errors"));
        assertEquals(1, errors.size(), errors.toString());
        Map<String, Object> icmp = WalkContractTest.map(errors.get(0));
        assertEquals(11L, icmp.get("type"), "time exceeded");
        assertEquals("client", icmp.get("delivered_to"));

        out.reset();
        assertEquals(Main.OK, walk(routingLoop(), "--from", "client", "--proto", "icmp", "--dst", "198.51.100.1"));
        assertTrue(out().contains("=> ttl expired at ") || out().contains("ttl 1 would expire on forwarding"), out());
    }

    /** FORWARD -j A, A -j B, B -j A: iptables-restore refuses this, a model built in code can still hold it. */
    private static Network jumpLoop() {
        Network n = CodeModels.lab();
        Namespace r = CodeModels.find(n, "r");
        IptablesRuleset rs = CodeModels.F.createIptablesRuleset();
        IptablesTable filter = CodeModels.F.createIptablesTable();
        filter.setTable(IptTableKind.FILTER);
        IptChain a = CodeModels.F.createIptChain();
        a.setName("A");
        IptChain b = CodeModels.F.createIptChain();
        b.setName("B");
        filter.getChains().add(a);
        filter.getChains().add(b);
        filter.getRules().add(jump(null, IptBuiltinChain.FORWARD, a));
        filter.getRules().add(jump(a, null, b));
        filter.getRules().add(jump(b, null, a));
        rs.getTables().add(filter);
        r.getIptablesRulesets().add(rs);
        return n;
    }

    private static IptRule jump(IptChain in, IptBuiltinChain builtin, IptChain to) {
        IptRule rule = CodeModels.F.createIptRule();
        if (in != null) {
            rule.setChain(in);
        } else {
            rule.setBuiltinChain(builtin);
        }
        IptJumpTarget t = CodeModels.F.createIptJumpTarget();
        t.setChain(to);
        rule.setTarget(t);
        return rule;
    }

    @Test
    void aJumpLoopInAModelBuiltInCodeIsADropNotAHang() throws Exception {
        assertEquals(Main.OK, walk(jumpLoop(), "--from", "client", "--proto", "udp", "--dst", "10.0.2.2", "--dport", "53",
                "--json"), err());
        Map<String, Object> r = WalkContractTest.map(MiniJson.parse(out()));
        Map<String, Object> d = WalkContractTest.map(r.get("disposition"));
        assertEquals("dropped", d.get("type"), d.toString());
        assertEquals("r", d.get("namespace"));
        assertTrue(String.valueOf(d.get("reason")).contains("ruleset loop"), d.toString());
        assertEquals(null, r.get("delivered_to"));
    }

    @Test
    void aJumpLoopInAFileIsRejectedWithItsPosition() throws Exception {
        Path f = Files.writeString(dir.resolve("loop.nwp"), """
                namespace r {
                	interface eth0 { address 10.0.1.1/24 }
                	nftables {
                		table inet f {
                			chain forward {
                				type filter hook forward priority 0;
                				jump a
                			}
                			chain a {
                				jump b
                			}
                			chain b {
                				jump a
                			}
                		}
                	}
                }
                """);
        assertEquals(Main.INVALID, main("walk", f.toString(), "--from", "r", "--proto", "icmp", "--dst", "10.0.1.9"));
        assertTrue(err().matches("(?s).*loop\\.nwp:\\d+:\\d+: error: .*"), err());
        assertTrue(err().toLowerCase(java.util.Locale.ROOT).contains("loop"), err());
        assertFalse(err().contains("Exception"), err());
        assertEquals("", out());
    }

    @Test
    void unknownNamespaceAndUnownedSourceAddress() throws Exception {
        assertEquals(Main.INVALID, walk(CodeModels.lab(), "--from", "mars", "--proto", "icmp", "--dst", "10.0.2.2"));
        assertTrue(err().contains("unknown namespace 'mars' (known: client, r, server)"), err());
        assertOneCleanLine();
        err.reset();
        assertEquals(Main.INVALID, walk(CodeModels.lab(), "--from", "client", "--proto", "icmp", "--src", "10.0.2.2",
                "--dst", "10.0.2.2"));
        assertTrue(err().contains("source address 10.0.2.2 is not configured on any interface of namespace 'client'"),
                "an address of another namespace is not the client's: " + err());
        assertOneCleanLine();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--proto sctp --dst 10.0.2.2                       | unknown protocol 'sctp'",
        "--proto udp --dst 10.0.2.2                        | udp needs a destination port",
        "--proto tcp --dst 10.0.2.2 --dport 70000          | --dport must be a number 0..65535, not '70000'",
        "--proto udp --dst 10.0.2.2 --dport 53 --spi 0x10  | --spi does not apply to --proto udp (only to esp)",
        "--proto esp --dst 10.0.2.2 --spi 0xzz             | --spi must be a number, not '0xzz'",
        "--proto esp --dst 10.0.2.2 --sport 5              | --sport does not apply to --proto esp",
        "--proto icmp --dst 10.0.2.2 --icmp-id x           | --icmp-id must be a number",
        "--proto icmp --dst somewhere                      | destination 'somewhere' is not an IP address",
        "--proto icmp                                      | missing --dst",
        "--proto icmp --dst 10.0.2.2 --colour red          | unknown option --colour",
        "--proto icmp --dst 10.0.2.2 --probes p.json       | --from cannot be combined with --probes",
        "--proto icmp --dst                                | --dst needs a value"})
    void usageErrorsAreOneLineAndExit2(String args, String message) throws Exception {
        List<String> a = new java.util.ArrayList<>(List.of("--from", "client"));
        a.addAll(List.of(args.trim().split("\\s+")));
        assertEquals(Main.INVALID, walk(CodeModels.lab(), a.toArray(String[]::new)), out());
        assertTrue(err().contains(message), err());
        assertOneCleanLine();
    }

    @Test
    void missingModelIsAUsageError() {
        assertEquals(Main.INVALID, main("walk", dir.resolve("nothing.nwp").toString(), "--from", "a", "--proto", "icmp",
                "--dst", "10.0.0.1"));
        assertEquals("netwright: no such model file or snapshot folder: " + dir.resolve("nothing.nwp") + "\n", err());
        err.reset();
        assertEquals(Main.INVALID, main("walk"));
        assertTrue(err().startsWith("netwright: walk needs a model"), err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                                  | :1:1: ",
        "'{\"probes\": [ {\"from\": \"client\", \"proto\": \"icmp\",'  | :1:",
        "'[1, 2]'                                            | : $: expected an object",
        "'{\"probes\": {}}'                                  | : $.probes: expected an array",
        "'{\"probes\": []}'                                  | : $.probes: no probe given",
        "'{\"probes\": [{\"from\": \"client\", \"proto\": \"udp\", \"dst\": \"10.0.2.2\"}]}' | : $.probes[0]: missing \"dport\" for udp",
        "'{\"probes\": [{\"from\": \"client\", \"proto\": \"udp\", \"dst\": \"10.0.2.2\", \"dport\": \"53\"}]}' | : $.probes[0].dport: expected an integer",
        "'{\"probes\": [{\"from\": 7, \"proto\": \"icmp\", \"dst\": \"10.0.2.2\"}]}' | : $.probes[0].from: expected a string",
        "'{\"probes\": [{\"from\": \"client\", \"proto\": \"icmp\", \"dst\": \"10.0.2.2\", \"ttl\": 3}]}' | : $.probes[0].ttl: unknown member",
        "'{\"servers\": [{\"ns\": \"server\", \"udp\": [0]}], \"probes\": [{\"from\": \"client\", \"proto\": \"icmp\", \"dst\": \"10.0.2.2\"}]}' | : $.servers[0].udp[0]: port 0",
        "'{\"servers\": [{\"ns\": \"server\", \"esp\": \"sometimes\"}], \"probes\": [{\"from\": \"client\", \"proto\": \"icmp\", \"dst\": \"10.0.2.2\"}]}' | : $.servers[0].esp: expected \"reply\" or a boolean",
        "'{\"probes\": [{\"from\": \"client\", \"proto\": \"icmp\", \"dst\": \"10.0.2.2\", \"src\": \"10.0.1.3\"}]}' | : $.probes[0]: source address 10.0.1.3 is not configured"})
    void malformedProbesFilesNameTheFileAndThePosition(String json, String message) throws Exception {
        Path p = Files.writeString(dir.resolve("probes.json"), json);
        assertEquals(Main.INVALID, walk(CodeModels.lab(), "--probes", p.toString()), out());
        assertTrue(err().startsWith("netwright: " + p + message), err());
        assertOneCleanLine();
        assertEquals("", out(), "nothing walked");
    }

    @Test
    void anUnreadableProbesFileIsAUsageError() throws Exception {
        assertEquals(Main.INVALID, walk(CodeModels.lab(), "--probes", dir.resolve("none.json").toString()));
        assertTrue(err().contains("cannot read probes file " + dir.resolve("none.json")), err());
        assertOneCleanLine();
    }
}
