package org.netwright.referee;

import java.util.List;

import org.netwright.engine.ChainType;
import org.netwright.engine.CtState;
import org.netwright.engine.Hook;
import org.netwright.engine.Match;
import org.netwright.engine.NatFlags;
import org.netwright.engine.NatRange;
import org.netwright.engine.Rule;
import org.netwright.engine.Statement;

/**
 * One rule of a generated case, written three ways: as an iptables rule ({@code -t TABLE -A CHAIN ARGS}), as
 * an nft rule in the base chain that stands for the same table/hook ({@link #nft}), and as the engine's rule.
 * A node's flavour decides which of the two kernel forms is loaded; the engine's rule goes into an iptables
 * table at its fixed priority or into an nft base chain accordingly.
 */
record GenRule(String table, Hook hook, String ipt, String nft, Rule engine) {

    /** The iptables chain (built-in chains are named after their hook). */
    String chain() {
        return hook.name();
    }

    /** nft base chain type of this table/hook, as iptables-nft registers it. */
    ChainType chainType() {
        if (table.equals("nat")) {
            return ChainType.NAT;
        }
        return table.equals("mangle") && hook == Hook.OUTPUT ? ChainType.ROUTE : ChainType.FILTER;
    }

    @Override
    public String toString() {
        return "-t " + table + " -A " + chain() + " " + ipt;
    }

    private static GenRule of(String table, Hook hook, String ipt, String nft, Rule.Builder engine) {
        return new GenRule(table, hook, ipt, nft, engine.text("-A " + hook.name() + " " + ipt).build());
    }

    static Match proto(String p) {
        return switch (p) {
            case "udp" -> Match.udp();
            case "tcp" -> Match.tcp();
            case "icmp" -> Match.icmp();
            default -> throw new IllegalArgumentException(p);
        };
    }

    private static String nftProto(String p) {
        return "meta l4proto " + p;
    }

    // ---- NAT

    static GenRule masquerade(String oif) {
        return of("nat", Hook.POSTROUTING, "-o " + oif + " -j MASQUERADE", "oifname \"" + oif + "\" masquerade",
                Rule.builder().match(Match.oif(oif)).then(Statement.masquerade()));
    }

    static GenRule masquerade(String oif, String proto) {
        return of("nat", Hook.POSTROUTING, "-o " + oif + " -p " + proto + " -j MASQUERADE",
                "oifname \"" + oif + "\" " + nftProto(proto) + " masquerade",
                Rule.builder().match(Match.oif(oif), proto(proto)).then(Statement.masquerade()));
    }

    /** Masquerade to a port range (iptables needs -p for --to-ports). */
    static GenRule masqueradePorts(String oif, String proto, int lo, int hi) {
        return of("nat", Hook.POSTROUTING, "-o " + oif + " -p " + proto + " -j MASQUERADE --to-ports " + lo + "-" + hi,
                "oifname \"" + oif + "\" " + nftProto(proto) + " masquerade to :" + lo + "-" + hi,
                Rule.builder().match(Match.oif(oif), proto(proto)).then(new Statement.Masquerade(lo, hi)));
    }

    /**
     * The masquerade {@code m} with its port picked at random ({@code fully}: fully-random): the kernel's port is
     * random, so the cases compare it as "moved" only.
     */
    static GenRule randomPort(GenRule m, boolean fully) {
        NatFlags f = new NatFlags(!fully, fully, false);
        List<Statement> ss = m.engine().statements().stream()
                .map(s -> s instanceof Statement.Masquerade x ? new Statement.Masquerade(x.portLo(), x.portHi(), f) : s).toList();
        return of(m.table(), m.hook(), m.ipt() + (fully ? " --random-fully" : " --random"),
                m.nft() + (fully ? " fully-random" : " random"),
                Rule.builder().match(m.engine().matches().toArray(Match[]::new)).then(ss.toArray(Statement[]::new)));
    }

    static GenRule snat(String oif, String to) {
        return of("nat", Hook.POSTROUTING, "-o " + oif + " -j SNAT --to-source " + to,
                "oifname \"" + oif + "\" snat to " + to,
                Rule.builder().match(Match.oif(oif)).then(Statement.snat(to)));
    }

    /** SNAT of one protocol to one address and one port: a second connection needing it clashes. */
    static GenRule snatPort(String oif, String proto, String to, int port) {
        return of("nat", Hook.POSTROUTING, "-o " + oif + " -p " + proto + " -j SNAT --to-source " + to + ":" + port,
                "oifname \"" + oif + "\" " + nftProto(proto) + " snat to " + to + ":" + port,
                Rule.builder().match(Match.oif(oif), proto(proto)).then(new Statement.Snat(NatRange.addrPort(to, port))));
    }

    static GenRule dnat(String iif, String daddr, String proto, int dport, String to, int toPort) {
        return of("nat", Hook.PREROUTING, "-i " + iif + " -d " + daddr + " -p " + proto + " -m " + proto + " --dport " + dport
                + " -j DNAT --to-destination " + to + ":" + toPort,
                "iifname \"" + iif + "\" ip daddr " + daddr + " " + proto + " dport " + dport + " dnat to " + to + ":" + toPort,
                Rule.builder().match(Match.iif(iif), Match.daddr(daddr), proto(proto), Match.dport(dport))
                        .then(Statement.dnat(to, toPort)));
    }

    // ---- filter

    static GenRule acceptEstablished(Hook hook) {
        return of("filter", hook, "-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "ct state established,related accept",
                Rule.builder().match(Match.ctState(CtState.ESTABLISHED, CtState.RELATED)).then(Statement.accept()));
    }

    static GenRule acceptIifOif(Hook hook, String iif, String oif) {
        return of("filter", hook, "-i " + iif + " -o " + oif + " -j ACCEPT", "iifname \"" + iif + "\" oifname \"" + oif + "\" accept",
                Rule.builder().match(Match.iif(iif), Match.oif(oif)).then(Statement.accept()));
    }

    static GenRule acceptNew(Hook hook, String iif) {
        return of("filter", hook, "-i " + iif + " -m conntrack --ctstate NEW -j ACCEPT", "iifname \"" + iif + "\" ct state new accept",
                Rule.builder().match(Match.iif(iif), Match.ctState(CtState.NEW)).then(Statement.accept()));
    }

    static GenRule dropProto(Hook hook, String proto) {
        return of("filter", hook, "-p " + proto + " -j DROP", nftProto(proto) + " drop",
                Rule.builder().match(proto(proto)).then(Statement.drop()));
    }

    static GenRule dropProtoFrom(Hook hook, String iif, String proto) {
        return of("filter", hook, "-i " + iif + " -p " + proto + " -j DROP", "iifname \"" + iif + "\" " + nftProto(proto) + " drop",
                Rule.builder().match(Match.iif(iif), proto(proto)).then(Statement.drop()));
    }

    static GenRule rejectProto(Hook hook, String proto) {
        return of("filter", hook, "-p " + proto + " -j REJECT", nftProto(proto) + " reject",
                Rule.builder().match(proto(proto)).then(Statement.reject()));
    }

    static GenRule rejectTcpReset(Hook hook) {
        return of("filter", hook, "-p tcp -j REJECT --reject-with tcp-reset", "meta l4proto tcp reject with tcp reset",
                Rule.builder().match(Match.tcp()).then(new Statement.Reject(3, true)));
    }

    static GenRule dropInvalid(Hook hook) {
        return of("filter", hook, "-m conntrack --ctstate INVALID -j DROP", "ct state invalid drop",
                Rule.builder().match(Match.ctState(CtState.INVALID)).then(Statement.drop()));
    }

    // ---- conntrack: notrack, zones

    static GenRule notrack(String proto) {
        return of("raw", Hook.PREROUTING, "-p " + proto + " -j CT --notrack", nftProto(proto) + " notrack",
                Rule.builder().match(proto(proto)).then(Statement.notrack()));
    }

    static GenRule zone(String iif, int zone) {
        return of("raw", Hook.PREROUTING, "-i " + iif + " -j CT --zone " + zone, "iifname \"" + iif + "\" ct zone set " + zone,
                Rule.builder().match(Match.iif(iif)).then(Statement.ctZone(zone)));
    }

    // ---- marks

    static GenRule setMark(Hook hook, String proto, long mark) {
        return of("mangle", hook, "-p " + proto + " -j MARK --set-mark 0x" + Long.toHexString(mark),
                nftProto(proto) + " meta mark set 0x" + Long.toHexString(mark),
                Rule.builder().match(proto(proto)).then(Statement.setMark(mark)));
    }

    static GenRule setMarkFrom(Hook hook, String iif, long mark) {
        return of("mangle", hook, "-i " + iif + " -j MARK --set-mark 0x" + Long.toHexString(mark),
                "iifname \"" + iif + "\" meta mark set 0x" + Long.toHexString(mark),
                Rule.builder().match(Match.iif(iif)).then(Statement.setMark(mark)));
    }

    static GenRule setCtMarkFrom(Hook hook, String iif, long mark) {
        return of("mangle", hook, "-i " + iif + " -j CONNMARK --set-mark 0x" + Long.toHexString(mark),
                "iifname \"" + iif + "\" ct mark set 0x" + Long.toHexString(mark),
                Rule.builder().match(Match.iif(iif)).then(new Statement.SetCtMark(mark, 0xffffffffL)));
    }

    static GenRule saveMark(Hook hook) {
        return of("mangle", hook, "-j CONNMARK --save-mark", "ct mark set meta mark",
                Rule.builder().then(Statement.ctMarkFromMark()));
    }

    static GenRule restoreMark(Hook hook) {
        return of("mangle", hook, "-j CONNMARK --restore-mark", "meta mark set ct mark",
                Rule.builder().then(Statement.markFromCtMark()));
    }

    static GenRule dropMark(Hook hook, long mark) {
        return of("filter", hook, "-m mark --mark 0x" + Long.toHexString(mark) + " -j DROP",
                "meta mark 0x" + Long.toHexString(mark) + " drop",
                Rule.builder().match(Match.mark(mark)).then(Statement.drop()));
    }

    static GenRule dropCtMark(Hook hook, long mark) {
        return of("filter", hook, "-m connmark --mark 0x" + Long.toHexString(mark) + " -j DROP",
                "ct mark 0x" + Long.toHexString(mark) + " drop",
                Rule.builder().match(Match.ctMark(mark)).then(Statement.drop()));
    }

    // ---- bitwise marks: what nft's "meta mark set meta mark | v" and "^ v" do (kube-proxy's masquerade bit)

    static GenRule orMark(Hook hook, long bit) {
        return of("mangle", hook, "-j MARK --or-mark 0x" + Long.toHexString(bit), "meta mark set meta mark | 0x" + Long.toHexString(bit),
                Rule.builder().then(new Statement.SetMark(bit, bit)));
    }

    static GenRule xorMark(Hook hook, long bit) {
        return of("mangle", hook, "-j MARK --xor-mark 0x" + Long.toHexString(bit), "meta mark set meta mark ^ 0x" + Long.toHexString(bit),
                Rule.builder().then(new Statement.SetMark(bit, 0)));
    }

    static GenRule dropMarkBit(Hook hook, String proto, long bit) {
        String hex = "0x" + Long.toHexString(bit);
        return of("filter", hook, "-p " + proto + " -m mark --mark " + hex + "/" + hex + " -j DROP",
                nftProto(proto) + " meta mark & " + hex + " == " + hex + " drop",
                Rule.builder().match(proto(proto)).match(new Match.MetaMark(bit, bit)).then(Statement.drop()));
    }

    // ---- statistic and recent

    /** Every second packet of a protocol that reaches the rule is dropped, the first one included. */
    static GenRule dropEverySecond(Hook hook, String proto) {
        return of("filter", hook, "-p " + proto + " -m statistic --mode nth --every 2 --packet 0 -j DROP",
                nftProto(proto) + " numgen inc mod 2 == 0 drop",
                Rule.builder().match(proto(proto), new Match.Nth(2, 0)).then(Statement.drop()));
    }

    /** One packet in two, at random: the kernel takes one outcome, the engine lists both. */
    static GenRule dropAtRandom(Hook hook, String proto) {
        return of("filter", hook, "-p " + proto + " -m statistic --mode random --probability 0.5 -j DROP",
                nftProto(proto) + " numgen random mod 2 == 0 drop",
                Rule.builder().match(proto(proto), new Match.Random(0.5, "statistic random 0.5")).then(Statement.drop()));
    }

    /**
     * A source seen before (recent --set) is dropped on its next packet of the protocol (recent --rcheck); iptables
     * only (the nft form would need a dynamic set).
     */
    static List<GenRule> dropSecondFromSource(Hook hook, String proto) {
        return List.of(
                of("filter", hook, "-p " + proto + " -m recent --rcheck --seconds 60 --name nwr --rsource -j DROP", null,
                        Rule.builder().match(proto(proto), new Match.Recent("nwr", Match.RecentMode.RCHECK, 60, 0, false,
                                false, true, -1)).then(Statement.drop())),
                of("filter", hook, "-p " + proto + " -m recent --set --name nwr --rsource", null,
                        Rule.builder().match(proto(proto), new Match.Recent("nwr", Match.RecentMode.SET, 0, 0, false,
                                false, true, -1))));
    }
}
