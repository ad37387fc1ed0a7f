package org.netwright.input;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;

/**
 * JSON (RFC 8259, read strictly by Gson's {@link JsonReader}) as a tree whose every value knows its line,
 * column and JSON path, so that readers can say exactly where something they do not understand was found.
 * Reading is bounded ({@link Limits}: nesting depth, number of values) and iterative, so no input can exhaust
 * the stack. When the text is malformed or truncated, {@link ParseException#partial()} still holds everything
 * read before the error; containers that were not closed are marked {@link Value#complete() incomplete}.
 * Syntax errors are described in this product's words with the position of the offending character.
 */
public final class Json {

    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    /**
     * Bounds of one document: how deep containers may nest, how many values it may hold, and whether a member
     * name may repeat in one object (by default the last one wins, as in most JSON readers).
     */
    public record Limits(int maxDepth, int maxValues, boolean uniqueMembers) {
        /** Generous enough for any dump of a real host (nft -j nests about 15 deep). */
        public static final Limits DEFAULT = new Limits(256, 50_000_000, false);
        /** Files people write by hand (probes): small, and a repeated member is a mistake. */
        public static final Limits HAND_WRITTEN = new Limits(64, 1_000_000, true);
    }

    /** One JSON value with its position. */
    public static final class Value {
        private final Kind kind;
        // the path is spelled out only when asked for: a dump of a large ruleset holds millions of values
        private final Value parent;
        private final String name; // the member name in the parent object; null in an array
        private final int index; // the position in the parent array
        private String path;
        private final int line;
        private final int column;
        private final String text; // string contents, number text, "true"/"false"
        private final Map<String, Value> members;
        private final List<Value> items;
        private boolean complete = true;

        Value(Kind kind, Value parent, String name, int index, int line, int column, String text) {
            this.kind = kind;
            this.parent = parent;
            this.name = name;
            this.index = index;
            this.line = line;
            this.column = column;
            this.text = text;
            this.members = kind == Kind.OBJECT ? new LinkedHashMap<>() : null;
            this.items = kind == Kind.ARRAY ? new ArrayList<>() : null;
        }

        public Kind kind() { return kind; }
        /** {@code $.nftables[3].rule.expr[0]}: members by name ({@code ["odd name"]} when not an identifier), items by index. */
        public String path() {
            if (path == null) {
                path = parent == null ? "$"
                        : parent.path() + (name == null ? "[" + index + "]" : TreeBuilder.identifier(name) ? "." + name : "[" + quote(name) + "]");
            }
            return path;
        }
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

        /** Text of a string, number (as written) or boolean; null for containers and null. */
        public String text() { return text; }

        /** Text of the member {@code key} when it is a scalar, else null. */
        public String str(String key) {
            Value v = get(key);
            return v == null ? null : v.text;
        }

        public boolean bool() { return kind == Kind.BOOLEAN && "true".equals(text); }

        /** A number, or a string holding a decimal or {@code 0x} hexadecimal number, as a long; null otherwise. */
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

        /** Compact JSON text of this value (what an opaque construct keeps as its raw text); numbers as written. */
        public String compact() {
            StringWriter out = new StringWriter();
            try (JsonWriter w = writer(out)) {
                write(w);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter does not fail
            }
            return out.toString();
        }

        private void write(JsonWriter w) throws IOException {
            switch (kind) {
                case OBJECT -> {
                    w.beginObject();
                    for (Map.Entry<String, Value> e : members.entrySet()) {
                        w.name(e.getKey());
                        e.getValue().write(w);
                    }
                    w.endObject();
                }
                case ARRAY -> {
                    w.beginArray();
                    for (Value v : items) {
                        v.write(w);
                    }
                    w.endArray();
                }
                case STRING -> w.value(text);
                case NULL -> w.nullValue();
                default -> w.jsonValue(text);
            }
        }

        @Override
        public String toString() {
            return compact();
        }
    }

    /** Malformed, truncated or too large JSON: where, and what was read before. */
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
        /** The innermost container that was open at the error ({@code $} at the top). */
        public String path() { return path; }
        /** What was read before the error (null if nothing); unclosed containers are marked incomplete. */
        public Value partial() { return partial; }

        /** As an input error of {@code file}: {@code file:line:column: message (at path)}. */
        public InputException in(String file) {
            return new InputException(file, line, column, getMessage() + (path == null || path.equals("$") ? "" : " (at " + path + ")"));
        }
    }

    private Json() {
    }

    public static Value parse(String text) throws ParseException {
        return parse(text, Limits.DEFAULT);
    }

    public static Value parse(String text, Limits limits) throws ParseException {
        return new TreeBuilder(text, limits).build();
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = writer(out)) {
            w.value(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void quote(StringBuilder sb, String s) {
        sb.append(quote(s));
    }

    /** A compact writer that leaves {@code <>&='} as they are (the output is not embedded in HTML). */
    public static JsonWriter writer(java.io.Writer out) {
        JsonWriter w = new JsonWriter(out);
        w.setHtmlSafe(false);
        w.setStrictness(Strictness.STRICT);
        return w;
    }

    /** Builds the positioned tree from Gson's token stream, with an explicit stack instead of recursion. */
    private static final class TreeBuilder {
        private final String text;
        private final Limits limits;
        private final JsonReader reader;
        private final int[] lineStarts;
        private final Deque<Frame> open = new ArrayDeque<>();
        private Value root;
        private int values;
        /** Offset of the last token read: after it is where to look for the character that broke the document. */
        private int lastOffset = -1;
        /**
         * Where the next token starts, kept in step with Gson's tokens by a scan of our own: Gson tells its position only
         * in its description, which spells out the whole path, and asking for it at every token is what made reading a
         * large dump slow. Gson has checked the syntax of every token before the scan passes over it.
         */
        private int cursor;
        private int line = 1;
        private int lineStart;

        /** An open container; for an object the member name read and waiting for its value. */
        private static final class Frame {
            final Value value;
            String pendingName;
            int count;

            Frame(Value value) {
                this.value = value;
            }
        }

        TreeBuilder(String text, Limits limits) {
            this.text = text;
            this.limits = limits;
            this.reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(limits.maxDepth() + 1); // ours reports first, with the position
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        Value build() throws ParseException {
            try {
                while (true) {
                    JsonToken token = reader.peek();
                    int[] at = tokenStart();
                    switch (token) {
                        case BEGIN_OBJECT, BEGIN_ARRAY -> {
                            Value v = attach(token == JsonToken.BEGIN_OBJECT ? Kind.OBJECT : Kind.ARRAY, at[0], at[1], null);
                            if (open.size() >= limits.maxDepth()) {
                                throw error("nested deeper than " + limits.maxDepth() + " levels", at[0], at[1]);
                            }
                            open.push(new Frame(v));
                            if (token == JsonToken.BEGIN_OBJECT) {
                                reader.beginObject();
                            } else {
                                reader.beginArray();
                            }
                            cursor++;
                        }
                        case END_OBJECT, END_ARRAY -> {
                            if (token == JsonToken.END_OBJECT) {
                                reader.endObject();
                            } else {
                                reader.endArray();
                            }
                            open.pop();
                            lastOffset = cursor++;
                            completed();
                        }
                        case NAME -> {
                            String name = reader.nextName();
                            lastOffset = cursor;
                            cursor = endOfString(cursor);
                            Frame f = open.peek();
                            if (limits.uniqueMembers() && f.value.members.containsKey(name)) {
                                throw error("duplicate member " + quote(name), at[0], at[1]);
                            }
                            f.pendingName = name;
                        }
                        case STRING -> {
                            attach(Kind.STRING, at[0], at[1], reader.nextString());
                            cursor = endOfString(cursor);
                        }
                        case NUMBER -> {
                            attach(Kind.NUMBER, at[0], at[1], reader.nextString());
                            while (cursor < text.length() && "+-0123456789.eE".indexOf(text.charAt(cursor)) >= 0) {
                                cursor++;
                            }
                        }
                        case BOOLEAN -> {
                            boolean b = reader.nextBoolean();
                            attach(Kind.BOOLEAN, at[0], at[1], String.valueOf(b));
                            cursor += b ? 4 : 5;
                        }
                        case NULL -> {
                            reader.nextNull();
                            attach(Kind.NULL, at[0], at[1], null);
                            cursor += 4;
                        }
                        case END_DOCUMENT -> {
                            return root;
                        }
                        default -> throw new IllegalStateException("unknown JSON token " + token);
                    }
                }
            } catch (EOFException e) {
                throw truncated();
            } catch (MalformedJsonException e) {
                throw malformed(e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringReader does not fail
            }
        }

        /** Line and column of the token Gson has just peeked: past white space, commas and colons (a byte order mark at the start). */
        private int[] tokenStart() {
            if (cursor == 0 && !text.isEmpty() && text.charAt(0) == '\ufeff') {
                cursor = 1;
                lineStart = 1; // as Gson counts it: the mark takes no column
            }
            while (cursor < text.length()) {
                char c = text.charAt(cursor);
                if (c == '\n') {
                    line++;
                    lineStart = cursor + 1;
                } else if (c != ' ' && c != '\t' && c != '\r' && c != ',' && c != ':') {
                    break;
                }
                cursor++;
            }
            return new int[] {line, cursor - lineStart + 1};
        }

        /** Just past the string whose opening quote is at {@code quote}. */
        private int endOfString(int quote) {
            int i = quote + 1;
            while (i < text.length() && text.charAt(i) != '"') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return Math.min(i + 1, text.length());
        }

        /** A new value at the current place (member value, array item or the document), counted against the limit. */
        private Value attach(Kind kind, int line, int column, String scalar) throws ParseException {
            lastOffset = offset(line, column);
            if (++values > limits.maxValues()) {
                throw error("more than " + limits.maxValues() + " values", line, column);
            }
            Frame parent = open.peek();
            Value v = parent == null ? new Value(kind, null, null, 0, line, column, scalar)
                    : parent.value.kind == Kind.OBJECT ? new Value(kind, parent.value, parent.pendingName, 0, line, column, scalar)
                    : new Value(kind, parent.value, null, parent.value.items.size(), line, column, scalar);
            if (parent == null) {
                root = v;
            } else if (parent.value.kind == Kind.OBJECT) {
                parent.value.members.put(parent.pendingName, v);
                parent.pendingName = null;
            } else {
                parent.value.items.add(v);
            }
            if (kind != Kind.OBJECT && kind != Kind.ARRAY) {
                completed();
            }
            return v;
        }

        private static boolean identifier(String name) {
            if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                    return false;
                }
            }
            return true;
        }

        /** A value (or container) of the innermost open container is complete. */
        private void completed() {
            Frame parent = open.peek();
            if (parent != null) {
                parent.count++;
            }
        }

        /** Line and column where Gson's reader stands (it says so only in its description): where it found an error. */
        private int[] position() {
            String s = reader.toString();
            int l = s.indexOf(" at line ");
            int c = s.indexOf(" column ", l);
            int p = s.indexOf(" path ", c);
            return new int[] {Integer.parseInt(s.substring(l + 9, c)), Integer.parseInt(s.substring(c + 8, p < 0 ? s.length() : p))};
        }

        private int offset(int line, int column) {
            int start = lineStarts[Math.min(Math.max(line, 1), lineStarts.length) - 1];
            return Math.min(start + Math.max(column, 1) - 1, text.length());
        }

        private ParseException error(String message, int line, int column) {
            for (Frame f : open) {
                f.value.complete = false;
            }
            Frame inner = open.peek();
            return new ParseException(message, line, column, inner == null ? "$" : inner.value.path(), root);
        }

        private ParseException errorAt(String message, int offset) {
            int line = lineOf(offset);
            return error(message, line + 1, offset - lineStarts[line] + 1);
        }

        private int lineOf(int offset) {
            int i = java.util.Arrays.binarySearch(lineStarts, offset);
            return i >= 0 ? i : -i - 2;
        }

        private ParseException truncated() {
            Frame inner = open.peek();
            String what = root == null && inner == null ? "empty input: expected a JSON value"
                    : inner == null ? "unexpected end of input (truncated?)"
                    : inner.pendingName != null ? "unexpected end of input (truncated?): expected the value of " + quote(inner.pendingName)
                    : "unexpected end of input (truncated?): " + (inner.value.kind == Kind.OBJECT ? "object" : "array") + " not closed";
            return errorAt(what, text.length());
        }

        /** Gson's message says what it tripped over; ours names the offending character and what was expected there. */
        private ParseException malformed(String gsonMessage) {
            String m = gsonMessage == null ? "" : gsonMessage;
            int[] at = position();
            if (m.startsWith("Unterminated string")) {
                return errorAt("unexpected end of input (truncated?) inside a string", text.length());
            }
            if (m.startsWith("Invalid escape") || m.startsWith("Malformed Unicode escape")) {
                int backslash = text.lastIndexOf('\\', offset(at[0], at[1]));
                return errorAt("invalid escape sequence in a string", backslash < 0 ? offset(at[0], at[1]) : backslash);
            }
            if (m.startsWith("Unescaped control characters")) {
                return error("control character in a string (write it as an escape, \\n or \\u0001)", at[0], Math.max(1, at[1] - 1));
            }
            if (m.startsWith("Nesting limit")) {
                return error("nested deeper than " + limits.maxDepth() + " levels", at[0], at[1] - 1);
            }
            return offender();
        }

        /** Looks at the text after the last good token for the character the grammar did not allow there. */
        private ParseException offender() {
            int i = skipWhiteSpace(endOfLastToken());
            Frame inner = open.peek();
            if (inner == null) {
                return root == null ? unexpectedValue(i) : unexpected(i, "after the end of the JSON value");
            }
            boolean object = inner.value.kind == Kind.OBJECT;
            if (object && inner.pendingName != null) {
                if (i < text.length() && text.charAt(i) == ':') {
                    return unexpectedValue(skipWhiteSpace(i + 1));
                }
                return unexpected(i, "expected ':' after the member name");
            }
            if (inner.count > 0) {
                if (i < text.length() && text.charAt(i) == ',') {
                    i = skipWhiteSpace(i + 1);
                    return object ? unexpected(i, "expected a member name in double quotes") : unexpectedValue(i);
                }
                return unexpected(i, object ? "expected ',' or '}' in the object" : "expected ',' or ']' in the array");
            }
            return object ? unexpected(i, "expected a member name in double quotes") : unexpectedValue(i);
        }

        private ParseException unexpectedValue(int i) {
            if (i >= text.length()) {
                return truncated();
            }
            char c = text.charAt(i);
            int end = i;
            while (end < text.length() && end - i < 40 && "{}[],:\" \t\r\n".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            String word = text.substring(i, end);
            if (Character.isLetter(c)) {
                return errorAt("invalid literal '" + word + "' (a value is a string in double quotes, a number, true, false, null, an object or an array)", i);
            }
            if (c == '-' || c == '.' || Character.isDigit(c)) {
                return errorAt("invalid number '" + word + "'", i);
            }
            return unexpected(i, "expected a value");
        }

        private ParseException unexpected(int i, String expected) {
            if (i >= text.length()) {
                return truncated();
            }
            return errorAt("unexpected " + describe(text.charAt(i)) + ": " + expected, i);
        }

        private static String describe(char c) {
            return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "character U+%04X", (int) c);
        }

        /** Just after the last token read; the start of the text when none was. */
        private int endOfLastToken() {
            if (lastOffset < 0) {
                return 0;
            }
            int i = lastOffset;
            if (i >= text.length()) {
                return text.length();
            }
            char c = text.charAt(i);
            if (c == '"') {
                for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                }
                return Math.min(i + 1, text.length());
            }
            if ("{}[]".indexOf(c) >= 0) {
                return i + 1;
            }
            while (i < text.length() && "{}[],:\" \t\r\n".indexOf(text.charAt(i)) < 0) {
                i++;
            }
            return i;
        }

        private int skipWhiteSpace(int i) {
            while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
                i++;
            }
            return i;
        }
    }
}
