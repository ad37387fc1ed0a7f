package org.netwright.diagram;

import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.WeakHashMap;

import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.emf.ecore.EObject;
import org.netwright.input.InputException;
import org.netwright.input.Json;
import org.netwright.input.OutputFiles;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.topology.Box;
import org.netwright.topology.LayoutSidecar;

/**
 * Where the diagram's nodes are, kept out of the model so that the {@code .nwp} text stays clean.
 *
 * <p>Stored as a JSON sidecar next to the model file ({@code client.nwp} -> {@code client.nwp.layout}),
 * keyed by stable names ({@code ns/client}, {@code ns/router/if/br0}). Keys that match nothing in the
 * model are kept (a branch switch or an undone deletion brings them back) and otherwise ignored.
 * Elements without an entry are placed by {@link AutoLayout}.
 *
 * <p>Surviving text edits: a key is a name path, so reordering never matters. A rename of a live model
 * object (diagram, Properties view, a text reconcile that updates objects in place) is followed by
 * moving the entry to the new key ({@link #boundsOf}). A text edit that re-creates the objects under a
 * new name is matched by the entry's fingerprint (the sorted names of the element's interfaces) when
 * that fingerprint is unique among the orphaned entries ({@link #reconcile}).
 */
public final class DiagramLayout {
    /** Property name of change events; the new value is the key that changed (or null: many changed). */
    public static final String PROP_BOUNDS = "bounds";
    public static final String FILE_SUFFIX = LayoutSidecar.FILE_SUFFIX;
    private static final int FORMAT = 1;

    /** One stored placement. */
    public record Entry(Rectangle bounds, String fingerprint) {
        public Entry {
            bounds = bounds.getCopy();
        }

        @Override
        public Rectangle bounds() {
            return bounds.getCopy();
        }
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private final Map<EObject, String> lastKeys = new WeakHashMap<>();
    private final PropertyChangeSupport listeners = new PropertyChangeSupport(this);
    private Path file;
    private boolean dirty;

    public DiagramLayout() {
    }

    /** The sidecar path for a model file: {@code <model file name>.layout} in the same folder. */
    public static Path sidecarFor(Path modelFile) {
        return LayoutSidecar.sidecarFor(modelFile);
    }

    /**
     * Reads the sidecar if it exists (an empty layout otherwise); {@link #save()} writes it back there. A sidecar
     * that is not a regular file, too large or not JSON is an {@link InputException} naming file, line and column.
     */
    public static DiagramLayout load(Path sidecar) {
        DiagramLayout layout = new DiagramLayout();
        layout.file = sidecar;
        layout.fill(LayoutSidecar.load(sidecar));
        return layout;
    }

    public Path getFile() {
        return file;
    }

    public void setFile(Path file) {
        this.file = file;
    }

    public boolean isDirty() {
        return dirty;
    }

    // ------------------------------------------------------------------ keys

    /** Stable key of a diagram element: {@code ns/<namespace>} or {@code ns/<namespace>/if/<interface>}. */
    public static String keyOf(EObject element) {
        return LayoutSidecar.keyOf(element);
    }

    /** What identifies an element whose name changed: the names of its interfaces (or its ports). */
    public static String fingerprintOf(EObject element) {
        return LayoutSidecar.fingerprintOf(element);
    }

    // ------------------------------------------------------------------ access

    /** Stored bounds of the element, or null when it has none (yet). Follows renames of live objects. */
    public Rectangle boundsOf(EObject element) {
        String key = keyOf(element);
        if (key == null) {
            return null;
        }
        follow(element, key);
        Entry entry = entries.get(key);
        return entry == null ? null : entry.bounds();
    }

    public Rectangle get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.bounds();
    }

    /** Stores the element's bounds (null removes the entry) and tells the listeners. */
    public void setBounds(EObject element, Rectangle bounds) {
        String key = keyOf(element);
        if (key == null) {
            throw new IllegalArgumentException("not a diagram node: " + element);
        }
        lastKeys.put(element, key);
        put(key, bounds == null ? null : new Entry(bounds, fingerprintOf(element)));
    }

    /** Low-level store by key (null removes); used by undo of layout commands. */
    public void put(String key, Entry entry) {
        Entry old = entry == null ? entries.remove(key) : entries.put(key, entry);
        if (!Objects.equals(old, entry)) {
            dirty = true;
            listeners.firePropertyChange(PROP_BOUNDS, null, key);
        }
    }

    public Entry entry(String key) {
        return entries.get(key);
    }

    /** All keys, sorted. */
    public List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    public void addPropertyChangeListener(PropertyChangeListener listener) {
        listeners.addPropertyChangeListener(listener);
    }

    public void removePropertyChangeListener(PropertyChangeListener listener) {
        listeners.removePropertyChangeListener(listener);
    }

    /**
     * If the element was known under another key that still holds an entry, and its new key holds none,
     * the entry (and those of its interfaces) moves to the new key: a rename keeps the node where it was.
     */
    private void follow(EObject element, String key) {
        String previous = lastKeys.put(element, key);
        if (previous == null || previous.equals(key) || !entries.containsKey(previous) || entries.containsKey(key)) {
            return;
        }
        Map<String, Entry> moved = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getKey().equals(previous) || e.getKey().startsWith(previous + "/")) {
                moved.put(key + e.getKey().substring(previous.length()), e.getValue());
            }
        }
        entries.keySet().removeIf(k -> k.equals(previous) || k.startsWith(previous + "/"));
        moved.forEach(entries::putIfAbsent);
        dirty = true;
    }

    /**
     * Moves the entry under {@code oldKey} and every entry below it ({@code oldKey/...}) to {@code newKey};
     * entries already under the new key stay. Used by renames, which know both names.
     */
    public void rekey(String oldKey, String newKey) {
        if (oldKey == null || newKey == null || oldKey.equals(newKey)) {
            return;
        }
        Map<String, Entry> moved = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getKey().equals(oldKey) || e.getKey().startsWith(oldKey + "/")) {
                moved.put(newKey + e.getKey().substring(oldKey.length()), e.getValue());
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        entries.keySet().removeIf(k -> k.equals(oldKey) || k.startsWith(oldKey + "/"));
        moved.forEach(entries::putIfAbsent);
        lastKeys.entrySet().removeIf(e -> e.getValue().equals(oldKey));
        dirty = true;
        listeners.firePropertyChange(PROP_BOUNDS, null, null);
    }

    /** A copy of every entry, for undo of edits that change many (a text edit that re-keys, a rename). */
    public Map<String, Entry> snapshot() {
        return new TreeMap<>(entries);
    }

    /** Puts back a {@link #snapshot()}. */
    public void restore(Map<String, Entry> snapshot) {
        if (snapshot.equals(entries)) {
            return;
        }
        entries.clear();
        entries.putAll(snapshot);
        lastKeys.clear();
        dirty = true;
        listeners.firePropertyChange(PROP_BOUNDS, null, null);
    }

    /**
     * Gives elements that have no entry the entry of an orphan (a key matching no element) with the same
     * fingerprint, when exactly one orphan and one element share it: a namespace renamed in the text,
     * re-created by the parser, keeps its place.
     */
    public void reconcile(Network network) {
        reconcile(network.getNamespaces());
    }

    /**
     * As {@link #reconcile(Network)} for the namespaces shown; afterwards, when exactly one namespace
     * has no entry and exactly one orphaned namespace entry is left, they are matched too (a rename in
     * the text that also changed the interfaces).
     */
    public void reconcile(List<Namespace> namespaces) {
        Map<String, EObject> live = new LinkedHashMap<>();
        for (Namespace ns : namespaces) {
            live.put(keyOf(ns), ns);
            for (Interface itf : ns.getInterfaces()) {
                if (itf instanceof org.netwright.model.BridgeInterface) {
                    live.put(keyOf(itf), itf);
                }
            }
        }
        Map<String, List<String>> orphansByPrint = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!live.containsKey(e.getKey()) && !e.getValue().fingerprint().isEmpty()) {
                orphansByPrint.computeIfAbsent(e.getValue().fingerprint(), f -> new ArrayList<>()).add(e.getKey());
            }
        }
        Map<String, List<EObject>> homelessByPrint = new LinkedHashMap<>();
        for (Map.Entry<String, EObject> e : live.entrySet()) {
            if (!entries.containsKey(e.getKey())) {
                homelessByPrint.computeIfAbsent(fingerprintOf(e.getValue()), f -> new ArrayList<>()).add(e.getValue());
            }
        }
        boolean changed = false;
        for (Map.Entry<String, List<EObject>> e : homelessByPrint.entrySet()) {
            List<String> orphans = orphansByPrint.get(e.getKey());
            if (orphans != null && orphans.size() == 1 && e.getValue().size() == 1) {
                String orphan = orphans.get(0);
                EObject element = e.getValue().get(0);
                String key = keyOf(element);
                if (!entries.containsKey(orphan) || entries.containsKey(key)) {
                    continue; // already moved along with its namespace
                }
                if (element instanceof Namespace) {
                    // move the namespace's own entries (bridges inside it) along with it
                    lastKeys.put(element, orphan);
                    follow(element, key);
                } else {
                    entries.put(key, entries.remove(orphan));
                    lastKeys.put(element, key);
                }
                changed = true;
            }
        }
        List<Namespace> homeless = new ArrayList<>();
        for (Namespace ns : namespaces) {
            if (!entries.containsKey(keyOf(ns))) {
                homeless.add(ns);
            }
        }
        List<String> orphans = new ArrayList<>();
        for (String k : entries.keySet()) {
            if (k.startsWith("ns/") && k.indexOf('/', 3) < 0 && !live.containsKey(k)) {
                orphans.add(k);
            }
        }
        if (homeless.size() == 1 && orphans.size() == 1) {
            rekeyQuietly(orphans.get(0), keyOf(homeless.get(0)));
            changed = true;
        }
        if (changed) {
            dirty = true;
            listeners.firePropertyChange(PROP_BOUNDS, null, null);
        }
    }

    private void rekeyQuietly(String oldKey, String newKey) {
        Map<String, Entry> moved = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getKey().equals(oldKey) || e.getKey().startsWith(oldKey + "/")) {
                moved.put(newKey + e.getKey().substring(oldKey.length()), e.getValue());
            }
        }
        entries.keySet().removeIf(k -> k.equals(oldKey) || k.startsWith(oldKey + "/"));
        moved.forEach(entries::putIfAbsent);
    }

    // ------------------------------------------------------------------ persistence

    /** Writes the sidecar atomically (a temporary file in the same folder, then a rename). */
    public void save() throws IOException {
        if (file == null) {
            throw new IllegalStateException("layout has no file");
        }
        saveTo(file);
    }

    public void saveTo(Path target) throws IOException {
        OutputFiles.writeAtomically(target, toJson().getBytes(StandardCharsets.UTF_8));
        dirty = false;
    }

    /** The JSON text: one entry a line, sorted by key, so that the file diffs well. */
    public String toJson() {
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"format\": ").append(FORMAT).append(",\n  \"nodes\": {");
        boolean first = true;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Rectangle r = e.getValue().bounds;
            out.append(first ? "\n" : ",\n");
            first = false;
            out.append("    ").append(Json.quote(e.getKey())).append(": {\"x\": ").append(r.x).append(", \"y\": ").append(r.y)
                .append(", \"w\": ").append(r.width).append(", \"h\": ").append(r.height);
            if (!e.getValue().fingerprint().isEmpty()) {
                out.append(", \"fp\": ").append(Json.quote(e.getValue().fingerprint()));
            }
            out.append('}');
        }
        out.append(first ? "}\n}\n" : "\n  }\n}\n");
        return out.toString();
    }

    /**
     * Replaces the entries with those of the JSON text; unknown members and malformed nodes are skipped. Text that is
     * not JSON is an {@link InputException} at its line and column (the entries stay as they were).
     */
    public void read(String json) {
        fill(LayoutSidecar.read(json));
    }

    private void fill(Map<String, LayoutSidecar.Placement> placements) {
        entries.clear();
        placements.forEach((key, p) -> {
            Box b = p.bounds();
            entries.put(key, new Entry(new Rectangle(b.x(), b.y(), b.width(), b.height()), p.fingerprint()));
        });
        dirty = false;
        listeners.firePropertyChange(PROP_BOUNDS, null, null);
    }
}
