package org.netwright.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.export.Exporter;
import org.netwright.export.Models;

/**
 * "validate is the promise" (issue 18): a model that validates without errors is accepted by check (mapping and
 * every expectation) and by export (every file rendered), and every problem has a position and the product's words.
 * Mutants of the bundled examples (numbers at and beyond their limits, long and odd names, bad addresses) are
 * loaded; for each that validates, check and export must not refuse it. The run is seeded and bounded; more with
 * {@code -Dnetwright.mutants=N -Dnetwright.mutants.seed=S}.
 */
class ValidityPromiseTest {
    private static final Netwright NETWRIGHT = new Netwright();
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.:/-])\\d+(?![\\w.:])");
    private static final Pattern PREFIX = Pattern.compile("(?<=/)\\d+\\b");
    private static final Pattern ADDRESS = Pattern.compile("\\b\\d+\\.\\d+\\.\\d+\\.\\d+\\b");
    private static final Pattern MAC = Pattern.compile("\\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\\b");
    private static final Pattern NAME = Pattern.compile("(?<=\\b(namespace|veth|interface|bridge|dummy|loopback|chain|table|probe|scenario) )[\\w.-]+");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    private static final Pattern STRING = Pattern.compile("\"[^\"\\n]*\"");
    private static final String[] NUMBERS = {"0", "1", "32", "33", "255", "256", "65535", "65536", "4294967295", "4294967296",
        "99999999999999999999999", "-1"};
    private static final String[] ADDRESSES = {"0.0.0.0", "255.255.255.255", "10.0.0.256", "224.0.0.1", "127.0.0.1", "1.2.3"};
    private static final String[] MACS = {"ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "01:00:5e:00:00:01"};
    private static final String[] HEXES = {"0x0", "0xffffffff", "0x100000000", "0xffffffffffffffffff"};

    @TempDir
    Path dir;

    /** One mutation: in a file of an example folder, the text at [start, end) replaced. */
    record Mutant(Path file, int start, int end, String replacement) {
        String describe(String text) {
            int line = 1 + (int) text.substring(0, start).chars().filter(c -> c == '\n').count();
            return file.getFileName() + ":" + line + ": '" + text.substring(start, end) + "' -> '"
                    + (replacement.length() > 40 ? replacement.substring(0, 20) + "...(" + replacement.length() + " chars)" : replacement) + "'";
        }
    }

    @Test
    void whatValidatesIsCheckedAndExportedAndEveryProblemIsLocated() throws Exception {
        int count = Integer.getInteger("netwright.mutants", 300);
        long seed = Long.getLong("netwright.mutants.seed", 18);
        Path examples = NetwrightTest.repo().resolve("examples");
        copy(examples, dir);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".nwp")).sorted().toList();
        }
        Random random = new Random(seed);
        List<String> broken = new ArrayList<>();
        int validated = 0;
        for (int i = 0; i < count; i++) {
            Path file = files.get(random.nextInt(files.size()));
            String text = Files.readString(file);
            Mutant m = mutant(file, text, random);
            if (m == null) {
                continue;
            }
            Files.writeString(file, text.substring(0, m.start()) + m.replacement() + text.substring(m.end()));
            try {
                String finding = judge(file);
                validated += finding == null || !finding.startsWith("invalid") ? 1 : 0;
                if (finding != null && !finding.startsWith("invalid")) {
                    broken.add(m.describe(text) + ": " + finding);
                }
            } finally {
                Files.writeString(file, text);
            }
        }
        System.out.printf("validity promise: %d mutants (seed %d), %d validated, %d broken%n", count, seed, validated, broken.size());
        assertEquals(List.of(), broken);
        assertTrue(validated > 0, "some mutants validate");
    }

    /** null when the promise holds; "invalid" when validation refused the mutant (properly); else what broke. */
    private static String judge(Path file) {
        Sources sources = NETWRIGHT.load(file);
        for (Problem p : sources.problems()) {
            if (p.file() == null || p.line() < 1) {
                return "a problem without a position: " + p;
            }
            if (p.message().contains("Exception") || p.message().contains("For input string") || p.message().contains("java.")) {
                return "a problem in Java's words: " + p;
            }
        }
        if (sources.hasErrors()) {
            return "invalid";
        }
        SourceFile f = sources.files().get(0);
        try {
            FileCheck check = NETWRIGHT.check(sources, f);
            if (check.invalid()) {
                return "validates, but check refuses it: " + check.problems().stream().filter(Problem::isError).toList();
            }
        } catch (RuntimeException e) {
            return "validates, but check fails: " + e;
        }
        try {
            Exporter.render(Models.withImports(f.model()));
        } catch (RuntimeException e) {
            return "validates, but export refuses it: " + e.getMessage();
        }
        return null;
    }

    private static Mutant mutant(Path file, String text, Random random) {
        int kind = random.nextInt(7);
        Pattern p = switch (kind) {
            case 0 -> NUMBER;
            case 1 -> PREFIX;
            case 2 -> ADDRESS;
            case 3 -> MAC;
            case 4 -> NAME;
            case 5 -> HEX;
            default -> STRING;
        };
        List<int[]> sites = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            int lineStart = text.lastIndexOf('\n', m.start()) + 1;
            if (text.substring(lineStart, m.start()).strip().startsWith("#")) {
                continue; // a comment
            }
            sites.add(new int[] {m.start(), m.end()});
        }
        if (sites.isEmpty()) {
            return null;
        }
        int[] site = sites.get(random.nextInt(sites.size()));
        String replacement = switch (kind) {
            case 0, 1 -> NUMBERS[random.nextInt(NUMBERS.length)];
            case 2 -> ADDRESSES[random.nextInt(ADDRESSES.length)];
            case 3 -> MACS[random.nextInt(MACS.length)];
            case 4 -> random.nextBoolean() ? "n".repeat(random.nextBoolean() ? 16 : 300) : "a-" + random.nextInt(1000);
            case 5 -> HEXES[random.nextInt(HEXES.length)];
            default -> random.nextBoolean() ? "\"" + "s".repeat(300) + "\"" : "\"a \\\" quote\"";
        };
        return new Mutant(file, site[0], site[1], replacement);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
