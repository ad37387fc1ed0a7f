package org.netwright.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.emf.ecore.EObject;
import org.netwright.input.InputException;
import org.netwright.input.InputFiles;
import org.netwright.input.Json;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;

/**
 * The diagram's layout sidecar ({@code client.nwp} -> {@code client.nwp.layout}) as the diagram and the reports read
 * it: a JSON object {@code {"format": 1, "nodes": {"ns/client": {"x": 10, "y": 20, "w": 200, "h": -1, "fp": "..."}}}}
 * keyed by stable name paths ({@link #keyOf}). The diagram keeps it up to date ({@code DiagramLayout}).
 */
public final class LayoutSidecar {
    public static final String FILE_SUFFIX = ".layout";
    /** What separates a namespace's key from its interface's: {@code ns/router/if/br0}. */
    public static final String INTERFACE_KEY = "/if/";

    /** One stored placement: the box, and the fingerprint that finds it again after a rename ({@link #fingerprintOf}). */
    public record Placement(Box bounds, String fingerprint) {
    }

    private LayoutSidecar() {
    }

    /** The sidecar path for a model file: {@code <model file name>.layout} in the same folder. */
    public static Path sidecarFor(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + FILE_SUFFIX);
    }

    /** Stable key of a drawn element: {@code ns/<namespace>} or {@code ns/<namespace>/if/<interface>}; null for others. */
    public static String keyOf(EObject element) {
        if (element instanceof Namespace ns) {
            return "ns/" + ns.getName();
        }
        if (element instanceof Interface itf && itf.eContainer() instanceof Namespace ns) {
            return "ns/" + ns.getName() + INTERFACE_KEY + itf.getName();
        }
        return null;
    }

    /** What identifies an element whose name changed: the names of its interfaces (or its ports). */
    public static String fingerprintOf(EObject element) {
        List<String> names = new ArrayList<>();
        if (element instanceof Namespace ns) {
            names.add("ns");
            for (Interface itf : ns.getInterfaces()) {
                names.add(itf.getName());
            }
        } else if (element instanceof BridgeInterface br) {
            names.add("br");
            for (Interface port : br.getPorts()) {
                names.add(port.getName());
            }
        } else {
            return "";
        }
        Collections.sort(names.subList(1, names.size()));
        return String.join(",", names);
    }

    /**
     * The placements of the sidecar, sorted by key; none when it does not exist. A sidecar that is not a regular file,
     * too large or not JSON is an {@link InputException} naming file, line and column.
     */
    public static Map<String, Placement> load(Path sidecar) {
        if (!Files.exists(sidecar)) {
            return new TreeMap<>();
        }
        String text = InputFiles.readUtf8(sidecar, InputFiles.SMALL_BYTES);
        try {
            return read(text);
        } catch (InputException e) {
            throw new InputException(sidecar.toString(), e.line(), e.column(), e.getMessage());
        }
    }

    /**
     * The placements of a sidecar's text, sorted by key; unknown members and malformed nodes are skipped. Text that is
     * not JSON is an {@link InputException} at its line and column.
     */
    public static Map<String, Placement> read(String json) {
        Json.Value root;
        try {
            root = Json.parse(json);
        } catch (Json.ParseException e) {
            throw e.in(null);
        }
        Map<String, Placement> placements = new TreeMap<>();
        Json.Value nodes = root.get("nodes");
        for (Map.Entry<String, Json.Value> e : nodes == null ? Map.<String, Json.Value>of().entrySet() : nodes.members().entrySet()) {
            Json.Value n = e.getValue();
            Integer x = coordinate(n.get("x"));
            Integer y = coordinate(n.get("y"));
            if (x != null && y != null) {
                Integer w = coordinate(n.get("w"));
                Integer h = coordinate(n.get("h"));
                Json.Value fp = n.get("fp");
                placements.put(e.getKey(), new Placement(new Box(x, y, w == null ? -1 : w, h == null ? -1 : h),
                    fp != null && fp.isString() ? fp.text() : ""));
            }
        }
        return placements;
    }

    /** A number that fits a pixel coordinate, or null. */
    private static Integer coordinate(Json.Value v) {
        if (v == null || !v.isNumber()) {
            return null;
        }
        try {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(Double.parseDouble(v.text()))));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
