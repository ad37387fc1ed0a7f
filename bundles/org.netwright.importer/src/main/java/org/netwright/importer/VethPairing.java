package org.netwright.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.netwright.importer.IpLinkJson.LinkRecord;
import org.netwright.input.Json;

/**
 * Finds veth pairs across namespaces from {@code ip -j link} records. An end names its peer by
 * {@code link_index} (the peer's ifindex, which is only unique within the peer's namespace) and
 * {@code link_netnsid} (the peer namespace's id as seen from this namespace, resolved with
 * {@code ip -j netns list-id}). When the id cannot be resolved (the root namespace has no name, or the
 * ids were not collected), the pair is found by mutual reference: exactly one veth elsewhere whose
 * ifindex is our link_index and whose link_index is our ifindex.
 */
public final class VethPairing {

    /** One veth pair: namespace and interface of each end. */
    public record Pair(String nsA, String ifA, String nsB, String ifB) {
    }

    /** A bridge and its ports, from the {@code master} of each port. */
    public record Bridge(String namespace, String bridge, List<String> ports) {
    }

    public record Result(List<Pair> pairs, List<Bridge> bridges, List<String> unpaired) {
    }

    private VethPairing() {
    }

    public static Result pair(Map<String, List<LinkRecord>> links, Map<String, Map<Integer, String>> nsids) {
        Map<String, Pair> pairs = new LinkedHashMap<>();
        Set<String> paired = new LinkedHashSet<>();
        List<String[]> unresolved = new ArrayList<>();
        for (Map.Entry<String, List<LinkRecord>> e : links.entrySet()) {
            String ns = e.getKey();
            for (LinkRecord r : e.getValue()) {
                if (!"veth".equals(r.kind()) || r.linkIndex() == null) {
                    continue;
                }
                String peerNs = r.linkNetnsid() == null ? ns : nsids.getOrDefault(ns, Map.of()).get(r.linkNetnsid());
                LinkRecord peer = null;
                if (peerNs != null && links.containsKey(peerNs)) {
                    peer = links.get(peerNs).stream().filter(p -> p.ifindex() == r.linkIndex()).findFirst().orElse(null);
                }
                if (peer == null) {
                    unresolved.add(new String[] { ns, r.ifname(), String.valueOf(r.ifindex()), String.valueOf(r.linkIndex()) });
                    continue;
                }
                add(pairs, paired, ns, r.ifname(), peerNs, peer.ifname());
            }
        }
        List<String> unpaired = new ArrayList<>();
        for (String[] u : unresolved) {
            if (paired.contains(u[0] + "/" + u[1])) {
                continue; // the other end resolved it
            }
            int ifindex = Integer.parseInt(u[2]);
            int linkIndex = Integer.parseInt(u[3]);
            List<String[]> candidates = new ArrayList<>();
            for (Map.Entry<String, List<LinkRecord>> e : links.entrySet()) {
                for (LinkRecord p : e.getValue()) {
                    if ("veth".equals(p.kind()) && p.ifindex() == linkIndex && p.linkIndex() != null && p.linkIndex() == ifindex
                            && !(e.getKey().equals(u[0]) && p.ifname().equals(u[1])) && !paired.contains(e.getKey() + "/" + p.ifname())) {
                        candidates.add(new String[] { e.getKey(), p.ifname() });
                    }
                }
            }
            if (candidates.size() == 1) {
                add(pairs, paired, u[0], u[1], candidates.get(0)[0], candidates.get(0)[1]);
            } else {
                unpaired.add(u[0] + "/" + u[1]);
            }
        }
        List<Bridge> bridges = new ArrayList<>();
        for (Map.Entry<String, List<LinkRecord>> e : links.entrySet()) {
            Map<String, List<String>> byMaster = new LinkedHashMap<>();
            for (LinkRecord r : e.getValue()) {
                if ("bridge".equals(r.kind())) {
                    byMaster.computeIfAbsent(r.ifname(), k -> new ArrayList<>());
                }
            }
            for (LinkRecord r : e.getValue()) {
                if (r.master() != null && byMaster.containsKey(r.master())) {
                    byMaster.get(r.master()).add(r.ifname());
                }
            }
            byMaster.forEach((br, ports) -> bridges.add(new Bridge(e.getKey(), br, ports)));
        }
        return new Result(new ArrayList<>(pairs.values()), bridges, unpaired);
    }

    private static void add(Map<String, Pair> pairs, Set<String> paired, String nsA, String ifA, String nsB, String ifB) {
        String a = nsA + "/" + ifA;
        String b = nsB + "/" + ifB;
        String key = a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
        if (!pairs.containsKey(key)) {
            pairs.put(key, a.compareTo(b) <= 0 ? new Pair(nsA, ifA, nsB, ifB) : new Pair(nsB, ifB, nsA, ifA));
        }
        paired.add(a);
        paired.add(b);
    }

    /** links.json: {"veth_pairs": [[nsA, ifA, nsB, ifB], ...], "bridges": [{"namespace":..,"bridge":..,"ports":[..]}]}. */
    public static String toJson(Result r) {
        StringBuilder sb = new StringBuilder("{\n  \"veth_pairs\": [");
        for (int i = 0; i < r.pairs().size(); i++) {
            Pair p = r.pairs().get(i);
            sb.append(i == 0 ? "\n    [" : ",\n    [").append(Json.quote(p.nsA())).append(", ").append(Json.quote(p.ifA())).append(", ")
                    .append(Json.quote(p.nsB())).append(", ").append(Json.quote(p.ifB())).append(']');
        }
        sb.append(r.pairs().isEmpty() ? "],\n  \"bridges\": [" : "\n  ],\n  \"bridges\": [");
        for (int i = 0; i < r.bridges().size(); i++) {
            Bridge b = r.bridges().get(i);
            sb.append(i == 0 ? "\n    {" : ",\n    {").append("\"namespace\": ").append(Json.quote(b.namespace())).append(", \"bridge\": ")
                    .append(Json.quote(b.bridge())).append(", \"ports\": [");
            for (int j = 0; j < b.ports().size(); j++) {
                sb.append(j == 0 ? "" : ", ").append(Json.quote(b.ports().get(j)));
            }
            sb.append("]}");
        }
        sb.append(r.bridges().isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }
}
