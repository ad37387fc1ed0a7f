package org.netwright.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Link;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.VethInterface;

/** A connection of the diagram, derived from the model: a veth pair, a bridge port or a cable. */
public sealed interface Wire {
    EObject source();

    EObject target();

    /** The interface at an end as a walk names it (namespace and device), or null when it is in no namespace. */
    static PathHighlight.Device device(EObject end) {
        if (end instanceof Interface itf && itf.eContainer() instanceof Namespace ns) {
            return new PathHighlight.Device(ns.getName(), itf.getName());
        }
        return null;
    }

    /** True when the path went straight across this wire, in either direction. */
    default boolean crossedBy(List<PathHighlight.Device> path) {
        PathHighlight.Device a = device(source());
        PathHighlight.Device b = device(target());
        return a != null && b != null && PathHighlight.crosses(path, a, b);
    }

    /** What the wire is, in words: {@code veth pair a <-> b}, {@code p is a port of bridge br}, {@code link a <-> b}. */
    default String describe() {
        String a = ((org.netwright.model.NamedElement) source()).getName();
        String b = ((Interface) target()).getName();
        return switch (this) {
            case Veth v -> "veth pair " + a + " \u2194 " + b;
            case Port p -> b + " is a port of bridge " + a;
            case Cable c -> "link " + a + " \u2194 " + b;
        };
    }

    /** Both ends of a veth pair (one wire, whether one or both ends declare the peer). */
    record Veth(VethInterface source, VethInterface target) implements Wire {
    }

    /** A bridge and one of its ports. */
    record Port(BridgeInterface source, Interface target) implements Wire {
    }

    /** A {@link Link} between two physical interfaces. */
    record Cable(Link link, Interface source, Interface target) implements Wire {
    }

    /** All wires whose two ends are shown (interfaces of this network's namespaces), in a stable order. */
    static List<Wire> of(Network network) {
        return of(Topology.of(network));
    }

    /** All wires of the shown topology (the file and what it imports). */
    static List<Wire> of(Topology topology) {
        List<Namespace> namespaces = topology.namespaces();
        Map<Interface, Integer> order = new HashMap<>();
        for (Namespace ns : namespaces) {
            for (Interface itf : ns.getInterfaces()) {
                order.put(itf, order.size());
            }
        }
        List<Wire> wires = new ArrayList<>();
        for (Namespace ns : namespaces) {
            for (Interface itf : ns.getInterfaces()) {
                if (itf instanceof VethInterface v && v.getPeer() != null && order.containsKey(v.getPeer()) && v.getPeer() != v) {
                    VethInterface peer = v.getPeer();
                    boolean first = order.get(v) < order.get(peer);
                    if (first || peer.getPeer() != v) {
                        wires.add(first ? new Veth(v, peer) : new Veth(peer, v));
                    }
                }
                if (itf instanceof BridgeInterface br) {
                    for (Interface port : br.getPorts()) {
                        if (order.containsKey(port) && port != br) {
                            wires.add(new Port(br, port));
                        }
                    }
                }
            }
        }
        for (Link link : topology.links()) {
            if (link.getA() != null && link.getB() != null && order.containsKey(link.getA()) && order.containsKey(link.getB())) {
                wires.add(new Cable(link, link.getA(), link.getB()));
            }
        }
        return wires.stream().distinct().toList();
    }
}
