package org.netwright.export;

import static org.netwright.export.KernelNames.shellQuote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.netwright.model.BridgeInterface;
import org.netwright.model.DummyInterface;
import org.netwright.model.Interface;
import org.netwright.model.Link;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.Namespace;
import org.netwright.model.VethInterface;
import org.netwright.model.VlanInterface;

/**
 * A lab script that builds the model's topology from network namespaces: {@code topology.sh up}
 * creates one namespace per model namespace (name = prefix + model name), the veth pairs, a veth
 * pair for every link between two interfaces, a stand-in for every other physical interface, and
 * the dummy, bridge and vlan devices; {@code topology.sh down} deletes the namespaces again.
 * Where the kernel has no dummy driver, a stand-in is a veth whose peer sits in a stub namespace.
 */
public final class TopologyExporter {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{0,40}");
    /** Suffix of the stub namespace: model namespace names cannot contain '.', so it never clashes. */
    static final String STUB_SUFFIX = "nw.stubs";

    private TopologyExporter() {
    }

    public static String namespaceName(String prefix, String model) {
        return checkedPrefix(prefix) + Values.namespaceName(model);
    }

    static String checkedPrefix(String prefix) {
        String p = prefix == null ? "" : prefix;
        if (!PREFIX.matcher(p).matches() || p.startsWith(".")) {
            throw Values.fail("namespace prefix", p, "is not valid (at most 40 letters, digits, '_', '.', '-')");
        }
        return p;
    }

    public static String export(List<NamespaceConfig> namespaces, List<Link> links, String prefix) {
        String stub = checkedPrefix(prefix) + STUB_SUFFIX;
        Map<Namespace, String> nsNames = new LinkedHashMap<>();
        for (NamespaceConfig ns : namespaces) {
            nsNames.put(ns.namespace(), namespaceName(prefix, ns.name()));
        }
        List<String> up = new ArrayList<>();
        Set<Interface> created = new HashSet<>();
        // veth pairs, declared on one or both sides
        for (NamespaceConfig ns : namespaces) {
            for (Interface itf : ns.interfaces()) {
                if (itf instanceof VethInterface v && v.getPeer() != null && !created.contains(v)) {
                    pair(up, nsNames, v, v.getPeer(), "veth pair");
                    created.add(v);
                    created.add(v.getPeer());
                }
            }
        }
        for (Link link : links) {
            if (link.getA() == null || link.getB() == null) {
                throw new ExportException("link with a missing end");
            }
            if (created.contains(link.getA()) || created.contains(link.getB())) {
                throw new ExportException("interface '" + link.getA().getName() + "' or '" + link.getB().getName() + "' is connected twice");
            }
            pair(up, nsNames, link.getA(), link.getB(), "link");
            created.add(link.getA());
            created.add(link.getB());
        }
        // stand-ins for unconnected interfaces that a real box would have; dummies; bridges and vlans
        // (a vlan after its parent); then bridge ports
        int stubs = 0;
        List<String> devices = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (NamespaceConfig ns : namespaces) {
            String nsq = shellQuote(nsNames.get(ns.namespace()));
            List<Interface> ordered = new ArrayList<>(ns.interfaces());
            ordered.sort((a, b) -> Integer.compare(depth(a), depth(b)));
            for (Interface itf : ordered) {
                String n = shellQuote(Values.interfaceName(itf.getName(), "interface of namespace '" + ns.name() + "'"));
                boolean loopback = itf instanceof LoopbackInterface && "lo".equals(itf.getName());
                if (itf instanceof DummyInterface || (itf instanceof LoopbackInterface && !loopback)) {
                    devices.add("stand_in " + nsq + " " + n + " " + shellQuote("s" + (stubs++)) + " dummy");
                } else if (itf instanceof VlanInterface) {
                    devices.add("ip -n " + nsq + " " + IpScriptExporter.createArguments(itf) + " 2>/dev/null ||");
                    devices.add("\tstand_in " + nsq + " " + n + " " + shellQuote("s" + (stubs++)) + " vlan");
                } else if (itf instanceof BridgeInterface br) {
                    devices.add("ip -n " + nsq + " " + IpScriptExporter.createArguments(itf));
                    for (Interface port : br.getPorts()) {
                        ports.add("ip -n " + nsq + " link set dev " + shellQuote(Values.interfaceName(port.getName(), "bridge port")) + " master "
                                + shellQuote(br.getName()));
                    }
                } else if (!created.contains(itf) && !loopback) {
                    devices.add("# " + ns.name() + ":" + itf.getName() + " is not connected: a stand-in " + kind(itf));
                    devices.add("stand_in " + nsq + " " + n + " " + shellQuote("s" + (stubs++)) + " stand-in");
                }
            }
        }
        boolean needStub = stubs > 0;
        if (needStub) {
            up.add(0, "ip netns add " + shellQuote(stub));
            up.add(1, "ip -n " + shellQuote(stub) + " link set dev lo up");
        }
        up.addAll(devices);
        up.addAll(ports);

        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n");
        out.append("# Lab topology exported by Netwright: network namespaces and the links between them.\n");
        out.append("# usage (as root): topology.sh [up|down]; then configure each namespace with\n");
        out.append("#   ip netns exec <prefix><namespace> sh <namespace>/setup.sh\n");
        out.append("set -eu\n\n");
        out.append("down() {\n");
        for (String name : nsNames.values()) {
            out.append("\tip netns del ").append(shellQuote(name)).append(" 2>/dev/null || true\n");
        }
        if (needStub) {
            out.append("\tip netns del ").append(shellQuote(stub)).append(" 2>/dev/null || true\n");
        }
        out.append("}\n\n");
        if (needStub) {
            String sq = shellQuote(stub);
            out.append("# stand_in NS IFNAME STUBPEER KIND: a dummy device, else a veth whose peer (up) waits in the\n");
            out.append("# stub namespace; warns when a dummy or vlan of the model has to be replaced by a stand-in\n");
            out.append("stand_in() {\n");
            out.append("\tif ip -n \"$1\" link add \"$2\" type dummy 2>/dev/null; then\n");
            out.append("\t\t[ \"$4\" != vlan ] || echo \"topology.sh: warning: no vlan driver in this kernel; $1:$2 is a dummy stand-in\" >&2\n");
            out.append("\t\treturn 0\n");
            out.append("\tfi\n");
            out.append("\t[ \"$4\" = stand-in ] || echo \"topology.sh: warning: no $4 driver in this kernel; $1:$2 is a veth stand-in\" >&2\n");
            out.append("\tip link add \"$2\" netns \"$1\" type veth peer name \"$3\" netns ").append(sq).append('\n');
            out.append("\tip -n ").append(sq).append(" link set dev \"$3\" up\n");
            out.append("}\n\n");
        }
        out.append("case \"${1:-up}\" in\n");
        out.append("down) down; exit 0 ;;\n");
        out.append("up) ;;\n");
        out.append("*) echo \"usage: $0 [up|down]\" >&2; exit 2 ;;\n");
        out.append("esac\n\n");
        for (String name : nsNames.values()) {
            out.append("ip netns add ").append(shellQuote(name)).append('\n');
        }
        for (String l : up) {
            out.append(l).append('\n');
        }
        return out.toString();
    }

    private static String kind(Interface itf) {
        return itf instanceof VethInterface ? "for a veth without peer" : "for a physical interface";
    }

    private static int depth(Interface itf) {
        int d = 0;
        for (Interface i = itf; i instanceof VlanInterface v && v.getParent() != null && d < 64; i = v.getParent()) {
            d++;
        }
        return d;
    }

    private static void pair(List<String> up, Map<Namespace, String> nsNames, Interface a, Interface b, String what) {
        String nsA = nsNames.get(NamespaceConfig.namespaceOf(a));
        String nsB = nsNames.get(NamespaceConfig.namespaceOf(b));
        if (nsA == null || nsB == null) {
            throw new ExportException(what + " " + a.getName() + " <-> " + b.getName() + " has an end outside the exported namespaces");
        }
        String nameA = Values.interfaceName(a.getName(), what + " end");
        String nameB = Values.interfaceName(b.getName(), what + " end");
        if (nsA.equals(nsB) && nameA.equals(nameB)) {
            throw new ExportException(what + " connects " + nameA + " to itself");
        }
        up.add("# " + what + " " + NamespaceConfig.namespaceOf(a).getName() + ":" + nameA + " <-> " + NamespaceConfig.namespaceOf(b).getName() + ":" + nameB);
        up.add("ip link add " + shellQuote(nameA) + " netns " + shellQuote(nsA) + " type veth peer name " + shellQuote(nameB) + " netns "
                + shellQuote(nsB));
    }
}
