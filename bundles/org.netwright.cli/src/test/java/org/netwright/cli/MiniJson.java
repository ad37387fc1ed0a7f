package org.netwright.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.netwright.input.Json;

/**
 * The command line's JSON output as plain Java values for the tests' assertions: {@code Map<String,Object>}
 * (insertion order), {@code List<Object>}, {@code String}, {@code Long} or {@code Double}, {@code Boolean},
 * {@code null}. Read by the shared reader ({@link Json}); the product writes its JSON from the records of
 * {@code engine/json/WalkJson}, so this lives with the tests.
 */
final class MiniJson {
    /** Repeated members are an error here: the walk output never repeats one. */
    private static final Json.Limits LIMITS = new Json.Limits(Json.Limits.DEFAULT.maxDepth(), Json.Limits.DEFAULT.maxValues(), true);

    private MiniJson() {
    }

    /** A syntax error at a line and column (1-based). */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        ParseException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        String where() {
            return line + ":" + column;
        }
    }

    static Object parse(String text) throws ParseException {
        try {
            return plain(Json.parse(text, LIMITS));
        } catch (Json.ParseException e) {
            throw new ParseException(e.getMessage(), e.line(), e.column());
        }
    }

    private static Object plain(Json.Value v) throws ParseException {
        switch (v.kind()) {
            case OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<String, Json.Value> e : v.members().entrySet()) {
                    m.put(e.getKey(), plain(e.getValue()));
                }
                return m;
            }
            case ARRAY: {
                List<Object> l = new ArrayList<>();
                for (Json.Value item : v.items()) {
                    l.add(plain(item));
                }
                return l;
            }
            case STRING:
                return v.text();
            case BOOLEAN:
                return v.bool();
            case NULL:
                return null;
            default:
                try {
                    return v.text().matches("-?[0-9]+") ? (Object) Long.parseLong(v.text()) : (Object) Double.parseDouble(v.text());
                } catch (NumberFormatException e) {
                    throw new ParseException("number out of range: " + v.text(), v.line(), v.column());
                }
        }
    }
}
