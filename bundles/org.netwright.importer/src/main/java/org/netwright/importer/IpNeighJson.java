package org.netwright.importer;

import java.util.ArrayList;
import java.util.List;

import org.netwright.input.Json;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.Neighbour;
import org.netwright.model.semantics.IpAddress;

/**
 * Imports {@code ip -j neigh show} (neigh.json, both families). Only permanent entries are configuration; the others
 * (reachable, stale, failed, ...) are what the kernel learnt from traffic, which the engine resolves itself by
 * ARP or neighbour discovery, so they are skipped. An entry on a device the namespace does not have is reported and skipped.
 */
public final class IpNeighJson {

    public List<ImportProblem> importInto(ConfigContainer ns, String file, String text) {
        List<ImportProblem> problems = new ArrayList<>();
        Json.Value doc = NsModel.load(file, text, problems);
        for (Json.Value e : NsModel.topArray(file, doc, problems)) {
            if (NsModel.skipIncomplete(file, e, problems) || !permanent(e)) {
                continue;
            }
            String dst = e.str("dst");
            String lladdr = e.str("lladdr");
            if (dst == null) {
                continue;
            }
            if (lladdr == null || !lladdr.matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, e,
                        "permanent neighbour " + dst + " has no Ethernet lladdr; not imported: " + e.compact()));
                continue;
            }
            Interface dev = e.str("dev") == null ? null : NsModel.iface(ns, e.str("dev"));
            if (dev == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, e,
                        "neighbour " + dst + " names dev " + e.str("dev") + " which this namespace does not have; not imported"));
                continue;
            }
            IpAddress address = IpAddress.tryParse(dst);
            if (address == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, e, "neighbour '" + dst + "' is not an IP address; not imported"));
                continue;
            }
            Neighbour n = NsModel.F.createNeighbour();
            n.setAddress(address);
            n.setLladdr(lladdr.toLowerCase(java.util.Locale.ROOT));
            n.setDev(dev);
            ns.getNeighbours().add(n);
        }
        return problems;
    }

    private static boolean permanent(Json.Value e) {
        Json.Value st = e.get("state");
        if (st == null) {
            return false;
        }
        for (Json.Value s : st.items()) {
            if ("PERMANENT".equals(s.text())) {
                return true;
            }
        }
        return false;
    }
}
