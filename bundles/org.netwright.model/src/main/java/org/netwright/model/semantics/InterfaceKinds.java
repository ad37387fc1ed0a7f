package org.netwright.model.semantics;

import org.eclipse.emf.ecore.EObject;

/** The language's keyword for each kind of interface, for messages and hovers that name an interface's kind. */
public final class InterfaceKinds {
    private InterfaceKinds() {
    }

    /** {@code veth}, {@code bridge}, {@code loopback}, {@code dummy}, {@code vlan}, else {@code interface}. */
    public static String keyword(EObject iface) {
        return switch (iface.eClass().getName()) {
            case "VethInterface" -> "veth";
            case "BridgeInterface" -> "bridge";
            case "LoopbackInterface" -> "loopback";
            case "DummyInterface" -> "dummy";
            case "VlanInterface" -> "vlan";
            default -> "interface";
        };
    }
}
