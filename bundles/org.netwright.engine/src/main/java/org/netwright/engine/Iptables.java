package org.netwright.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds iptables tables as nft-equivalent base chains at the fixed priorities of the kernel:
 * raw -300, mangle -150, nat -100 (PREROUTING/OUTPUT, "dstnat") and 100 (POSTROUTING/INPUT, "srcnat"),
 * filter 0, security 50. mangle OUTPUT is a route-type chain (a mark/address change reroutes).
 * Only the tables that are used are created, like iptables-nft does. {@code ip6tables} tables are {@code ip6} tables at the
 * same priorities.
 */
public final class Iptables {
    private final Map<String, NfTable.Builder> tables = new LinkedHashMap<>();
    private final Family family;

    /** iptables (IPv4). */
    public Iptables() {
        this(false);
    }

    /** iptables, or ip6tables when {@code v6}. */
    public Iptables(boolean v6) {
        this.family = v6 ? Family.IP6 : Family.IP;
    }

    /** Fixed priority of a built-in chain. */
    public static int priority(String table, Hook hook) {
        return switch (table) {
            case "raw" -> -300;
            case "mangle" -> -150;
            case "nat" -> (hook == Hook.PREROUTING || hook == Hook.OUTPUT) ? -100 : 100;
            case "filter" -> 0;
            case "security" -> 50;
            default -> throw new IllegalArgumentException("unknown iptables table " + table);
        };
    }

    /** Built-in hooks of a table. */
    public static List<Hook> hooks(String table) {
        return switch (table) {
            case "raw" -> List.of(Hook.PREROUTING, Hook.OUTPUT);
            case "mangle" -> List.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING);
            case "nat" -> List.of(Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING);
            case "filter", "security" -> List.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT);
            default -> throw new IllegalArgumentException("unknown iptables table " + table);
        };
    }

    private static ChainType type(String table, Hook hook) {
        if (table.equals("nat")) {
            return ChainType.NAT;
        }
        if (table.equals("mangle") && hook == Hook.OUTPUT) {
            return ChainType.ROUTE;
        }
        return ChainType.FILTER;
    }

    /** The table builder, with its built-in chains (PREROUTING, INPUT, ...) created at their priorities. */
    public NfTable.Builder table(String name) {
        return tables.computeIfAbsent(name, n -> {
            NfTable.Builder b = NfTable.builder(family, n);
            for (Hook h : hooks(n)) {
                b.baseChain(h.name(), type(n, h), h, priority(n, h), Verdict.ACCEPT);
            }
            return b;
        });
    }

    /** {@code iptables -t TABLE -A CHAIN rule}; a non-built-in chain is created on first use (-N). */
    public Iptables append(String table, String chain, Rule rule) {
        table(table).chain(chain).rule(rule);
        return this;
    }

    public Iptables append(String table, String chain, Rule.Builder rule) {
        return append(table, chain, rule.build());
    }

    /** {@code iptables -t TABLE -P CHAIN POLICY}. */
    public Iptables policy(String table, String chain, Verdict policy) {
        table(table).chain(chain).policy(policy);
        return this;
    }

    public List<NfTable> build() {
        List<NfTable> out = new ArrayList<>();
        for (NfTable.Builder b : tables.values()) {
            out.add(b.build());
        }
        return out;
    }
}
