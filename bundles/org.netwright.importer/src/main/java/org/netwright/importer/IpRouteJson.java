package org.netwright.importer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.netwright.input.Json;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.IpAddress.Family;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.Route;
import org.netwright.model.RouteType;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;

/**
 * Imports {@code ip -j route show table all} and {@code ip -6 -j route show table all}. Routes the kernel derives from
 * addresses ({@code proto kernel}: connected, local, broadcast, anycast and multicast routes) are not imported, since
 * the addresses are. An IPv6 default route without gateway or source is {@code ::/0} (the model's {@code default}
 * without an address is IPv4's, see {@link Families#of(Route)}).
 * Tables other than main become {@link org.netwright.model.RoutingTable}s.
 */
public final class IpRouteJson {

    private static final long IPV6_DEFAULT_METRIC = 1024;
    private static final Set<String> NOT_MODELLED_TYPES = Set.of("broadcast", "multicast", "anycast", "nat", "xresolve");

    /** Every route of the dump ({@code ip route show table all} lists IPv6 routes too), each in its own family. */
    public List<ImportProblem> importInto(ConfigContainer ns, String file, String text) {
        return importInto(ns, file, text, Family.IPV4, EnumSet.allOf(Family.class));
    }

    /** The routes of {@code family} only (route6.json of ip -6: IPv6; route.json beside it: IPv4). */
    public List<ImportProblem> importInto(ConfigContainer ns, String file, String text, Family family) {
        return importInto(ns, file, text, family, EnumSet.of(family));
    }

    /** @param dumpFamily the family of an entry that names no address (a default route without gateway) */
    private List<ImportProblem> importInto(ConfigContainer ns, String file, String text, Family dumpFamily, Set<Family> wanted) {
        List<ImportProblem> problems = new ArrayList<>();
        for (Json.Value r : NsModel.topArray(file, NsModel.load(file, text, problems), problems)) {
            if (NsModel.skipIncomplete(file, r, problems)) {
                continue;
            }
            Family family = entryFamily(r.str("dst"), r.str("gateway"), dumpFamily);
            if (!wanted.contains(family)) {
                continue;
            }
            String proto = r.str("protocol");
            String typeText = r.has("type") ? r.str("type") : "unicast";
            if ("kernel".equals(proto)) {
                continue; // derived from an address
            }
            if (typeText == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r, "route type is not a string; route not imported"));
                continue;
            }
            if (NOT_MODELLED_TYPES.contains(typeText)) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r,
                        "route type '" + typeText + "' is not modelled; route " + r.str("dst") + " not imported"));
                continue;
            }
            RouteType type = RouteType.get(typeText);
            if (type == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r, "unknown route type '" + typeText + "'; route not imported"));
                continue;
            }
            String dst = r.str("dst");
            if (dst == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r, "route without dst; not imported"));
                continue;
            }
            IpPrefix destination = IpPrefix.tryParse(normalizePrefix(dst));
            if (destination == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r, "route destination '" + dst + "' is not a prefix; not imported"));
                continue;
            }
            Route route = NsModel.F.createRoute();
            route.setType(type);
            route.setDestination(destination);
            String via = r.str("gateway");
            String dev = r.str("dev");
            Json.Value hops = r.get("nexthops");
            if (hops != null && !hops.items().isEmpty()) {
                Json.Value first = hops.items().get(0);
                via = first.str("gateway");
                dev = first.str("dev");
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r,
                        "multipath route " + dst + ": only the first of " + hops.items().size() + " next hops is imported"));
            }
            if (r.has("via")) { // "via": {"family": "inet6", "host": ...} for a gateway of another family
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r.get("via"),
                        "gateway of another address family is not modelled; route " + dst + " imported without it"));
            }
            route.setVia(address(via, file, r, "gateway", problems));
            if (dev != null) {
                Interface i = NsModel.iface(ns, dev);
                if (i == null) {
                    problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, r,
                            "route " + dst + " uses device " + dev + " which is not in link.json; imported without device"));
                }
                route.setDev(i);
            }
            String table = r.str("table");
            if (table != null && !"main".equals(table) && !"254".equals(table)) {
                route.setTable(NsModel.table(ns, table));
            }
            route.setProto(proto);
            route.setScope(r.str("scope"));
            Long metric = r.longOf("metric");
            // ip -6 gives a route added without a metric 1024 (IPv4: 0, which it does not print)
            if (metric != null && !(family == Family.IPV6 && metric == IPV6_DEFAULT_METRIC)) {
                route.setMetric(metric.intValue());
            }
            route.setSrc(address(r.str("prefsrc"), file, r, "preferred source", problems));
            if (destination.isAny() && Families.of(route) != family) {
                route.setDestination(Families.everything(family));
            }
            ns.getRoutes().add(route);
        }
        return problems;
    }

    private static Family entryFamily(String dst, String gateway, Family dumpFamily) {
        for (String a : new String[] { dst, gateway }) {
            if (a != null && !"default".equals(a)) {
                return a.indexOf(':') >= 0 ? Family.IPV6 : Family.IPV4;
            }
        }
        return dumpFamily;
    }

    /** An address of the dump, or null (with a warning when the dump has text that is not one). */
    private static IpAddress address(String text, String file, Json.Value at, String what, List<ImportProblem> problems) {
        IpAddress a = IpAddress.tryParse(text);
        if (a == null && text != null) {
            problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, at, what + " '" + text + "' is not an IP address; left out"));
        }
        return a;
    }

    /** ip prints host routes without a length; the model wants a prefix. */
    static String normalizePrefix(String dst) {
        if ("default".equals(dst) || dst.contains("/")) {
            return dst;
        }
        return dst + (dst.contains(":") ? "/128" : "/32");
    }
}
