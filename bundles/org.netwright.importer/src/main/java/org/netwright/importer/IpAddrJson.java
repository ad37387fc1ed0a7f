package org.netwright.importer;

import java.util.ArrayList;
import java.util.List;

import org.netwright.input.Json;
import org.netwright.model.Address;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.semantics.IpAddress;

/**
 * Imports {@code ip -j addr} into the addresses of the namespace's interfaces (an interface missing from
 * link.json is created as a physical one). The addresses the kernel creates by itself are not imported:
 * 127.0.0.1/8 and ::1/128 on lo, and IPv6 link-local (fe80::/10) addresses.
 */
public final class IpAddrJson {

    public List<ImportProblem> importInto(ConfigContainer ns, String file, String text) {
        List<ImportProblem> problems = new ArrayList<>();
        for (Json.Value l : NsModel.topArray(file, NsModel.load(file, text, problems), problems)) {
            if (NsModel.skipIncomplete(file, l, problems)) {
                continue;
            }
            String name = l.str("ifname");
            if (name == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, l, "entry without ifname; skipped"));
                continue;
            }
            Interface iface = NsModel.iface(ns, name);
            Json.Value infos = l.get("addr_info");
            if (infos == null || infos.items().isEmpty()) {
                continue;
            }
            if (iface == null) {
                iface = "loopback".equals(l.str("link_type")) ? NsModel.F.createLoopbackInterface() : NsModel.F.createPhysicalInterface();
                iface.setName(name);
                ns.getInterfaces().add(iface);
            }
            for (Json.Value a : infos.items()) {
                if (NsModel.skipIncomplete(file, a, problems)) {
                    continue;
                }
                String local = a.str("local");
                Long len = a.longOf("prefixlen");
                if (local == null || len == null) {
                    problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, a, "address without local/prefixlen; skipped"));
                    continue;
                }
                if (automatic(name, local, len.intValue())) {
                    continue;
                }
                IpAddress value = IpAddress.tryParse(local);
                if (value == null) {
                    problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, a, "'" + local + "' is not an IP address; skipped"));
                    continue;
                }
                Address addr = NsModel.F.createAddress();
                addr.setAddress(value);
                addr.setPrefixLength(len.intValue());
                Json.Value sec = a.get("secondary");
                addr.setSecondary(sec != null && sec.bool());
                String label = a.str("label");
                if (label != null && !label.equals(name)) {
                    addr.setLabel(label);
                }
                if (a.has("address") && !local.equals(a.str("address"))) {
                    problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, a,
                            "point-to-point peer " + a.str("address") + " of " + local + " is not modelled; imported as a plain address"));
                }
                iface.getAddresses().add(addr);
            }
        }
        return problems;
    }

    static boolean automatic(String ifname, String local, int len) {
        if ("lo".equals(ifname) && (("127.0.0.1".equals(local) && len == 8) || ("::1".equals(local) && len == 128))) {
            return true;
        }
        String l = local.toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("fe8") || l.startsWith("fe9") || l.startsWith("fea") || l.startsWith("feb");
    }
}
