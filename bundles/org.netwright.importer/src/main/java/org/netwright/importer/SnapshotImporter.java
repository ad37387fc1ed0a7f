package org.netwright.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.netwright.input.InputException;
import org.netwright.input.InputFiles;
import org.netwright.input.Json;
import org.netwright.model.semantics.IpAddress.Family;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;

/**
 * Reads a host snapshot (the folder {@link SnapshotCollector} writes, or one put together by hand) into a
 * {@link Network}: one {@link Namespace} per subfolder, each file optional, then veth peers and bridge
 * ports from {@code links.json}. Problems of every file are collected with file, line/column or JSON path;
 * nothing that could be imported is dropped because something else in the same file was not understood.
 * <p>
 * Where a namespace has both {@code nft.json} and {@code iptables-save.txt}, the {@code ip} tables that
 * iptables-nft wrote (they show up in nft -j as xtables-compat expressions) are taken from
 * iptables-save.txt and left out of the nft ruleset; the namespace's description says so.
 */
public final class SnapshotImporter {

    public static final List<String> FILES = List.of("link.json", "addr.json", "route.json", "rule.json", "route6.json", "rule6.json",
            "nft.json", "iptables-save.txt", "ip6tables-save.txt", "xfrm-state.txt", "xfrm-policy.txt", "sysctl.txt", "nft.txt", "neigh.json");

    public record Result(Network network, List<ImportProblem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(ImportProblem::isError);
        }
    }

    public Result importFolder(Path dir) throws IOException {
        List<ImportProblem> problems = new ArrayList<>();
        Network network = NsModel.F.createNetwork();
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        List<Path> nsDirs;
        try (Stream<Path> s = Files.list(dir)) {
            nsDirs = s.filter(Files::isDirectory).sorted().toList();
        }
        if (nsDirs.isEmpty()) {
            // the same answer for import and walk: an empty model is refused everywhere, so is an empty snapshot
            problems.add(new ImportProblem(ImportProblem.Severity.ERROR, "", 0, 0,
                    "not a snapshot folder: it holds no namespace folders (each with link.json, addr.json, route.json, ...)"));
            return new Result(network, problems);
        }
        Map<String, List<IpLinkJson.LinkRecord>> linkRecords = new LinkedHashMap<>();
        for (Path nsDir : nsDirs) {
            String name = nsDir.getFileName().toString();
            Namespace ns = NsModel.F.createNamespace();
            ns.setName(name);
            network.getNamespaces().add(ns);
            importNamespace(ns, nsDir, problems, linkRecords);
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().equals("links.json")).sorted()
                    .forEach(p -> problems.add(new ImportProblem(ImportProblem.Severity.INFO, p.getFileName().toString(), 0, 0,
                            "not part of a snapshot; ignored")));
        }
        Path links = dir.resolve("links.json");
        if (Files.exists(links)) {
            String text = text(dir, null, "links.json", problems);
            if (text != null) {
                importLinks(network, text, problems);
            }
        } else {
            VethPairing.Result r = VethPairing.pair(linkRecords, Map.of());
            problems.add(new ImportProblem(ImportProblem.Severity.WARNING, "links.json", 0, 0,
                    "missing: veth pairs were inferred from link indexes (" + r.pairs().size() + " found, " + r.unpaired().size() + " unpaired)"));
            for (VethPairing.Pair p : r.pairs()) {
                connect(network, p.nsA(), p.ifA(), p.nsB(), p.ifB(), "links.json", null, problems);
            }
        }
        return new Result(network, problems);
    }

    /**
     * One dump of the snapshot, or null when there is none. Only a regular file of at most {@link InputFiles#DUMP_BYTES} is
     * read (a pipe or a device in its place is an error, never waited on); text that is not UTF-8 is read as Latin-1
     * (iptables comments may hold such bytes); a text dump's lines are bounded.
     */
    private static String text(Path dir, String ns, String file, List<ImportProblem> problems) {
        Path p = dir.resolve(file);
        String shown = ns == null ? file : ns + "/" + file;
        if (!Files.exists(p)) {
            return null;
        }
        try {
            byte[] bytes = InputFiles.readBytes(p, InputFiles.DUMP_BYTES);
            String text;
            try {
                text = InputFiles.decodeUtf8(shown, bytes);
            } catch (InputException e) {
                text = new String(bytes, StandardCharsets.ISO_8859_1);
            }
            if (file.endsWith(".txt")) {
                InputFiles.checkLineLength(shown, text, InputFiles.MAX_LINE_CHARS);
            }
            return text;
        } catch (InputException e) {
            problems.add(new ImportProblem(ImportProblem.Severity.ERROR, shown, e.line(), e.column(), e.getMessage() + "; not imported"));
            return null;
        }
    }

    private void importNamespace(Namespace ns, Path nsDir, List<ImportProblem> problems, Map<String, List<IpLinkJson.LinkRecord>> linkRecords)
            throws IOException {
        String n = ns.getName();
        try (Stream<Path> s = Files.list(nsDir)) {
            s.map(p -> p.getFileName().toString()).filter(f -> !FILES.contains(f)).sorted()
                    .forEach(f -> problems.add(new ImportProblem(ImportProblem.Severity.INFO, n + "/" + f, 0, 0, "not a snapshot file; ignored")));
        }
        String link = text(nsDir, n, "link.json", problems);
        if (link != null) {
            IpLinkJson.Result r = new IpLinkJson().importInto(ns, n + "/link.json", link);
            problems.addAll(r.problems());
            linkRecords.put(n, r.links());
        }
        String addr = text(nsDir, n, "addr.json", problems);
        if (addr != null) {
            problems.addAll(new IpAddrJson().importInto(ns, n + "/addr.json", addr));
        }
        String route = text(nsDir, n, "route.json", problems);
        if (route != null) {
            // ip route show table all lists the IPv6 routes too; a snapshot with route6.json has them from there
            problems.addAll(Files.isRegularFile(nsDir.resolve("route6.json"))
                    ? new IpRouteJson().importInto(ns, n + "/route.json", route, Family.IPV4)
                    : new IpRouteJson().importInto(ns, n + "/route.json", route));
        }
        String rule = text(nsDir, n, "rule.json", problems);
        if (rule != null) {
            problems.addAll(new IpRuleJson().importInto(ns, n + "/rule.json", rule));
        }
        String route6 = text(nsDir, n, "route6.json", problems);
        if (route6 != null) {
            problems.addAll(new IpRouteJson().importInto(ns, n + "/route6.json", route6, Family.IPV6));
        }
        String rule6 = text(nsDir, n, "rule6.json", problems);
        if (rule6 != null) {
            problems.addAll(new IpRuleJson().importInto(ns, n + "/rule6.json", rule6, Family.IPV6));
        }
        String neigh = text(nsDir, n, "neigh.json", problems);
        if (neigh != null) {
            problems.addAll(new IpNeighJson().importInto(ns, n + "/neigh.json", neigh));
        }
        Set<String> fromIptables = Set.of();
        String ipt = text(nsDir, n, "iptables-save.txt", problems);
        IptablesSaveParser.Result iptResult = null;
        if (ipt != null) {
            IptablesSaveParser.Result r = new IptablesSaveParser().parse(n + "/iptables-save.txt", ipt);
            iptResult = r;
            problems.addAll(r.problems());
            ns.getIptablesRulesets().addAll(r.rulesets());
            fromIptables = r.nftTables();
        }
        String ip6t = text(nsDir, n, "ip6tables-save.txt", problems);
        Set<String> fromIp6tables = Set.of();
        IptablesSaveParser.Result ip6Result = null;
        if (ip6t != null) {
            IptablesSaveParser.Result r = new IptablesSaveParser().parse(n + "/ip6tables-save.txt", ip6t);
            ip6Result = r;
            problems.addAll(r.problems());
            r.rulesets().forEach(rs -> rs.setIpv6(true));
            ns.getIptablesRulesets().addAll(r.rulesets());
            fromIp6tables = r.nftTables();
        }
        String nft = text(nsDir, n, "nft.json", problems);
        StringBuilder description = new StringBuilder("Imported from a host snapshot (" + n + ").");
        if (nft != null && iptResult != null) {
            fromIptables = ownedByIptablesNft(ns, n, iptResult, nft, problems);
        }
        if (nft != null) {
            String nftText = text(nsDir, n, "nft.txt", problems);
            Set<String> skipped = new java.util.LinkedHashSet<>(fromIptables);
            fromIp6tables.forEach(t -> skipped.add("ip6 " + t)); // ip6tables-nft's tables: taken from ip6tables-save.txt
            NftJsonImporter.Result r = new NftJsonImporter().importInto(ns, n + "/nft.json", nft, skipped,
                    nftText == null ? NftTextDevices.Listing.NONE : NftTextDevices.read(nftText));
            if (iptResult != null) {
                pruneSynthesizedChains(iptResult, nft, "ip");
            }
            if (ip6Result != null) {
                pruneSynthesizedChains(ip6Result, nft, "ip6");
            }
            problems.addAll(r.problems());
            if (!r.skippedTables().isEmpty()) {
                String tables = String.join(", ", r.skippedTables());
                description.append(" nft tables ").append(tables)
                        .append(" were written by iptables-nft (xtables-compat): they are imported from iptables-save.txt, not from nft.json.");
                problems.add(new ImportProblem(ImportProblem.Severity.INFO, n + "/nft.json", 0, 0,
                        "tables " + tables + " taken from iptables-save.txt instead (iptables-nft)"));
            }
            if (!r.xtablesTables().isEmpty()) {
                String tables = String.join(", ", r.xtablesTables());
                description.append(" nft tables ").append(tables).append(" hold iptables-nft rules but no iptables-save.txt covers them:")
                        .append(" those rules are kept opaque.");
                problems.add(new ImportProblem(ImportProblem.Severity.WARNING, n + "/nft.json", 0, 0,
                        "tables " + tables + " hold iptables-nft (xtables-compat) rules; add iptables-save output to the snapshot to import them"));
            }
            if (r.opaqueRules() > 0) {
                description.append(' ').append(r.opaqueRules()).append(" nft rule(s) kept opaque (comment starts with 'netwright: opaque').");
            }
        }
        ns.setDescription(description.toString());
        String state = text(nsDir, n, "xfrm-state.txt", problems);
        if (state != null) {
            problems.addAll(new XfrmTextParser().parseStates(ns, n + "/xfrm-state.txt", state).problems());
        }
        String policy = text(nsDir, n, "xfrm-policy.txt", problems);
        if (policy != null) {
            problems.addAll(new XfrmTextParser().parsePolicies(ns, n + "/xfrm-policy.txt", policy).problems());
        }
        String sysctl = text(nsDir, n, "sysctl.txt", problems);
        if (sysctl != null) {
            SysctlParser.Result r = new SysctlParser().parse(n + "/sysctl.txt", sysctl);
            problems.addAll(r.problems());
            Map<String, String> kept = relevantSysctls(r.values());
            kept.forEach((k, v) -> {
                Sysctl sc = NsModel.F.createSysctl();
                sc.setKey(k);
                sc.setValue(v);
                ns.getSysctls().add(sc);
            });
            if (r.values().size() > kept.size()) {
                problems.add(new ImportProblem(ImportProblem.Severity.INFO, n + "/sysctl.txt", 0, 0, (r.values().size() - kept.size())
                        + " sysctls are not imported: they do not change what the model describes, or an interface has its namespace's default"));
            }
        }
    }

    /**
     * The ip tables that iptables-save.txt and nft.json both show are taken from iptables-save.txt only when iptables-nft
     * owns them ({@link NftJsonImporter#iptablesNftTables}); a native nft table stays in the nft ruleset, and iptables-nft-save's
     * lossy view of it is left out of the iptables import. Both decisions are reported, naming the table.
     */
    private static Set<String> ownedByIptablesNft(Namespace ns, String n, IptablesSaveParser.Result ipt,
            String nftJson, List<ImportProblem> problems) {
        NftJsonImporter.IptablesNftTables view = NftJsonImporter.iptablesNftTables(nftJson);
        Map<String, Integer> owned = view.owned();
        Set<String> fromIptables = new LinkedHashSet<>();
        for (String table : ipt.nftTables()) {
            if (!view.nativeTables().contains(table)) {
                fromIptables.add(table);
                int foreign = owned.getOrDefault(table, 0);
                if (foreign > 0) {
                    problems.add(new ImportProblem(ImportProblem.Severity.WARNING, n + "/nft.json", 0, 0, "table ip " + table + " holds "
                            + foreign + " rule(s) iptables-nft did not write (no counter); they are imported as iptables-nft-save "
                            + "translates them, which can lose matches: compare with nft.txt"));
                }
                continue;
            }
            // a native nft table: iptables-nft-save shows it translated (or empty, or refuses it); nft.json is the truth
            for (org.netwright.model.IptablesRuleset rs : List.copyOf(ns.getIptablesRulesets())) {
                if (ipt.rulesets().contains(rs) && ipt.variant(rs) != IptablesSaveParser.Variant.LEGACY
                        && rs.getTables().removeIf(t -> t.getTable().getLiteral().equals(table))) {
                    problems.add(new ImportProblem(ImportProblem.Severity.INFO, n + "/iptables-save.txt", 0, 0, "table " + table
                            + " is the native nft table ip " + table + " seen through iptables-nft (its rules are not iptables-nft's);"
                            + " it is imported from nft.json and iptables-save.txt's view of it is left out"));
                    if (rs.getTables().isEmpty()) {
                        ns.getIptablesRulesets().remove(rs);
                    }
                }
            }
        }
        return fromIptables;
    }

    /**
     * iptables-nft-save lists every built-in chain of a table, also those that do not exist in nftables (iptables-nft
     * creates a base chain only when a rule or policy needs it). Such a chain, empty with policy ACCEPT and absent from
     * nft.json, is left out, so that exporting the import creates the same nft chains as the host has.
     */
    /** @param family the nft family of the tables the save tool wrote (ip for iptables, ip6 for ip6tables) */
    private static void pruneSynthesizedChains(IptablesSaveParser.Result ipt, String nftJson, String family) {
        Map<String, Set<String>> nftChains = new LinkedHashMap<>();
        try {
            Json.Value doc = Json.parse(nftJson);
            Json.Value items = doc.get("nftables");
            for (Json.Value item : items == null ? List.<Json.Value>of() : items.items()) {
                Json.Value c = item.get("chain");
                if (c != null && family.equals(c.str("family"))) {
                    nftChains.computeIfAbsent(c.str("table"), k -> new java.util.HashSet<>()).add(c.str("name"));
                }
            }
        } catch (Json.ParseException e) {
            return; // reported by the nft importer; nothing is pruned without a readable dump
        }
        for (org.netwright.model.IptablesRuleset rs : ipt.rulesets()) {
            if (ipt.variant(rs) != IptablesSaveParser.Variant.NFT) {
                continue;
            }
            for (org.netwright.model.IptablesTable t : rs.getTables()) {
                Set<String> present = nftChains.get(t.getTable().getLiteral());
                if (present == null) {
                    continue;
                }
                t.getChains().removeIf(c -> c.getBuiltin() != null && c.getBuiltin() != org.netwright.model.IptBuiltinChain.NONE
                        && c.getPolicy() == org.netwright.model.IptChainPolicy.ACCEPT && c.getPackets() == 0 && c.getBytes() == 0
                        && !present.contains(c.getBuiltin().getLiteral())
                        && t.getRules().stream().noneMatch(r -> r.getBuiltinChain() == c.getBuiltin()));
            }
        }
    }

    private static final java.util.regex.Pattern GLOBAL_SYSCTL = java.util.regex.Pattern.compile(
            "net\\.ipv4\\.ip_forward|net\\.ipv6\\.conf\\.all\\.forwarding|net\\.bridge\\.bridge-nf-call-(iptables|ip6tables|arptables)|net\\.bridge\\.bridge-nf-filter-vlan-tagged");
    private static final java.util.regex.Pattern CONF_SYSCTL = java.util.regex.Pattern.compile(
            "net\\.ipv4\\.conf\\.(.+)\\.(rp_filter|arp_filter|accept_local|route_localnet|proxy_arp|src_valid_mark|disable_xfrm|disable_policy)");

    /**
     * The sysctls that change what the model describes (forwarding, reverse-path filtering, bridge netfilter, local
     * routing): global ones, those of conf.all and conf.default, and an interface's only where it differs from its
     * namespace's conf.default (which it inherited when it was created). Values with their white space as one space.
     */
    static Map<String, String> relevantSysctls(Map<String, String> all) {
        Map<String, String> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            String value = v.strip().replaceAll("\\s+", " ");
            if (GLOBAL_SYSCTL.matcher(k).matches()) {
                out.put(k, value);
                return;
            }
            var m = CONF_SYSCTL.matcher(k);
            if (m.matches()) {
                String itf = m.group(1);
                String dflt = all.get("net.ipv4.conf.default." + m.group(2));
                if (itf.equals("all") || itf.equals("default") || dflt == null || !dflt.strip().equals(v.strip())) {
                    out.put(k, value);
                }
            }
        });
        return out;
    }


    private void importLinks(Network network, String text, List<ImportProblem> problems) {
        String file = "links.json";
        Json.Value doc = NsModel.load(file, text, problems);
        if (doc == null) {
            return;
        }
        if (!doc.isObject()) {
            problems.add(ImportProblem.at(ImportProblem.Severity.ERROR, file, doc, "expected {\"veth_pairs\": [...], \"bridges\": [...]}"));
            return;
        }
        Json.Value pairs = doc.get("veth_pairs");
        for (Json.Value p : pairs == null ? List.<Json.Value>of() : pairs.items()) {
            if (NsModel.skipIncomplete(file, p, problems)) {
                continue;
            }
            List<Json.Value> v = p.items();
            if (v.size() != 4 || v.stream().anyMatch(x -> !x.isString())) {
                problems.add(ImportProblem.at(ImportProblem.Severity.ERROR, file, p, "expected [\"ns-a\", \"if-a\", \"ns-b\", \"if-b\"]"));
                continue;
            }
            connect(network, v.get(0).text(), v.get(1).text(), v.get(2).text(), v.get(3).text(), file, p, problems);
        }
        Json.Value bridges = doc.get("bridges");
        for (Json.Value b : bridges == null ? List.<Json.Value>of() : bridges.items()) {
            if (NsModel.skipIncomplete(file, b, problems)) {
                continue;
            }
            Namespace ns = namespace(network, b.str("namespace"));
            Interface br = ns == null ? null : NsModel.iface(ns, b.str("bridge"));
            if (!(br instanceof BridgeInterface bridge)) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, b,
                        "bridge " + b.str("namespace") + "/" + b.str("bridge") + " is not a bridge in that namespace's link.json"));
                continue;
            }
            Json.Value ports = b.get("ports");
            for (Json.Value port : ports == null ? List.<Json.Value>of() : ports.items()) {
                Interface i = NsModel.iface(ns, port.text());
                if (i == null) {
                    problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, port, "bridge port " + port.text() + " not found in " + ns.getName()));
                } else if (!bridge.getPorts().contains(i)) {
                    bridge.getPorts().add(i);
                }
            }
        }
    }

    private static Namespace namespace(Network network, String name) {
        return network.getNamespaces().stream().filter(n -> n.getName().equals(name)).findFirst().orElse(null);
    }

    private static void connect(Network network, String nsA, String ifA, String nsB, String ifB, String file, Json.Value where,
            List<ImportProblem> problems) {
        Namespace a = namespace(network, nsA);
        Namespace b = namespace(network, nsB);
        Interface ia = a == null ? null : NsModel.iface(a, ifA);
        Interface ib = b == null ? null : NsModel.iface(b, ifB);
        if (!(ia instanceof VethInterface va) || !(ib instanceof VethInterface vb)) {
            problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, where,
                    "veth pair " + nsA + "/" + ifA + " - " + nsB + "/" + ifB + ": "
                            + (ia == null ? nsA + "/" + ifA : ib == null ? nsB + "/" + ifB : "an end") + " is not a veth in the snapshot; pair not imported"));
            return;
        }
        va.setPeer(vb);
        vb.setPeer(va);
    }
}
