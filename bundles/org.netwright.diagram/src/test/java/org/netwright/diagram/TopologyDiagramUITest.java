package org.netwright.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.draw2d.FigureCanvas;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.geometry.Point;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceImpl;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.gef.EditPart;
import org.eclipse.gef.GraphicalEditPart;
import org.eclipse.gef.GraphicalViewer;
import org.eclipse.gef.RequestConstants;
import org.eclipse.gef.commands.Command;
import org.eclipse.gef.commands.CommandStack;
import org.eclipse.gef.palette.PaletteContainer;
import org.eclipse.gef.palette.ToolEntry;
import org.eclipse.gef.requests.ChangeBoundsRequest;
import org.eclipse.gef.requests.CreateConnectionRequest;
import org.eclipse.gef.requests.CreateRequest;
import org.eclipse.gef.requests.CreationFactory;
import org.eclipse.gef.requests.DirectEditRequest;
import org.eclipse.gef.requests.GroupRequest;
import org.eclipse.gef.tools.CreationTool;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.IPropertySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.diagram.parts.BridgePart;
import org.netwright.diagram.parts.InterfacePart;
import org.netwright.diagram.parts.NamespacePart;
import org.netwright.diagram.parts.NetworkPart;
import org.netwright.diagram.parts.WirePart;
import org.netwright.diagram.properties.InterfaceProperties;
import org.netwright.diagram.properties.NamespaceProperties;
import org.netwright.model.Address;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Link;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.NetwrightFactory;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.Route;
import org.netwright.model.Sysctl;
import org.netwright.model.VethInterface;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;

/**
 * The topology editor inside a workbench (tycho-surefire UI harness): editing through GEF requests and
 * edit policies, one undo history on the EditingDomain's stack, the layout store, and a screenshot.
 */
class TopologyDiagramUITest {
    private static final NetwrightFactory F = NetwrightFactory.eINSTANCE;

    private IWorkbenchPage page;
    private Network network;
    private AdapterFactoryEditingDomain domain;
    private DiagramLayout layout;
    private TopologyDiagramEditor editor;
    private GraphicalViewer viewer;
    private CommandStack gefStack;

    @BeforeEach
    void setUp() {
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        page.closeAllEditors(false);
    }

    @AfterEach
    void tearDown() {
        page.closeAllEditors(false);
        settle();
    }

    private void open(Network net) throws Exception {
        network = net;
        domain = new AdapterFactoryEditingDomain(new ComposedAdapterFactory(ComposedAdapterFactory.Descriptor.Registry.INSTANCE),
            new BasicCommandStack());
        Resource resource = new ResourceImpl(URI.createURI("memory:/test.nwp"));
        resource.getContents().add(net);
        domain.getResourceSet().getResources().add(resource);
        layout = new DiagramLayout();
        editor = assertInstanceOf(TopologyDiagramEditor.class,
            page.openEditor(new TopologyDiagramEditorInput("test.nwp", net, domain, layout), TopologyDiagramEditor.ID));
        viewer = editor.getGraphicalViewer();
        gefStack = editor.getEditDomain().getCommandStack();
        settle();
    }

    // ---------------------------------------------------------------- model builders

    private static Namespace namespace(Network net, String name) {
        Namespace ns = F.createNamespace();
        ns.setName(name);
        Interface lo = F.createLoopbackInterface();
        lo.setName("lo");
        ns.getInterfaces().add(lo);
        net.getNamespaces().add(ns);
        return ns;
    }

    private static <T extends Interface> T add(Namespace ns, T itf, String name, String... addresses) {
        itf.setName(name);
        for (String a : addresses) {
            Address address = F.createAddress();
            address.setAddress(IpAddress.parse(a.split("/")[0]));
            address.setPrefixLength(Integer.parseInt(a.split("/")[1]));
            itf.getAddresses().add(address);
        }
        ns.getInterfaces().add(itf);
        return itf;
    }

    private static void pair(VethInterface a, VethInterface b) {
        a.setPeer(b);
        b.setPeer(a);
    }

    /** client and server behind a NAT router; a bridge in the router joins a LAN namespace; an uplink cable. */
    static Network sampleTopology() {
        Network net = F.createNetwork();
        Namespace client = namespace(net, "client");
        Namespace router = namespace(net, "router");
        Namespace server = namespace(net, "server");
        Namespace lan = namespace(net, "lan-host");
        Namespace isp = namespace(net, "isp");
        router.setDescription("NAT gateway");
        Sysctl fwd = F.createSysctl();
        fwd.setKey("net.ipv4.ip_forward");
        fwd.setValue("1");
        router.getSysctls().add(fwd);
        VethInterface c0 = add(client, F.createVethInterface(), "veth0", "10.10.1.1/24");
        VethInterface r0 = add(router, F.createVethInterface(), "client-veth0", "10.10.1.2/24");
        VethInterface r1 = add(router, F.createVethInterface(), "srv-veth0", "192.0.2.1/24", "2001:db8::1/64");
        VethInterface r2 = add(router, F.createVethInterface(), "lan-veth0");
        PhysicalInterface up = add(router, F.createPhysicalInterface(), "eth0", "203.0.113.5/24");
        BridgeInterface br = add(router, F.createBridgeInterface(), "br0", "172.16.0.1/24");
        br.getPorts().add(r2);
        VethInterface s0 = add(server, F.createVethInterface(), "veth0", "192.0.2.10/24");
        VethInterface l0 = add(lan, F.createVethInterface(), "veth0", "172.16.0.20/24");
        PhysicalInterface ispIf = add(isp, F.createPhysicalInterface(), "eth1", "203.0.113.1/24");
        pair(c0, r0);
        pair(r1, s0);
        pair(r2, l0);
        Link cable = F.createLink();
        cable.setA(up);
        cable.setB(ispIf);
        net.getLinks().add(cable);
        Route def = F.createRoute();
        def.setDestination(IpPrefix.ANY);
        def.setVia(IpAddress.parse("10.10.1.2"));
        def.setDev(c0);
        client.getRoutes().add(def);
        Route up0 = F.createRoute();
        up0.setDestination(IpPrefix.ANY);
        up0.setVia(IpAddress.parse("203.0.113.1"));
        up0.setDev(up);
        router.getRoutes().add(up0);
        return net;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void opensImportedModelWithAutomaticLayoutAndNoOverlap() throws Exception {
        open(sampleTopology());
        NetworkPart root = assertInstanceOf(NetworkPart.class, viewer.getContents());
        assertEquals(6, root.getChildren().size(), "5 namespaces and 1 bridge");
        assertNotNull(part(network.getNamespaces().get(1).getInterfaces().get(5)), "bridge node");
        assertInstanceOf(BridgePart.class, part(network.getNamespaces().get(1).getInterfaces().get(5)));
        assertEquals(5, wires().size(), "3 veth links, 1 bridge port, 1 cable");
        List<Rectangle> boxes = new java.util.ArrayList<>();
        for (Object p : root.getChildren()) {
            boxes.add(((GraphicalEditPart) p).getFigure().getBounds().getCopy());
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).intersects(boxes.get(j)), boxes.get(i) + " overlaps " + boxes.get(j));
            }
        }
        for (Namespace ns : network.getNamespaces()) {
            assertNotNull(layout.boundsOf(ns), "auto-placed " + ns.getName());
        }
        // every interface row fits in its namespace box (nothing cut off)
        for (Object p : viewer.getEditPartRegistry().values()) {
            if (p instanceof InterfacePart row) {
                IFigure box = ((GraphicalEditPart) row.getParent()).getFigure();
                assertTrue(box.getBounds().contains(row.getFigure().getBounds()), "row inside its box: " + row.getInterface().getName());
            }
        }
    }

    @Test
    void createNamespacesAndVethLinkUndoRedoOnSharedStack() throws Exception {
        open(F.createNetwork());
        NetworkPart root = (NetworkPart) viewer.getContents();

        Namespace a = createNamespace(root, TopologyPalette.NAMESPACE, new Point(40, 40));
        Namespace b = createNamespace(root, TopologyPalette.ROUTER, new Point(400, 60));
        assertEquals(List.of(a, b), network.getNamespaces());
        assertEquals("ns", a.getName());
        assertEquals("router", b.getName());
        assertEquals(new Point(400, 60), layout.boundsOf(b).getLocation());
        assertEquals("1", b.getSysctls().get(0).getValue());

        VethInterface va = createInterface(a, TopologyPalette.VETH);
        VethInterface vb = createInterface(b, TopologyPalette.VETH);
        assertEquals("veth0", va.getName());

        Command connect = connect(part(va), part(vb));
        assertNotNull(connect, "veth link allowed between two free veth ends");
        gefStack.execute(connect);
        settle();
        assertSame(vb, va.getPeer());
        assertSame(va, vb.getPeer());
        WirePart wire = assertInstanceOf(WirePart.class, wires().get(0));
        assertSame(part(va), wire.getSource());
        assertSame(part(vb), wire.getTarget());
        assertNull(connect(part(va), part(vb)), "an end that already has a peer cannot be linked again");

        // one history: the EMF stack of the EditingDomain holds the diagram's commands
        org.eclipse.emf.common.command.CommandStack emf = domain.getCommandStack();
        assertTrue(emf.canUndo());
        assertTrue(editor.isDirty());
        emf.undo();
        settle();
        assertNull(va.getPeer());
        assertNull(vb.getPeer());
        assertTrue(wires().isEmpty());
        emf.undo(); // interface vb
        emf.undo(); // interface va
        settle();
        assertEquals(1, a.getInterfaces().size());
        emf.undo(); // namespace b
        settle();
        assertEquals(List.of(a), network.getNamespaces());
        assertNull(layout.get("ns/router"), "undo of the creation removes the layout entry");
        assertNull(part(b));
        gefStack.redo(); // GEF's stack redoes on the EMF stack
        emf.redo();
        emf.redo();
        gefStack.redo();
        settle();
        assertEquals(List.of(a, b), network.getNamespaces());
        assertSame(vb, va.getPeer());
        assertEquals(new Point(400, 60), layout.boundsOf(b).getLocation());
        assertEquals(1, wires().size());
        assertFalse(emf.canRedo());

        // connecting two namespaces creates a new veth pair
        Namespace c = createNamespace(root, TopologyPalette.NAMESPACE, new Point(40, 300));
        Command nsLink = connect(part(b), part(c));
        assertNotNull(nsLink);
        gefStack.execute(nsLink);
        settle();
        VethInterface fromB = (VethInterface) b.getInterfaces().get(b.getInterfaces().size() - 1);
        assertSame(c, fromB.getPeer().eContainer());
        assertEquals(2, wires().size());
    }

    @Test
    void moveResizeAndLayoutStore(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        open(sampleTopology());
        Namespace router = network.getNamespaces().get(1);
        NamespacePart part = (NamespacePart) part(router);
        Rectangle before = layout.boundsOf(router);
        Point figureBefore = part.getFigure().getBounds().getLocation();

        ChangeBoundsRequest move = new ChangeBoundsRequest(RequestConstants.REQ_MOVE);
        move.setEditParts(part);
        move.setMoveDelta(new Point(60, 25));
        Command cmd = part.getCommand(move);
        assertNotNull(cmd, "move command");
        gefStack.execute(cmd);
        settle();
        assertEquals(before.getLocation().translate(60, 25), layout.boundsOf(router).getLocation());
        assertEquals(figureBefore.getTranslated(60, 25), part.getFigure().getBounds().getLocation(), "figure follows the layout");

        ChangeBoundsRequest resize = new ChangeBoundsRequest(RequestConstants.REQ_RESIZE);
        resize.setEditParts(part);
        resize.setSizeDelta(new org.eclipse.draw2d.geometry.Dimension(80, 40));
        resize.setResizeDirection(org.eclipse.draw2d.PositionConstants.SOUTH_EAST);
        Rectangle sized = part.getFigure().getBounds().getCopy();
        gefStack.execute(part.getCommand(resize));
        settle();
        assertEquals(sized.width + 80, layout.boundsOf(router).width);
        assertEquals(sized.width + 80, part.getFigure().getBounds().width);

        domain.getCommandStack().undo();
        domain.getCommandStack().undo();
        settle();
        assertEquals(before, layout.boundsOf(router), "undo of move and resize");
        assertEquals(figureBefore, part.getFigure().getBounds().getLocation());
        assertFalse(network.eResource().isModified(), "moving never touches the model");

        layout.setFile(DiagramLayout.sidecarFor(dir.resolve("test.nwp")));
        editor.saveLayout();
        String json = Files.readString(dir.resolve("test.nwp.layout"));
        assertTrue(json.contains("\"ns/router\""), json);
        assertTrue(json.contains("\"ns/router/if/br0\""), json);
        DiagramLayout reread = DiagramLayout.load(dir.resolve("test.nwp.layout"));
        assertEquals(layout.boundsOf(router), reread.boundsOf(router));
    }

    @Test
    void deleteNamespaceRemovesReferencesAndUndoRestoresThem() throws Exception {
        open(sampleTopology());
        Namespace client = network.getNamespaces().get(0);
        Namespace router = network.getNamespaces().get(1);
        VethInterface routerEnd = (VethInterface) router.getInterfaces().get(1);
        assertSame(client, routerEnd.getPeer().eContainer());
        Rectangle placed = layout.boundsOf(client);

        GroupRequest delete = new GroupRequest(RequestConstants.REQ_DELETE);
        delete.setEditParts(part(client));
        Command cmd = part(client).getCommand(delete);
        assertNotNull(cmd);
        gefStack.execute(cmd);
        settle();
        assertFalse(network.getNamespaces().contains(client));
        assertNull(routerEnd.getPeer(), "the peer in the router no longer points at the deleted namespace");
        assertNull(layout.get("ns/client"));
        assertNull(part(client));
        assertEquals(4, wires().size());

        // delete a connection: the bridge port
        WirePart port = wires().stream().filter(w -> w.getSource() instanceof BridgePart).findFirst().orElseThrow();
        GroupRequest deleteWire = new GroupRequest(RequestConstants.REQ_DELETE);
        deleteWire.setEditParts(port);
        gefStack.execute(port.getCommand(deleteWire));
        settle();
        assertTrue(((BridgeInterface) router.getInterfaces().get(5)).getPorts().isEmpty());

        gefStack.undo();
        gefStack.undo();
        settle();
        assertSame(client, network.getNamespaces().get(0));
        assertSame(client, routerEnd.getPeer().eContainer());
        assertEquals(placed, layout.boundsOf(client));
        assertNotNull(part(client));
        assertEquals(5, wires().size());
    }

    @Test
    void renameInPlaceAndPropertiesViewEditThroughTheStack() throws Exception {
        open(sampleTopology());
        Namespace router = network.getNamespaces().get(1);
        Rectangle placed = layout.boundsOf(router);
        NamespacePart part = (NamespacePart) part(router);

        DirectEditRequest rename = new DirectEditRequest();
        TextCellEditor cell = new TextCellEditor((Composite) viewer.getControl());
        cell.setValue("gateway");
        rename.setCellEditor(cell);
        Command cmd = part.getCommand(rename);
        assertNotNull(cmd);
        gefStack.execute(cmd);
        cell.dispose();
        settle();
        assertEquals("gateway", router.getName());
        assertEquals(placed, layout.boundsOf(router), "the node stays where it was");
        assertTrue(layout.keys().contains("ns/gateway"));
        assertTrue(layout.keys().contains("ns/gateway/if/br0"), "the bridge's entry moved along");
        assertFalse(layout.keys().contains("ns/router"));

        DirectEditRequest clash = new DirectEditRequest();
        TextCellEditor cell2 = new TextCellEditor((Composite) viewer.getControl());
        cell2.setValue("client");
        clash.setCellEditor(cell2);
        assertNull(part.getCommand(clash), "names stay unique");
        cell2.dispose();

        // Properties view: addresses of an interface, sysctls and routes of a namespace
        Interface eth0 = router.getInterfaces().get(4);
        IPropertySource itfProps = (IPropertySource) part(eth0).getAdapter(IPropertySource.class);
        itfProps.setPropertyValue(InterfaceProperties.ADDRESSES, "203.0.113.5/24, 203.0.113.6/24 secondary");
        assertEquals(2, eth0.getAddresses().size());
        assertTrue(eth0.getAddresses().get(1).isSecondary());
        IPropertySource nsProps = (IPropertySource) part.getAdapter(IPropertySource.class);
        nsProps.setPropertyValue(NamespaceProperties.SYSCTLS, "net.ipv4.ip_forward = 1; net.ipv4.conf.all.rp_filter = 2");
        nsProps.setPropertyValue(NamespaceProperties.ROUTES, "default via 203.0.113.1 dev eth0; 10.99.0.0/16 via 10.10.1.1 dev client-veth0");
        nsProps.setPropertyValue(NamespaceProperties.ROUTES, "nonsense words here"); // rejected, nothing changes
        settle();
        assertEquals(2, router.getSysctls().size());
        assertEquals(2, router.getRoutes().size());
        assertSame(eth0, router.getRoutes().get(0).getDev());
        assertEquals("default via 203.0.113.1 dev eth0; 10.99.0.0/16 via 10.10.1.1 dev client-veth0",
            nsProps.getPropertyValue(NamespaceProperties.ROUTES));
        String label = ((org.eclipse.draw2d.Label) ((org.netwright.diagram.figures.InterfaceFigure) ((GraphicalEditPart) part(eth0)).getFigure())
            .getChildren().get(1)).getText();
        assertTrue(label.contains("203.0.113.6/24 secondary"), "the figure shows the new address: " + label);

        domain.getCommandStack().undo(); // routes
        domain.getCommandStack().undo(); // sysctls
        domain.getCommandStack().undo(); // addresses
        domain.getCommandStack().undo(); // rename
        settle();
        assertEquals("router", router.getName());
        assertEquals(1, eth0.getAddresses().size());
        assertEquals(1, router.getRoutes().size());
        assertEquals(placed, layout.boundsOf(router));
    }

    @Test
    void zoomFitAndScreenshot() throws Exception {
        open(sampleTopology());
        editor.zoomToFit();
        settle();
        assertTrue(editor.getZoomManager().getZoom() <= 1.0);
        editor.getZoomManager().setZoom(1.0);
        editor.zoomIn();
        assertTrue(editor.getZoomManager().getZoom() > 1.0);
        editor.getZoomManager().setZoom(1.0);
        // a bigger window so that the whole topology shows at 100 %
        org.eclipse.swt.widgets.Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        shell.setSize(1400, 900);
        page.setEditorAreaVisible(true);
        viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(part(network.getNamespaces().get(1).getInterfaces().get(1))));
        viewer.setSelection(org.eclipse.jface.viewers.StructuredSelection.EMPTY);
        settle();
        Control control = viewer.getControl().getParent(); // the flyout palette composite: palette + canvas
        Path png = Path.of(System.getProperty("netwright.screenshots", "target/screenshots"), "diagram.png");
        ImageData data = capture(control, png);
        assertTrue(Files.size(png) > 5000, "a real picture");
        assertTrue(distinctColours(data) > 6, "not blank");
    }

    // ---------------------------------------------------------------- GEF helpers

    private EditPart part(Object model) {
        return (EditPart) viewer.getEditPartRegistry().get(model);
    }

    private List<WirePart> wires() {
        List<WirePart> out = new java.util.ArrayList<>();
        for (Object o : viewer.getEditPartRegistry().values()) {
            if (o instanceof WirePart w && w.isActive()) {
                out.add(w);
            }
        }
        return out;
    }

    private ToolEntry tool(String label) {
        return find(editor.getEditDomain().getPaletteViewer().getPaletteRoot(), label);
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

    private CreateRequest createRequest(String toolLabel, Point at) {
        CreateRequest create = new CreateRequest();
        create.setFactory((CreationFactory) tool(toolLabel).getToolProperty(CreationTool.PROPERTY_CREATION_FACTORY));
        create.setLocation(at);
        return create;
    }

    private Namespace createNamespace(NetworkPart root, String toolLabel, Point at) {
        int before = network.getNamespaces().size();
        CreateRequest create = createRequest(toolLabel, at);
        create.setType(RequestConstants.REQ_CREATE);
        EditPart target = root.getTargetEditPart(create);
        assertSame(root, target);
        Command cmd = target.getCommand(create);
        assertNotNull(cmd, "create " + toolLabel);
        gefStack.execute(cmd);
        settle();
        assertEquals(before + 1, network.getNamespaces().size());
        Namespace ns = network.getNamespaces().get(before);
        assertInstanceOf(NamespacePart.class, part(ns));
        return ns;
    }

    @SuppressWarnings("unchecked")
    private <T extends Interface> T createInterface(Namespace ns, String toolLabel) {
        EditPart nsPart = part(ns);
        CreateRequest create = createRequest(toolLabel, new Point(0, 0));
        EditPart target = nsPart.getTargetEditPart(create);
        assertSame(nsPart, target, "interfaces are dropped on their namespace");
        Command cmd = target.getCommand(create);
        assertNotNull(cmd);
        gefStack.execute(cmd);
        settle();
        T itf = (T) ns.getInterfaces().get(ns.getInterfaces().size() - 1);
        assertInstanceOf(InterfacePart.class, part(itf));
        return itf;
    }

    private Command connect(EditPart source, EditPart target) {
        CreateConnectionRequest req = new CreateConnectionRequest();
        req.setFactory((CreationFactory) tool(TopologyPalette.LINK).getToolProperty(CreationTool.PROPERTY_CREATION_FACTORY));
        req.setType(RequestConstants.REQ_CONNECTION_START);
        req.setTargetEditPart(source);
        assertNotNull(source.getCommand(req), "start");
        req.setSourceEditPart(source);
        req.setType(RequestConstants.REQ_CONNECTION_END);
        req.setTargetEditPart(target);
        return target.getCommand(req);
    }

    private void settle() {
        Display d = Display.getCurrent();
        if (viewer != null && viewer.getControl() != null && !viewer.getControl().isDisposed()) {
            viewer.flush();
            ((FigureCanvas) viewer.getControl()).getLightweightSystem().getUpdateManager().performUpdate();
        }
        while (d.readAndDispatch()) {
            // drain
        }
    }

    private static ImageData capture(Control control, Path png) throws Exception {
        org.eclipse.swt.graphics.Rectangle size = control.getBounds();
        Image image = new Image(control.getDisplay(), size.width, size.height);
        GC gc = new GC(image);
        try {
            control.print(gc);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            Files.createDirectories(png.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(png.toAbsolutePath().getParent(), ".shot", ".png");
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(tmp.toString(), SWT.IMAGE_PNG);
            Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return data;
        } finally {
            image.dispose();
        }
    }

    private static int distinctColours(ImageData data) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < data.height; y += Math.max(1, data.height / 80)) {
            for (int x = 0; x < data.width; x += Math.max(1, data.width / 80)) {
                colours.add(data.getPixel(x, y));
            }
        }
        return colours.size();
    }
}
