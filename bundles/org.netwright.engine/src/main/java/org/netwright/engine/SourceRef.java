package org.netwright.engine;

/** Opaque pointer back into the user's source (DSL file, nft script, iptables-save dump). */
public record SourceRef(String file, int line, int column, String text) {
    public static SourceRef of(String text) {
        return new SourceRef(null, 0, 0, text);
    }

    @Override
    public String toString() {
        String loc = file == null ? "" : file + ":" + line + ":" + column + ": ";
        return loc + (text == null ? "" : text);
    }
}
