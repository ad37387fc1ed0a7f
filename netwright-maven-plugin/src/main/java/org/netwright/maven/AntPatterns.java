package org.netwright.maven;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Includes and excludes as Maven users write them (Ant patterns, '/'-separated, relative to the source folder):
 * {@code *} within one folder name, {@code ?} one character, {@code **} any number of folders, none included.
 */
final class AntPatterns {
    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    AntPatterns(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(AntPatterns::compile).toList();
        this.excludes = excludes.stream().map(AntPatterns::compile).toList();
    }

    /** A relative path with '/' is taken when an include matches it and no exclude does. */
    boolean matches(String relativePath) {
        return includes.stream().anyMatch(p -> p.matcher(relativePath).matches())
                && excludes.stream().noneMatch(p -> p.matcher(relativePath).matches());
    }

    static Pattern compile(String ant) {
        String pattern = ant.strip().replace('\\', '/');
        if (pattern.endsWith("/")) {
            pattern += "**"; // Ant: a folder means everything below it
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
