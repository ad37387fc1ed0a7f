package org.netwright.report;

/**
 * A small HTML writer: elements with escaped text and attributes, so that nothing from a model (a name, a rule, a
 * message) can end up as markup. Every report page is built with it.
 */
final class Html {
    private final StringBuilder sb = new StringBuilder();

    /** {@code <tag attr="value" ...>}; attributes come in name/value pairs, a null value leaves the attribute out. */
    Html open(String tag, String... attributes) {
        sb.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                sb.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
        sb.append('>');
        return this;
    }

    Html close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** An element with text content. */
    Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Html text(String text) {
        sb.append(escape(text));
        return this;
    }

    /** Markup that this code wrote itself (a style sheet, an SVG drawing): never text from a model. */
    Html raw(String markup) {
        sb.append(markup);
        return this;
    }

    Html newline() {
        sb.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    /** Text for element content and attribute values: markup characters as references, controls as U+FFFD. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
