package org.netwright.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The devices of netdev base chains, read from the text of {@code nft list ruleset} ({@code nft.txt} of a snapshot):
 * {@code nft -j} of nftables 1.0.x does not list them, so a snapshot keeps the text listing beside nft.json for this.
 * Only table, chain and hook lines are read; everything else in the text is ignored.
 */
public final class NftTextDevices {
    private static final Pattern TABLE = Pattern.compile("table\\s+(\\S+)\\s+(\\S+)\\s*\\{");
    private static final Pattern CHAIN = Pattern.compile("chain\\s+(\\S+)\\s*\\{");
    private static final Pattern ONE = Pattern.compile("\\bhook\\s+\\S+\\s+device\\s+\"?([^\"\\s]+)\"?");
    private static final Pattern MANY = Pattern.compile("\\bhook\\s+\\S+\\s+devices\\s*=\\s*\\{([^}]*)\\}");

    private NftTextDevices() {
    }

    /** "family table chain" to the chain's devices, for every base chain bound to devices. */
    public static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String table = null;
        String chain = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            Matcher m;
            if ((m = TABLE.matcher(line)).lookingAt()) {
                table = m.group(1) + " " + m.group(2);
                chain = null;
            } else if (table != null && (m = CHAIN.matcher(line)).lookingAt()) {
                chain = m.group(1);
            } else if (table != null && chain != null && line.startsWith("type ")) {
                List<String> devices = new ArrayList<>();
                if ((m = MANY.matcher(line)).find()) {
                    for (String d : m.group(1).split(",")) {
                        String name = d.strip().replace("\"", "");
                        if (!name.isEmpty()) {
                            devices.add(name);
                        }
                    }
                } else if ((m = ONE.matcher(line)).find()) {
                    devices.add(m.group(1));
                }
                if (!devices.isEmpty()) {
                    out.put(table + " " + chain, devices);
                }
            }
        }
        return out;
    }
}
