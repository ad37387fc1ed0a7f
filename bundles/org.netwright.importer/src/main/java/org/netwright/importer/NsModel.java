package org.netwright.importer;

import java.util.List;
import java.util.Locale;

import org.netwright.input.Json;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.RoutingTable;
import org.netwright.model.semantics.RoutingTables;

/** Lookups in the configuration of one namespace that several importers share. */
final class NsModel {

    static final NetwrightFactory F = NetwrightFactory.eINSTANCE;

    private NsModel() {
    }

    static Interface iface(ConfigContainer c, String name) {
        if (c == null || name == null) {
            return null;
        }
        for (Interface i : c.getInterfaces()) {
            if (name.equals(i.getName())) {
                return i;
            }
        }
        return null;
    }

    /** The routing table called {@code name} (a number or a name), created on first use. */
    static RoutingTable table(ConfigContainer c, String name) {
        Integer id = RoutingTables.reservedId(name);
        if (id == null) {
            try {
                id = Integer.parseUnsignedInt(name);
            } catch (NumberFormatException e) {
                id = null;
            }
        }
        String canonical = name;
        if (id != null) {
            // 254 and "main" are the same table
            String reserved = RoutingTables.reservedName(id);
            canonical = reserved != null ? reserved : name;
        }
        for (RoutingTable t : c.getRoutingTables()) {
            if (canonical.equals(t.getName())) {
                return t;
            }
        }
        RoutingTable t = F.createRoutingTable();
        t.setName(canonical);
        if (id != null) {
            t.setId(id);
        }
        c.getRoutingTables().add(t);
        return t;
    }

    /** Loads a JSON document; on malformed/truncated input reports an error and returns what could be read. */
    static Json.Value load(String file, String text, List<ImportProblem> problems) {
        try {
            return Json.parse(text);
        } catch (Json.ParseException e) {
            problems.add(new ImportProblem(ImportProblem.Severity.ERROR, file, e.line(), e.column(),
                    "malformed JSON: " + e.getMessage()
                            + (e.partial() == null ? "; nothing imported" : "; importing the complete elements before this point"),
                    e.path()));
            return e.partial();
        }
    }

    /** Top-level array of an ip -j dump, or null (with an error) if the document is not an array. */
    static List<Json.Value> topArray(String file, Json.Value doc, List<ImportProblem> problems) {
        if (doc == null) {
            return List.of();
        }
        if (!doc.isArray()) {
            problems.add(ImportProblem.at(ImportProblem.Severity.ERROR, file, doc, "expected a JSON array (output of ip -j), found " + doc.kind().name().toLowerCase(Locale.ROOT)));
            return List.of();
        }
        return doc.items();
    }

    /** Elements cut off by a truncated dump are reported, not half-imported. */
    static boolean skipIncomplete(String file, Json.Value v, List<ImportProblem> problems) {
        if (v.complete()) {
            return false;
        }
        problems.add(ImportProblem.at(ImportProblem.Severity.ERROR, file, v, "element cut off by the end of the input; not imported"));
        return true;
    }
}
