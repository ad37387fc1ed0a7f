package org.netwright.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.netwright.model.ConfigContainer;
import org.netwright.model.Link;
import org.netwright.model.Network;

/**
 * Writes the exports of a model: per namespace {@code <out>/<ns>/ruleset.nft},
 * {@code <out>/<ns>/iptables.rules} and {@code <out>/<ns>/setup.sh} (only the files that have
 * content), plus {@code <out>/topology.sh} for a namespace lab. Everything is rendered and
 * validated before the first file is written; every file is written atomically.
 */
public final class Exporter {
    public static final String NFT_FILE = "ruleset.nft";
    public static final String IPTABLES_FILE = "iptables.rules";
    public static final String SETUP_FILE = "setup.sh";
    public static final String TOPOLOGY_FILE = "topology.sh";

    private Exporter() {
    }

    /** Relative path (with '/') to content, in a deterministic order. Pure: writes nothing. */
    public static Map<String, String> render(Collection<Network> networks, String labPrefix) {
        List<NamespaceConfig> namespaces = NamespaceConfig.of(networks);
        Map<String, String> files = new LinkedHashMap<>();
        for (NamespaceConfig ns : namespaces) {
            String dir = Values.namespaceName(ns.name()) + "/";
            put(files, dir + NFT_FILE, NftExporter.export(ns.name(), ns.all(ConfigContainer::getNftRulesets)));
            put(files, dir + IPTABLES_FILE, IptablesExporter.export(ns.name(), ns.all(ConfigContainer::getIptablesRulesets)));
            put(files, dir + SETUP_FILE, IpScriptExporter.export(ns));
        }
        List<Link> links = new ArrayList<>();
        networks.forEach(n -> links.addAll(n.getLinks()));
        if (!namespaces.isEmpty()) {
            files.put(TOPOLOGY_FILE, TopologyExporter.export(namespaces, links, labPrefix));
        }
        return files;
    }

    private static void put(Map<String, String> files, String path, String content) {
        if (!content.isEmpty()) {
            files.put(path, content);
        }
    }

    public static List<Path> export(Network network, Path outDir, String labPrefix) throws IOException {
        return export(List.of(network), outDir, labPrefix);
    }

    /** Renders everything first (a model that cannot be exported writes no file), then writes atomically. */
    public static List<Path> export(Collection<Network> networks, Path outDir, String labPrefix) throws IOException {
        Map<String, String> files = render(networks, labPrefix);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path target = outDir.resolve(e.getKey());
            AtomicFiles.write(target, e.getValue(), e.getKey().endsWith(".sh"));
            written.add(target);
        }
        return written;
    }
}
