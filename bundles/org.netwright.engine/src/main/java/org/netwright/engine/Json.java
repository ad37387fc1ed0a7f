package org.netwright.engine;

/**
 * A minimal streaming JSON writer: fields appear in the order they are written (deterministic output). Shared by
 * the trace and the diagnostics so both escape strings the same way.
 */
public final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    public Json beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    public Json endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public Json beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    public Json endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    public Json name(String n) {
        comma();
        quote(n);
        sb.append(':');
        needComma = false;
        return this;
    }

    public Json value(String v) {
        comma();
        if (v == null) {
            sb.append("null");
        } else {
            quote(v);
        }
        needComma = true;
        return this;
    }

    public Json value(long v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    public Json value(boolean v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    public Json nul() {
        comma();
        sb.append("null");
        needComma = true;
        return this;
    }

    public Json field(String n, String v) {
        return name(n).value(v);
    }

    public Json field(String n, long v) {
        return name(n).value(v);
    }

    public Json field(String n, boolean v) {
        return name(n).value(v);
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    private void quote(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
