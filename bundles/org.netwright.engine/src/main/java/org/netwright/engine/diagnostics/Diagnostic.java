package org.netwright.engine.diagnostics;

import java.util.List;

import org.netwright.engine.SourceRef;

/**
 * One explanation of a walk: what happened and why, the namespaces and rules involved (with their source
 * locations when known), and what would fix it. Immutable.
 */
public record Diagnostic(Code code, Severity severity, String message, List<String> namespaces, List<SourceRef> rules,
        String suggestion) {
    public Diagnostic {
        namespaces = List.copyOf(namespaces);
        rules = List.copyOf(rules);
    }

    /** {@code severity code: message}, the rules with their locations, then the suggested fix. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(severity.lower()).append(' ').append(code.id()).append(": ").append(message).append('\n');
        for (SourceRef r : rules) {
            sb.append("    rule: ").append(r).append('\n');
        }
        if (suggestion != null) {
            sb.append("    fix: ").append(suggestion).append('\n');
        }
        return sb.toString();
    }

    /** Deterministic JSON: code, severity, message, namespaces, rules ({file, line, column, text}), suggestion. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"code\":").append(str(code.id())).append(",\"severity\":")
                .append(str(severity.lower())).append(",\"message\":").append(str(message)).append(",\"namespaces\":[");
        for (int i = 0; i < namespaces.size(); i++) {
            sb.append(i > 0 ? "," : "").append(str(namespaces.get(i)));
        }
        sb.append("],\"rules\":[");
        for (int i = 0; i < rules.size(); i++) {
            SourceRef r = rules.get(i);
            sb.append(i > 0 ? "," : "").append("{\"file\":").append(r.file() == null ? "null" : str(r.file()))
                    .append(",\"line\":").append(r.line()).append(",\"column\":").append(r.column()).append(",\"text\":")
                    .append(r.text() == null ? "null" : str(r.text())).append('}');
        }
        sb.append("],\"suggestion\":").append(suggestion == null ? "null" : str(suggestion)).append('}');
        return sb.toString();
    }

    /** A JSON array of the diagnostics' {@link #toJson()}. */
    public static String toJson(List<Diagnostic> ds) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ds.size(); i++) {
            sb.append(i > 0 ? "," : "").append(ds.get(i).toJson());
        }
        return sb.append(']').toString();
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
