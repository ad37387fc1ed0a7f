package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.model.Network;
import org.netwright.model.semantics.IpAddress;
import org.netwright.testsupport.TestTexts;

class CheckCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    private int check(Network n) throws Exception {
        Path f = Files.writeString(dir.resolve("lab.nwp"), "# built in code\n");
        return new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CodeModels.loader(n)).run(List.of(f.toString()));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void allHoldExit0() throws Exception {
        Network n = CodeModels.lab();
        CodeModels.expectDns(n, "10.0.2.1");
        assertEquals(Main.OK, check(n), out() + err);
        assertTrue(out().contains("1 expectation(s) checked: 1 hold, 0 violated"), out());
    }

    @Test
    void aViolationExits1WithItsTrace() throws Exception {
        Network n = CodeModels.lab();
        CodeModels.expectDns(n, "10.0.2.1");
        CodeModels.expectDns(n, "10.0.1.2").setDescription("the client's address reaches the server");
        assertEquals(Main.VIOLATED, check(n));
        String o = out();
        assertTrue(o.contains("violated: the client's address reaches the server"), o);
        assertTrue(o.contains("src 10.0.2.1 instead of 10.0.1.2"), o);
        assertTrue(o.contains("trace of probe client"), o);
        assertTrue(o.contains("-A POSTROUTING -o eth1 -j MASQUERADE"), o);
        assertTrue(o.contains("2 expectation(s) checked: 1 hold, 1 violated"), o);
    }

    @Test
    void invalidModelExits2() throws Exception {
        Network n = CodeModels.lab();
        CodeModels.find(n, "client").getInterfaces().get(0).getAddresses().get(0).setPrefixLength(33);
        CodeModels.expectDns(n, "10.0.2.1");
        assertEquals(Main.INVALID, check(n));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: bad interface address '10.0.1.2/33'"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aProbeThatCannotBeBuiltExits2() throws Exception {
        Network n = CodeModels.lab();
        // IPv6 probes walk; one mixing the families cannot be built
        org.netwright.model.Probe p = CodeModels.expectDns(n, "10.0.2.1").getProbe();
        p.setSrcAddress(IpAddress.parse("10.0.1.2"));
        p.setDst(IpAddress.parse("2001:db8::1"));
        assertEquals(Main.INVALID, check(n));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "probe: source 10.0.1.2 and destination 2001:db8::1 are of different address families"),
                err.toString(StandardCharsets.UTF_8));
    }

    /** End to end through Xtext, once the grammar parses the documented syntax (skipped before). */
    @Test
    void nwpFileEndToEnd() throws Exception {
        Path f = Files.writeString(dir.resolve("e2e.nwp"), threeNamespaces("""
                *nat
                :POSTROUTING ACCEPT [0:0]
                -A POSTROUTING -o eth1 -j MASQUERADE
                COMMIT""") + "expect ping from client to 10.0.2.2: delivered to server with src 10.0.2.1, reply delivered\n");
        ByteArrayOutputStream vout = new ByteArrayOutputStream();
        int valid = Main.run(new String[] {"validate", f.toString()}, new PrintStream(vout, true, StandardCharsets.UTF_8),
                new PrintStream(vout, true, StandardCharsets.UTF_8));
        assertEquals(Main.OK, valid, "the documented syntax must validate: " + vout);
        assertEquals(Main.OK, Main.run(new String[] {"check", f.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), out() + err);
        out.reset();
        assertEquals(Main.OK, Main.run(new String[] {"walk", f.toString(), "--from", "client", "--proto", "icmp", "--dst",
                "10.0.2.2", "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().contains("\"delivered_to\": \"server\""), out());
        err.reset();
        assertEquals(Main.INVALID, Main.run(new String[] {"walk", f.toString(), "--from", "mars", "--proto", "icmp",
                "--dst", "10.0.2.2"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown namespace 'mars'"));
    }
    private static String threeNamespaces(String iptables) {
        return TestTexts.forwardingRouter(iptables);
    }

    private static final String UNCERTAIN_LAB = threeNamespaces("""
            *filter
            :FORWARD ACCEPT [0:0]
            -A FORWARD -p icmp -m string --string "x" --algo bm -j DROP
            COMMIT""");

    /**
     * An opaque match on the path: validate lists it at its line, check calls the expectation uncertain (exit 4)
     * instead of holding, walk shows both branches, and "possibly" holds when a certain outcome meets it.
     */
    @Test
    void anOpaqueElementMakesTheAnswerUncertainExit4() throws Exception {
        Path f = Files.writeString(dir.resolve("opaque.nwp"), UNCERTAIN_LAB
                + "expect ping from client to 10.0.2.2: delivered to server\n");
        ByteArrayOutputStream vout = new ByteArrayOutputStream();
        assertEquals(Main.OK, Main.run(new String[] {"validate", f.toString()}, new PrintStream(vout, true, StandardCharsets.UTF_8),
                new PrintStream(vout, true, StandardCharsets.UTF_8)), vout.toString(StandardCharsets.UTF_8));
        String v = vout.toString(StandardCharsets.UTF_8);
        assertTrue(v.contains(f + ":8:") && v.contains("warning: not understood by the engine: -m string"), v);
        assertEquals(Main.UNCERTAIN, Main.run(new String[] {"check", f.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), out() + err);
        assertTrue(out().contains("opaque.nwp:20:1: uncertain: "), out());
        assertTrue(out().contains("uncertain: the walk passed an element the engine does not execute: " + f + ":8:"), out());
        assertTrue(out().contains("1 expectation(s) checked: 0 hold, 0 violated, 1 uncertain"), out());
        // the request and the reply both pass the opaque match: three outcomes, none certain
        assertTrue(out().contains("## outcome 1 of 3: probability unknown, uncertain"), out());
        out.reset();
        assertEquals(Main.OK, Main.run(new String[] {"walk", f.toString(), "--from", "client", "--proto", "icmp", "--dst",
                "10.0.2.2", "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().contains("\"uncertain\": true") && out().contains("\"outcomes\": ["), out());
        assertTrue(out().contains("\"kind\": \"opaque_match\""), out());
        // a violation wins over uncertainty: exit 1
        Path g = Files.writeString(dir.resolve("violated.nwp"), UNCERTAIN_LAB
                + "expect ping from client to 10.0.2.2: delivered to server\n"
                + "expect tcp from client:5 to 10.0.2.2:80: delivered to client\n");
        out.reset();
        assertEquals(Main.VIOLATED, Main.run(new String[] {"check", g.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), out() + err);
    }

    @Test
    void helpDocumentsExit4() throws Exception {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        Main.run(new String[] {"check", "--help"}, new PrintStream(help, true, StandardCharsets.UTF_8),
                new PrintStream(help, true, StandardCharsets.UTF_8));
        String h = help.toString(StandardCharsets.UTF_8);
        assertTrue(h.contains("  4  an expectation is uncertain"), h);
        assertTrue(h.contains("4 when none is violated but one is"), h);
    }
}
