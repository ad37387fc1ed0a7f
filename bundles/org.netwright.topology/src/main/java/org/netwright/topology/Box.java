package org.netwright.topology;

/** A node's place on a drawing, in pixels: its top left corner, width and height (-1: its preferred size). */
public record Box(int x, int y, int width, int height) {
    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public int centerX() {
        return x + width / 2;
    }

    public int centerY() {
        return y + height / 2;
    }

    /** True when the two boxes share an inner point (touching edges do not count). */
    public boolean intersects(Box o) {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }
}
