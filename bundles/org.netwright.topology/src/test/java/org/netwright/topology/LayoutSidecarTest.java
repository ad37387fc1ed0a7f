package org.netwright.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.input.InputException;

/** The layout sidecar as the diagram and the reports read it, and the places it gives (or leaves to the automatic layout). */
class LayoutSidecarTest {

    @Test
    void readsPlacementsAndSkipsWhatIsNotOne() {
        Map<String, LayoutSidecar.Placement> read = LayoutSidecar.read("""
                {"format": 1, "extra": true, "nodes": {
                  "ns/b": {"x": 300, "y": 40.6, "w": 200, "h": -1, "fp": "ns,eth0"},
                  "ns/a": {"x": 10, "y": 20},
                  "ns/c": {"x": "left", "y": 20}
                }}""");
        assertEquals(List.of("ns/a", "ns/b"), List.copyOf(read.keySet()), "sorted, the malformed one left out");
        assertEquals(new Box(10, 20, -1, -1), read.get("ns/a").bounds());
        assertEquals(new Box(300, 41, 200, -1), read.get("ns/b").bounds());
        assertEquals("ns,eth0", read.get("ns/b").fingerprint());
    }

    @Test
    void aMissingSidecarIsNoPlacementAndABrokenOneNamesItsPosition(@TempDir Path dir) throws Exception {
        assertTrue(LayoutSidecar.load(dir.resolve("none.nwp.layout")).isEmpty());
        Path broken = dir.resolve("t.nwp.layout");
        Files.writeString(broken, "{\n  \"nodes\": {\n    \"ns/a\": {\"x\": 1,,}\n");
        InputException e = assertThrows(InputException.class, () -> LayoutSidecar.load(broken));
        assertEquals(broken.toString(), e.file(), e.getMessage());
        assertEquals(3, e.line(), e.getMessage());
        assertEquals(Path.of("a/client.nwp.layout"), LayoutSidecar.sidecarFor(Path.of("a/client.nwp")));
    }

    @Test
    void storedNodesKeepTheirPlaceAndTheOthersGoBelowThem() {
        Map<String, int[]> preferred = new LinkedHashMap<>();
        preferred.put("ns/a", new int[] { 200, 120 });
        preferred.put("ns/b", new int[] { 180, 90 });
        preferred.put("ns/a/if/br0", new int[] { 90, 40 });
        preferred.put("ns/c", new int[] { 220, 100 });
        Map<String, Box> all = AutoLayout.arrange(preferred, Map.of("ns/b", new Box(500, 300, 100, -1)));
        assertEquals(List.copyOf(preferred.keySet()), List.copyOf(all.keySet()), "model order");
        assertEquals(new Box(500, 300, 180, 90), all.get("ns/b"), "its stored place, at least its preferred size");
        List<Box> boxes = new ArrayList<>(all.values());
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).intersects(boxes.get(j)), boxes.get(i) + " overlaps " + boxes.get(j));
            }
        }
        assertTrue(all.get("ns/a").y() >= 390 + AutoLayout.GAP, "placed below the stored node: " + all.get("ns/a"));
    }
}
