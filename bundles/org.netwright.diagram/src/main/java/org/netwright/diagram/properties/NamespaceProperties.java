package org.netwright.diagram.properties;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightPackage.Literals;

/** Properties of a namespace: name, description, sysctls, routes. */
public class NamespaceProperties extends ModelProperties {
    public static final String NAME = "name";
    public static final String DESCRIPTION = "description";
    public static final String SYSCTLS = "sysctls";
    public static final String ROUTES = "routes";
    public static final String INTERFACES = "interfaces";

    private final Namespace ns;

    public NamespaceProperties(Namespace ns, EditingDomain domain) {
        this(ns, domain, true);
    }

    public NamespaceProperties(Namespace ns, EditingDomain domain, boolean editable) {
        super(domain, editable);
        this.ns = ns;
        text(NAME, "Name", "Namespace", "Name of the namespace (host, router)");
        text(DESCRIPTION, "Description", "Namespace", "Free text; shown under the name");
        readOnly(INTERFACES, "Interfaces", "Namespace");
        text(SYSCTLS, "Sysctls", "Kernel", "key = value; key = value (e.g. net.ipv4.ip_forward = 1)");
        text(ROUTES, "Routes", "Routing", "default via 10.0.0.1 dev eth0; 10.2.0.0/16 via 10.0.0.2 table 100");
    }

    @Override
    public Object getEditableValue() {
        return ns;
    }

    @Override
    public Object getPropertyValue(Object id) {
        return switch (String.valueOf(id)) {
            case NAME -> ns.getName() == null ? "" : ns.getName();
            case DESCRIPTION -> ns.getDescription() == null ? "" : ns.getDescription();
            case SYSCTLS -> TextLists.formatSysctls(ns.getSysctls());
            case ROUTES -> TextLists.formatRoutes(ns.getRoutes());
            case INTERFACES -> String.join(", ", ns.getInterfaces().stream().map(Interface::getName).toList());
            default -> null;
        };
    }

    @Override
    protected Command commandFor(String id, String value) {
        return switch (id) {
            case NAME -> rename(ns, value);
            case DESCRIPTION -> set(ns, Literals.NAMESPACE__DESCRIPTION, value.isEmpty() ? null : value);
            case SYSCTLS -> replaceAll("Set sysctls of " + ns.getName(), ns, Literals.CONFIG_CONTAINER__SYSCTLS,
                TextLists.parseSysctls(value), TextLists.formatSysctls(ns.getSysctls()),
                TextLists.formatSysctls(TextLists.parseSysctls(value)));
            case ROUTES -> replaceAll("Set routes of " + ns.getName(), ns, Literals.CONFIG_CONTAINER__ROUTES,
                TextLists.parseRoutes(value, ns), TextLists.formatRoutes(ns.getRoutes()),
                TextLists.formatRoutes(TextLists.parseRoutes(value, ns)));
            default -> null;
        };
    }
}
