package org.netwright.topology;

import java.util.List;
import java.util.Locale;

import org.netwright.model.Address;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;

/** Finds a namespace of a (large) diagram by a part of its name, or by the start of one of its addresses. */
public final class NamespaceSearch {
    private NamespaceSearch() {
    }

    /**
     * The first namespace whose name equals {@code query}, else the first whose name contains it (ignoring case), else
     * the first with an interface address that starts with it; null when none does or the query is blank.
     */
    public static Namespace find(List<Namespace> namespaces, String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        for (Namespace ns : namespaces) {
            if (ns.getName() != null && ns.getName().toLowerCase(Locale.ROOT).equals(q)) {
                return ns;
            }
        }
        for (Namespace ns : namespaces) {
            if (ns.getName() != null && ns.getName().toLowerCase(Locale.ROOT).contains(q)) {
                return ns;
            }
        }
        for (Namespace ns : namespaces) {
            for (Interface itf : ns.getInterfaces()) {
                for (Address a : itf.getAddresses()) {
                    if (a.getAddress() != null && a.getAddress().toString().toLowerCase(Locale.ROOT).startsWith(q)) {
                        return ns;
                    }
                }
            }
        }
        return null;
    }
}
