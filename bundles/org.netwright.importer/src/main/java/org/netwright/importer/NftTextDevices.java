package org.netwright.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The devices of netdev base chains, read from the text of {@code nft list ruleset} ({@code nft.txt} of a snapshot):
 * {@code nft -j} of nftables 1.0.x does not list them, so a snapshot keeps the text listing beside nft.json for this.
 * Only table, chain and hook lines are read; everything else in the text is ignored. {@link #read} also takes what else
 * nft -j of 1.0.x leaves out: table and chain comments, sets' auto-merge and dynamic flag, and which sets are typeof.
 */
public final class NftTextDevices {
    private static final Pattern TABLE = Pattern.compile("table\\s+(\\S+)\\s+(\\S+)\\s*\\{");
    private static final Pattern CHAIN = Pattern.compile("chain\\s+(\\S+)\\s*\\{");
    private static final Pattern ONE = Pattern.compile("\\bhook\\s+\\S+\\s+device\\s+\"?([^\"\\s]+)\"?");
    private static final Pattern MANY = Pattern.compile("\\bhook\\s+\\S+\\s+devices\\s*=\\s*\\{([^}]*)\\}");
    private static final Pattern SET = Pattern.compile("(?:set|map)\\s+(\\S+)\\s*\\{");
    private static final Pattern COMMENT = Pattern.compile("comment\\s+\"(.*)\"");

    /**
     * What the text listing says beyond nft -j, keyed "family table" (tables), "family table chain" (chains and devices)
     * and "family table set" (sets and maps).
     */
    public record Listing(Map<String, List<String>> devices, Map<String, String> comments, Set<String> autoMerge, Set<String> dynamic,
            Set<String> typeof) {
        public static final Listing NONE = new Listing(Map.of(), Map.of(), Set.of(), Set.of(), Set.of());
    }

    private NftTextDevices() {
    }

    /** "family table chain" to the chain's devices, for every base chain bound to devices. */
    public static Map<String, List<String>> parse(String text) {
        return read(text).devices();
    }

    public static Listing read(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, String> comments = new LinkedHashMap<>();
        Set<String> autoMerge = new LinkedHashSet<>();
        Set<String> dynamic = new LinkedHashSet<>();
        Set<String> typeof = new LinkedHashSet<>();
        String table = null;
        String chain = null;
        String set = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            Matcher m;
            if ((m = TABLE.matcher(line)).lookingAt()) {
                table = m.group(1) + " " + m.group(2);
                chain = null;
                set = null;
            } else if (table != null && (m = CHAIN.matcher(line)).lookingAt()) {
                chain = m.group(1);
                set = null;
            } else if (table != null && (m = SET.matcher(line)).lookingAt()) {
                set = m.group(1);
                chain = null;
            } else if (table != null && line.equals("}")) {
                set = null;
                chain = null;
            } else if (table != null && (m = COMMENT.matcher(line)).matches()) {
                // a comment line of its own is the table's, a chain's or a set's (rule comments end a rule line)
                comments.put(table + (chain != null ? " " + chain : set != null ? " " + set : ""), m.group(1));
            } else if (table != null && set != null) {
                if (line.equals("auto-merge")) {
                    autoMerge.add(table + " " + set);
                } else if (line.startsWith("flags ") && List.of(line.substring(6).split(",")).contains("dynamic")) {
                    dynamic.add(table + " " + set);
                } else if (line.startsWith("typeof ")) {
                    typeof.add(table + " " + set);
                }
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
        return new Listing(out, comments, autoMerge, dynamic, typeof);
    }
}
