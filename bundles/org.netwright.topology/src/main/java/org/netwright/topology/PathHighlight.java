package org.netwright.topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A packet walk to show on the diagram, in the diagram's own terms (no engine types): the devices the
 * packet crossed, in order, the same for the reply, and the fate. The diagram colours the namespaces and
 * links on the path (green when delivered, red where it was dropped, with the dropping rule; the reply
 * path in another colour).
 */
public record PathHighlight(List<Device> forward, List<Device> reply, Fate fate, String fateNamespace, String note) {
    /** A device of a namespace. */
    public record Device(String namespace, String name) {
    }

    /** How the walk ended. */
    public enum Fate {
        DELIVERED, DROPPED, LEFT
    }

    /** What a namespace was to the walk. */
    public enum Role {
        /** The packet was dropped here. */
        DROPPED_HERE,
        /** The packet was delivered here. */
        DELIVERED_HERE,
        /** The packet left the modelled network here. */
        LEFT_HERE,
        /** The packet went through. */
        ON_PATH,
        /** Only the reply went through. */
        ON_REPLY_PATH,
        NONE
    }

    public PathHighlight {
        forward = List.copyOf(forward);
        reply = List.copyOf(reply);
    }

    /** Namespaces the forward walk visited, in order. */
    public Set<String> forwardNamespaces() {
        return namespacesOf(forward);
    }

    public Set<String> replyNamespaces() {
        return namespacesOf(reply);
    }

    /** What the namespace was to the walk: where its fate was met, crossed on the way (or by the reply), or nothing. */
    public Role roleOf(String namespace) {
        if (namespace == null) {
            return Role.NONE;
        }
        if (namespace.equals(fateNamespace)) {
            return switch (fate) {
                case DROPPED -> Role.DROPPED_HERE;
                case DELIVERED -> Role.DELIVERED_HERE;
                case LEFT -> Role.LEFT_HERE;
            };
        }
        return forwardNamespaces().contains(namespace) ? Role.ON_PATH : replyNamespaces().contains(namespace) ? Role.ON_REPLY_PATH : Role.NONE;
    }

    /** The words a drawing writes into the namespace where the walk's fate was met (lines), or null elsewhere. */
    public String label(String namespace) {
        return switch (roleOf(namespace)) {
            case DROPPED_HERE -> "\u2716 dropped here" + (note == null || note.isEmpty() ? "" : "\n" + note);
            case DELIVERED_HERE -> "\u2714 delivered here" + (replyNamespaces().contains(namespace) ? ", reply sent" : "");
            case LEFT_HERE -> "\u279c left the network here";
            default -> null;
        };
    }

    private static Set<String> namespacesOf(List<Device> devices) {
        Set<String> out = new LinkedHashSet<>();
        for (Device d : devices) {
            out.add(d.namespace());
        }
        return out;
    }

    /** True when the walk went from one of the two devices straight to the other (either direction). */
    public static boolean crosses(List<Device> path, Device a, Device b) {
        for (int i = 0; i + 1 < path.size(); i++) {
            Device x = path.get(i);
            Device y = path.get(i + 1);
            if ((x.equals(a) && y.equals(b)) || (x.equals(b) && y.equals(a))) {
                return true;
            }
        }
        return false;
    }

    /** Consecutive duplicates removed: {@code a a b b c} becomes {@code a b c}. */
    public static List<Device> squeeze(List<Device> devices) {
        List<Device> out = new ArrayList<>();
        for (Device d : devices) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(d)) {
                out.add(d);
            }
        }
        return out;
    }
}
