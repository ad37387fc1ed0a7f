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
import org.netwright.model.semantics.IpAddress.Family;
import org.netwright.model.semantics.NamespaceConfig;

/**
 * Writes the exports of a model: per namespace {@code <out>/<ns>/ruleset.nft},
 * {@code <out>/<ns>/iptables.rules}, {@code <out>/<ns>/ip6tables.rules} and {@code <out>/<ns>/setup.sh} (only the files that have
 * content). Everything is rendered and validated before the first file is written; the export is
 * published as one set ({@link AtomicFolder}): the folder holds the whole previous export or the whole new one.
 * {@code org.netwright.lab.ModelLab} builds the namespaces and cables these files expect.
 */
public final class Exporter {
    public static final String NFT_FILE = "ruleset.nft";
    public static final String IPTABLES_FILE = "iptables.rules";
    public static final String IP6TABLES_FILE = "ip6tables.rules";
    public static final String SETUP_FILE = "setup.sh";

    private Exporter() {
    }

    /** Relative path (with '/') to content, in a deterministic order. Pure: writes nothing. */
    public static Map<String, String> render(Collection<Network> networks) {
        List<NamespaceConfig> namespaces = Models.namespaces(networks);
        Map<String, String> files = new LinkedHashMap<>();
        for (NamespaceConfig ns : namespaces) {
            String dir = Values.namespaceName(ns.name()) + "/";
            put(files, dir + NFT_FILE, NftExporter.export(ns.name(), ns.all(ConfigContainer::getNftRulesets)));
            put(files, dir + IPTABLES_FILE, IptablesExporter.export(ns.name(), ns.all(ConfigContainer::getIptablesRulesets), Family.IPV4));
            put(files, dir + IP6TABLES_FILE, IptablesExporter.export(ns.name(), ns.all(ConfigContainer::getIptablesRulesets), Family.IPV6));
            put(files, dir + SETUP_FILE, IpScriptExporter.export(ns));
        }
        // links are cabled by the lab; an inconsistent one is an export error too
        LabTopology.of(namespaces, links(networks));
        return files;
    }

    private static void put(Map<String, String> files, String path, String content) {
        if (!content.isEmpty()) {
            files.put(path, content);
        }
    }

    public static List<Link> links(Collection<Network> networks) {
        List<Link> links = new ArrayList<>();
        networks.forEach(n -> links.addAll(n.getLinks()));
        return links;
    }

    /** {@code network} and the networks it imports ({@link Models#withImports}). */
    public static List<Path> export(Network network, Path outDir) throws IOException {
        return export(Models.withImports(network), outDir);
    }

    /** Renders everything first (a model that cannot be exported writes no file), then writes atomically. */
    public static List<Path> export(Collection<Network> networks, Path outDir) throws IOException {
        return write(render(networks), outDir);
    }

    /**
     * Replaces {@code outDir} by a folder of the rendered files (relative path to content) as one set; scripts get
     * mode 755. {@code outDir} must be new, empty or a previous export ({@link AtomicFolder}).
     *
     * @throws ExportWriteException nothing was published; the message says why, the previous export is unchanged
     */
    public static List<Path> write(Map<String, String> files, Path outDir) throws ExportWriteException {
        return AtomicFolder.publish(outDir, files);
    }
}
