package org.netwright.dsl.ide.server;

import java.util.Arrays;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Offsets to LSP positions in O(log lines). Xtext's {@code Document.getPosition} counts lines from the start of the
 * text on every call, which made symbols and folding of a 5 000-rule file take seconds (one call per range end).
 */
public final class LineIndex {
    private final int[] lineStarts;
    private final int length;

    public LineIndex(String text) {
        int[] starts = new int[64];
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (lines == starts.length) {
                    starts = Arrays.copyOf(starts, lines * 2);
                }
                starts[lines++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, lines);
        this.length = text.length();
    }

    /** The position of {@code offset} (clamped to the text), line and character counted from 0 as in LSP. */
    public Position position(int offset) {
        int o = Math.max(0, Math.min(offset, length));
        return new Position(line(o), o - lineStarts[line(o)]);
    }

    public Range range(int offset, int length) {
        return new Range(position(offset), position(offset + length));
    }

    /** The line (from 0) that holds {@code offset}. */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, length)));
        return i >= 0 ? i : -i - 2;
    }

    public int lineCount() {
        return lineStarts.length;
    }
}
