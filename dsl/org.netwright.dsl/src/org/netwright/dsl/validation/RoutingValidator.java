package org.netwright.dsl.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

import org.eclipse.xtext.validation.Check;
import org.netwright.model.Address;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.Route;
import org.netwright.model.RouteType;
import org.netwright.model.RoutingTable;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.Namespaces;
import org.netwright.model.semantics.RoutingTables;

/** ip route / ip rule / routing tables, with the checks the kernel makes when they are added. */
public class RoutingValidator extends AbstractNetwrightCheck {

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;

    /** "Error: Invalid prefix for given prefix length." */
    @Check
    public void checkDestinationPrefix(Route route) {
        IpPrefix p = route.getDestination();
        if (p != null && p.hasHostBits()) {
            error("Route destination " + route.getDestination() + " has host bits set; ip refuses it: write "
                    + p.canonical(), route, P.getRoute_Destination(), IssueCodes.PREFIX_HOST_BITS, p.canonical());
        }
    }

    /** "RTNETLINK answers: No such device": a unicast route needs a gateway or a device. */
    @Check
    public void checkNexthopPresent(Route route) {
        if (route.getType() == RouteType.UNICAST && route.getVia() == null && route.getDev() == null) {
            error("A route needs 'via GATEWAY' or 'dev INTERFACE'", route, P.getRoute_Destination(),
                    IssueCodes.ROUTE_NO_NEXTHOP);
        }
    }

    /**
     * "Error: Nexthop has invalid gateway": the gateway must lie in a prefix the namespace reaches on-link, i.e. a
     * connected prefix of one of its addresses or a device route without gateway (on {@code dev} when given).
     */
    @Check
    public void checkViaReachable(Route route) {
        IpAddress via = route.getVia();
        Namespace ns = Namespaces.namespaceOf(route);
        if (via == null || ns == null || (route.getDev() != null && route.getDev().eIsProxy())) {
            return;
        }
        Interface dev = route.getDev();
        List<String> onLink = new ArrayList<>();
        for (Interface i : index().interfaces(ns, route)) {
            if (dev != null && i != dev) {
                continue;
            }
            for (Address a : i.getAddresses()) {
                IpPrefix p = IpPrefix.tryOf(a.getAddress(), a.getPrefixLength());
                if (p != null && p.contains(via)) {
                    return;
                }
                if (p != null) {
                    onLink.add(p.canonical());
                }
            }
        }
        for (ConfigContainer c : index().contributions(ns, route)) {
            for (Route other : c.getRoutes()) {
                if (other == route || other.getVia() != null || other.getType() != RouteType.UNICAST
                        || other.getDev() == null || dev != null && other.getDev() != dev) {
                    continue;
                }
                IpPrefix p = other.getDestination();
                if (p != null && p.contains(via)) {
                    return;
                }
            }
        }
        String where = dev != null ? "interface " + q(dev.getName()) : "namespace " + q(ns.getName());
        error("Gateway " + route.getVia() + " is not on-link: it lies outside every connected prefix of " + where
                + (onLink.isEmpty() ? " (it has no address)" : " (" + String.join(", ", onLink) + ")")
                + "; ip refuses it with 'Nexthop has invalid gateway'", route, P.getRoute_Via(),
                IssueCodes.ROUTE_VIA_UNREACHABLE, route.getVia().toString());
    }

    /** "Error: Invalid prefsrc address." */
    @Check
    public void checkSrcLocal(Route route) {
        Namespace ns = Namespaces.namespaceOf(route);
        if (route.getSrc() != null && ns != null && !index().isLocal(ns, route.getSrc(), route)) {
            error("src " + route.getSrc() + " is not an address of namespace " + q(ns.getName())
                    + "; ip refuses it with 'Invalid prefsrc address'", route, P.getRoute_Src(),
                    IssueCodes.ADDRESS_NOT_LOCAL, route.getSrc().toString());
        }
    }

    /** "RTNETLINK answers: File exists": one destination once per table and metric. */
    @Check
    public void checkRouteUnique(Route route) {
        Namespace ns = Namespaces.namespaceOf(route);
        String key = routeKey(route);
        if (ns == null || key == null) {
            return;
        }
        Map<String, Route> first = index().memo(List.of("firstRoutes", ns, String.valueOf(route.eResource())), () -> {
            Map<String, Route> m = new HashMap<>();
            for (ConfigContainer c : index().contributions(ns, route)) {
                for (Route r : c.getRoutes()) {
                    String k = routeKey(r);
                    if (k != null) {
                        m.putIfAbsent(k, r);
                    }
                }
            }
            return m;
        });
        if (first.get(key) != null && first.get(key) != route) {
            error("A route to " + route.getDestination() + " with this metric already exists in table "
                    + tableName(route.getTable()) + "; use another metric or remove one", route,
                    P.getRoute_Destination(), IssueCodes.ROUTE_DUPLICATE);
        }
    }

    @Check
    public void checkTableId(RoutingTable table) {
        Integer id = RoutingTables.id(table);
        if (id == null) {
            return;
        }
        if (id <= 0) {
            error("Routing table id " + id + " is out of range (1..4294967295)", table, P.getRoutingTable_Id(),
                    IssueCodes.VALUE_OUT_OF_RANGE, "1", "4294967295");
            return;
        }
        Namespace ns = Namespaces.namespaceOf(table);
        if (ns == null) {
            return;
        }
        for (ConfigContainer c : index().contributions(ns, table)) {
            for (RoutingTable other : c.getRoutingTables()) {
                if (other == table) {
                    return;
                }
                if (id.equals(RoutingTables.id(other)) && !Objects.equals(other.getName(), table.getName())) {
                    error("Routing tables " + q(other.getName()) + " and " + q(table.getName()) + " have the same id " + id,
                            table, P.getRoutingTable_Id(), IssueCodes.ROUTING_TABLE_ID_DUPLICATE, String.valueOf(id));
                    return;
                }
            }
        }
    }

    private static String routeKey(Route r) {
        if (r.getDestination() == null) {
            return null;
        }
        IpPrefix p = r.getDestination();
        // default and 0.0.0.0/0 (::/0) are one destination; IPv4 and IPv6 routes are apart
        String dest = p.length() == 0 ? "default" : p.canonical();
        return Families.of(r) + " " + tableName(r.getTable()) + " " + dest + " " + (r.isSetMetric() ? r.getMetric() : 0);
    }

    private static String tableName(RoutingTable t) {
        return t == null ? "main" : String.valueOf(t.getName());
    }
}
