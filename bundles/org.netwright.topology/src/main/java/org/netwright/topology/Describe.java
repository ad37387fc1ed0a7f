package org.netwright.topology;

import java.util.ArrayList;
import java.util.List;

import org.netwright.model.Address;
import org.netwright.model.BridgeInterface;
import org.netwright.model.ConfigContainer;
import org.netwright.model.DummyInterface;
import org.netwright.model.Interface;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.Namespace;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;

/** The words the diagram's figures and the reports' drawings show for model elements. */
public final class Describe {
    private Describe() {
    }

    public static String address(Address a) {
        String text = a.getAddress() == null ? "?" : a.getAddress().toString();
        if (a.getPrefixLength() > 0) {
            text += "/" + a.getPrefixLength();
        }
        return a.isSecondary() ? text + " secondary" : text;
    }

    public static List<String> addresses(Interface itf) {
        List<String> out = new ArrayList<>();
        for (Address a : itf.getAddresses()) {
            out.add(address(a));
        }
        return out;
    }

    public static String kind(Interface itf) {
        if (itf instanceof VethInterface) {
            return "veth";
        }
        if (itf instanceof BridgeInterface) {
            return "bridge";
        }
        if (itf instanceof LoopbackInterface) {
            return "loopback";
        }
        if (itf instanceof PhysicalInterface) {
            return "interface";
        }
        if (itf instanceof DummyInterface) {
            return "dummy";
        }
        return itf.eClass().getName().replace("Interface", "").toLowerCase();
    }

    /** Whether the blocks of a namespace switch IPv4 forwarding on ({@code net.ipv4.ip_forward = 1}). */
    public static boolean forwards(List<? extends ConfigContainer> blocks) {
        for (ConfigContainer block : blocks) {
            for (Sysctl s : block.getSysctls()) {
                if ("net.ipv4.ip_forward".equals(s.getKey()) && s.getValue() != null && "1".equals(s.getValue().strip())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The summary line of a namespace: role, forwarding, routes, rule sets. */
    public static List<String> facts(Namespace ns) {
        return facts(ns, List.of(ns));
    }

    /** As {@link #facts(Namespace)}, counting what {@code extend} blocks add to the namespace too. */
    public static List<String> facts(Namespace ns, List<? extends ConfigContainer> blocks) {
        List<String> facts = new ArrayList<>();
        if (ns.getDescription() != null && !ns.getDescription().isBlank()) {
            facts.add(ns.getDescription().strip());
        }
        int routes = 0;
        boolean forwarding = forwards(blocks);
        boolean nft = false;
        boolean ipt = false;
        boolean xfrm = false;
        for (ConfigContainer block : blocks) {
            routes += block.getRoutes().size();
            nft |= !block.getNftRulesets().isEmpty();
            ipt |= !block.getIptablesRulesets().isEmpty();
            xfrm |= !block.getXfrmPolicies().isEmpty() || !block.getXfrmStates().isEmpty();
        }
        if (forwarding) {
            facts.add("forwarding");
        }
        if (routes > 0) {
            facts.add(routes + (routes == 1 ? " route" : " routes"));
        }
        if (nft) {
            facts.add("nftables");
        }
        if (ipt) {
            facts.add("iptables");
        }
        if (xfrm) {
            facts.add("xfrm");
        }
        return facts;
    }
}
