package org.netwright.diagram.properties;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CompoundCommand;
import org.eclipse.emf.edit.command.AddCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightPackage.Literals;
import org.netwright.model.VethInterface;

/** Properties of an interface (and of a bridge): name, addresses, MAC, MTU, state, bridge ports. */
public class InterfaceProperties extends ModelProperties {
    public static final String NAME = "name";
    public static final String KIND = "kind";
    public static final String ADDRESSES = "addresses";
    public static final String MAC = "mac";
    public static final String MTU = "mtu";
    public static final String DOWN = "down";
    public static final String PEER = "peer";
    public static final String PORTS = "ports";

    private final Interface itf;

    public InterfaceProperties(Interface itf, EditingDomain domain) {
        this(itf, domain, true);
    }

    public InterfaceProperties(Interface itf, EditingDomain domain, boolean editable) {
        super(domain, editable);
        this.itf = itf;
        text(NAME, "Name", "Interface", "Interface name");
        readOnly(KIND, "Kind", "Interface");
        text(ADDRESSES, "Addresses", "Addressing", "10.0.0.1/24, fd00::1/64 (append 'secondary' for secondary addresses)");
        text(MAC, "MAC address", "Link", "e.g. 02:00:00:00:00:01");
        text(MTU, "MTU", "Link", "0 = kernel default");
        text(DOWN, "Down", "Link", "true or false");
        if (itf instanceof VethInterface) {
            readOnly(PEER, "Peer", "Link");
        }
        if (itf instanceof BridgeInterface) {
            text(PORTS, "Ports", "Bridge", "Interfaces of the same namespace, e.g. veth0, eth1");
        }
    }

    @Override
    public Object getEditableValue() {
        return itf;
    }

    @Override
    public Object getPropertyValue(Object id) {
        return switch (String.valueOf(id)) {
            case NAME -> itf.getName() == null ? "" : itf.getName();
            case KIND -> itf.eClass().getName();
            case ADDRESSES -> TextLists.formatAddresses(itf.getAddresses());
            case MAC -> itf.getMac() == null ? "" : itf.getMac();
            case MTU -> String.valueOf(itf.getMtu());
            case DOWN -> String.valueOf(itf.isDown());
            case PEER -> itf instanceof VethInterface v && v.getPeer() != null ? peerName(v.getPeer()) : "";
            case PORTS -> itf instanceof BridgeInterface br ? String.join(", ", br.getPorts().stream().map(Interface::getName).toList()) : "";
            default -> null;
        };
    }

    private static String peerName(VethInterface peer) {
        return (peer.eContainer() instanceof Namespace ns ? ns.getName() + ":" : "") + peer.getName();
    }

    @Override
    protected Command commandFor(String id, String value) {
        return switch (id) {
            case NAME -> rename(itf, value);
            case ADDRESSES -> replaceAll("Set addresses of " + itf.getName(), itf, Literals.INTERFACE__ADDRESSES,
                TextLists.parseAddresses(value), TextLists.formatAddresses(itf.getAddresses()),
                TextLists.formatAddresses(TextLists.parseAddresses(value)));
            case MAC -> {
                if (!value.isEmpty() && !value.matches("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}")) {
                    throw new IllegalArgumentException("not a MAC address: " + value);
                }
                yield set(itf, Literals.INTERFACE__MAC, value.isEmpty() ? null : value.toLowerCase());
            }
            case MTU -> set(itf, Literals.INTERFACE__MTU, value.isEmpty() ? 0 : Integer.parseInt(value));
            case DOWN -> set(itf, Literals.INTERFACE__DOWN, Boolean.parseBoolean(value));
            case PORTS -> itf instanceof BridgeInterface br ? ports(br, value) : null;
            default -> null;
        };
    }

    private Command ports(BridgeInterface br, String value) {
        List<Interface> wanted = new ArrayList<>();
        for (String name : value.split("[,\\s]+")) {
            if (name.isEmpty()) {
                continue;
            }
            Interface port = ((Namespace) br.eContainer()).getInterfaces().stream().filter(i -> name.equals(i.getName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no interface " + name + " in " + ((Namespace) br.eContainer()).getName()));
            wanted.add(port);
        }
        if (wanted.equals(br.getPorts())) {
            return null;
        }
        CompoundCommand c = new CompoundCommand("Set ports of " + br.getName());
        if (!br.getPorts().isEmpty()) {
            c.append(new RemoveCommand(domain, br, Literals.BRIDGE_INTERFACE__PORTS, new ArrayList<>(br.getPorts())));
        }
        if (!wanted.isEmpty()) {
            c.append(new AddCommand(domain, br, Literals.BRIDGE_INTERFACE__PORTS, wanted));
        }
        return c;
    }
}
