package org.netwright.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.netwright.input.Json;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.IpAddress.Family;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.RoutingRule;
import org.netwright.model.RuleAction;
import org.netwright.model.semantics.IpPrefix;

/**
 * Imports {@code ip -j rule} and {@code ip -6 -j rule}. The rules every namespace starts with (0 lookup local, 32766
 * lookup main, and for IPv4 32767 lookup default) are not imported; if one of them was deleted, that is reported.
 * A rule of the IPv6 dump that names no address gets {@code from ::/0}, which keeps its family in the model. A rule with
 * a selector the model does not have (tos, ipproto, ports, uidrange, suppress_prefixlen, ...) is not
 * imported, with a warning: without the selector it would match more than it does.
 */
public final class IpRuleJson {

    private static final Set<String> KNOWN = Set.of("priority", "not", "src", "srclen", "dst", "dstlen", "iif", "oif",
            "fwmark", "fwmask", "table", "action", "flags", "protocol");

    public List<ImportProblem> importInto(ConfigContainer ns, String file, String text) {
        return importInto(ns, file, text, Family.IPV4);
    }

    /** @param family the family of the dump ({@code ip -6} for IPv6) */
    public List<ImportProblem> importInto(ConfigContainer ns, String file, String text, Family family) {
        List<ImportProblem> problems = new ArrayList<>();
        Json.Value doc = NsModel.load(file, text, problems);
        List<Json.Value> rules = NsModel.topArray(file, doc, problems);
        boolean local = false, main = false, dflt = false;
        for (Json.Value r : rules) {
            if (NsModel.skipIncomplete(file, r, problems)) {
                continue;
            }
            Long prio = r.longOf("priority");
            String table = r.str("table");
            boolean plain = "all".equals(r.str("src")) && !r.has("not") && !r.has("dst") && !r.has("iif") && !r.has("oif")
                    && !r.has("fwmark") && r.members().keySet().stream().allMatch(k -> Set.of("priority", "src", "table", "protocol").contains(k));
            if (plain && prio != null) {
                if (prio == 0 && "local".equals(table)) { local = true; continue; }
                if (prio == 32766 && "main".equals(table)) { main = true; continue; }
                if (prio == 32767 && "default".equals(table)) { dflt = true; continue; }
            }
            List<String> unknown = r.members().keySet().stream().filter(k -> !KNOWN.contains(k)).toList();
            if (!unknown.isEmpty()) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r,
                        "rule " + (prio == null ? "" : prio + " ") + "uses " + String.join(", ", unknown)
                                + " which the model does not have; rule not imported: " + r.compact()));
                continue;
            }
            IpPrefix from = prefix(r.str("src"), r.longOf("srclen"));
            IpPrefix to = r.has("dst") ? prefix(r.str("dst"), r.longOf("dstlen")) : null;
            if (from == null || r.has("dst") && to == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r, "rule selector is not a prefix; rule not imported: "
                        + r.compact()));
                continue;
            }
            RoutingRule rule = NsModel.F.createRoutingRule();
            rule.setNot(r.has("not"));
            rule.setFrom(from);
            rule.setTo(to);
            if (Families.of(rule) != family) {
                rule.setFrom(Families.everything(family));
            }
            if (!bindInterface(ns, file, r, "iif", rule, problems) || !bindInterface(ns, file, r, "oif", rule, problems)) {
                continue;
            }
            Long mark = r.longOf("fwmark");
            if (mark != null) {
                rule.setFwmark(mark);
                Long mask = r.longOf("fwmask");
                if (mask != null) {
                    rule.setFwmask(mask);
                }
            }
            String action = r.has("action") ? r.str("action") : "lookup";
            if ("to_tbl".equals(action)) {
                action = "lookup";
            }
            RuleAction a = RuleAction.get(action);
            if (a == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r,
                        "rule action '" + action + "' is not modelled; rule not imported: " + r.compact()));
                continue;
            }
            rule.setAction(a);
            if (a == RuleAction.LOOKUP) {
                rule.setTable(NsModel.table(ns, table == null ? "main" : table));
            }
            if (prio != null) {
                rule.setPriority(prio.intValue());
            }
            ns.getRoutingRules().add(rule);
        }
        if (doc != null && doc.complete() && !rules.isEmpty()) {
            if (!local) missing(problems, file, doc, "0: from all lookup local");
            if (!main) missing(problems, file, doc, "32766: from all lookup main");
            if (!dflt && family == Family.IPV4) missing(problems, file, doc, "32767: from all lookup default");
        }
        return problems;
    }

    private static void missing(List<ImportProblem> problems, String file, Json.Value doc, String rule) {
        problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, doc,
                "the default rule '" + rule + "' is missing on this host; the model always assumes the default rules"));
    }

    private static boolean bindInterface(ConfigContainer ns, String file, Json.Value r, String key, RoutingRule rule, List<ImportProblem> problems) {
        String name = r.str(key);
        if (name == null) {
            return true;
        }
        Interface i = NsModel.iface(ns, name);
        if (i == null) {
            problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r,
                    "rule " + r.str("priority") + " names " + key + " " + name + " which does not exist in this namespace; rule not imported"));
            return false;
        }
        if ("iif".equals(key)) rule.setIif(i); else rule.setOif(i);
        return true;
    }

    /** A selector: all, an address, or an address with its length; null when it is not one. */
    private static IpPrefix prefix(String addr, Long len) {
        if (addr == null) {
            return IpPrefix.ANY;
        }
        if ("all".equals(addr) || len == null) {
            return IpPrefix.tryParse(addr);
        }
        return IpPrefix.tryParse(addr + "/" + len);
    }
}
