package org.netwright.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.export.ExportException;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.LabNames;
import org.netwright.lab.ModelLab;
import org.netwright.lab.NetnsLab;
import org.netwright.model.Address;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftTable;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftVerdictKind;
import org.netwright.model.VethInterface;
import org.netwright.model.semantics.IpAddress;

/**
 * Names the kernel accepts can still be shell syntax ({@code $(id)}, {@code ;}, quotes, backquotes): in a lab they
 * reach ip and nft as literal names, never as code. Names the kernel or the exporter refuse are refused before anything
 * is created. Needs root: skipped otherwise, an error under CI=true.
 */
class HostileNamesKernelTest {
    private static final NetwrightFactory F = NetwrightFactory.eINSTANCE;
    private static final String A = "a$(id)";
    private static final String B = "b;true";
    private static final String C = "c'd`id`";

    @BeforeEach
    void needKernel() {
        KernelAvailability.require();
    }

    private static Namespace ns(Network n, String name) {
        Namespace ns = F.createNamespace();
        ns.setName(name);
        n.getNamespaces().add(ns);
        return ns;
    }

    private static <T extends Interface> T itf(Namespace ns, T i, String name, String address) {
        i.setName(name);
        if (address != null) {
            Address a = F.createAddress();
            a.setAddress(IpAddress.parse(address));
            a.setPrefixLength(24);
            i.getAddresses().add(a);
        }
        ns.getInterfaces().add(i);
        return i;
    }

    private static Network model(String hostName) {
        Network n = F.createNetwork();
        Namespace h = ns(n, hostName);
        Namespace g = ns(n, "g");
        VethInterface a = itf(h, F.createVethInterface(), A, "10.9.0.1");
        VethInterface b = itf(g, F.createVethInterface(), B, "10.9.0.2");
        a.setPeer(b);
        itf(h, F.createDummyInterface(), C, "10.9.1.1");
        NftRuleset rs = F.createNftRuleset();
        h.getNftRulesets().add(rs);
        NftTable t = F.createNftTable();
        t.setFamily(NftFamily.INET);
        t.setName("f");
        rs.getTables().add(t);
        NftChain c = F.createNftChain();
        c.setName("in");
        NftHookSpec hook = F.createNftHookSpec();
        hook.setType(NftChainType.FILTER);
        hook.setHook(NftHook.INPUT);
        hook.setPriority(F.createNftPriority());
        c.setHook(hook);
        t.getChains().add(c);
        NftRule r = F.createNftRule();
        NftMatch m = F.createNftMatch();
        NftMetaExpr iifname = F.createNftMetaExpr();
        iifname.setKey(NftMetaKey.IIFNAME);
        m.setLeft(iifname);
        NftLiteral l = F.createNftLiteral();
        l.setValue(A);
        m.setRight(l);
        NftVerdict accept = F.createNftVerdict();
        accept.setKind(NftVerdictKind.ACCEPT);
        r.getStatements().add(m);
        r.getStatements().add(accept);
        r.setComment("$(id) `id` ; true");
        c.getRules().add(r);
        return n;
    }

    @Test
    void shellSyntaxInNamesReachesTheKernelAsLiteralNames() {
        try (ModelLab lab = ModelLab.up(List.of(model("h")), "exhostile", ModelLab.Options.CHECK)) {
            String links = lab.exec("h", NetnsLab.TIMEOUT, "ip", "-o", "link", "show").orThrow().stdout();
            assertTrue(links.contains(": " + A + "@"), links);
            assertTrue(links.contains(": " + C + "@") || links.contains(": " + C + ":"), links);
            assertTrue(lab.exec("g", NetnsLab.TIMEOUT, "ip", "-o", "address", "show", "dev", B).orThrow().stdout().contains("10.9.0.2/24"));
            String ruleset = lab.exec("h", NetnsLab.TIMEOUT, "nft", "list", "ruleset").orThrow().stdout();
            assertTrue(ruleset.contains("iifname \"" + A + "\" accept comment \"$(id) `id` ; true\""), ruleset);
            assertTrue(lab.lab().exec(lab.ns("h"), NetnsLab.TIMEOUT, "ping", "-c", "1", "-W", "2", "10.9.0.2").ok());
        }
        assertTrue(NetnsLab.listNetns().stream().noneMatch(n -> n.startsWith(LabNames.labPrefix("exhostile"))));
    }

    @Test
    void namesTheKernelWouldNotTakeAreRefusedBeforeAnythingIsCreated() {
        ExportException e = assertThrows(ExportException.class, () -> ModelLab.up(List.of(model("h$(id)")), "exhostile2", ModelLab.Options.DEFAULT));
        assertTrue(e.getMessage().contains("namespace name 'h$(id)'"), e.getMessage());
        Network slash = model("h");
        slash.getNamespaces().get(0).getInterfaces().get(1).setName("x/../y");
        e = assertThrows(ExportException.class, () -> ModelLab.up(List.of(slash), "exhostile2", ModelLab.Options.DEFAULT));
        assertTrue(e.getMessage().contains("'/'"), e.getMessage());
        assertEquals(List.of(), NetnsLab.listNetns().stream().filter(n -> n.startsWith(LabNames.labPrefix("exhostile2"))).toList());
        assertTrue(NetnsLab.state("exhostile2").isEmpty(), "no state file either");
    }
}
