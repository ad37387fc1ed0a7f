package org.netwright.export;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.netwright.model.Interface;
import org.netwright.model.NftChain;
import org.netwright.model.NftDefine;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftMap;
import org.netwright.model.NftObject;
import org.netwright.model.NftPolicy;
import org.netwright.model.NftPriority;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetDecl;
import org.netwright.model.NftTable;
import org.netwright.model.semantics.NftFacts;
import org.netwright.model.text.NftPrinter;

/**
 * The nftables rulesets of one namespace as an {@code nft -f} script. The script is one atomic
 * transaction: it starts with {@code flush ruleset} when the model says so, otherwise every table
 * it defines is first created empty and deleted, so loading it twice gives the same ruleset and
 * tables of other owners (iptables-nft) stay untouched.
 */
public final class NftExporter {
    /** Rules as nft reads them, every value checked. */
    static final NftPrinter PRINTER = new NftPrinter(ToolWords.INSTANCE);

    private NftExporter() {
    }

    /** @return the script, or "" when the rulesets define nothing */
    public static String export(String namespace, List<NftRuleset> rulesets) {
        boolean any = rulesets.stream().anyMatch(r -> r.isFlushRuleset() || !r.getTables().isEmpty() || !r.getDefines().isEmpty());
        if (!any) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("#!/usr/sbin/nft -f\n");
        out.append("# nftables ruleset of namespace ").append(Values.namespaceName(namespace)).append(", exported by Netwright.\n");
        out.append("# One transaction: nft -f ruleset.nft (check only: nft -c -f ruleset.nft)\n\n");
        if (rulesets.stream().anyMatch(NftRuleset::isFlushRuleset)) {
            out.append("flush ruleset\n\n");
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (NftRuleset ruleset : rulesets) {
                for (NftTable table : ruleset.getTables()) {
                    seen.add(tableId(table));
                }
            }
            for (String table : seen) {
                out.append("table ").append(table).append('\n');
                out.append("delete table ").append(table).append('\n');
            }
            if (!seen.isEmpty()) {
                out.append('\n');
            }
        }
        Set<String> defined = new HashSet<>();
        for (NftRuleset ruleset : rulesets) {
            for (NftDefine define : ruleset.getDefines()) {
                String name = Values.nftName(define.getName(), "nft define name");
                out.append(defined.add(name) ? "define " : "redefine ").append(name).append(" = ")
                        .append(PRINTER.value(define.getValue(), null)).append('\n');
            }
            if (!ruleset.getDefines().isEmpty()) {
                out.append('\n');
            }
            for (NftTable table : ruleset.getTables()) {
                table(out, table);
            }
        }
        return out.toString();
    }

    private static String tableId(NftTable table) {
        if (table.getFamily() == null) {
            throw new ExportException("nft table '" + table.getName() + "' has no family");
        }
        return table.getFamily().getLiteral() + " " + Values.nftName(table.getName(), "nft table name");
    }

    private static void table(StringBuilder out, NftTable table) {
        out.append("table ").append(tableId(table)).append(" {\n");
        if (table.getComment() != null) {
            out.append("\tcomment ").append(Values.quotedString(table.getComment(), 128, "nft table comment")).append('\n');
        }
        String sep = "";
        // nft lists a table's stateful objects first, then its sets and maps, then its chains
        for (NftObject object : table.getObjects()) {
            out.append(sep).append('\t').append(PRINTER.object(object, "\t\t", "\n\t")).append('\n');
            sep = "\n";
        }
        for (NftSet set : table.getSets()) {
            out.append(sep);
            declaration(out, "set " + Values.nftName(set.getName(), "nft set name"), set);
            sep = "\n";
        }
        for (NftMap map : table.getMaps()) {
            out.append(sep);
            declaration(out, "map " + Values.nftName(map.getName(), "nft map name"), map);
            sep = "\n";
        }
        for (NftChain chain : table.getChains()) {
            out.append(sep);
            chain(out, chain);
            sep = "\n";
        }
        out.append("}\n\n");
    }

    private static void declaration(StringBuilder out, String head, NftSetDecl decl) {
        out.append('\t').append(head).append(" {\n");
        for (String line : PRINTER.declaration(decl)) {
            out.append("\t\t").append(line).append('\n');
        }
        out.append("\t}\n");
    }

    private static void chain(StringBuilder out, NftChain chain) {
        out.append("\tchain ").append(Values.nftName(chain.getName(), "nft chain name")).append(" {\n");
        if (chain.getComment() != null) {
            out.append("\t\tcomment ").append(Values.quotedString(chain.getComment(), 128, "nft chain comment")).append('\n');
        }
        NftHookSpec hook = chain.getHook();
        if (hook != null) {
            out.append("\t\t").append(hookSpec(hook, chain.getName()));
            if (chain.getPolicy() != null && chain.getPolicy() != NftPolicy.UNSPECIFIED) {
                out.append(" policy ").append(chain.getPolicy().getLiteral()).append(';');
            }
            out.append('\n');
        } else if (chain.getPolicy() != null && chain.getPolicy() != NftPolicy.UNSPECIFIED) {
            throw new ExportException("nft chain '" + chain.getName() + "' has a policy but no hook; only base chains have a policy");
        }
        for (NftRule rule : chain.getRules()) {
            if (rule.getStatements().isEmpty()) {
                // an imported rule the importer could not understand (kept opaque): nft cannot load it from the model
                String what = rule.getComment() == null ? "" : rule.getComment().replaceAll("\\p{Cntrl}", " ");
                out.append("\t\t# not exported (a rule without statements): ").append(what).append('\n');
                continue;
            }
            out.append("\t\t").append(PRINTER.rule(rule)).append('\n');
        }
        out.append("\t}\n");
    }

    private static String hookSpec(NftHookSpec hook, String chain) {
        if (hook.getType() == null || hook.getHook() == null) {
            throw new ExportException("nft base chain '" + chain + "' needs a type and a hook");
        }
        StringBuilder b = new StringBuilder("type ").append(hook.getType().getLiteral()).append(" hook ").append(hook.getHook().getLiteral());
        List<Interface> devices = hook.getDevices();
        if (devices.size() == 1) {
            b.append(" device ").append(device(devices.get(0), chain));
        } else if (devices.size() > 1) {
            b.append(" devices = { ").append(devices.stream().map(d -> device(d, chain)).collect(Collectors.joining(", "))).append(" }");
        }
        b.append(" priority ").append(priority(hook.getPriority(), chain)).append(';');
        return b.toString();
    }

    private static String device(Interface itf, String chain) {
        String name = Values.interfaceName(itf.getName(), "device of nft chain '" + chain + "'");
        return Values.quotedString(name, KernelNames.MAX_INTERFACE_NAME, "device of nft chain '" + chain + "'");
    }

    static String priority(NftPriority priority, String chain) {
        if (priority == null) {
            throw new ExportException("nft base chain '" + chain + "' has no priority");
        }
        return NftFacts.text(priority);
    }
}
