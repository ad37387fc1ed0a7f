package org.netwright.engine;

import java.util.HashSet;
import java.util.Set;

/**
 * The port of a bridge that leads to an address, as the bridge's learned forwarding database has it once the
 * address has been heard on the segment (the kernel floods the first unknown-unicast frame and learns from the
 * answer): the port whose peer owns the address, directly or through further bridges of the same L2 segment in
 * other namespaces (a switch between the bridge and the host).
 */
final class BridgeFdb {
    private BridgeFdb() {
    }

    /** The port of {@code br} in {@code ns}, other than {@code except}, that leads to {@code addr}; null if none. */
    static Interface portTo(NetworkView view, Namespace ns, Interface br, String except, IpAddr addr) {
        Set<String> seen = new HashSet<>();
        seen.add(ns.name() + "/" + br.name());
        for (Interface i : ns.interfaces().values()) {
            if (!br.name().equals(i.master()) || i.name().equals(except) || i.peer() == null) {
                continue;
            }
            if (reaches(view, i.peer().namespace(), i.peer().ifname(), addr, seen)) {
                return i;
            }
        }
        return null;
    }

    /** Whether a frame arriving on {@code ns/dev} can reach the owner of {@code addr} on the same segment. */
    private static boolean reaches(NetworkView view, String nsName, String dev, IpAddr addr, Set<String> seen) {
        Namespace ns = view.namespaces().get(nsName);
        if (ns == null) {
            return false;
        }
        if (ns.isLocalAddress(addr)) {
            return true;
        }
        Interface in = ns.iface(dev);
        if (in == null || in.master() == null || !seen.add(nsName + "/" + in.master())) {
            return false;
        }
        for (Interface j : ns.interfaces().values()) {
            if (in.master().equals(j.master()) && !j.name().equals(dev) && j.peer() != null
                    && reaches(view, j.peer().namespace(), j.peer().ifname(), addr, seen)) {
                return true;
            }
        }
        return false;
    }
}
