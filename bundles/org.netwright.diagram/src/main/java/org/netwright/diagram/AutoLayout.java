package org.netwright.diagram;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.draw2d.geometry.Rectangle;

/**
 * Places nodes that have no stored layout yet (imported models, new text) on a grid of columns,
 * so that nothing overlaps and the diagram reads left to right in model order.
 */
public final class AutoLayout {
    public static final int GAP = 40;
    /** Horizontal gap: wider than the vertical one, so that links between columns have room. */
    public static final int COLUMN_GAP = 80;

    private final int columns;

    public AutoLayout(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be positive: " + columns);
        }
        this.columns = columns;
    }

    /** A grid about as wide as it is high for {@code count} nodes, at most 4 columns. */
    public static AutoLayout forCount(int count) {
        return new AutoLayout(Math.max(1, Math.min(4, (int) Math.ceil(Math.sqrt(count)))));
    }

    /** @param sizes preferred width and height of each node, by node id, in model order */
    public Map<String, Rectangle> place(Map<String, int[]> sizes) {
        return place(sizes, List.of());
    }

    /**
     * Places the nodes below everything already {@code occupied} (nodes that keep their stored place),
     * so that new nodes never overlap old ones.
     */
    public Map<String, Rectangle> place(Map<String, int[]> sizes, Collection<Rectangle> occupied) {
        Map<String, Rectangle> result = new LinkedHashMap<>();
        List<String> ids = List.copyOf(sizes.keySet());
        int[] columnWidth = new int[columns];
        for (int i = 0; i < ids.size(); i++) {
            columnWidth[i % columns] = Math.max(columnWidth[i % columns], sizes.get(ids.get(i))[0]);
        }
        int left = GAP;
        int y = GAP;
        for (Rectangle r : occupied) {
            y = Math.max(y, r.bottom() + GAP);
            left = Math.min(left, r.x);
        }
        for (int row = 0; row * columns < ids.size(); row++) {
            int x = left;
            int rowHeight = 0;
            for (int col = 0; col < columns && row * columns + col < ids.size(); col++) {
                String id = ids.get(row * columns + col);
                int[] size = sizes.get(id);
                result.put(id, new Rectangle(x, y, size[0], size[1]));
                x += columnWidth[col] + COLUMN_GAP;
                rowHeight = Math.max(rowHeight, size[1]);
            }
            y += rowHeight + GAP;
        }
        return result;
    }
}
