package org.netwright.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
import org.netwright.model.IptChainPolicy;
import org.netwright.model.IptRule;
import org.netwright.model.IptTableKind;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.IpAddress.Family;
import org.netwright.model.text.IptablesPrinter;

/**
 * The iptables rulesets of one namespace as an {@code iptables-restore} file in canonical
 * iptables-save form (usable by iptables-nft-restore and iptables-legacy-restore), its ip6tables blocks as an
 * {@code ip6tables-restore} file. Tables with the same name from several blocks of the family are merged; each table
 * is committed atomically by the tool.
 */
public final class IptablesExporter {
    /** Rules in iptables-save's canonical form, every value checked. */
    static final IptablesPrinter PRINTER = new IptablesPrinter(IptablesPrinter.Form.SAVED, ToolWords.INSTANCE);

    private IptablesExporter() {
    }

    /** @return the iptables-restore file of the IPv4 blocks, or "" when they have no tables */
    public static String export(String namespace, List<IptablesRuleset> rulesets) {
        return export(namespace, rulesets, Family.IPV4);
    }

    /** @return the restore file of the blocks of {@code family} (iptables or ip6tables), or "" when they have no tables */
    public static String export(String namespace, List<IptablesRuleset> rulesets, Family family) {
        Map<IptTableKind, List<IptablesTable>> tables = new LinkedHashMap<>();
        for (IptablesRuleset ruleset : rulesets) {
            if (Families.of(ruleset) != family) {
                continue;
            }
            for (IptablesTable table : ruleset.getTables()) {
                if (table.getTable() == null) {
                    throw new ExportException("iptables table without name");
                }
                tables.computeIfAbsent(table.getTable(), t -> new ArrayList<>()).add(table);
            }
        }
        if (tables.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        String tool = Families.iptablesRestore(family);
        String file = family == Family.IPV6 ? Exporter.IP6TABLES_FILE : Exporter.IPTABLES_FILE;
        out.append("# ").append(family == Family.IPV6 ? "ip6tables" : "iptables").append(" rules of namespace ")
                .append(Values.namespaceName(namespace)).append(", exported by Netwright.\n");
        out.append("# Load: ").append(tool).append(' ').append(file).append(" (check only: ").append(tool).append(" --test ")
                .append(file).append(")\n");
        tables.forEach((kind, parts) -> table(out, kind, parts));
        return out.toString();
    }

    private static void table(StringBuilder out, IptTableKind kind, List<IptablesTable> parts) {
        out.append('*').append(kind.getLiteral()).append('\n');
        Map<String, String> declarations = new LinkedHashMap<>();
        for (IptablesTable part : parts) {
            for (IptChain chain : part.getChains()) {
                String name = PRINTER.chainName(chain);
                boolean builtin = chain.getBuiltin() != null && chain.getBuiltin() != IptBuiltinChain.NONE;
                IptChainPolicy policy = chain.getPolicy() == null ? IptChainPolicy.NONE : chain.getPolicy();
                if (!builtin && policy != IptChainPolicy.NONE) {
                    throw new ExportException("iptables user chain '" + name + "' cannot have a policy");
                }
                String p = builtin ? (policy == IptChainPolicy.NONE ? "ACCEPT" : policy.getLiteral()) : "-";
                String line = ":" + name + " " + p + " [" + Values.range(chain.getPackets(), 0, Long.MAX_VALUE, "packet counter") + ":"
                        + Values.range(chain.getBytes(), 0, Long.MAX_VALUE, "byte counter") + "]";
                String previous = declarations.putIfAbsent(name, line);
                if (previous != null && !previous.equals(line)) {
                    throw new ExportException("iptables chain '" + name + "' of table " + kind.getLiteral() + " is declared twice with different policies");
                }
            }
        }
        declarations.values().forEach(l -> out.append(l).append('\n'));
        for (IptablesTable part : parts) {
            for (IptRule rule : part.getRules()) {
                out.append(PRINTER.rule(rule)).append('\n');
            }
        }
        out.append("COMMIT\n");
    }
}
