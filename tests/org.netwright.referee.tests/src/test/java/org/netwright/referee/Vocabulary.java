package org.netwright.referee;

import org.netwright.engine.CtState;
import org.netwright.engine.Match;
import org.netwright.engine.Rule;
import org.netwright.engine.Statement;
import org.netwright.referee.ChainTopo.RuleSpec;

/** The small rule vocabulary of the differential tests, each rule written once for iptables and the engine. */
final class Vocabulary {
    private Vocabulary() {
    }

    private static RuleSpec spec(String table, String chain, String args, Rule.Builder engine) {
        return new RuleSpec(table, chain, args, engine.text("-A " + chain + " " + args).build());
    }

    static Match proto(String p) {
        return switch (p) {
            case "udp" -> Match.udp();
            case "tcp" -> Match.tcp();
            case "icmp" -> Match.icmp();
            default -> throw new IllegalArgumentException(p);
        };
    }

    static RuleSpec masquerade(String oif) {
        return spec("nat", "POSTROUTING", "-o " + oif + " -j MASQUERADE",
                Rule.builder().match(Match.oif(oif)).then(Statement.masquerade()));
    }

    static RuleSpec masquerade(String oif, String proto) {
        return spec("nat", "POSTROUTING", "-o " + oif + " -p " + proto + " -j MASQUERADE",
                Rule.builder().match(Match.oif(oif), proto(proto)).then(Statement.masquerade()));
    }

    static RuleSpec snat(String oif, String to) {
        return spec("nat", "POSTROUTING", "-o " + oif + " -j SNAT --to-source " + to,
                Rule.builder().match(Match.oif(oif)).then(Statement.snat(to)));
    }

    static RuleSpec dnat(String iif, String daddr, String proto, int dport, String to, int toPort) {
        return spec("nat", "PREROUTING", "-i " + iif + " -d " + daddr + " -p " + proto + " -m " + proto + " --dport " + dport
                + " -j DNAT --to-destination " + to + ":" + toPort,
                Rule.builder().match(Match.iif(iif), Match.daddr(daddr), proto(proto), Match.dport(dport))
                        .then(Statement.dnat(to, toPort)));
    }

    static RuleSpec acceptEstablished(String chain) {
        return spec("filter", chain, "-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                Rule.builder().match(Match.ctState(CtState.ESTABLISHED, CtState.RELATED)).then(Statement.accept()));
    }

    static RuleSpec acceptIifOif(String chain, String iif, String oif) {
        return spec("filter", chain, "-i " + iif + " -o " + oif + " -j ACCEPT",
                Rule.builder().match(Match.iif(iif), Match.oif(oif)).then(Statement.accept()));
    }

    static RuleSpec dropProto(String chain, String proto) {
        return spec("filter", chain, "-p " + proto + " -j DROP",
                Rule.builder().match(proto(proto)).then(Statement.drop()));
    }

    static RuleSpec dropProtoFrom(String chain, String iif, String proto) {
        return spec("filter", chain, "-i " + iif + " -p " + proto + " -j DROP",
                Rule.builder().match(Match.iif(iif), proto(proto)).then(Statement.drop()));
    }

    static RuleSpec rejectProto(String chain, String proto) {
        return spec("filter", chain, "-p " + proto + " -j REJECT",
                Rule.builder().match(proto(proto)).then(Statement.reject()));
    }

    static RuleSpec notrack(String proto) {
        return spec("raw", "PREROUTING", "-p " + proto + " -j CT --notrack",
                Rule.builder().match(proto(proto)).then(Statement.notrack()));
    }
}
