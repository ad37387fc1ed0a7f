package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.dsl.ide.editor.NetwrightEditorServices;
import org.netwright.dsl.ide.editor.NetwrightEditorServices.Diagnostic;
import org.netwright.dsl.ide.quickfix.NetwrightQuickFixes;
import org.netwright.dsl.validation.IssueCodes;

/** Each quick fix, applied as the editor would: the issue it fixes is gone and no error appears. */
class QuickFixTest {

    static final NetwrightEditorServices SERVICES = NetwrightEditorServices.create(Nwp.INJECTOR);

    /** Applies the fix labelled {@code label} (the first one when null) for the issue {@code code}; returns the new text. */
    static String fix(String uri, String text, String code, String label) {
        NetwrightEditorServices.Document doc = SERVICES.open(uri, text);
        Diagnostic d = doc.diagnostics().stream().filter(x -> code.equals(x.code())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in:\n" + text + "\n" + doc.diagnostics()));
        List<NetwrightQuickFixes.Fix> fixes = doc.quickFixes(d);
        NetwrightQuickFixes.Fix chosen = fixes.stream().filter(f -> label == null || f.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no fix '" + label + "' among " + fixes));
        String fixed = NetwrightEditorServices.apply(text, chosen.edits());
        doc.setText(fixed);
        List<Diagnostic> after = doc.diagnostics();
        assertFalse(after.stream().anyMatch(x -> code.equals(x.code())), "still " + code + " after the fix:\n" + fixed + "\n" + after);
        assertTrue(after.stream().noneMatch(x -> x.severity() == NetwrightEditorServices.Severity.ERROR),
                "errors after the fix:\n" + fixed + "\n" + after);
        return fixed;
    }

    static String fix(String text, String code, String label) {
        return fix("mem:/quickfix/main.nwp", text, code, label);
    }

    private static String chain(String family, String spec, String rules) {
        return Nwp.nft("table " + family + " t {\n\tchain c {\n\t\t" + spec + "\n" + Nwp.tabs(rules, 2) + "\t}\n}\n");
    }

    @Test
    void addTheMissingVethBackReference() {
        String fixed = fix("namespace a {\n\tveth v0 <-> b:v1\n}\nnamespace b {\n\tveth v1\n}\n", IssueCodes.VETH_PEER_NOT_MUTUAL,
                "Add '<-> a:v0'");
        assertTrue(fixed.contains("veth v1 <-> a:v0\n"), fixed);
    }

    @Test
    void addTheUsualPriority() {
        String fixed = fix(chain("ip", "type nat hook postrouting;", "masquerade"), IssueCodes.NFT_BASE_CHAIN_NO_PRIORITY, null);
        assertTrue(fixed.contains("type nat hook postrouting priority srcnat;"), fixed);
    }

    @Test
    void addAHook() {
        String fixed = fix(chain("ip", "type filter priority 0;", ""), IssueCodes.NFT_BASE_CHAIN_NO_HOOK, "Add 'hook input'");
        assertTrue(fixed.contains("type filter hook input priority 0;"), fixed);
    }

    @Test
    void numericPriorityWhereTheNameIsUndefined() {
        String fixed = fix(chain("ip", "type filter hook prerouting priority srcnat;", ""), IssueCodes.NFT_PRIORITY_NAME, null);
        assertTrue(fixed.contains("priority 100;"), fixed);
    }

    @Test
    void writeMeta() {
        String fixed = fix(chain("ip", "type filter hook input priority 0;", "l4proto tcp accept"), IssueCodes.NFT_META_SHORTHAND, null);
        assertTrue(fixed.contains("meta l4proto tcp accept"), fixed);
    }

    @Test
    void addTheIntervalFlag() {
        String fixed = fix(Nwp.nft("table ip t {\n\tset s {\n\t\ttype ipv4_addr;\n\t\telements = { 10.0.0.0/8 }\n\t}\n}\n"),
                IssueCodes.NFT_SET_NEEDS_INTERVAL, null);
        assertTrue(fixed.contains("\t\t\t\ttype ipv4_addr;\n\t\t\t\tflags interval;\n"), fixed);
        String more = fix(Nwp.nft("table ip t {\n\tset s {\n\t\ttype ipv4_addr\n\t\tflags constant\n\t\telements = { 10.0.0.0/8 }\n\t}\n}\n"),
                IssueCodes.NFT_SET_NEEDS_INTERVAL, null);
        assertTrue(more.contains("flags constant, interval"), more);
    }

    @Test
    void removeThePolicyOfARegularChain() {
        String fixed = fix(Nwp.nft("table ip t {\n\tchain c {\n\t\tpolicy drop;\n\t}\n}\n"), IssueCodes.NFT_POLICY_REGULAR_CHAIN, null);
        assertFalse(fixed.contains("policy"), fixed);
    }

    @Test
    void moveTheVerdictToTheEnd() {
        String fixed = fix(chain("ip", "type filter hook input priority 0;", "tcp dport 22 accept counter"),
                IssueCodes.NFT_STATEMENT_AFTER_VERDICT, null);
        assertTrue(fixed.contains("tcp dport 22 counter accept\n"), fixed);
    }

    @Test
    void runBeforeConntrack() {
        String fixed = fix(chain("ip", "type filter hook prerouting priority filter;", "iif eth1 ct zone set 1"),
                IssueCodes.NFT_AFTER_CONNTRACK, null);
        assertTrue(fixed.contains("priority raw;"), fixed);
    }

    @Test
    void makeTheChainANatChain() {
        String fixed = fix(chain("ip", "type filter hook postrouting priority 100;", "oif eth0 masquerade"),
                IssueCodes.NFT_NAT_CHAIN_TYPE, null);
        assertTrue(fixed.contains("type nat hook postrouting"), fixed);
    }

    @Test
    void clearHostBits() {
        String fixed = fix(Nwp.router("route 10.8.0.1/16 dev eth0"), IssueCodes.PREFIX_HOST_BITS, null);
        assertTrue(fixed.contains("route 10.8.0.0/16 dev eth0"), fixed);
    }

    @Test
    void addAProtocolForPorts() {
        String fixed = fix(Nwp.ipt("*filter\n-A INPUT --dport 22 -j ACCEPT\nCOMMIT\n"), IssueCodes.IPT_PORT_WITHOUT_PROTOCOL,
                "Add '-p udp'");
        assertTrue(fixed.contains("-A INPUT -p udp --dport 22 -j ACCEPT"), fixed);
        String icmp = fix(Nwp.ipt("*filter\n-A INPUT --icmp-type echo-request -j ACCEPT\nCOMMIT\n"),
                IssueCodes.IPT_ICMP_WITHOUT_PROTOCOL, null);
        assertTrue(icmp.contains("-A INPUT -p icmp --icmp-type"), icmp);
    }

    @Test
    void userChainPolicyBecomesDash() {
        String fixed = fix(Nwp.ipt("*filter\n:LOGDROP DROP [0:0]\nCOMMIT\n"), IssueCodes.IPT_USER_CHAIN_POLICY, null);
        assertTrue(fixed.contains(":LOGDROP - [0:0]"), fixed);
    }

    @Test
    void aNatOptionTheTargetLacksIsRemoved() {
        String fixed = fix(Nwp.ipt("*nat\n-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1 --random-fully --persistent\n"
                + "COMMIT\n"), IssueCodes.IPT_NAT_OPTION, null);
        assertTrue(fixed.contains("-j DNAT --to-destination 10.0.0.1 --persistent"), fixed);
    }

    @Test
    void labelStartsWithTheInterfaceName() {
        String fixed = fix("namespace a {\n\tinterface eth1 { address 1.1.1.2/24 label \"eth0:2\" }\n}\n",
                IssueCodes.ADDRESS_LABEL_INVALID, null);
        assertTrue(fixed.contains("label \"eth1:2\""), fixed);
    }

    @Test
    void loadBrNetfilter() {
        String fixed = fix(Nwp.router("sysctl net.bridge.bridge-nf-call-iptables = 1"), IssueCodes.SYSCTL_NEEDS_MODULE, null);
        assertTrue(fixed.contains("\tmodprobe br_netfilter\n\tsysctl net.bridge"), fixed);
    }

    @Test
    void removePortsOfAPortlessProbe() {
        String fixed = fix(Nwp.router("") + "expect esp from r to 2.2.2.2:50: dropped\n", IssueCodes.PROBE_PORTS, null);
        assertTrue(fixed.contains("expect esp from r to 2.2.2.2: dropped"), fixed);
    }

    @Test
    void typosInNames() {
        String topo = "namespace client {\n\tinterface eth0 { address 10.1.2.3/24 }\n}\n";
        assertTrue(fix(topo + "expect ping from clinet to 10.9.9.9: dropped\n", IssueCodes.UNKNOWN_NAMESPACE, "Change to 'client'")
                .contains("from client to"));
        assertTrue(fix(Nwp.router("route default via 10.0.0.254 dev eht0"), IssueCodes.UNKNOWN_INTERFACE, "Change to 'eth0'")
                .contains("dev eth0"));
        assertTrue(fix(chain("ip", "type filter hook input priority 0;", "iif eht1 accept"), IssueCodes.UNKNOWN_INTERFACE,
                "Change to 'eth1'").contains("iif eth1 accept"));
        assertTrue(fix(topo + "probe web = tcp from client to 10.9.9.9:80\nexpect wbe: dropped\n", IssueCodes.UNKNOWN_PROBE,
                "Change to 'web'").contains("expect web:"));
        assertTrue(fix(Nwp.nft("table ip t {\n\tset blocked {\n\t\ttype ipv4_addr\n\t}\n\tchain c {\n\t\ttype filter hook input priority 0;\n"
                + "\t\tip saddr @blocekd drop\n\t}\n}\n"), IssueCodes.UNKNOWN_NFT_OBJECT, "Change to 'blocked'").contains("@blocked"));
    }

    @Test
    void createTheMissingChain() {
        String fixed = fix(chain("ip", "type filter hook input priority 0;", "tcp dport 22 jump ssh"), IssueCodes.UNKNOWN_CHAIN,
                "Create chain 'ssh'");
        assertTrue(fixed.contains("\t\t\tchain ssh {\n\t\t\t}\n\t\t}\n"), fixed);
        String ipt = fix(Nwp.ipt("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j SSH\nCOMMIT\n"), IssueCodes.UNKNOWN_CHAIN,
                "Create chain 'SSH'");
        assertTrue(ipt.contains(":SSH - [0:0]\n\t\t-A INPUT"), ipt);
    }

    @Test
    void declareTheRoutingTable() {
        String fixed = fix(Nwp.router("rule fwmark 0x2 lookup 200"), IssueCodes.UNKNOWN_ROUTING_TABLE, "Declare 'routing-table 200'");
        assertTrue(fixed.contains("\trouting-table 200\n\trule fwmark 0x2 lookup 200"), fixed);
    }

    @Test
    void importASimilarFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("topology.nwp"), "namespace a {\n}\n");
        Path main = dir.resolve("main.nwp");
        String fixed = fix(main.toUri().toString(), "import \"topolgy.nwp\"\nextend a {\n}\n", IssueCodes.IMPORT_NOT_FOUND,
                "Change to 'topology.nwp'");
        assertEquals("import \"topology.nwp\"\nextend a {\n}\n", fixed);
    }
}
