package org.netwright.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.netwright.input.InputException;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.topology.AutoLayout;
import org.netwright.topology.Box;
import org.netwright.topology.Describe;
import org.netwright.topology.LayoutSidecar;
import org.netwright.topology.PathHighlight;
import org.netwright.topology.Topology;
import org.netwright.topology.Wire;

/**
 * The topology of a file as an SVG drawing, the desktop diagram's picture without UI: its namespaces (with their
 * interfaces and addresses), bridges and wires, where the diagram's layout sidecar puts them (an automatic layout for
 * what it does not place, or without one), and optionally a walk's path on it: the namespaces and wires the packet
 * crossed, where it was delivered or dropped (and by what), and its reply's way. Sizes come from the text, estimated
 * for the fonts the report's style asks for.
 */
final class TopologySvg {
    private static final int PAD = 8;
    private static final int TITLE = 24;
    private static final int LINE = 16;
    private static final int ROW = 18;
    private static final double TITLE_CHAR = 8.0;
    private static final double TEXT_CHAR = 6.6;
    private static final double MONO_CHAR = 6.7;

    private final Topology topology;
    private final List<EObject> nodes;
    private final List<Wire> wires;
    private final Map<String, Box> stored = new LinkedHashMap<>();
    private final String layoutNote;

    private TopologySvg(Network model, Path file) {
        this.topology = Topology.of(model);
        this.nodes = topology.nodes();
        this.wires = Wire.of(topology);
        Path sidecar = LayoutSidecar.sidecarFor(file);
        String note;
        try {
            LayoutSidecar.load(sidecar).forEach((key, p) -> stored.put(key, p.bounds()));
            note = stored.isEmpty() ? "automatic layout" : "the desktop diagram's layout (" + sidecar.getFileName() + ")";
        } catch (InputException e) {
            note = "automatic layout: the layout file " + sidecar.getFileName() + " is ignored (" + e.getMessage() + ")";
        }
        this.layoutNote = note;
    }

    /** The drawing of a file's model (and what it imports); its layout sidecar is read once, here. */
    static TopologySvg of(Network model, Path file) {
        return new TopologySvg(model, file);
    }

    /** Where the places come from, in words. */
    String layoutNote() {
        return layoutNote;
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** One namespace as drawn: its interface rows (bridges are nodes of their own) and the lines under them. */
    private record NodeText(String title, String facts, String origin, List<Interface> rows, List<String> rowTexts, List<String> label) {
        int headerHeight() {
            return TITLE + (facts.isEmpty() ? 0 : LINE) + (origin == null ? 0 : LINE);
        }
    }

    private NodeText textOf(EObject node, PathHighlight walk) {
        if (node instanceof BridgeInterface br) {
            String owner = br.eContainer() instanceof Namespace ns ? "bridge in " + ns.getName() : "bridge";
            return new NodeText(br.getName(), owner, null, List.of(), List.of(), List.of());
        }
        Namespace ns = (Namespace) node;
        List<Interface> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Interface itf : ns.getInterfaces()) {
            if (!(itf instanceof BridgeInterface)) {
                rows.add(itf);
                List<String> addresses = Describe.addresses(itf);
                texts.add(itf.getName() + "  " + (addresses.isEmpty() ? Describe.kind(itf) : String.join(", ", addresses)));
            }
        }
        String label = walk == null ? null : walk.label(ns.getName());
        return new NodeText(ns.getName(), String.join(" \u00b7 ", Describe.facts(ns, topology.blocksOf(ns))),
                topology.isOwn(ns) ? null : "from " + Topology.fileOf(ns), rows, texts, label == null ? List.of() : List.of(label.split("\n")));
    }

    private static int[] sizeOf(NodeText t, boolean bridge) {
        double width = t.title().length() * TITLE_CHAR;
        width = Math.max(width, t.facts().length() * TEXT_CHAR);
        if (t.origin() != null) {
            width = Math.max(width, t.origin().length() * TEXT_CHAR);
        }
        for (String row : t.rowTexts()) {
            width = Math.max(width, row.length() * MONO_CHAR);
        }
        for (String line : t.label()) {
            width = Math.max(width, line.length() * TEXT_CHAR * 1.05);
        }
        int w = (int) Math.ceil(width) + 2 * PAD + 4;
        if (bridge) {
            return new int[] { Math.max(90, w), TITLE + LINE + PAD };
        }
        int h = t.headerHeight() + PAD + t.rows().size() * ROW + (t.label().isEmpty() ? 0 : PAD + t.label().size() * LINE) + PAD;
        return new int[] { Math.max(160, w), h };
    }

    /** The drawing; with a walk, its path on it. {@code title} names it for screen readers. */
    void draw(Html h, PathHighlight walk, String title) {
        Map<String, NodeText> texts = new LinkedHashMap<>();
        Map<String, int[]> sizes = new LinkedHashMap<>();
        Map<String, EObject> byKey = new LinkedHashMap<>();
        for (EObject node : nodes) {
            String key = LayoutSidecar.keyOf(node);
            NodeText t = textOf(node, walk);
            texts.put(key, t);
            sizes.put(key, sizeOf(t, node instanceof BridgeInterface));
            byKey.put(key, node);
        }
        Map<String, Box> boxes = AutoLayout.arrange(sizes, stored);
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = 0;
        int maxY = 0;
        for (Box b : boxes.values()) {
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.right());
            maxY = Math.max(maxY, b.bottom());
        }
        // wires bulge up to 60 px beside the boxes
        int left = minX - 70;
        int top = minY - 20;
        int width = maxX - left + 70;
        int height = maxY - top + 20;
        h.open("svg", "class", "topology", "xmlns", "http://www.w3.org/2000/svg", "role", "img", "viewBox",
                left + " " + top + " " + width + " " + height, "width", Integer.toString(width), "style", "max-width: 100%; height: auto");
        h.element("title", title);

        h.open("g", "class", "wires");
        for (Wire w : wires) {
            String d = wirePath(w, boxes, texts);
            if (d == null) {
                continue;
            }
            String kind = w instanceof Wire.Veth ? "veth" : w instanceof Wire.Port ? "port" : "cable";
            h.open("path", "class", "wire " + kind, "d", d).element("title", w.describe()).close("path");
            if (walk != null && w.crossedBy(walk.forward())) {
                h.element("path", "", "class", "walk-path " + (walk.fate() == PathHighlight.Fate.DROPPED ? "to-drop" : "forward"), "d", d);
            }
            if (walk != null && w.crossedBy(walk.reply())) {
                h.element("path", "", "class", "walk-path reply", "d", d, "transform", "translate(0 5)");
            }
        }
        h.close("g");

        List<String> order = walk == null ? List.of() : List.copyOf(walk.forwardNamespaces());
        for (Map.Entry<String, EObject> e : byKey.entrySet()) {
            node(h, e.getValue(), boxes.get(e.getKey()), texts.get(e.getKey()), walk, order);
        }
        h.close("svg");
    }

    private static void node(Html h, EObject node, Box b, NodeText t, PathHighlight walk, List<String> order) {
        if (node instanceof BridgeInterface) {
            h.open("g", "class", "bridge");
            h.element("rect", "", "x", s(b.x()), "y", s(b.y()), "width", s(b.width()), "height", s(b.height()), "rx", "14");
            h.element("text", t.title(), "class", "title", "x", s(b.x() + PAD + 4), "y", s(b.y() + 18));
            h.element("text", t.facts(), "class", "facts", "x", s(b.x() + PAD + 4), "y", s(b.y() + 18 + LINE));
            h.close("g");
            return;
        }
        Namespace ns = (Namespace) node;
        PathHighlight.Role role = walk == null ? PathHighlight.Role.NONE : walk.roleOf(ns.getName());
        String roleClass = switch (role) {
            case DROPPED_HERE -> " dropped-here";
            case DELIVERED_HERE -> " delivered-here";
            case LEFT_HERE -> " left-here";
            case ON_PATH -> walk.fate() == PathHighlight.Fate.DROPPED ? " on-path-to-drop" : " on-path";
            case ON_REPLY_PATH -> " on-reply-path";
            case NONE -> "";
        };
        h.open("g", "class", "namespace" + (t.origin() == null ? "" : " imported") + roleClass, "data-namespace", ns.getName());
        h.element("rect", "", "class", "box", "x", s(b.x()), "y", s(b.y()), "width", s(b.width()), "height", s(b.height()), "rx", "4");
        h.element("rect", "", "class", "header", "x", s(b.x() + 1), "y", s(b.y() + 1), "width", s(b.width() - 2), "height",
                s(t.headerHeight() - 1), "rx", "3");
        int y = b.y() + 17;
        h.element("text", t.title(), "class", "title", "x", s(b.x() + PAD), "y", s(y));
        if (!t.facts().isEmpty()) {
            y += LINE;
            h.element("text", t.facts(), "class", "facts", "x", s(b.x() + PAD), "y", s(y));
        }
        if (t.origin() != null) {
            y += LINE;
            h.element("text", t.origin(), "class", "facts", "x", s(b.x() + PAD), "y", s(y));
        }
        y = b.y() + t.headerHeight() + PAD;
        for (String row : t.rowTexts()) {
            h.element("text", row, "class", "row", "x", s(b.x() + PAD), "y", s(y + 13));
            y += ROW;
        }
        if (!t.label().isEmpty()) {
            y += PAD;
            for (String line : t.label()) {
                h.element("text", line, "class", "label", "x", s(b.x() + PAD), "y", s(y + 12));
                y += LINE;
            }
        }
        int step = order.indexOf(ns.getName());
        if (step >= 0) {
            h.open("g", "class", "step");
            h.element("circle", "", "cx", s(b.right() - 4), "cy", s(b.y() + 4), "r", "10");
            h.element("text", Integer.toString(step + 1), "x", s(b.right() - 4), "y", s(b.y() + 8));
            h.close("g");
        }
        h.close("g");
    }

    /** The wire as a curve between the sides of its ends' rows (or bridge boxes) that face each other. */
    private static String wirePath(Wire w, Map<String, Box> boxes, Map<String, NodeText> texts) {
        int[] a = end(w.source(), boxes, texts);
        int[] b = end(w.target(), boxes, texts);
        if (a == null || b == null) {
            return null;
        }
        // a = {left x, right x, y, centre x}
        boolean sameColumn = a[1] > b[0] && b[1] > a[0];
        int x1;
        int x2;
        int bend;
        if (sameColumn) {
            x1 = a[1];
            x2 = b[1];
            bend = Math.max(x1, x2) + 60;
            return "M" + x1 + " " + a[2] + " C" + bend + " " + a[2] + " " + bend + " " + b[2] + " " + x2 + " " + b[2];
        }
        boolean aLeftOfB = a[3] < b[3];
        x1 = aLeftOfB ? a[1] : a[0];
        x2 = aLeftOfB ? b[0] : b[1];
        int middle = (x1 + x2) / 2;
        return "M" + x1 + " " + a[2] + " C" + middle + " " + a[2] + " " + middle + " " + b[2] + " " + x2 + " " + b[2];
    }

    /** Where a wire meets an element: its row in its namespace's box, or its own box (a bridge). */
    private static int[] end(EObject element, Map<String, Box> boxes, Map<String, NodeText> texts) {
        Box own = boxes.get(LayoutSidecar.keyOf(element));
        if (own != null && element instanceof BridgeInterface) {
            return new int[] { own.x(), own.right(), own.centerY(), own.centerX() };
        }
        if (element instanceof Interface itf && itf.eContainer() instanceof Namespace ns) {
            String key = LayoutSidecar.keyOf(ns);
            Box box = boxes.get(key);
            NodeText t = texts.get(key);
            if (box == null || t == null) {
                return null;
            }
            int row = t.rows().indexOf(itf);
            int y = row < 0 ? box.centerY() : box.y() + t.headerHeight() + PAD + row * ROW + ROW / 2;
            return new int[] { box.x(), box.right(), y, box.centerX() };
        }
        return null;
    }

    private static String s(int n) {
        return Integer.toString(n);
    }
}
