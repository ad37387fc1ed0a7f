package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/** One rule: all matches must hold, then the statements run in order. Identity-compared (for counters). */
public final class Rule {
    private final List<Match> matches;
    /** The matches as an array: rule evaluation is the innermost loop of a walk (no iterator per rule). */
    private final Match[] matchArray;
    private final List<Statement> statements;
    private final SourceRef source;
    /** What a trace step shows for this rule; built on first use (benign race: same value either way). */
    private SourceRef traceRef;

    private Rule(List<Match> matches, List<Statement> statements, SourceRef source) {
        this.matches = List.copyOf(matches);
        this.matchArray = this.matches.toArray(new Match[0]);
        this.statements = List.copyOf(statements);
        this.source = source;
    }

    public static Rule of(List<Match> matches, List<Statement> statements, SourceRef source) {
        return new Rule(matches, statements, source);
    }

    public List<Match> matches() {
        return matches;
    }

    Match[] matchArray() {
        return matchArray;
    }

    public List<Statement> statements() {
        return statements;
    }

    public SourceRef source() {
        return source;
    }

    /** The source, or one holding the generated text: computed once, not at every match. */
    SourceRef sourceRef() {
        SourceRef r = traceRef;
        if (r == null) {
            r = source != null ? source : SourceRef.of(text());
            traceRef = r;
        }
        return r;
    }

    /** The user's text when known, else a generated description. */
    public String text() {
        if (source != null && source.text() != null) {
            return source.text();
        }
        StringBuilder sb = new StringBuilder();
        for (Match m : matches) {
            sb.append(m).append(' ');
        }
        for (Statement s : statements) {
            sb.append(s).append(' ');
        }
        return sb.toString().trim();
    }

    @Override
    public String toString() {
        return text();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link Rule}. */
    public static final class Builder {
        private final List<Match> matches = new ArrayList<>();
        private final List<Statement> statements = new ArrayList<>();
        private SourceRef source;

        public Builder match(Match... ms) {
            matches.addAll(List.of(ms));
            return this;
        }

        public Builder then(Statement... ss) {
            statements.addAll(List.of(ss));
            return this;
        }

        public Builder source(SourceRef s) {
            this.source = s;
            return this;
        }

        /** Shorthand: the source text only. */
        public Builder text(String t) {
            this.source = SourceRef.of(t);
            return this;
        }

        public Rule build() {
            return new Rule(matches, statements, source);
        }
    }
}
