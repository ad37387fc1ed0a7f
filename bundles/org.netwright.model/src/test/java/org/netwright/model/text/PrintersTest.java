package org.netwright.model.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.netwright.model.IptAddrOption;
import org.netwright.model.IptAddressMatch;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptMarkOp;
import org.netwright.model.IptMarkTarget;
import org.netwright.model.IptMasqueradeTarget;
import org.netwright.model.IptNatTarget;
import org.netwright.model.IptNatTargetKind;
import org.netwright.model.IptPortMatch;
import org.netwright.model.IptPortOption;
import org.netwright.model.IptProtocolMatch;
import org.netwright.model.IptRule;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftNat;
import org.netwright.model.NftNatFlag;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftRule;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.PortRange;

/** The one nft and the one iptables printer, in both iptables forms. */
class PrintersTest {
    private static final NetwrightFactory F = NetwrightFactory.eINSTANCE;
    private static final IptablesPrinter SAVED = new IptablesPrinter(IptablesPrinter.Form.SAVED, Words.AS_IS);
    private static final IptablesPrinter MODELLED = new IptablesPrinter(IptablesPrinter.Form.AS_MODELLED, Words.AS_IS);

    private static IptRule dnatRule() {
        IptRule r = F.createIptRule();
        r.setBuiltinChain(IptBuiltinChain.PREROUTING);
        IptPortMatch port = F.createIptPortMatch();
        port.setOption(IptPortOption.DPORT);
        port.setPorts(PortRange.of(8080));
        r.getMatches().add(port);
        IptProtocolMatch tcp = F.createIptProtocolMatch();
        tcp.setProtocol("tcp");
        r.getMatches().add(tcp);
        IptAddressMatch dst = F.createIptAddressMatch();
        dst.setOption(IptAddrOption.DESTINATION);
        dst.setAddress(IpPrefix.parse("203.0.113.2"));
        r.getMatches().add(dst);
        IptNatTarget dnat = F.createIptNatTarget();
        dnat.setKind(IptNatTargetKind.DNAT);
        dnat.setAddress(IpPrefix.parse("192.168.1.10"));
        dnat.setPorts(PortRange.of(80));
        dnat.setRandom(true);
        dnat.setPersistent(true);
        r.setTarget(dnat);
        return r;
    }

    @Test
    void iptablesSavedFormIsTheKernelsCanonicalOne() {
        assertEquals("-A PREROUTING -d 203.0.113.2/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.168.1.10:80 --random"
                + " --persistent", SAVED.rule(dnatRule()));
    }

    @Test
    void iptablesModelledFormKeepsTheModelsOrder() {
        assertEquals("-A PREROUTING --dport 8080 -p tcp -d 203.0.113.2 -j DNAT --to-destination 192.168.1.10:80 --random --persistent",
                MODELLED.rule(dnatRule()));
    }

    /** Regression: the rule texts of traces dropped --random of NAT targets (their own printer forgot it). */
    @Test
    void natFlagsAreWrittenInEveryForm() {
        IptMasqueradeTarget masq = F.createIptMasqueradeTarget();
        masq.setPorts(PortRange.of(1000, 2000));
        masq.setRandom(true);
        assertEquals("-j MASQUERADE --to-ports 1000-2000 --random", MODELLED.target(masq));
        assertEquals("-j MASQUERADE --to-ports 1000-2000 --random", SAVED.target(masq));
        NftNat snat = F.createNftNat();
        snat.setKind(NftNatKind.SNAT);
        snat.setAddress(IpPrefix.parse("198.51.100.1"));
        snat.setPorts(PortRange.of(1024, 65535));
        snat.getFlags().add(NftNatFlag.FULLY_RANDOM);
        snat.getFlags().add(NftNatFlag.PERSISTENT);
        assertEquals("snat to 198.51.100.1:1024-65535 fully-random,persistent", new NftPrinter(Words.AS_IS).statement(snat));
    }

    @Test
    void markTargetsInBothForms() {
        IptMarkTarget mark = F.createIptMarkTarget();
        mark.setOp(IptMarkOp.OR_MARK);
        mark.setValue(0x10);
        assertEquals("-j MARK --set-xmark 0x10/0x10", SAVED.target(mark));
        assertEquals("-j MARK --or-mark 0x10", MODELLED.target(mark));
    }

    @Test
    void nftMetaKeysGetMetaWhereNftNeedsIt() {
        NftPrinter nft = new NftPrinter(Words.AS_IS);
        NftMetaExpr mark = F.createNftMetaExpr();
        mark.setKey(NftMetaKey.MARK);
        assertEquals("mark", nft.expr(mark));
        NftMetaExpr l4 = F.createNftMetaExpr();
        l4.setKey(NftMetaKey.L4PROTO);
        assertEquals("meta l4proto", nft.expr(l4));
        assertThrows(IllegalArgumentException.class, () -> nft.rule(F.createNftRule()), "a rule without statements");
        NftRule empty = F.createNftRule();
        empty.getStatements().add(F.createNftNotrack());
        empty.setComment("x");
        assertEquals("notrack comment \"x\"", nft.rule(empty));
    }
}
