package org.netwright.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.export.KernelAvailability;
import org.netwright.model.Network;
import org.netwright.model.NftRule;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftVerdictKind;
import org.netwright.testsupport.TestModels;

/**
 * The real tools judge the exports of a rich model in a {@link ModelLab} with {@link ModelLab.Options#CHECK}: every
 * setup.sh applied twice, every ruleset.nft checked with nft -c -f and loaded twice, every iptables.rules checked with
 * iptables-restore --test and iptables-legacy-restore --test. Needs root and the tools: skipped otherwise, an error under
 * CI=true. Every namespace is gone afterwards, also when a tool refuses a file.
 */
class KernelAcceptanceTest {

    @BeforeEach
    void needKernel() {
        KernelAvailability.require("iptables-legacy-restore");
    }

    private static List<String> ours(String lab) {
        return NetnsLab.listNetns().stream().filter(n -> n.startsWith(LabNames.labPrefix(lab))).toList();
    }

    @Test
    void richModelIsAcceptedByNftIptablesAndIp() {
        List<String> checks;
        List<String> notes;
        try (ModelLab lab = ModelLab.up(List.of(TestModels.rich()), "kacc1", ModelLab.Options.CHECK)) {
            checks = lab.checks();
            notes = lab.notes();
            assertEquals(3 + 1, ours("kacc1").size(), "three model namespaces and the stub namespace of the stand-ins");
        }
        checks.forEach(p -> System.out.println("[kernel] ok    " + p));
        notes.forEach(n -> System.out.println("[kernel] note  " + n));
        for (String expected : List.of("host/setup.sh applied", "host/setup.sh applied again (idempotent)", "host/ruleset.nft: nft -c -f",
                "host/ruleset.nft: nft -f twice, same ruleset", "host/iptables.rules: iptables-restore --test",
                "host/iptables.rules: iptables-legacy-restore --test", "client/setup.sh applied", "server/setup.sh applied again (idempotent)")) {
            assertTrue(checks.contains(expected), () -> "missing check '" + expected + "' in " + checks);
        }
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("host:enp4s0 is connected to nothing")), notes.toString());
        assertEquals(List.of(), ours("kacc1"), "namespaces left behind");
    }

    /** The IPv6 exports: ip6 and inet tables with NAT66, an ip6tables-restore file, ip -6 addresses, routes, rules, neighbours. */
    @Test
    void dualStackModelIsAcceptedByNftIp6tablesAndIp() {
        List<String> checks;
        try (ModelLab lab = ModelLab.up(List.of(TestModels.dualStack()), "kacc6", ModelLab.Options.CHECK)) {
            checks = lab.checks();
            String addrs = lab.exec("r6", java.time.Duration.ofSeconds(10), "ip", "-6", "-o", "addr", "show", "dev", "lan0").stdout();
            assertTrue(addrs.contains("2001:db8:61::1/64") && !addrs.contains("tentative"), "IPv6 address up without DAD: " + addrs);
            String rules = lab.exec("r6", java.time.Duration.ofSeconds(10), "ip", "-6", "rule", "show").stdout();
            assertTrue(rules.contains("from 2001:db8:61::/64 lookup 100"), rules);
        }
        checks.forEach(p -> System.out.println("[kernel] ok    " + p));
        for (String expected : List.of("r6/setup.sh applied", "r6/setup.sh applied again (idempotent)", "r6/ruleset.nft: nft -c -f",
                "r6/ruleset.nft: nft -f twice, same ruleset", "r6/ip6tables.rules: ip6tables-restore --test",
                "r6/ip6tables.rules: ip6tables-legacy-restore --test", "c6/setup.sh applied")) {
            assertTrue(checks.contains(expected), () -> "missing check '" + expected + "' in " + checks);
        }
        assertEquals(List.of(), ours("kacc6"), "namespaces left behind");
    }

    @Test
    void namespacesAreDeletedWhenAToolRejectsAFile() {
        Network net = TestModels.rich();
        // a jump to a chain of another table: the exporter writes it, nft refuses it at load time
        NftRule rule = net.getNamespaces().get(0).getNftRulesets().get(0).getTables().get(0).getChains().get(0).getRules().get(0);
        NftVerdict jump = TestModels.F.createNftVerdict();
        jump.setKind(NftVerdictKind.JUMP);
        jump.setChain(net.getNamespaces().get(0).getNftRulesets().get(0).getTables().get(1).getChains().get(0));
        rule.getStatements().add(jump);
        LabException e = assertThrows(LabException.class, () -> ModelLab.up(List.of(net), "kacc2", ModelLab.Options.CHECK).close());
        assertTrue(e.getMessage().contains("nft"), e.getMessage());
        assertEquals(List.of(), ours("kacc2"), "namespaces left behind after a failure");
    }
}
