package org.netwright.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AutoLayoutTest {

    @Test
    void nodesOfDifferentSizesNeverOverlap() {
        Map<String, int[]> sizes = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            sizes.put("ns" + i, new int[] { 120 + 37 * i, 80 + 23 * (i % 3) });
        }
        Map<String, Box> placed = new AutoLayout(3).place(sizes);
        assertEquals(7, placed.size());
        List<Box> all = new ArrayList<>(placed.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).intersects(all.get(j)), all.get(i) + " overlaps " + all.get(j));
            }
        }
        assertEquals(new Box(AutoLayout.GAP, AutoLayout.GAP, 120, 80), placed.get("ns0"));
    }

    @Test
    void rejectsZeroColumns() {
        assertThrows(IllegalArgumentException.class, () -> new AutoLayout(0));
    }
}
