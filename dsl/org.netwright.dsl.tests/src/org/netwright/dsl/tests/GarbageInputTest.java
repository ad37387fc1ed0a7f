package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A megabyte of garbage ends with errors that have a line and a column, and no exception. The time is printed,
 * not asserted (a figure belongs in a benchmark): the point is that the parser terminates.
 */
class GarbageInputTest {

    private static final int SIZE = 1_000_000;

    static String garbage(String kind) {
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder(SIZE + 64);
        switch (kind) {
        case "characters" -> {
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789{}[]();:,./-+*&@$#\"' \t\n=<>!^";
            while (sb.length() < SIZE) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        case "tokens" -> {
            String[] words = { "namespace", "{", "}", "interface", "eth0", "address", "10.0.0.1/24", "route", "via",
                    "nftables", "table", "ip", "nat", "chain", "type", "hook", "priority", "accept", "iptables", "*nat", "-A",
                    "-j", "COMMIT", "expect", "ping", "from", "to", ":", "\n", ",", "veth", "<->", "x:y", "\"" };
            while (sb.length() < SIZE) {
                sb.append(words[random.nextInt(words.length)]).append(' ');
            }
        }
        case "braces" -> sb.append("namespace a ").append("{".repeat(SIZE));
        case "binary" -> {
            while (sb.length() < SIZE) {
                sb.append((char) random.nextInt(256));
            }
        }
        case "one-long-line" -> sb.append("namespace ").append("a".repeat(SIZE)).append(" {\n");
        default -> throw new IllegalArgumentException(kind);
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = { "characters", "tokens", "braces", "binary", "one-long-line" })
    void aMegabyteOfGarbageEndsWithLocatedErrors(String kind) {
        String text = garbage(kind);
        long start = System.nanoTime();
        List<Issue> issues = Nwp.validate(Nwp.parse(text));
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<Issue> errors = issues.stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
        System.out.printf("garbage %-13s %d chars: %d errors in %d ms%n", kind, text.length(), errors.size(), millis);
        assertFalse(errors.isEmpty(), kind + ": no error for garbage");
        assertTrue(errors.stream().allMatch(i -> i.getLineNumber() != null && i.getLineNumber() >= 1 && i.getColumn() != null
                && i.getColumn() >= 1), Nwp.describe(errors.subList(0, Math.min(5, errors.size()))));
    }
}
