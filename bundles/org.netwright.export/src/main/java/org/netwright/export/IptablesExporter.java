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
import org.netwright.model.text.IptablesPrinter;

/**
 * The iptables rulesets of one namespace as an {@code iptables-restore} file in canonical
 * iptables-save form (usable by iptables-nft-restore and iptables-legacy-restore). Tables with the
 * same name from several blocks are merged; each table is committed atomically by the tool.
 */
public final class IptablesExporter {
    /** Rules in iptables-save's canonical form, every value checked. */
    static final IptablesPrinter PRINTER = new IptablesPrinter(IptablesPrinter.Form.SAVED, ToolWords.INSTANCE);

    private IptablesExporter() {
    }

    /** @return the restore file, or "" when the rulesets have no tables */
    public static String export(String namespace, List<IptablesRuleset> rulesets) {
        Map<IptTableKind, List<IptablesTable>> tables = new LinkedHashMap<>();
        for (IptablesRuleset ruleset : rulesets) {
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
        out.append("# iptables rules of namespace ").append(Values.namespaceName(namespace)).append(", exported by Netwright.\n");
        out.append("# Load: iptables-restore iptables.rules (check only: iptables-restore --test iptables.rules)\n");
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
