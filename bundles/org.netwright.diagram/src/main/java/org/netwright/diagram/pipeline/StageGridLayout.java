package org.netwright.diagram.pipeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.draw2d.AbstractLayout;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.geometry.Dimension;
import org.eclipse.draw2d.geometry.Insets;
import org.eclipse.draw2d.geometry.Rectangle;
import org.netwright.topology.Pipeline;

/**
 * Places the stages in the cells of the packet-flow figure's grid (constraint: the {@link Pipeline.StageKind});
 * each column as wide as its widest stage, each row as tall as its tallest, empty columns and rows left out.
 */
final class StageGridLayout extends AbstractLayout {
    private static final int GAP_X = 46;
    private static final int GAP_Y = 34;
    private final Map<IFigure, Pipeline.StageKind> cells = new java.util.HashMap<>();

    @Override
    public void setConstraint(IFigure child, Object constraint) {
        if (constraint instanceof Pipeline.StageKind k) {
            cells.put(child, k);
        }
        super.setConstraint(child, constraint);
    }

    @Override
    public Object getConstraint(IFigure child) {
        return cells.get(child);
    }

    @Override
    public void remove(IFigure child) {
        cells.remove(child);
        super.remove(child);
    }

    private record Grid(TreeMap<Integer, Integer> widths, TreeMap<Integer, Integer> heights) {
        int x(int column) {
            int x = 0;
            for (Map.Entry<Integer, Integer> e : widths.headMap(column).entrySet()) {
                x += e.getValue() + GAP_X;
            }
            return x;
        }

        int y(int row) {
            int y = 0;
            for (Map.Entry<Integer, Integer> e : heights.headMap(row).entrySet()) {
                y += e.getValue() + GAP_Y;
            }
            return y;
        }
    }

    private Grid grid(IFigure container) {
        TreeMap<Integer, Integer> widths = new TreeMap<>();
        TreeMap<Integer, Integer> heights = new TreeMap<>();
        for (Object o : (List<?>) container.getChildren()) {
            IFigure f = (IFigure) o;
            Pipeline.StageKind k = cells.get(f);
            if (k != null) {
                Dimension d = f.getPreferredSize();
                widths.merge(k.column(), d.width, Math::max);
                heights.merge(k.row(), d.height, Math::max);
            }
        }
        return new Grid(widths, heights);
    }

    @Override
    protected Dimension calculatePreferredSize(IFigure container, int wHint, int hHint) {
        Grid g = grid(container);
        Insets in = container.getInsets();
        int w = g.widths().isEmpty() ? 0 : g.x(g.widths().lastKey()) + g.widths().lastEntry().getValue();
        int h = g.heights().isEmpty() ? 0 : g.y(g.heights().lastKey()) + g.heights().lastEntry().getValue();
        return new Dimension(w + in.getWidth(), h + in.getHeight());
    }

    @Override
    public void layout(IFigure container) {
        Grid g = grid(container);
        Rectangle area = container.getClientArea();
        for (Object o : (List<?>) container.getChildren()) {
            IFigure f = (IFigure) o;
            Pipeline.StageKind k = cells.get(f);
            if (k != null) {
                Dimension d = f.getPreferredSize();
                f.setBounds(new Rectangle(area.x + g.x(k.column()), area.y + g.y(k.row()), g.widths().get(k.column()), d.height));
            }
        }
    }
}
