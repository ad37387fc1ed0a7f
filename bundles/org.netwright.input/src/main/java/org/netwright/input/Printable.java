package org.netwright.input;

/**
 * Text from the user's input made safe to print in a message: control characters (a terminal would act on an
 * escape sequence), DEL, C1 controls and the bidirectional overrides that reorder what is shown are written as
 * escapes ({@code \t}, {@code \n}, {@code \u001b}), so a message always shows what the input holds.
 */
public final class Printable {
    private Printable() {
    }

    public static String escape(String s) {
        if (s == null || s.chars().noneMatch(Printable::unsafe)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean unsafe(int c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
