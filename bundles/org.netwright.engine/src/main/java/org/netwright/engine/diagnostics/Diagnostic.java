package org.netwright.engine.diagnostics;

import java.util.List;

import org.netwright.engine.Json;
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
        return write(new Json()).toString();
    }

    /** A JSON array of the diagnostics' {@link #toJson()}. */
    public static String toJson(List<Diagnostic> ds) {
        Json j = new Json().beginArray();
        ds.forEach(d -> d.write(j));
        return j.endArray().toString();
    }

    private Json write(Json j) {
        j.beginObject().field("code", code.id()).field("severity", severity.lower()).field("message", message);
        j.name("namespaces").beginArray();
        namespaces.forEach(j::value);
        j.endArray().name("rules").beginArray();
        for (SourceRef r : rules) {
            j.beginObject().field("file", r.file()).field("line", r.line()).field("column", r.column())
                    .field("text", r.text()).endObject();
        }
        return j.endArray().field("suggestion", suggestion).endObject();
    }
}
