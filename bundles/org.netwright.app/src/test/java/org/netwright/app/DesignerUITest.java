package org.netwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.draw2d.FigureCanvas;
import org.eclipse.draw2d.geometry.Point;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.gef.EditPart;
import org.eclipse.gef.GraphicalEditPart;
import org.eclipse.gef.GraphicalViewer;
import org.eclipse.gef.RequestConstants;
import org.eclipse.gef.commands.Command;
import org.eclipse.gef.palette.PaletteContainer;
import org.eclipse.gef.palette.ToolEntry;
import org.eclipse.gef.requests.ChangeBoundsRequest;
import org.eclipse.gef.requests.CreateConnectionRequest;
import org.eclipse.gef.requests.CreateRequest;
import org.eclipse.gef.requests.CreationFactory;
import org.eclipse.gef.tools.CreationTool;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.diagram.TopologyDiagramEditor;
import org.netwright.diagram.TopologyPalette;
import org.netwright.diagram.parts.NamespacePart;
import org.netwright.diagram.parts.NetworkPart;
import org.netwright.model.Namespace;
import org.netwright.topology.PathHighlight;
import org.netwright.topology.WalkView;
import org.netwright.ui.editor.ContentAssist;
import org.netwright.ui.editor.Formatting;
import org.netwright.ui.editor.NwpEditor;
import org.netwright.ui.editor.OutlinePage;
import org.netwright.ui.editor.ProblemMarkers;
import org.netwright.ui.model.OpenModel;
import org.netwright.ui.walk.PacketWalkView;
import org.netwright.ui.walk.WalkRunner;
import org.netwright.ui.wizards.BundledExamples;
import org.netwright.ui.wizards.ExportWizard;
import org.netwright.ui.wizards.NewExampleWizard;

/**
 * The designer in the real workbench (Netwright Studio's application, tycho-surefire UI harness, Xvfb):
 * examples open, the diagram and the text edit one model with one history, bad input opens, the
 * packet walk shows on the diagram, and screenshots are written under target/screenshots.
 */
class DesignerUITest {
    private IWorkbenchPage page;
    private IProject project;

    @BeforeEach
    void setUp() throws Exception {
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(NetwrightPerspective.ID));
        page.closeAllEditors(false);
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("designer-test");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        shell.setSize(1600, 1000);
        settle();
    }

    @AfterEach
    void tearDown() {
        page.closeAllEditors(false);
        settle();
    }

    // ---------------------------------------------------------------- helpers

    static void settle() {
        Display d = Display.getCurrent();
        for (int i = 0; i < 3; i++) {
            while (d.readAndDispatch()) {
                // drain
            }
        }
    }

    private IFile file(String name, String text) throws Exception {
        IFile f = project.getFile(name);
        if (f.exists()) {
            f.setContents(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, false, null);
        } else {
            f.create(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, null);
        }
        return f;
    }

    /** Copies a bundled example (as the New Example wizard does) into the project and returns the file. */
    static IFile example(String project, String path) throws Exception {
        return NewExampleWizard.create(project, BundledExamples.all().stream().filter(e -> e.path().equals(path)).findFirst()
            .orElseThrow(() -> new AssertionError("not bundled: " + path)));
    }

    private NwpEditor open(IFile f) throws Exception {
        IEditorPart part = IDE.openEditor(page, f, NwpEditor.ID);
        settle();
        return assertInstanceOf(NwpEditor.class, part);
    }

    private static String read(IFile f) throws Exception {
        return new String(f.getContents(true).readAllBytes(), StandardCharsets.UTF_8);
    }

    static GraphicalViewer viewer(NwpEditor e) {
        return e.getDiagramEditor().getGraphicalViewer();
    }

    static NetworkPart root(NwpEditor e) {
        return (NetworkPart) viewer(e).getContents();
    }

    static List<NamespacePart> namespaceParts(NwpEditor e) {
        List<NamespacePart> out = new ArrayList<>();
        for (Object o : root(e).getChildren()) {
            if (o instanceof NamespacePart p) {
                out.add(p);
            }
        }
        return out;
    }

    static NamespacePart partOf(NwpEditor e, String name) {
        return namespaceParts(e).stream().filter(p -> name.equals(p.getNamespace().getName())).findFirst().orElse(null);
    }

    static void flush(NwpEditor e) {
        viewer(e).flush();
        ((FigureCanvas) viewer(e).getControl()).getLightweightSystem().getUpdateManager().performUpdate();
        settle();
    }

    private static ToolEntry tool(NwpEditor e, String label) {
        return find(e.getDiagramEditor().getEditDomain().getPaletteViewer().getPaletteRoot(), label);
    }

    private static ToolEntry find(PaletteContainer c, String label) {
        for (Object o : c.getChildren()) {
            if (o instanceof ToolEntry t && label.equals(t.getLabel())) {
                return t;
            }
            if (o instanceof PaletteContainer pc && find(pc, label) != null) {
                return find(pc, label);
            }
        }
        return null;
    }

    /** Creates a namespace the way the palette's creation tool does: a CreateRequest on the diagram. */
    private static Command createRequest(NwpEditor e, String toolLabel, Point at) {
        CreateRequest create = new CreateRequest();
        create.setFactory((CreationFactory) tool(e, toolLabel).getToolProperty(CreationTool.PROPERTY_CREATION_FACTORY));
        create.setLocation(at);
        create.setType(RequestConstants.REQ_CREATE);
        EditPart target = root(e).getTargetEditPart(create);
        return target == null ? null : target.getCommand(create);
    }

    private static Command connect(NwpEditor e, EditPart source, EditPart target) {
        CreateConnectionRequest req = new CreateConnectionRequest();
        req.setFactory((CreationFactory) tool(e, TopologyPalette.LINK).getToolProperty(CreationTool.PROPERTY_CREATION_FACTORY));
        req.setType(RequestConstants.REQ_CONNECTION_START);
        req.setTargetEditPart(source);
        assertNotNull(source.getCommand(req), "connection start");
        req.setSourceEditPart(source);
        req.setType(RequestConstants.REQ_CONNECTION_END);
        req.setTargetEditPart(target);
        return target.getCommand(req);
    }

    private static void execute(NwpEditor e, Command c) {
        assertNotNull(c, "the diagram offers a command");
        e.getDiagramEditor().getEditDomain().getCommandStack().execute(c);
        flush(e);
    }

    static void type(NwpEditor e, int offset, int length, String text) throws Exception {
        e.getModel().document().replace(offset, length, text);
        e.getModel().ensureParsed();
        settle();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void everyBundledExampleOpensWithItsTopology() throws Exception {
        List<BundledExamples.Example> examples = BundledExamples.all();
        assertTrue(examples.size() >= 15, "the examples are bundled: " + examples);
        for (BundledExamples.Example example : examples) {
            IFile f = NewExampleWizard.create("examples", example);
            NwpEditor editor = open(f);
            OpenModel model = editor.getModel();
            assertTrue(model.isValid(), example.path() + " parses: " + model.firstSyntaxError());
            assertTrue(editor.isDiagramShown(), example.path() + " opens on the diagram");
            int expected = org.netwright.topology.Topology.of(model.shownRoot()).namespaces().size();
            assertTrue(expected > 0, example.path() + " has namespaces (own or imported)");
            assertEquals(expected, namespaceParts(editor).size(), example.path() + ": one node per namespace");
            for (NamespacePart p : namespaceParts(editor)) {
                assertTrue(p.getFigure().getBounds().width > 0, "laid out: " + p.getNamespace().getName());
            }
            // no layout file yet: placed automatically, no two nodes (namespaces, bridges) overlap
            flush(editor);
            List<Rectangle> boxes = new ArrayList<>();
            for (Object node : root(editor).getChildren()) {
                boxes.add(((GraphicalEditPart) node).getFigure().getBounds().getCopy());
            }
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertFalse(boxes.get(i).intersects(boxes.get(j)), example.path() + ": " + boxes.get(i) + " overlaps " + boxes.get(j));
                }
            }
            assertFalse(editor.isDirty(), example.path() + " is not dirty after opening");
            page.closeEditor(editor, false);
            settle();
        }
    }

    @Test
    void gefRequestsWriteTheTextAndUndoRedoSaveReopen() throws Exception {
        IFile f = file("drawn.nwp", "# drawn in the diagram\n");
        NwpEditor editor = open(f);
        IDocument doc = editor.getModel().document();

        execute(editor, createRequest(editor, TopologyPalette.NAMESPACE, new Point(40, 40)));
        OpenModel m = editor.getModel();
        assertTrue(doc.get().contains("namespace ns"), "after one creation: " + doc.get() + " | valid " + m.isValid() + " | problem "
            + m.lastProblem() + " | namespaces in the model " + m.parsedRoot().getNamespaces().size() + " | diagram shows the model "
            + (editor.getDiagramEditor().getNetwork() == m.parsedRoot()));
        execute(editor, createRequest(editor, TopologyPalette.ROUTER, new Point(420, 60)));
        String two = doc.get();
        assertTrue(two.startsWith("# drawn in the diagram"), "the comment is kept: " + two);
        assertTrue(two.contains("namespace ns"), two);
        assertTrue(two.contains("namespace router"), two);
        assertTrue(two.contains("net.ipv4.ip_forward"), two);
        assertEquals(2, namespaceParts(editor).size());

        Command link = connect(editor, partOf(editor, "ns"), partOf(editor, "router"));
        execute(editor, link);
        String linked = doc.get();
        assertTrue(linked.contains("veth router0 <-> router:ns0") || linked.contains("veth router0"), linked);
        assertTrue(linked.contains("<->"), linked);
        assertTrue(editor.getModel().isValid(), "the written text parses: " + editor.getModel().firstSyntaxError());
        assertEquals(1, namespaceParts(editor).stream().filter(p -> p.getNamespace().getName().equals("router")).count());
        assertTrue(viewer(editor).getEditPartRegistry().values().stream().anyMatch(p -> p instanceof org.netwright.diagram.parts.WirePart),
            "the veth link shows as a connection");

        // the Properties view edits through the same history, into the text
        var props = (org.eclipse.ui.views.properties.IPropertySource) partOf(editor, "ns").getAdapter(org.eclipse.ui.views.properties.IPropertySource.class);
        props.setPropertyValue(org.netwright.diagram.properties.NamespaceProperties.SYSCTLS, "net.ipv4.conf.all.rp_filter = 2");
        settle();
        assertTrue(doc.get().contains("net.ipv4.conf.all.rp_filter"), "a Properties edit is written into the text: " + doc.get());
        editor.getModel().commandStack().undo();
        settle();
        assertEquals(linked, doc.get(), "and undone from the same history");

        // one history: undo the link and the router, redo them
        var stack = editor.getModel().commandStack();
        stack.undo();
        settle();
        assertEquals(two, doc.get(), "undo of the link restores the text");
        stack.undo();
        settle();
        assertFalse(doc.get().contains("namespace router"), doc.get());
        assertEquals(1, namespaceParts(editor).size());
        stack.redo();
        stack.redo();
        settle();
        assertEquals(linked, doc.get(), "redo writes the same text again");
        assertEquals(new Point(420, 60), editor.getModel().layout().get("ns/router").getLocation());

        editor.doSave(null);
        assertFalse(editor.isDirty());
        page.closeEditor(editor, false);
        settle();
        assertEquals(linked, read(f), "saved text");
        Path sidecar = f.getLocation().toFile().toPath().resolveSibling("drawn.nwp.layout");
        assertTrue(Files.readString(sidecar).contains("\"ns/router\""), "layout sidecar written");
        assertFalse(read(f).contains("420"), "the text stays free of layout");

        NwpEditor again = open(f);
        Rectangle bounds = partOf(again, "router").getFigure().getBounds();
        assertEquals(new Point(420, 60), again.getModel().layout().get("ns/router").getLocation());
        assertTrue(bounds.x >= 420 && bounds.y >= 60, "reopened at the saved place: " + bounds);
    }

    @Test
    void textEditsUpdateTheDiagramAndKeepTheLayout() throws Exception {
        IFile f = example("examples", "000-zephyr-nat/topology.nwp");
        NwpEditor editor = open(f);
        NamespacePart natBox = partOf(editor, "nat-box");
        ChangeBoundsRequest move = new ChangeBoundsRequest(RequestConstants.REQ_MOVE);
        move.setEditParts(natBox);
        move.setMoveDelta(new Point(35, 45));
        execute(editor, natBox.getCommand(move));
        Rectangle placed = editor.getModel().layout().get("ns/nat-box");
        String text = editor.getModel().document().get();
        assertEquals(text, read(f), "moving a node does not touch the text");

        // rename in the text: the node keeps its place
        int at = text.indexOf("namespace nat-box") + "namespace ".length();
        type(editor, at, "nat-box".length(), "gateway");
        text = editor.getModel().document().get();
        editor.getModel().document().set(text.replace("nat-box:", "gateway:"));
        editor.getModel().ensureParsed();
        settle();
        assertTrue(editor.getModel().isValid(), editor.getModel().firstSyntaxError());
        assertNull(partOf(editor, "nat-box"));
        NamespacePart gateway = partOf(editor, "gateway");
        assertNotNull(gateway, "the renamed namespace is shown");
        assertEquals(placed.getLocation(), editor.getModel().layout().get("ns/gateway").getLocation(), "the layout follows the rename");

        // a namespace added in the text appears, placed where it overlaps nothing
        String added = editor.getModel().document().get() + "\nnamespace monitor {\n\tloopback lo\n}\n";
        editor.getModel().document().set(added);
        editor.getModel().ensureParsed();
        flush(editor);
        NamespacePart monitor = partOf(editor, "monitor");
        assertNotNull(monitor);
        for (NamespacePart other : namespaceParts(editor)) {
            if (other != monitor) {
                assertFalse(other.getFigure().getBounds().intersects(monitor.getFigure().getBounds()), "no overlap with " + other.getNamespace().getName());
            }
        }

        // reordered in the text: every node keeps its place
        java.util.Map<String, Rectangle> placedBefore = new java.util.HashMap<>();
        java.util.Map<String, Point> drawnBefore = new java.util.HashMap<>();
        for (NamespacePart p : namespaceParts(editor)) {
            placedBefore.put(p.getNamespace().getName(), editor.getModel().layout().get("ns/" + p.getNamespace().getName()));
            drawnBefore.put(p.getNamespace().getName(), p.getFigure().getBounds().getLocation());
        }
        String all = editor.getModel().document().get();
        String block = "\nnamespace monitor {\n\tloopback lo\n}\n";
        int firstNamespace = all.indexOf("namespace client");
        String reordered = all.replace(block, "\n");
        reordered = reordered.substring(0, firstNamespace) + block.substring(1) + "\n" + reordered.substring(firstNamespace);
        editor.getModel().document().set(reordered);
        editor.getModel().ensureParsed();
        flush(editor);
        assertTrue(editor.getModel().isValid(), editor.getModel().firstSyntaxError());
        assertEquals("monitor", editor.getModel().shownRoot().getNamespaces().get(0).getName(), "monitor comes first now");
        for (var e : placedBefore.entrySet()) {
            assertEquals(e.getValue(), editor.getModel().layout().get("ns/" + e.getKey()), e.getKey() + " keeps its place");
            assertEquals(drawnBefore.get(e.getKey()), partOf(editor, e.getKey()).getFigure().getBounds().getLocation(), e.getKey() + " is drawn there");
        }
    }

    @Test
    void theNewFileTemplateParsesAndShowsItsVethLink() throws Exception {
        NwpEditor editor = open(file("new.nwp", org.netwright.ui.wizards.NewNwpFileWizard.TEMPLATE));
        assertTrue(editor.getModel().isValid(), editor.getModel().firstSyntaxError());
        assertEquals(2, namespaceParts(editor).size());
        assertTrue(viewer(editor).getEditPartRegistry().values().stream().anyMatch(p -> p instanceof org.netwright.diagram.parts.WirePart));
    }

    @Test
    void renameAndDeleteInTheDiagramRewriteTheText() throws Exception {
        IFile f = example("renames", "000-zephyr-nat/topology.nwp");
        NwpEditor editor = open(f);
        IDocument doc = editor.getModel().document();
        Rectangle before = editor.getModel().layout().get("ns/nat-box");

        org.eclipse.gef.requests.DirectEditRequest rename = new org.eclipse.gef.requests.DirectEditRequest();
        org.eclipse.jface.viewers.TextCellEditor cell = new org.eclipse.jface.viewers.TextCellEditor((org.eclipse.swt.widgets.Composite) viewer(editor).getControl());
        cell.setValue("gateway");
        rename.setCellEditor(cell);
        execute(editor, partOf(editor, "nat-box").getCommand(rename));
        cell.dispose();
        String renamed = doc.get();
        assertTrue(renamed.contains("namespace gateway"), renamed);
        assertTrue(renamed.contains("client:eth0 <-> gateway:eth1"), "references follow the rename: " + renamed);
        assertTrue(renamed.contains("# Seed 000"), "comments are kept");
        assertEquals(before, editor.getModel().layout().get("ns/gateway"), "the node stays where it was");

        // in place, as F2 does: the cell editor over the name, typed into, Enter
        partOf(editor, "gateway").performRequest(new org.eclipse.gef.requests.DirectEditRequest());
        settle();
        org.eclipse.swt.widgets.Text nameField = assertInstanceOf(org.eclipse.swt.widgets.Text.class, Display.getCurrent().getFocusControl(),
            "the name is edited in place");
        nameField.setText("edge");
        nameField.notifyListeners(org.eclipse.swt.SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
        settle();
        assertTrue(doc.get().contains("namespace edge"), doc.get());
        assertNotNull(partOf(editor, "edge"));
        editor.getModel().commandStack().undo();
        settle();
        assertEquals(renamed, doc.get());

        org.eclipse.gef.requests.GroupRequest delete = new org.eclipse.gef.requests.GroupRequest(RequestConstants.REQ_DELETE);
        delete.setEditParts(partOf(editor, "inet"));
        execute(editor, partOf(editor, "inet").getCommand(delete));
        String deleted = doc.get();
        assertFalse(deleted.contains("namespace inet"), deleted);
        assertFalse(deleted.contains("inet:eth0"), "the link to the deleted namespace goes too: " + deleted);
        assertTrue(editor.getModel().isValid(), editor.getModel().firstSyntaxError());
        editor.getModel().commandStack().undo();
        editor.getModel().commandStack().undo();
        settle();
        assertEquals(read(f), doc.get(), "both undone: the saved text again");
    }

    @Test
    void undoRedoAcrossTextAndDiagram() throws Exception {
        IFile f = file("mixed.nwp", "namespace a {\n\tloopback lo\n}\n");
        NwpEditor editor = open(f);
        IDocument doc = editor.getModel().document();
        String original = doc.get();
        type(editor, doc.get().length(), 0, "namespace b {\n\tloopback lo\n}\n");
        String typed = doc.get();
        assertEquals(2, namespaceParts(editor).size(), "the text edit shows in the diagram");
        execute(editor, createRequest(editor, TopologyPalette.NAMESPACE, new Point(500, 300)));
        String drawn = doc.get();
        assertEquals(3, namespaceParts(editor).size());

        var undo = editor.getDiagramEditor().getEditDomain().getCommandStack();
        undo.undo(); // the diagram edit, from the diagram's own stack view
        settle();
        assertEquals(typed, doc.get());
        editor.getModel().commandStack().undo(); // the typing
        settle();
        assertEquals(original, doc.get());
        assertEquals(1, namespaceParts(editor).size(), "the diagram follows the undone text");
        editor.getModel().commandStack().redo();
        undo.redo();
        settle();
        assertEquals(drawn, doc.get());
        assertEquals(3, namespaceParts(editor).size());
    }

    @Test
    void syntaxErrorsKeepTheLastValidDiagramAndSaySo() throws Exception {
        IFile f = file("broken-later.nwp", "namespace a {\n\tloopback lo\n}\nnamespace b {\n\tloopback lo\n}\n");
        NwpEditor editor = open(f);
        assertEquals(2, namespaceParts(editor).size());
        type(editor, editor.getModel().document().getLength(), 0, "namespace {{ oops\n");
        assertFalse(editor.getModel().isValid());
        TopologyDiagramEditor diagram = editor.getDiagramEditor();
        assertTrue(diagram.isReadOnly());
        assertNotNull(diagram.getBannerText());
        assertTrue(diagram.getBannerText().contains("last valid model"), diagram.getBannerText());
        assertEquals(2, namespaceParts(editor).size(), "still the last valid model");
        assertNull(createRequest(editor, TopologyPalette.NAMESPACE, new Point(300, 300)), "no model edits from a stale diagram");
        editor.showDiagram();
        flush(editor);
        Screenshots.capture(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
            Path.of(System.getProperty("netwright.screenshots", "target/screenshots"), "designer-syntax-error.png"));
        IMarker[] markers = ProblemMarkers.of(f);
        assertTrue(markers.length > 0, "the syntax error is a problem marker");
        assertEquals(IMarker.SEVERITY_ERROR, markers[0].getAttribute(IMarker.SEVERITY, -1));
        // as from the Problems view: the Source page shows the marker's line
        IDE.gotoMarker(editor, markers[0]);
        settle();
        assertFalse(editor.isDiagramShown());
        assertEquals(markers[0].getAttribute(IMarker.LINE_NUMBER, -1),
            ((ITextSelection) editor.getSourceEditor().getSelectionProvider().getSelection()).getStartLine() + 1);

        String fixed = editor.getModel().document().get().replace("namespace {{ oops\n", "namespace c {\n\tloopback lo\n}\n");
        editor.getModel().document().set(fixed);
        editor.getModel().ensureParsed();
        settle();
        assertFalse(diagram.isReadOnly());
        assertNull(diagram.getBannerText());
        assertEquals(3, namespaceParts(editor).size());
        assertEquals(0, ProblemMarkers.of(f).length);
    }

    @Test
    void problemMarkersOfferTheEditorsQuickFixes() throws Exception {
        IFile f = file("fixable.nwp", "namespace a {\n    veth v0 <-> b:v1\n}\nnamespace b {\n    veth v1\n}\n");
        NwpEditor editor = open(f);
        IMarker marker = java.util.Arrays.stream(ProblemMarkers.of(f))
            .filter(m -> m.getAttribute(ProblemMarkers.CODE, "").endsWith("vethPeerNotMutual")).findFirst()
            .orElseThrow(() -> new AssertionError("the one-sided veth is a marker with its issue code"));
        // the Problems view asks the generator registered for the marker type
        assertTrue(java.util.Arrays.stream(org.eclipse.core.runtime.Platform.getExtensionRegistry()
            .getConfigurationElementsFor("org.eclipse.ui.ide.markerResolution"))
            .anyMatch(c -> ProblemMarkers.TYPE.equals(c.getAttribute("markerType"))
                && org.netwright.ui.editor.MarkerResolutions.class.getName().equals(c.getAttribute("class"))), "the generator is registered");
        List<org.netwright.ui.editor.CodeActions.Fix> fixes = org.netwright.ui.editor.MarkerResolutions.fixes(marker);
        assertFalse(fixes.isEmpty(), "the Problems view offers the editor's quick fixes");
        assertTrue(org.netwright.ui.editor.MarkerResolutions.apply(marker, fixes.get(0)));
        settle();
        assertTrue(editor.getModel().document().get().contains("veth v1 <-> a:v0"), editor.getModel().document().get());
        editor.getModel().ensureParsed();
        assertTrue(java.util.Arrays.stream(ProblemMarkers.of(f)).noneMatch(m -> m.getAttribute(ProblemMarkers.CODE, "").endsWith("vethPeerNotMutual")),
            "the marker is gone once the text is fixed");
    }

    @Test
    void aFileThatDoesNotParseStillOpensOnTheSourcePage() throws Exception {
        IFile f = file("garbage.nwp", "this is { not a model\n");
        Files.writeString(f.getLocation().toFile().toPath().resolveSibling("garbage.nwp.layout"), "{ not json");
        NwpEditor editor = open(f);
        assertFalse(editor.getModel().isValid());
        assertFalse(editor.isDiagramShown(), "opens on the Source page");
        assertTrue(ProblemMarkers.of(f).length > 0, "diagnostics as markers");
        assertNotNull(editor.getLayoutProblem(), "a broken layout file is reported, not thrown");
        assertTrue(editor.getDiagramEditor().isReadOnly());
    }

    @Test
    void sourceServicesContentAssistOutlineFormatHighlighting() throws Exception {
        String text = "namespace r {\n\tloopback lo\n\tinterface eth0 { address 10.0.0.1/24 }\n\tinterface wan1 { address 192.0.2.1/24 }\n"
            + "\trule from 10.0.0.0/8 iif \n}\n";
        IFile f = file("assist.nwp", text);
        NwpEditor editor = open(f);
        editor.showSource();
        settle();
        int caret = text.indexOf("iif ") + 4;
        List<String> labels = ContentAssist.items(editor.getModel(), caret).stream().map(CompletionItem::getLabel).toList();
        assertTrue(labels.contains("eth0") && labels.contains("wan1"), "interface names offered in a rule: " + labels);

        type(editor, caret, 0, "eth0");
        assertTrue(editor.getModel().isValid(), editor.getModel().firstSyntaxError());
        assertFalse(OutlinePage.symbols(editor.getModel()).isEmpty(), "the outline has symbols");

        // lexical highlighting: the keyword 'namespace' is bold
        StyleRange style = editor.getSourceEditor().viewer().getTextWidget().getStyleRangeAtOffset(1);
        assertNotNull(style, "keywords are styled");
        assertEquals(org.eclipse.swt.SWT.BOLD, style.fontStyle & org.eclipse.swt.SWT.BOLD);

        // comment toggling, undoable
        String before = editor.getModel().document().get();
        editor.getSourceEditor().selectAndReveal(0, 3);
        editor.getSourceEditor().toggleComment();
        assertTrue(editor.getModel().document().get().startsWith("# namespace r {"), editor.getModel().document().get());
        editor.getModel().commandStack().undo();
        assertEquals(before, editor.getModel().document().get());

        String formatted = Formatting.formatted(editor.getModel());
        assertNotNull(formatted, "the text can be formatted");
    }

    @Test
    void packetWalkHighlightsThePathAndJumpsToTheRule() throws Exception {
        IFile f = example("examples", "000-zephyr-nat/broken.nwp");
        NwpEditor editor = open(f);
        PacketWalkView walk = (PacketWalkView) page.showView(PacketWalkView.ID);
        page.activate(editor);
        settle();
        assertTrue(walk.choiceLabels().size() >= 2, "the file's expectations are offered: " + walk.choiceLabels());

        WalkRunner.Result delivered = walk.runChoice(0);
        assertEquals(Boolean.TRUE, delivered.holds(), delivered.summary() + " " + delivered.violations());
        assertFalse(delivered.rows().isEmpty(), "the trace has steps");
        PathHighlight path = editor.getDiagramEditor().getHighlight();
        assertNotNull(path);
        assertEquals(PathHighlight.Fate.DELIVERED, path.fate());
        assertEquals("inet", path.fateNamespace());
        assertTrue(path.forwardNamespaces().containsAll(List.of("client", "nat-box", "inet")), path.toString());
        assertFalse(path.reply().isEmpty(), "the reply path is shown too");
        editor.showDiagram();
        flush(editor);
        Path shots = Path.of(System.getProperty("netwright.screenshots", "target/screenshots"));
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        ImageData shot = Screenshots.capture(shell, shots.resolve("designer-walk-delivered.png"));
        assertTrue(Screenshots.distinctColours(shot) > 8, "a real picture");

        WalkRunner.Result dropped = walk.runChoice(1);
        assertEquals(Boolean.TRUE, dropped.holds(), dropped.summary() + " " + dropped.violations());
        PathHighlight droppedPath = editor.getDiagramEditor().getHighlight();
        assertEquals(PathHighlight.Fate.DROPPED, droppedPath.fate());
        assertEquals("nat-box", droppedPath.fateNamespace());
        flush(editor);
        Screenshots.capture(shell, shots.resolve("designer-walk-dropped.png"));

        // double-click a rule step: the source page shows that rule
        WalkView.Row rule = delivered.rows().stream().filter(r -> r.source() != null && r.source().line() > 0).reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no step points at a rule: " + delivered.rows()));
        assertTrue(rule.rule().contains("MASQUERADE") || rule.rule().contains("ACCEPT"), rule.rule());
        walk.jumpTo(rule.source());
        settle();
        IEditorPart active = page.getActiveEditor();
        NwpEditor shown = assertInstanceOf(NwpEditor.class, active);
        assertFalse(shown.isDiagramShown(), "the Source page is shown");
        ITextSelection sel = (ITextSelection) shown.getSourceEditor().getSelectionProvider().getSelection();
        assertEquals(rule.source().line(), sel.getStartLine() + 1, "the rule's line is selected");

        // a probe typed by the user
        WalkRunner.Result typed = walk.runTyped("client", "udp", "18.7.15.82", 2104, 2103);
        assertFalse(typed.rows().isEmpty(), typed.summary());
    }

    @Test
    void exportWizardWritesTheExportersFiles(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        IFile f = example("examples", "000-zephyr-nat/broken.nwp");
        List<Path> written = ExportWizard.export(f, out);
        assertFalse(written.isEmpty());
        assertTrue(Files.exists(out.resolve("nat-box/iptables.rules")), "iptables-restore file of the NAT box: " + written);
        assertTrue(Files.readString(out.resolve("nat-box/iptables.rules")).contains("MASQUERADE"));
    }

    @Test
    void designerScreenshotOfAnExample() throws Exception {
        IFile f = example("examples", "001-policy-routing-twice/broken.nwp");
        NwpEditor editor = open(f);
        PacketWalkView walk = (PacketWalkView) page.showView(PacketWalkView.ID);
        page.activate(editor);
        settle();
        if (!walk.choiceLabels().isEmpty()) {
            walk.runChoice(0);
        }
        flush(editor);
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        ImageData shot = Screenshots.capture(shell, Path.of(System.getProperty("netwright.screenshots", "target/screenshots"), "designer.png"));
        assertTrue(Screenshots.distinctColours(shot) > 8);
        assertSame(editor, page.getActiveEditor());
        editor.showSource();
        settle();
        Screenshots.capture(shell, Path.of(System.getProperty("netwright.screenshots", "target/screenshots"), "designer-source.png"));
        assertTrue(namespaceParts(editor).stream().map(p -> p.getNamespace()).map(Namespace::getName).toList().size() >= 3);
    }
}
