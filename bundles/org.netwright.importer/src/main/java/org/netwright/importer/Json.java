package org.netwright.importer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader (RFC 8259) that remembers, for every value, its line, column and JSON path, so
 * importers can say exactly where something they do not understand was found. When the text is
 * malformed or truncated, {@link ParseException#partial()} still holds everything read before the
 * error; containers that were not closed are marked {@link Value#complete() incomplete}.
 */
public final class Json {

    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    /** One JSON value with its position. */
    public static final class Value {
        private final Kind kind;
        private final String path;
        private final int line;
        private final int column;
        private final String text; // string contents, number text, "true"/"false"
        private final Map<String, Value> members;
        private final List<Value> items;
        private boolean complete = true;

        Value(Kind kind, String path, int line, int column, String text) {
            this.kind = kind;
            this.path = path;
            this.line = line;
            this.column = column;
            this.text = text;
            this.members = kind == Kind.OBJECT ? new LinkedHashMap<>() : null;
            this.items = kind == Kind.ARRAY ? new ArrayList<>() : null;
        }

        public Kind kind() { return kind; }
        public String path() { return path; }
        public int line() { return line; }
        public int column() { return column; }
        /** false when the input ended (or broke) before this container was closed. */
        public boolean complete() { return complete; }

        public boolean isObject() { return kind == Kind.OBJECT; }
        public boolean isArray() { return kind == Kind.ARRAY; }
        public boolean isString() { return kind == Kind.STRING; }
        public boolean isNumber() { return kind == Kind.NUMBER; }
        public boolean isBoolean() { return kind == Kind.BOOLEAN; }
        public boolean isNull() { return kind == Kind.NULL; }

        public Map<String, Value> members() { return members == null ? Map.of() : Collections.unmodifiableMap(members); }
        public List<Value> items() { return items == null ? List.of() : Collections.unmodifiableList(items); }
        public boolean has(String key) { return members != null && members.containsKey(key); }
        public Value get(String key) { return members == null ? null : members.get(key); }

        /** Text of a string, number or boolean; null for containers and null. */
        public String text() { return text; }

        /** Text of the member {@code key} when it is a scalar, else null. */
        public String str(String key) {
            Value v = get(key);
            return v == null ? null : v.text;
        }

        public boolean bool() { return kind == Kind.BOOLEAN && "true".equals(text); }

        public Long asLong() {
            if (kind == Kind.NUMBER || kind == Kind.STRING) {
                try {
                    String t = text.strip();
                    return t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }

        public Long longOf(String key) {
            Value v = get(key);
            return v == null ? null : v.asLong();
        }

        /** The single key of a one-member object ({"accept": null}), or null. */
        public String singleKey() {
            return members != null && members.size() == 1 ? members.keySet().iterator().next() : null;
        }

        /** Compact JSON text of this value (what an opaque construct keeps as its raw text). */
        public String compact() {
            StringBuilder sb = new StringBuilder();
            write(sb);
            return sb.toString();
        }

        private void write(StringBuilder sb) {
            switch (kind) {
                case OBJECT -> {
                    sb.append('{');
                    boolean first = true;
                    for (Map.Entry<String, Value> e : members.entrySet()) {
                        if (!first) sb.append(',');
                        first = false;
                        quote(sb, e.getKey());
                        sb.append(':');
                        e.getValue().write(sb);
                    }
                    sb.append('}');
                }
                case ARRAY -> {
                    sb.append('[');
                    for (int i = 0; i < items.size(); i++) {
                        if (i > 0) sb.append(',');
                        items.get(i).write(sb);
                    }
                    sb.append(']');
                }
                case STRING -> quote(sb, text);
                case NULL -> sb.append("null");
                default -> sb.append(text);
            }
        }

        @Override
        public String toString() {
            return compact();
        }
    }

    /** Malformed or truncated JSON: where, and what was read before. */
    public static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;
        private final String path;
        private final transient Value partial;

        ParseException(String message, int line, int column, String path, Value partial) {
            super(message);
            this.line = line;
            this.column = column;
            this.path = path;
            this.partial = partial;
        }

        public int line() { return line; }
        public int column() { return column; }
        public String path() { return path; }
        /** What was read before the error (null if nothing); unclosed containers are marked incomplete. */
        public Value partial() { return partial; }
    }

    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        quote(sb, s);
        return sb.toString();
    }

    public static Value parse(String text) throws ParseException {
        return new Json(text).parseDocument();
    }

    private static final int MAX_DEPTH = 512;

    private final String s;
    private int pos;
    private int line = 1;
    private int lineStart;
    private Value root;
    private final Deque<Value> open = new ArrayDeque<>();

    private Json(String text) {
        this.s = text;
    }

    private Value parseDocument() throws ParseException {
        skipWs();
        if (pos >= s.length()) {
            throw error("empty input: expected a JSON value", "$");
        }
        Value v = parseValue("$", x -> { });
        skipWs();
        if (pos < s.length()) {
            throw error("unexpected '" + s.charAt(pos) + "' after the end of the JSON value", "$");
        }
        return v;
    }

    private ParseException error(String message, String path) {
        for (Value v : open) {
            v.complete = false;
        }
        return new ParseException(message, line, pos - lineStart + 1, path, root);
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Value parseValue(String path, java.util.function.Consumer<Value> sink) throws ParseException {
        skipWs();
        if (pos >= s.length()) {
            throw error("unexpected end of input (truncated?): expected a value", path);
        }
        int l = line;
        int c = pos - lineStart + 1;
        char ch = s.charAt(pos);
        switch (ch) {
            case '{':
                return parseObject(path, l, c, sink);
            case '[':
                return parseArray(path, l, c, sink);
            default:
                break;
        }
        Value v;
        switch (ch) {
            case '"' -> v = new Value(Kind.STRING, path, l, c, parseString(path));
            case 't' -> {
                literal("true", path);
                v = new Value(Kind.BOOLEAN, path, l, c, "true");
            }
            case 'f' -> {
                literal("false", path);
                v = new Value(Kind.BOOLEAN, path, l, c, "false");
            }
            case 'n' -> {
                literal("null", path);
                v = new Value(Kind.NULL, path, l, c, null);
            }
            default -> {
                if (ch == '-' || (ch >= '0' && ch <= '9')) {
                    v = new Value(Kind.NUMBER, path, l, c, parseNumber(path));
                } else {
                    throw error("unexpected '" + ch + "': expected a value", path);
                }
            }
        }
        sink.accept(v);
        return v;
    }

    private void attach(Value v) {
        if (root == null) {
            root = v;
        }
        open.push(v);
    }

    private Value parseObject(String path, int l, int c, java.util.function.Consumer<Value> sink) throws ParseException {
        Value obj = new Value(Kind.OBJECT, path, l, c, null);
        sink.accept(obj);
        attach(obj);
        if (open.size() > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH, path);
        }
        pos++;
        skipWs();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            open.pop();
            return obj;
        }
        while (true) {
            skipWs();
            if (pos >= s.length()) {
                throw error("unexpected end of input (truncated?): object not closed", path);
            }
            if (s.charAt(pos) != '"') {
                throw error("expected a member name in double quotes, found '" + s.charAt(pos) + "'", path);
            }
            String key = parseString(path);
            skipWs();
            expect(':', path);
            String childPath = path + (key.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + key : "[" + quote(key) + "]");
            parseValue(childPath, v -> obj.members.put(key, v));
            skipWs();
            if (pos >= s.length()) {
                throw error("unexpected end of input (truncated?): object not closed", path);
            }
            char ch = s.charAt(pos++);
            if (ch == '}') {
                open.pop();
                return obj;
            }
            if (ch != ',') {
                pos--;
                throw error("expected ',' or '}' in object, found '" + ch + "'", path);
            }
        }
    }

    private Value parseArray(String path, int l, int c, java.util.function.Consumer<Value> sink) throws ParseException {
        Value arr = new Value(Kind.ARRAY, path, l, c, null);
        sink.accept(arr);
        attach(arr);
        if (open.size() > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH, path);
        }
        pos++;
        skipWs();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            open.pop();
            return arr;
        }
        while (true) {
            parseValue(path + "[" + arr.items.size() + "]", arr.items::add);
            skipWs();
            if (pos >= s.length()) {
                throw error("unexpected end of input (truncated?): array not closed", path);
            }
            char ch = s.charAt(pos++);
            if (ch == ']') {
                open.pop();
                return arr;
            }
            if (ch != ',') {
                pos--;
                throw error("expected ',' or ']' in array, found '" + ch + "'", path);
            }
        }
    }

    private void expect(char ch, String path) throws ParseException {
        if (pos >= s.length()) {
            throw error("unexpected end of input (truncated?): expected '" + ch + "'", path);
        }
        if (s.charAt(pos) != ch) {
            throw error("expected '" + ch + "', found '" + s.charAt(pos) + "'", path);
        }
        pos++;
    }

    private void literal(String word, String path) throws ParseException {
        if (!s.startsWith(word, pos)) {
            if (word.startsWith(s.substring(pos))) {
                throw error("unexpected end of input (truncated?) inside '" + word + "'", path);
            }
            throw error("invalid literal: expected '" + word + "'", path);
        }
        pos += word.length();
    }

    private String parseNumber(String path) throws ParseException {
        int start = pos;
        if (s.charAt(pos) == '-') pos++;
        int digits = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
        if (pos == digits) throw error("invalid number", path);
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            int f = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos == f) throw error("invalid number: digits expected after '.'", path);
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            int e = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos == e) throw error("invalid number: digits expected in exponent", path);
        }
        return s.substring(start, pos);
    }

    private String parseString(String path) throws ParseException {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unexpected end of input (truncated?) inside a string", path);
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\n') {
                pos--;
                throw error("unescaped line break inside a string", path);
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    throw error("unexpected end of input (truncated?) inside a string", path);
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("unexpected end of input (truncated?) inside a \\u escape", path);
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("invalid \\u escape", path);
                        }
                        pos += 4;
                    }
                    default -> throw error("invalid escape '\\" + e + "'", path);
                }
            } else {
                sb.append(c);
            }
        }
    }
}
