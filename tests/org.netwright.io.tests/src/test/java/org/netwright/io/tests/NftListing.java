package org.netwright.io.tests;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code nft list ruleset} text compared as policy: tables in order, and within a table its declarations (objects,
 * sets, maps, chains) as a sorted list of blocks, since nft lists them in creation order, which carries no meaning.
 * Rules keep their order; element lists that nft wraps over several lines are joined.
 */
final class NftListing {

    private NftListing() {
    }

    static String canonical(String listing) {
        StringBuilder out = new StringBuilder();
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String raw : joinWrapped(listing)) {
            // an element's "expires" counts down between two listings: it is the kernel's clock, not the ruleset
            String line = sortedElements(raw.stripTrailing().replaceAll(" expires [0-9a-z]+", ""));
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("\t")) {
                if (line.equals("}")) {
                    if (block != null) {
                        blocks.add(block.toString());
                        block = null;
                    }
                    blocks.stream().sorted().forEach(out::append);
                    blocks.clear();
                }
                out.append(line).append('\n');
                continue;
            }
            if (line.startsWith("\t") && !line.startsWith("\t\t") && !line.equals("\t}")) {
                if (block != null) {
                    blocks.add(block.toString());
                }
                block = new StringBuilder();
            }
            if (block == null) {
                block = new StringBuilder();
            }
            block.append(line).append('\n');
        }
        if (block != null) {
            blocks.add(block.toString());
        }
        blocks.stream().sorted().forEach(out::append);
        return out.toString();
    }

    /** A declaration's elements in sorted order: the kernel lists a hash set's elements in its own order. */
    private static String sortedElements(String line) {
        int open = line.indexOf("elements = { ");
        if (open < 0 || !line.endsWith(" }")) {
            return line;
        }
        String body = line.substring(open + "elements = { ".length(), line.length() - 2);
        return line.substring(0, open) + "elements = { " + String.join(", ", java.util.Arrays.stream(body.split(", ")).sorted().toList()) + " }";
    }

    /** nft wraps long element lists: "elements = { a, b," newline "\t\t\t     c }" is one line here. */
    private static List<String> joinWrapped(String listing) {
        List<String> lines = new ArrayList<>();
        for (String line : listing.split("\n", -1)) {
            if (!lines.isEmpty() && line.matches("\t+ +\\S.*") && lines.get(lines.size() - 1).stripTrailing().endsWith(",")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1).stripTrailing() + " " + line.strip());
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The lines of each canonical listing that the other lacks ("- " before, "+ " after). */
    static String diff(String before, String after) {
        List<String> a = List.of(canonical(before).split("\n"));
        List<String> b = List.of(canonical(after).split("\n"));
        StringBuilder d = new StringBuilder();
        a.stream().filter(l -> !b.contains(l)).forEach(l -> d.append("- ").append(l.strip()).append('\n'));
        b.stream().filter(l -> !a.contains(l)).forEach(l -> d.append("+ ").append(l.strip()).append('\n'));
        return d.toString();
    }
}
