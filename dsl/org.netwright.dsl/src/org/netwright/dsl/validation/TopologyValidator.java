package org.netwright.dsl.validation;

import org.netwright.model.semantics.InterfaceKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.validation.Check;
import org.netwright.model.Address;
import org.netwright.model.BridgeInterface;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.Link;
import org.netwright.model.ListenProtocol;
import org.netwright.model.Listener;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.Namespace;
import org.netwright.model.Neighbour;
import org.netwright.model.Network;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;
import org.netwright.model.VlanInterface;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.Families;
import org.netwright.model.semantics.Namespaces;

/** Interfaces, veth pairs, bridges, links, addresses, listeners and sysctls. */
public class TopologyValidator extends AbstractNetwrightCheck {

    /** IFNAMSIZ is 16 including the terminating NUL. */
    public static final int MAX_INTERFACE_NAME = 15;

    private static final NetwrightPackage P = NetwrightPackage.eINSTANCE;

    /** An interface name reaches ip, nft and iptables-restore: the kernel's rules (dev_valid_name). */
    public static String interfaceNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "an interface needs a name";
        }
        if (name.length() > MAX_INTERFACE_NAME) {
            return "interface name " + q(name) + " has " + name.length() + " characters; Linux allows at most "
                    + MAX_INTERFACE_NAME;
        }
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf(':') >= 0
                || name.chars().anyMatch(Character::isWhitespace)) {
            return "interface name " + q(name) + " is not valid: no '/', ':' or white space, and not '.' or '..'";
        }
        return null;
    }

    @Check
    public void checkInterfaceName(Interface i) {
        String problem = interfaceNameProblem(i.getName());
        if (problem != null && i.getName() != null) {
            String code = i.getName().length() > MAX_INTERFACE_NAME ? IssueCodes.INTERFACE_NAME_TOO_LONG
                    : IssueCodes.INTERFACE_NAME_INVALID;
            error(capitalize(problem), i, P.getNamedElement_Name(), code, i.getName());
        }
    }

    @Check
    public void checkMtu(Interface i) {
        if (i.getMtu() != 0 && (i.getMtu() < 68 || i.getMtu() > 65535)) {
            error("MTU " + i.getMtu() + " is out of range (68..65535)", i, P.getInterface_Mtu(),
                    IssueCodes.VALUE_OUT_OF_RANGE, "68", "65535");
        }
    }

    @Check
    public void checkVlanId(VlanInterface vlan) {
        if (vlan.getVlanId() < 1 || vlan.getVlanId() > 4094) {
            error("VLAN id " + vlan.getVlanId() + " is out of range (1..4094)", vlan, P.getVlanInterface_VlanId(),
                    IssueCodes.VALUE_OUT_OF_RANGE, "1", "4094");
        }
    }

    @Check
    public void checkVethPeerConsistent(VethInterface veth) {
        VethInterface peer = veth.getPeer();
        if (peer == null || peer.eIsProxy()) {
            return;
        }
        if (peer == veth) {
            error("A veth end cannot be its own peer", veth, P.getVethInterface_Peer(), IssueCodes.VETH_PEER_MISMATCH);
        } else if (peer.getPeer() != null && !peer.getPeer().eIsProxy() && peer.getPeer() != veth) {
            error("The peer " + Namespaces.qualifiedName(peer) + " names a different peer ("
                    + Namespaces.qualifiedName(peer.getPeer()) + "): a veth pair has exactly two ends", veth,
                    P.getVethInterface_Peer(), IssueCodes.VETH_PEER_MISMATCH);
        }
    }

    /** A veth always has a peer; when only the other end names the pair, the back-reference is missing. */
    @Check
    public void checkVethPeerPresent(VethInterface veth) {
        if (veth.getPeer() != null) {
            return;
        }
        VethInterface namer = null;
        for (Network n : index().visibleNetworks(veth)) {
            for (VethInterface other : allVeths(n)) {
                if (other != veth && other.getPeer() == veth) {
                    namer = other;
                }
            }
        }
        if (namer == null) {
            error("veth " + q(veth.getName()) + " has no peer: write 'veth " + veth.getName()
                    + " <-> namespace:interface'", veth, P.getNamedElement_Name(), IssueCodes.VETH_PEER_MISSING,
                    veth.getName());
        } else {
            String other = Namespaces.qualifiedName(namer);
            warning("veth " + q(veth.getName()) + " is the peer of " + other + " but does not name it: add '<-> "
                    + other + "'", veth, P.getNamedElement_Name(), IssueCodes.VETH_PEER_NOT_MUTUAL, other);
        }
    }

    /** The two ends of a veth pair must not carry the same address. */
    @Check
    public void checkVethAddresses(VethInterface veth) {
        VethInterface peer = veth.getPeer();
        if (peer != null && !peer.eIsProxy() && peer != veth) {
            reportSharedAddresses(veth, peer, "its peer " + Namespaces.qualifiedName(peer));
        }
    }

    @Check
    public void checkLink(Link link) {
        Interface a = link.getA();
        Interface b = link.getB();
        if (a == null || b == null || a.eIsProxy() || b.eIsProxy()) {
            return;
        }
        if (a == b) {
            error("A link needs two different interfaces", link, P.getLink_B(), IssueCodes.LINK_INVALID);
            return;
        }
        for (Interface end : List.of(a, b)) {
            if (!(end instanceof PhysicalInterface)) {
                error("Only physical interfaces ('interface NAME') can be linked; " + Namespaces.qualifiedName(end)
                        + " is a " + InterfaceKinds.keyword(end) + (end instanceof VethInterface ? " (name its peer with '<->' instead)" : ""),
                        link, end == a ? P.getLink_A() : P.getLink_B(), IssueCodes.LINK_INVALID);
            }
        }
        if (Namespaces.namespaceOf(a) != null && Namespaces.namespaceOf(a) == Namespaces.namespaceOf(b)) {
            warning("Both ends of this link are in namespace " + q(Namespaces.namespaceOf(a).getName()), link,
                    P.getLink_B(), IssueCodes.LINK_INVALID);
        }
        for (Address x : a.getAddresses()) {
            for (Address y : b.getAddresses()) {
                IpAddress ax = x.getAddress();
                if (ax != null && ax.equals(y.getAddress())) {
                    error("Both ends of this link carry " + ax + ": the two ends of one wire need different "
                            + "addresses", link, P.getLink_B(), IssueCodes.ADDRESS_CONFLICT, ax.toString());
                }
            }
        }
    }

    /** An interface is cabled to at most one other interface. */
    @Check
    public void checkLinkedOnce(Network network) {
        List<Link> all = new ArrayList<>();
        for (Network n : index().visibleNetworks(network)) {
            all.addAll(n.getLinks());
        }
        for (Link link : network.getLinks()) {
            for (Interface end : new Interface[] { link.getA(), link.getB() }) {
                if (end == null || end.eIsProxy()) {
                    continue;
                }
                long uses = all.stream().filter(l -> l.getA() == end || l.getB() == end).count();
                if (uses > 1) {
                    error(Namespaces.qualifiedName(end) + " is linked more than once", link,
                            end == link.getA() ? P.getLink_A() : P.getLink_B(), IssueCodes.LINK_INVALID);
                }
            }
        }
    }

    @Check
    public void checkBridgePorts(BridgeInterface bridge) {
        for (int i = 0; i < bridge.getPorts().size(); i++) {
            Interface port = bridge.getPorts().get(i);
            if (port.eIsProxy()) {
                continue;
            }
            String problem = null;
            if (port == bridge) {
                problem = "A bridge cannot be its own port";
            } else if (port instanceof LoopbackInterface) {
                problem = "A loopback interface cannot be a bridge port";
            } else if (bridge.getPorts().indexOf(port) < i) {
                problem = q(port.getName()) + " is listed twice";
            } else {
                BridgeInterface other = otherBridge(bridge, port);
                if (other != null) {
                    problem = q(port.getName()) + " is already a port of bridge " + q(other.getName());
                }
            }
            if (problem != null) {
                error(problem, bridge, P.getBridgeInterface_Ports(), i, IssueCodes.BRIDGE_PORT_INVALID);
            }
        }
    }

    @Check
    public void checkPrefixLength(Address address) {
        int bits = address.getAddress() == null ? 32 : address.getAddress().bits();
        if (address.getPrefixLength() < 0 || address.getPrefixLength() > bits) {
            error("Prefix length " + address.getPrefixLength() + " is out of range (0.." + bits + ")", address,
                    P.getAddress_PrefixLength(), IssueCodes.VALUE_OUT_OF_RANGE, "0", Integer.toString(bits));
        }
    }

    /** ip: "label" must be the interface name or start with it and a colon, at most 15 characters. */
    @Check
    public void checkAddressLabel(Address address) {
        String label = address.getLabel();
        if (label == null || !(address.eContainer() instanceof Interface i) || i.getName() == null) {
            return;
        }
        if (!(label.equals(i.getName()) || label.startsWith(i.getName() + ":")) || label.length() > MAX_INTERFACE_NAME) {
            error("The label " + q(label) + " must be " + q(i.getName()) + " or start with " + q(i.getName() + ":")
                    + " and have at most " + MAX_INTERFACE_NAME + " characters", address, P.getAddress_Label(),
                    IssueCodes.ADDRESS_LABEL_INVALID, i.getName());
        }
    }

    /** One address is assigned once in a namespace (ip refuses the second: "Address already assigned"). */
    @Check
    public void checkAddressUnique(Address address) {
        Namespace ns = Namespaces.namespaceOf(address);
        IpAddress a = address.getAddress();
        if (ns == null || a == null) {
            return;
        }
        for (Address other : index().addressesByValue(ns, address).getOrDefault(a, List.of())) {
            if (other != address) {
                Interface where = (Interface) other.eContainer();
                error("Address " + address.getAddress() + " is assigned twice in namespace " + q(ns.getName())
                        + (where == address.eContainer() ? "" : " (also on " + q(where.getName()) + ")"), address,
                        P.getAddress_Address(), IssueCodes.ADDRESS_DUPLICATE, a.toString());
                return;
            }
        }
    }

    private static final IpPrefix IPV6_MULTICAST = IpPrefix.parse("ff00::/8");
    private static final Pattern UNICAST_MAC = Pattern.compile("[0-9A-Fa-f][02468AaCcEe](:[0-9A-Fa-f]{2}){5}");

    /** neigh ADDRESS lladdr MAC dev DEV: what ip neigh accepts for a permanent unicast entry. */
    @Check
    public void checkNeighbour(Neighbour n) {
        String mac = n.getLladdr();
        if (mac != null && (!UNICAST_MAC.matcher(mac).matches() || mac.replace(":", "").matches("0+"))) {
            error("lladdr " + q(mac) + " is not a unicast MAC address (six hex bytes like 02:00:00:00:02:01, the first even, not all zero)",
                    n, P.getNeighbour_Lladdr(), IssueCodes.NEIGH_LLADDR_INVALID, mac);
        }
        if (n.getAddress() != null) {
            IpAddress a = n.getAddress();
            boolean unicast = a.isIpv4() ? a.ipv4Value() != 0 && a.ipv4Value() < 0xE0000000L
                    : !a.equals(IpAddress.parse("::")) && !IPV6_MULTICAST.contains(a);
            if (!unicast) {
                error("neigh " + n.getAddress() + " is not a unicast address", n, P.getNeighbour_Address(),
                        IssueCodes.NEIGH_ADDRESS_INVALID, a.toString());
            }
        }
        Interface dev = n.getDev();
        if (dev != null && !dev.eIsProxy()) {
            if (dev instanceof LoopbackInterface) {
                error("neigh on loopback " + q(dev.getName()) + ": a loopback device has no neighbours", n,
                        P.getNeighbour_Dev(), IssueCodes.NEIGH_DEVICE_INVALID, dev.getName());
            } else if (Namespaces.namespaceOf(dev) != Namespaces.namespaceOf(n)) {
                error("dev " + q(dev.getName()) + " is not an interface of this namespace", n, P.getNeighbour_Dev(),
                        IssueCodes.NEIGH_DEVICE_INVALID, dev.getName());
            }
        }
    }

    @Check
    public void checkListener(Listener listener) {
        boolean ports = listener.getProtocol() != ListenProtocol.ESP;
        if (ports && (listener.getPort() < 1 || listener.getPort() > 65535)) {
            error("listen " + listener.getProtocol().getLiteral() + " needs a port (1..65535)", listener,
                    P.getListener_Protocol(), IssueCodes.VALUE_OUT_OF_RANGE, "1", "65535");
        } else if (!ports && listener.getPort() != 0) {
            error("ESP has no ports", listener, P.getListener_Port(), IssueCodes.PROBE_PORTS);
        }
        Namespace ns = Namespaces.namespaceOf(listener);
        if (listener.getAddress() != null && ns != null && !index().isLocal(ns, listener.getAddress(), listener)) {
            error(listener.getAddress() + " is not an address of namespace " + q(ns.getName()), listener,
                    P.getListener_Address(), IssueCodes.ADDRESS_NOT_LOCAL, listener.getAddress().toString());
        }
    }

    private static final Pattern CONF_KEY = Pattern.compile("net\\.ipv[46]\\.conf\\.([^.]+)\\.(.+)");
    private static final Set<String> BOOLEAN_SYSCTLS = Set.of("net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding",
            "net.bridge.bridge-nf-call-iptables", "net.bridge.bridge-nf-call-ip6tables",
            "net.bridge.bridge-nf-call-arptables", "net.netfilter.nf_log_all_netns", "net.ipv4.icmp_echo_ignore_all");

    @Check
    public void checkSysctlInterface(Sysctl sysctl) {
        Matcher m = sysctl.getKey() == null ? null : CONF_KEY.matcher(sysctl.getKey());
        Namespace ns = Namespaces.namespaceOf(sysctl);
        if (m == null || !m.matches() || ns == null || m.group(1).equals("all") || m.group(1).equals("default")) {
            return;
        }
        String ifname = m.group(1);
        boolean known = index().interfaces(ns, sysctl).stream().anyMatch(i -> ifname.equals(i.getName()));
        if (!known) {
            warning("Namespace " + q(ns.getName()) + " has no interface " + q(ifname) + " (the key exists only for "
                    + "existing interfaces; use 'all' or 'default' for every one)", sysctl, P.getSysctl_Key(),
                    IssueCodes.SYSCTL_UNKNOWN_INTERFACE, ifname);
        }
    }

    @Check
    public void checkSysctlValue(Sysctl sysctl) {
        String key = sysctl.getKey();
        String value = sysctl.getValue() == null ? "" : sysctl.getValue().replace("\"", "").trim();
        if (key == null) {
            return;
        }
        String allowed = null;
        if (BOOLEAN_SYSCTLS.contains(key) || key.matches("net\\.ipv[46]\\.conf\\.[^.]+\\.forwarding")) {
            allowed = value.matches("[01]") ? null : "0 or 1";
        } else if (key.endsWith(".rp_filter")) {
            allowed = value.matches("[012]") ? null : "0 (off), 1 (strict) or 2 (loose)";
        } else if (Families.ipv6ConfValues(key) != null) {
            String values = Families.ipv6ConfValues(key);
            allowed = value.matches(values) ? null : values.replace("|", ", ").replace("[0-9]+", "a number").replace("[012]", "0, 1 or 2")
                    .replace("[01]", "0 or 1").replace("[0-3]", "0..3");
        }
        if (allowed != null) {
            error(key + " takes " + allowed, sysctl, P.getSysctl_Value(), IssueCodes.SYSCTL_VALUE, allowed);
        }
    }

    /** net.bridge.* only exists once br_netfilter is loaded. */
    @Check
    public void checkBridgeSysctlModule(Sysctl sysctl) {
        Namespace ns = Namespaces.namespaceOf(sysctl);
        if (sysctl.getKey() == null || !sysctl.getKey().startsWith("net.bridge.bridge-nf-") || ns == null) {
            return;
        }
        boolean loaded = index().contributions(ns, sysctl).stream()
                .anyMatch(c -> c.getKernelModules().contains("br_netfilter"));
        if (!loaded) {
            warning(sysctl.getKey() + " exists only when br_netfilter is loaded: add 'modprobe br_netfilter'",
                    sysctl, P.getSysctl_Key(), IssueCodes.SYSCTL_NEEDS_MODULE, "br_netfilter");
        }
    }

    private void reportSharedAddresses(Interface a, Interface b, String otherEnd) {
        for (Address x : a.getAddresses()) {
            for (Address y : b.getAddresses()) {
                IpAddress ax = x.getAddress();
                if (ax != null && ax.equals(y.getAddress())) {
                    error("Address " + x.getAddress() + " is also assigned to " + otherEnd
                            + ": the two ends of one wire need different addresses", x, P.getAddress_Address(),
                            IssueCodes.ADDRESS_CONFLICT, ax.toString());
                }
            }
        }
    }

    private BridgeInterface otherBridge(BridgeInterface bridge, Interface port) {
        Namespace ns = Namespaces.namespaceOf(bridge);
        if (ns == null) {
            return null;
        }
        for (Interface i : index().interfaces(ns, bridge)) {
            if (i instanceof BridgeInterface other && other != bridge && other.getPorts().contains(port)) {
                return other;
            }
        }
        return null;
    }

    private static List<VethInterface> allVeths(Network n) {
        List<VethInterface> result = new ArrayList<>();
        List<ConfigContainer> containers = new ArrayList<>(n.getNamespaces());
        containers.addAll(n.getExtensions());
        for (ConfigContainer c : containers) {
            for (Interface i : c.getInterfaces()) {
                if (i instanceof VethInterface v) {
                    result.add(v);
                }
            }
        }
        return result;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
