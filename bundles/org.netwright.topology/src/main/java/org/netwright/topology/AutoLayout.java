package org.netwright.topology;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * Places nodes that have no stored layout yet (imported models, new text) on a grid of columns,
 * so that nothing overlaps and the drawing reads left to right in model order: the diagram's and the reports' layout.
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

    /**
     * The boxes of every node, by key ({@link LayoutSidecar#keyOf}), in the order of {@code preferred}: a node with a
     * stored place keeps it, at least as large as its preferred size; the others are placed below them, on a grid for the
     * number of namespaces among them. What the diagram shows on opening a file, and the reports draw.
     *
     * @param preferred preferred width and height of each node, in model order
     * @param stored the stored places ({@code -1} width or height: the preferred one)
     */
    public static Map<String, Box> arrange(Map<String, int[]> preferred, Map<String, Box> stored) {
        Map<String, Box> kept = new LinkedHashMap<>();
        Map<String, int[]> missing = new LinkedHashMap<>();
        preferred.forEach((key, size) -> {
            Box s = stored.get(key);
            if (s == null) {
                missing.put(key, size);
            } else {
                kept.put(key, new Box(s.x(), s.y(), Math.max(s.width(), size[0]), Math.max(s.height(), size[1])));
            }
        });
        long namespaces = missing.keySet().stream().filter(k -> !k.contains(LayoutSidecar.INTERFACE_KEY)).count();
        Map<String, Box> placed = forCount((int) Math.max(1, namespaces)).place(missing, new ArrayList<>(kept.values()));
        Map<String, Box> all = new LinkedHashMap<>();
        preferred.keySet().forEach(key -> all.put(key, kept.containsKey(key) ? kept.get(key) : placed.get(key)));
        return all;
    }

    /** @param sizes preferred width and height of each node, by node id, in model order */
    public Map<String, Box> place(Map<String, int[]> sizes) {
        return place(sizes, List.of());
    }

    /**
     * Places the nodes below everything already {@code occupied} (nodes that keep their stored place),
     * so that new nodes never overlap old ones.
     */
    public Map<String, Box> place(Map<String, int[]> sizes, Collection<Box> occupied) {
        Map<String, Box> result = new LinkedHashMap<>();
        List<String> ids = List.copyOf(sizes.keySet());
        int[] columnWidth = new int[columns];
        for (int i = 0; i < ids.size(); i++) {
            columnWidth[i % columns] = Math.max(columnWidth[i % columns], sizes.get(ids.get(i))[0]);
        }
        int left = GAP;
        int y = GAP;
        for (Box r : occupied) {
            y = Math.max(y, r.bottom() + GAP);
            left = Math.min(left, r.x());
        }
        for (int row = 0; row * columns < ids.size(); row++) {
            int x = left;
            int rowHeight = 0;
            for (int col = 0; col < columns && row * columns + col < ids.size(); col++) {
                String id = ids.get(row * columns + col);
                int[] size = sizes.get(id);
                result.put(id, new Box(x, y, size[0], size[1]));
                x += columnWidth[col] + COLUMN_GAP;
                rowHeight = Math.max(rowHeight, size[1]);
            }
            y += rowHeight + GAP;
        }
        return result;
    }
}
