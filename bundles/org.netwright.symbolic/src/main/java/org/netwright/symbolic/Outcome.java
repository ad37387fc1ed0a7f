package org.netwright.symbolic;

import java.util.List;

import org.netwright.engine.Disposition;
import org.netwright.engine.SourceRef;

/**
 * Where a set of first packets ({@code space}, a BDD of the original headers) ends: the fate, namespace and device, the reason (as the concrete engine names it), the
 * rule that dropped it (null when none), the header fields rewritten on the way (constants, by {@link Field} ordinal;
 * -1 where the field kept its original value), the translations in words, the namespaces crossed, and what was not
 * treated exactly on the way (empty: the answer is exact).
 */
public record Outcome(int space, Disposition.Fate fate, String namespace, String device, Disposition.Reason reason, SourceRef rule,
        long[] rewritten, List<String> translations, List<String> path, List<Inexact> inexact) {
    public Outcome {
        rewritten = rewritten.clone();
        translations = List.copyOf(translations);
        path = List.copyOf(path);
        inexact = List.copyOf(inexact);
    }

    public boolean exact() {
        return inexact.isEmpty();
    }

    /** The fate in words: "delivered to web", "dropped in fw by rule-drop", "left the network at gw/eth0". */
    public String fateText() {
        return switch (fate) {
            case DELIVERED -> "delivered to " + namespace;
            case LEFT_NETWORK -> "left the network at " + namespace + "/" + device;
            case TTL_EXPIRED -> "TTL expired in " + namespace;
            case DROPPED -> "dropped in " + namespace + " (" + reason.id() + (rule == null ? "" : ", " + ruleText(rule)) + ")";
        };
    }

    static String ruleText(SourceRef r) {
        String at = r.file() == null ? "" : shortFile(r.file()) + ":" + r.line() + ": ";
        return at + (r.text() == null ? "" : r.text());
    }

    private static String shortFile(String f) {
        int slash = f.lastIndexOf('/');
        return slash < 0 ? f : f.substring(slash + 1);
    }

    /** Same place, rule, header changes and marks (the space aside): outcomes with one key make one class. */
    String key() {
        return fate + "|" + namespace + "|" + device + "|" + reason + "|" + rule + "|" + java.util.Arrays.toString(rewritten)
                + "|" + translations + "|" + inexact;
    }
}
