package org.netwright.diagram.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.netwright.model.Address;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.Route;
import org.netwright.model.RouteType;
import org.netwright.model.RoutingTable;
import org.netwright.model.Sysctl;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;

/**
 * Lists of addresses, routes and sysctls as one line of text for a Properties view cell, in the words
 * of the DSL and of {@code ip}: {@code 10.0.0.1/24, fd00::1/64};
 * {@code default via 10.0.0.254 dev eth0; 10.2.0.0/16 via 10.0.0.2 table 100};
 * {@code net.ipv4.ip_forward = 1; net.ipv4.conf.all.rp_filter = 2}.
 */
public final class TextLists {
    private TextLists() {
    }

    // ------------------------------------------------------------------ addresses

    public static String formatAddresses(List<Address> addresses) {
        List<String> out = new ArrayList<>();
        for (Address a : addresses) {
            String s = a.getAddress() + (a.getPrefixLength() > 0 ? "/" + a.getPrefixLength() : "");
            out.add(a.isSecondary() ? s + " secondary" : s);
        }
        return String.join(", ", out);
    }

    /** @throws IllegalArgumentException on an entry that is not {@code address[/length] [secondary]} */
    public static List<Address> parseAddresses(String text) {
        List<Address> out = new ArrayList<>();
        for (String entry : text.split("[,;\\n]")) {
            String[] words = entry.strip().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            Address a = NetwrightFactory.eINSTANCE.createAddress();
            if (IpAddress.tryParse(words[0].split("/", 2)[0]) == null) {
                throw new IllegalArgumentException("not an address: " + words[0]);
            }
            IpPrefix p = IpPrefix.tryParse(words[0]);
            if (p == null) {
                throw new IllegalArgumentException("bad prefix length: " + words[0]);
            }
            a.setAddress(p.address());
            a.setPrefixLength(p.length());
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals("secondary")) {
                    a.setSecondary(true);
                } else {
                    throw new IllegalArgumentException("unexpected '" + words[i] + "' after " + words[0]);
                }
            }
            out.add(a);
        }
        return out;
    }

    // ------------------------------------------------------------------ sysctls

    public static String formatSysctls(List<Sysctl> sysctls) {
        List<String> out = new ArrayList<>();
        for (Sysctl s : sysctls) {
            out.add(s.getKey() + " = " + s.getValue());
        }
        return String.join("; ", out);
    }

    public static List<Sysctl> parseSysctls(String text) {
        List<Sysctl> out = new ArrayList<>();
        for (String entry : text.split("[;\\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || entry.substring(0, eq).isBlank() || entry.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("expected key = value: " + entry.strip());
            }
            Sysctl s = NetwrightFactory.eINSTANCE.createSysctl();
            s.setKey(entry.substring(0, eq).strip());
            s.setValue(entry.substring(eq + 1).strip());
            out.add(s);
        }
        return out;
    }

    // ------------------------------------------------------------------ routes

    public static String formatRoutes(List<Route> routes) {
        List<String> out = new ArrayList<>();
        for (Route r : routes) {
            out.add(formatRoute(r));
        }
        return String.join("; ", out);
    }

    public static String formatRoute(Route r) {
        StringBuilder b = new StringBuilder();
        if (r.getType() != null && r.getType() != RouteType.UNICAST) {
            b.append(r.getType().getLiteral()).append(' ');
        }
        b.append(r.getDestination() == null ? "default" : r.getDestination());
        append(b, "via", r.getVia() == null ? null : r.getVia().toString());
        append(b, "dev", r.getDev() == null ? null : r.getDev().getName());
        append(b, "table", r.getTable() == null ? null : r.getTable().getName());
        append(b, "proto", r.getProto());
        append(b, "scope", r.getScope());
        if (r.isSetMetric()) {
            append(b, "metric", String.valueOf(r.getMetric()));
        }
        append(b, "src", r.getSrc() == null ? null : r.getSrc().toString());
        return b.toString();
    }

    private static void append(StringBuilder b, String word, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(' ').append(word).append(' ').append(value);
        }
    }

    /**
     * Parses routes; {@code dev} names an interface and {@code table} a routing table of the container.
     * @throws IllegalArgumentException on unknown words, interfaces or tables
     */
    public static List<Route> parseRoutes(String text, ConfigContainer container) {
        List<Route> out = new ArrayList<>();
        for (String entry : text.split("[;\\n]")) {
            String[] w = entry.strip().split("\\s+");
            if (w[0].isEmpty()) {
                continue;
            }
            Route r = NetwrightFactory.eINSTANCE.createRoute();
            int i = 0;
            RouteType type = RouteType.get(w[0].toLowerCase(Locale.ROOT));
            if (type != null && w.length > 1) {
                r.setType(type);
                i++;
            }
            r.setDestination(IpPrefix.parse(w[i++]));
            for (; i < w.length; i += 2) {
                if (i + 1 >= w.length) {
                    throw new IllegalArgumentException("'" + w[i] + "' needs a value: " + entry.strip());
                }
                String value = w[i + 1];
                switch (w[i]) {
                    case "via" -> r.setVia(IpAddress.parse(value));
                    case "dev" -> r.setDev(interfaceNamed(container, value));
                    case "table" -> r.setTable(tableNamed(container, value));
                    case "proto" -> r.setProto(value);
                    case "scope" -> r.setScope(value);
                    case "metric" -> r.setMetric(Integer.parseInt(value));
                    case "src" -> r.setSrc(IpAddress.parse(value));
                    default -> throw new IllegalArgumentException("unknown word '" + w[i] + "' in route: " + entry.strip());
                }
            }
            out.add(r);
        }
        return out;
    }

    private static Interface interfaceNamed(ConfigContainer container, String name) {
        for (Interface itf : container.getInterfaces()) {
            if (name.equals(itf.getName())) {
                return itf;
            }
        }
        throw new IllegalArgumentException("no interface " + name);
    }

    private static RoutingTable tableNamed(ConfigContainer container, String name) {
        for (RoutingTable t : container.getRoutingTables()) {
            if (name.equals(t.getName()) || name.equals(String.valueOf(t.getId()))) {
                return t;
            }
        }
        throw new IllegalArgumentException("no routing table " + name);
    }
}
