package org.netwright.model.semantics;

import org.netwright.model.RoutingTable;

/** The numbers of routing tables: the names iproute2 reserves (/etc/iproute2/rt_tables) and how a table gets its id. */
public final class RoutingTables {
    public static final int UNSPEC = 0;
    public static final int DEFAULT = 253;
    public static final int MAIN = 254;
    public static final int LOCAL = 255;

    private RoutingTables() {
    }

    /** The id of a reserved table name (main, local, default, unspec), or null. */
    public static Integer reservedId(String name) {
        return name == null ? null : switch (name) {
            case "main" -> MAIN;
            case "local" -> LOCAL;
            case "default" -> DEFAULT;
            case "unspec" -> UNSPEC;
            default -> null;
        };
    }

    /** The reserved name of a table id (253, 254, 255), or null. */
    public static String reservedName(long id) {
        return id == MAIN ? "main" : id == LOCAL ? "local" : id == DEFAULT ? "default" : null;
    }

    /** A table's id: the one it declares, its numeric name or its reserved name's; null when it has none. */
    public static Integer id(RoutingTable table) {
        if (table.getId() != 0) {
            return table.getId();
        }
        String name = table.getName();
        if (name == null) {
            return null;
        }
        if (!name.isEmpty() && name.length() < 10 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Integer.valueOf(name);
        }
        return reservedId(name);
    }
}
