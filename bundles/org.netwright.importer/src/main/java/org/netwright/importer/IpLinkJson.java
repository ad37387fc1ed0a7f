package org.netwright.importer;

import java.util.ArrayList;
import java.util.List;

import org.netwright.input.Json;
import org.netwright.model.BridgeInterface;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.VlanInterface;

/**
 * Imports {@code ip -j link} (preferably {@code ip -d -j link}, whose {@code linkinfo.info_kind} tells the
 * interface kind) into interfaces of a namespace: name, MAC, MTU, down, kind (loopback, veth, bridge,
 * vlan, dummy, else physical), bridge ports from {@code master}, VLAN parent and id.
 */
public final class IpLinkJson {

    /** What veth pairing needs from one link: ifindex, peer ifindex and peer netns id (null = same namespace). */
    public record LinkRecord(String ifname, int ifindex, String kind, Integer linkIndex, Integer linkNetnsid, String master) {
    }

    public record Result(List<LinkRecord> links, List<ImportProblem> problems) {
    }

    /** Parses without a model (used by the snapshot collector for veth pairing). */
    public Result read(String file, String text) {
        return importInto(null, file, text);
    }

    public Result importInto(ConfigContainer ns, String file, String text) {
        List<ImportProblem> problems = new ArrayList<>();
        List<LinkRecord> records = new ArrayList<>();
        List<Json.Value> items = NsModel.topArray(file, NsModel.load(file, text, problems), problems);
        List<Runnable> secondPass = new ArrayList<>();
        for (Json.Value l : items) {
            if (NsModel.skipIncomplete(file, l, problems)) {
                continue;
            }
            String name = l.str("ifname");
            Long ifindex = l.longOf("ifindex");
            if (name == null || ifindex == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, l, "link without ifname/ifindex; skipped"));
                continue;
            }
            Json.Value info = l.get("linkinfo");
            String kind = info == null ? null : info.str("info_kind");
            if (kind == null) {
                if ("loopback".equals(l.str("link_type"))) {
                    kind = "loopback";
                } else if (l.has("link_netnsid")) {
                    kind = "veth"; // ip -j link without -d: a link into another namespace is most likely a veth
                }
            }
            Long li = l.longOf("link_index");
            Long nsid = l.longOf("link_netnsid");
            records.add(new LinkRecord(name, ifindex.intValue(), kind, li == null ? null : li.intValue(),
                    nsid == null ? null : nsid.intValue(), l.str("master")));
            if (ns == null) {
                continue;
            }
            Interface iface = switch (kind == null ? "" : kind) {
                case "loopback" -> NsModel.F.createLoopbackInterface();
                case "veth" -> NsModel.F.createVethInterface();
                case "bridge" -> NsModel.F.createBridgeInterface();
                case "dummy" -> NsModel.F.createDummyInterface();
                case "vlan" -> NsModel.F.createVlanInterface();
                default -> NsModel.F.createPhysicalInterface();
            };
            if (kind != null && !List.of("loopback", "veth", "bridge", "dummy", "vlan").contains(kind)) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, l,
                        "interface " + name + " of kind '" + kind + "' is not modelled; imported as a physical interface"));
            }
            iface.setName(name);
            String mac = l.str("address");
            if (mac != null && !"loopback".equals(kind)) {
                iface.setMac(mac);
            }
            Long mtu = l.longOf("mtu");
            if (mtu != null && !"loopback".equals(kind)) {
                iface.setMtu(mtu.intValue());
            }
            Json.Value flags = l.get("flags");
            boolean up = false;
            if (flags != null) {
                for (Json.Value f : flags.items()) {
                    up |= "UP".equals(f.text());
                }
            }
            iface.setDown(!up);
            ns.getInterfaces().add(iface);
            String master = l.str("master");
            if (master != null) {
                secondPass.add(() -> {
                    Interface m = NsModel.iface(ns, master);
                    if (m instanceof BridgeInterface br) {
                        if (!br.getPorts().contains(iface)) {
                            br.getPorts().add(iface);
                        }
                    } else {
                        problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, l,
                                "master " + master + " of " + name + " is not a bridge in this dump; enslavement not imported"));
                    }
                });
            }
            if (iface instanceof VlanInterface vlan) {
                Json.Value data = info == null ? null : info.get("info_data");
                Long id = data == null ? null : data.longOf("id");
                if (id != null) {
                    vlan.setVlanId(id.intValue());
                }
                String parent = l.str("link");
                secondPass.add(() -> {
                    Interface p = NsModel.iface(ns, parent);
                    if (p != null) {
                        vlan.setParent(p);
                    } else {
                        problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, l,
                                "parent of VLAN " + name + " is not in this namespace's dump"));
                    }
                });
            }
        }
        secondPass.forEach(Runnable::run);
        return new Result(records, problems);
    }
}
