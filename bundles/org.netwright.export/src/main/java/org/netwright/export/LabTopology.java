package org.netwright.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.netwright.model.BridgeInterface;
import org.netwright.model.DummyInterface;
import org.netwright.model.Interface;
import org.netwright.model.Link;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.Namespace;
import org.netwright.model.VethInterface;
import org.netwright.model.VlanInterface;
import org.netwright.model.semantics.NamespaceConfig;
import org.netwright.model.semantics.Namespaces;

/**
 * What a namespace lab must create before each namespace's {@code setup.sh} runs: the cables (veth pairs
 * of the model, and a veth pair for every {@code link} between two interfaces) and, for every interface
 * that a real box has but a fresh namespace does not, what stands in for it. Bridges, and dummies and
 * vlans where the kernel has their drivers, are created by {@code setup.sh} itself ("created when
 * missing"), so the lab tests the exported script rather than its own copy of it.
 */
public record LabTopology(List<NamespaceConfig> namespaces, List<Cable> cables, List<Device> devices) {

    /** Why an interface needs the lab's help. */
    public enum Kind {
        /** a physical interface, or a veth without peer, connected to nothing: a veth whose peer waits in a stub namespace */
        UNCONNECTED,
        /** a dummy (or an extra loopback): created by setup.sh, or a stand-in where the kernel has no dummy driver */
        DUMMY,
        /** a vlan: created by setup.sh, or a stand-in (see {@link Device#peerVlan}) where the kernel has no 8021q driver */
        VLAN
    }

    /** Two interfaces joined by a veth pair; {@code origin} is "veth pair" or "link". */
    public record Cable(Namespace nsA, Interface a, Namespace nsB, Interface b, String origin) {
        @Override
        public String toString() {
            return origin + " " + nsA.getName() + ":" + a.getName() + " <-> " + nsB.getName() + ":" + b.getName();
        }
    }

    /**
     * An interface of {@code kind}. For a vlan whose parent is cabled to an interface that carries a vlan with the
     * same id, {@code peerVlan} is that vlan: without a vlan driver the two are joined directly by a veth pair
     * (the same layer-2 segment, untagged), otherwise it is null.
     */
    public record Device(Namespace ns, Interface itf, Kind kind, Namespace peerNs, Interface peerVlan) {
        @Override
        public String toString() {
            return ns.getName() + ":" + itf.getName() + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }

    /** The plan for the given namespaces and links; a link or veth with an end outside them is an error. */
    public static LabTopology of(List<NamespaceConfig> namespaces, List<Link> links) {
        Set<Namespace> known = new HashSet<>();
        namespaces.forEach(n -> known.add(n.namespace()));
        List<Cable> cables = new ArrayList<>();
        Map<Interface, Interface> cabled = new LinkedHashMap<>();
        for (NamespaceConfig ns : namespaces) {
            for (Interface itf : ns.interfaces()) {
                if (itf instanceof VethInterface v && v.getPeer() != null && !cabled.containsKey(v)) {
                    if (cabled.containsKey(v.getPeer())) {
                        throw new ExportException("veth '" + v.getPeer().getName() + "' is the peer of two interfaces");
                    }
                    cables.add(cable(known, v, v.getPeer(), "veth pair", cabled));
                }
            }
        }
        for (Link link : links) {
            if (link.getA() == null || link.getB() == null) {
                throw new ExportException("link with a missing end");
            }
            if (cabled.containsKey(link.getA()) || cabled.containsKey(link.getB())) {
                throw new ExportException("interface '" + link.getA().getName() + "' or '" + link.getB().getName() + "' is connected twice");
            }
            cables.add(cable(known, link.getA(), link.getB(), "link", cabled));
        }
        List<Device> devices = new ArrayList<>();
        for (NamespaceConfig ns : namespaces) {
            for (Interface itf : ns.interfaces()) {
                boolean lo = itf instanceof LoopbackInterface && "lo".equals(itf.getName());
                if (itf instanceof BridgeInterface || lo || cabled.containsKey(itf)) {
                    continue;
                }
                if (itf instanceof DummyInterface || itf instanceof LoopbackInterface) {
                    devices.add(new Device(ns.namespace(), itf, Kind.DUMMY, null, null));
                } else if (itf instanceof VlanInterface v) {
                    VlanInterface peer = peerVlan(v, cabled, namespaces);
                    devices.add(new Device(ns.namespace(), itf, Kind.VLAN, peer == null ? null : Namespaces.namespaceOf(peer), peer));
                } else {
                    devices.add(new Device(ns.namespace(), itf, Kind.UNCONNECTED, null, null));
                }
            }
        }
        return new LabTopology(List.copyOf(namespaces), List.copyOf(cables), List.copyOf(devices));
    }

    /** The vlan with the same id on the interface that {@code v}'s parent is cabled to, or null. */
    private static VlanInterface peerVlan(VlanInterface v, Map<Interface, Interface> cabled, List<NamespaceConfig> namespaces) {
        Interface other = v.getParent() == null ? null : cabled.get(v.getParent());
        if (other == null) {
            return null;
        }
        for (NamespaceConfig ns : namespaces) {
            for (Interface itf : ns.interfaces()) {
                if (itf instanceof VlanInterface w && w.getParent() == other && w.getVlanId() == v.getVlanId()) {
                    return w;
                }
            }
        }
        return null;
    }

    private static Cable cable(Set<Namespace> known, Interface a, Interface b, String origin, Map<Interface, Interface> cabled) {
        Namespace nsA = Namespaces.namespaceOf(a);
        Namespace nsB = Namespaces.namespaceOf(b);
        if (!known.contains(nsA) || !known.contains(nsB)) {
            throw new ExportException(origin + " " + a.getName() + " <-> " + b.getName() + " has an end outside the exported namespaces");
        }
        String nameA = Values.interfaceName(a.getName(), origin + " end");
        String nameB = Values.interfaceName(b.getName(), origin + " end");
        if (nsA == nsB && nameA.equals(nameB)) {
            throw new ExportException(origin + " connects " + nsA.getName() + ":" + nameA + " to itself");
        }
        cabled.put(a, b);
        cabled.put(b, a);
        return new Cable(nsA, a, nsB, b, origin);
    }
}
