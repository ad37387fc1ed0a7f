package org.netwright.ui;

/**
 * Toggle Comment for .nwp sources: comments start with '#', as in nft and shell files. If every
 * non-blank line of the selection is commented, the comments are removed; otherwise all lines
 * get one, so pressing the key twice restores the original text.
 */
public final class LineComments {
    public static final String PREFIX = "# ";

    private LineComments() {
    }

    public static String toggle(String lines) {
        String[] split = lines.split("\n", -1);
        boolean allCommented = true;
        boolean anyContent = false;
        for (String line : split) {
            if (!line.isBlank()) {
                anyContent = true;
                allCommented &= line.stripLeading().startsWith("#");
            }
        }
        if (!anyContent) {
            return lines;
        }
        StringBuilder out = new StringBuilder(lines.length() + split.length * 2);
        for (int i = 0; i < split.length; i++) {
            String line = split[i];
            if (!line.isBlank()) {
                int indent = line.length() - line.stripLeading().length();
                String body = line.substring(indent);
                if (allCommented) {
                    body = body.startsWith(PREFIX) ? body.substring(PREFIX.length()) : body.substring(1);
                } else {
                    body = PREFIX + body;
                }
                line = line.substring(0, indent) + body;
            }
            out.append(line);
            if (i < split.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
