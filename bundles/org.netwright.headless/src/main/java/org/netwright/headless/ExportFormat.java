package org.netwright.headless;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.netwright.export.Exporter;

/** The kinds of file an export writes per namespace; a build may ask for some of them only. */
public enum ExportFormat {
    /** {@code ruleset.nft}, for {@code nft -f}. */
    NFT(Exporter.NFT_FILE),
    /** {@code iptables.rules}, for {@code iptables-restore}. */
    IPTABLES(Exporter.IPTABLES_FILE),
    /** {@code setup.sh}: links, addresses, sysctls, routes, rules and xfrm with {@code ip} and {@code sysctl}. */
    SCRIPTS(Exporter.SETUP_FILE);

    private final String fileName;

    ExportFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static Set<ExportFormat> all() {
        return EnumSet.allOf(ExportFormat.class);
    }

    /** A format by its name as users write it ({@code nft}, {@code iptables}, {@code scripts}), or an explanation. */
    public static ExportFormat parse(String name) {
        for (ExportFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + name + "' (nft, iptables, scripts)");
    }

    /** The rendered file at {@code relativePath} ({@code <ns>/<file>}) is of this format. */
    boolean writes(String relativePath) {
        return relativePath.endsWith("/" + fileName);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
