package org.netwright.diagram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.draw2d.PositionConstants;
import org.eclipse.draw2d.geometry.Dimension;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.gef.ContextMenuProvider;
import org.eclipse.gef.DefaultEditDomain;
import org.eclipse.gef.EditPartViewer;
import org.eclipse.gef.GraphicalViewer;
import org.eclipse.gef.KeyHandler;
import org.eclipse.gef.KeyStroke;
import org.eclipse.gef.editparts.ScalableFreeformRootEditPart;
import org.eclipse.gef.editparts.ZoomManager;
import org.eclipse.gef.palette.PaletteRoot;
import org.eclipse.gef.ui.actions.ActionRegistry;
import org.eclipse.gef.ui.actions.DirectEditAction;
import org.eclipse.gef.ui.actions.GEFActionConstants;
import org.eclipse.gef.ui.actions.ZoomInAction;
import org.eclipse.gef.ui.actions.ZoomOutAction;
import org.eclipse.gef.ui.palette.FlyoutPaletteComposite;
import org.eclipse.gef.ui.palette.FlyoutPaletteComposite.FlyoutPreferences;
import org.eclipse.gef.ui.parts.GraphicalEditorWithFlyoutPalette;
import org.eclipse.gef.ui.parts.GraphicalViewerKeyHandler;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.swt.SWT;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IWorkbenchCommandConstants;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory;
import org.netwright.diagram.commands.LayoutCommand;
import org.netwright.diagram.commands.SharedCommandStack;
import org.netwright.diagram.parts.DiagramContext;
import org.netwright.diagram.parts.PartFactory;
import org.netwright.diagram.parts.Previews;
import org.netwright.model.Network;
import org.netwright.topology.AutoLayout;
import org.netwright.topology.PathHighlight;

/**
 * The topology diagram of one {@link Network}: namespaces with their interfaces and addresses, bridges,
 * veth links, bridge ports and cables; a palette; zoom, fit and automatic layout.
 *
 * <p>It edits the model only through the given EditingDomain (its GEF command stack is a view of the
 * domain's EMF stack, {@link SharedCommandStack}), so a text editor on the same domain shares the undo
 * history and sees every change. Node positions live in the {@link DiagramLayout}, not in the model.
 *
 * <p>Embedding (multi-page editor): {@code new TopologyDiagramEditor(network, domain, layout)} then
 * {@code addPage(editor, input)}; save the layout with {@link #saveLayout()} when the model is saved.
 * Standalone: open with a {@link TopologyDiagramEditorInput} under {@link #ID}.
 */
public class TopologyDiagramEditor extends GraphicalEditorWithFlyoutPalette {
    public static final String ID = "org.netwright.diagram.editor";
    public static final String ZOOM_FIT = "org.netwright.diagram.zoomFit";
    public static final String FIND = "org.netwright.diagram.find";
    public static final String ARRANGE = "org.netwright.diagram.arrange";
    public static final String SHOW_PIPELINE = "org.netwright.diagram.showPipeline";

    private Network network;
    private EditingDomain domain;
    private DiagramLayout layout;
    private SharedCommandStack commandStack;
    private PaletteRoot palette;
    private DiagramContext context;
    private org.eclipse.swt.widgets.Label banner;
    private String bannerText;

    /** For the workbench (plugin.xml): the model comes from a {@link TopologyDiagramEditorInput}. */
    public TopologyDiagramEditor() {
    }

    public TopologyDiagramEditor(Network network, EditingDomain domain, DiagramLayout layout) {
        bind(network, domain, layout);
    }

    private void bind(Network network, EditingDomain domain, DiagramLayout layout) {
        this.network = network;
        this.domain = domain;
        this.layout = layout == null ? new DiagramLayout() : layout;
        this.commandStack = new SharedCommandStack(domain);
        this.context = new DiagramContext(network, domain, this.layout);
        DefaultEditDomain editDomain = new DefaultEditDomain(this);
        editDomain.setCommandStack(commandStack);
        setEditDomain(editDomain);
    }

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (network == null) {
            if (!(input instanceof TopologyDiagramEditorInput in)) {
                throw new PartInitException("The topology diagram opens on a TopologyDiagramEditorInput, not " + input);
            }
            bind(in.network(), in.domain(), in.layout());
        }
        super.init(site, input);
        setPartName(input.getName());
    }

    public Network getNetwork() {
        return network;
    }

    @Override
    public GraphicalViewer getGraphicalViewer() {
        return super.getGraphicalViewer();
    }

    @Override
    public DefaultEditDomain getEditDomain() {
        return super.getEditDomain();
    }

    @Override
    public ActionRegistry getActionRegistry() {
        return super.getActionRegistry();
    }

    public ZoomManager getZoomManager() {
        return ((ScalableFreeformRootEditPart) getGraphicalViewer().getRootEditPart()).getZoomManager();
    }

    // ------------------------------------------------------------------ viewer

    @Override
    protected void configureGraphicalViewer() {
        super.configureGraphicalViewer();
        GraphicalViewer viewer = getGraphicalViewer();
        ScalableFreeformRootEditPart root = new ScalableFreeformRootEditPart();
        viewer.setRootEditPart(root);
        viewer.setEditPartFactory(new PartFactory());
        viewer.setProperty(DiagramContext.VIEWER_PROPERTY, context);

        ZoomManager zoom = root.getZoomManager();
        zoom.setZoomLevels(new double[] { 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0 });
        zoom.setZoomLevelContributions(List.of(ZoomManager.FIT_ALL, ZoomManager.FIT_WIDTH, ZoomManager.FIT_HEIGHT));
        ActionRegistry registry = getActionRegistry();
        registry.registerAction(new ZoomInAction(zoom));
        registry.registerAction(new ZoomOutAction(zoom));
        registry.registerAction(action(ZOOM_FIT, "Zoom to &Fit", this::zoomToFit));
        registry.registerAction(action(ARRANGE, "&Arrange All", this::arrangeAll));
        registry.registerAction(action(FIND, "&Find Namespace...\tCtrl+F", this::askAndFind));

        KeyHandler keys = new GraphicalViewerKeyHandler(viewer);
        keys.put(KeyStroke.getPressed(SWT.DEL, 127, 0), registry.getAction(ActionFactory.DELETE.getId()));
        keys.put(KeyStroke.getPressed(SWT.F2, 0), registry.getAction(GEFActionConstants.DIRECT_EDIT));
        keys.put(KeyStroke.getPressed('=', SWT.CTRL), registry.getAction(GEFActionConstants.ZOOM_IN));
        keys.put(KeyStroke.getPressed('+', SWT.CTRL), registry.getAction(GEFActionConstants.ZOOM_IN));
        keys.put(KeyStroke.getPressed('-', SWT.CTRL), registry.getAction(GEFActionConstants.ZOOM_OUT));
        keys.put(KeyStroke.getPressed('0', SWT.CTRL), registry.getAction(ZOOM_FIT));
        // Ctrl+F arrives as the control character 6 with the key code of 'f'
        keys.put(KeyStroke.getPressed((char) 6, 'f', SWT.CTRL), registry.getAction(FIND));
        viewer.setKeyHandler(keys);
        viewer.setContextMenu(new MenuProvider(viewer, registry));
    }

    private static IAction action(String id, String text, Runnable run) {
        Action a = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        a.setId(id);
        return a;
    }

    @Override
    protected void initializeGraphicalViewer() {
        super.initializeGraphicalViewer();
        layout.reconcile(context.topology().namespaces());
        getGraphicalViewer().setContents(network);
    }

    /** A banner above the canvas (hidden when there is nothing to say): why the diagram is read-only. */
    @Override
    public void createPartControl(org.eclipse.swt.widgets.Composite parent) {
        org.eclipse.swt.widgets.Composite top = new org.eclipse.swt.widgets.Composite(parent, SWT.NONE);
        org.eclipse.swt.layout.GridLayout grid = new org.eclipse.swt.layout.GridLayout(1, false);
        grid.marginWidth = 0;
        grid.marginHeight = 0;
        grid.verticalSpacing = 0;
        top.setLayout(grid);
        banner = new org.eclipse.swt.widgets.Label(top, SWT.WRAP);
        banner.setBackground(new org.eclipse.swt.graphics.Color(255, 236, 179));
        banner.setForeground(new org.eclipse.swt.graphics.Color(90, 60, 0));
        org.eclipse.swt.layout.GridData bannerData = new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.TOP, true, false);
        banner.setLayoutData(bannerData);
        org.eclipse.swt.widgets.Composite body = new org.eclipse.swt.widgets.Composite(top, SWT.NONE);
        body.setLayoutData(new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.FILL, true, true));
        body.setLayout(new org.eclipse.swt.layout.FillLayout());
        super.createPartControl(body);
        showBanner(bannerText);
    }

    private void showBanner(String text) {
        bannerText = text;
        if (banner == null || banner.isDisposed()) {
            return;
        }
        banner.setText(text == null ? "" : "  \u26a0  " + text);
        ((org.eclipse.swt.layout.GridData) banner.getLayoutData()).exclude = text == null;
        banner.setVisible(text != null);
        banner.getParent().layout(true, true);
    }

    public String getBannerText() {
        return bannerText;
    }

    /**
     * Model edits from the diagram are refused while {@code reason} is not null (the text has syntax
     * errors and the diagram shows the last valid model); the banner says why. Moving nodes still works.
     */
    public void setReadOnly(String reason) {
        context.setReadOnlyReason(reason);
        showBanner(reason);
        refreshParts();
    }

    public boolean isReadOnly() {
        return context.readOnlyReason() != null;
    }

    /**
     * Shows another model (the text was re-parsed): same layout, selection kept by name. The parts are
     * created anew, since the objects are new.
     */
    public void setNetwork(Network newNetwork) {
        GraphicalViewer viewer = getGraphicalViewer();
        List<String> selected = new ArrayList<>();
        if (viewer != null) {
            for (Object o : ((org.eclipse.jface.viewers.IStructuredSelection) viewer.getSelection()).toList()) {
                if (o instanceof org.eclipse.gef.EditPart p && p.getModel() instanceof EObject e && DiagramLayout.keyOf(e) != null) {
                    selected.add(DiagramLayout.keyOf(e));
                }
            }
        }
        this.network = newNetwork;
        context.setNetwork(newNetwork);
        if (viewer == null || viewer.getControl() == null || viewer.getControl().isDisposed()) {
            return;
        }
        if (viewer.getContents() != null && viewer.getContents().getModel() == newNetwork) {
            refreshParts();
        } else {
            layout.reconcile(context.topology().namespaces());
            viewer.setContents(newNetwork);
        }
        List<org.eclipse.gef.EditPart> reselect = new ArrayList<>();
        for (Object entry : viewer.getEditPartRegistry().entrySet()) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
            if (e.getKey() instanceof EObject model && selected.contains(DiagramLayout.keyOf(model))
                && e.getValue() instanceof org.eclipse.gef.EditPart part) {
                reselect.add(part);
            }
        }
        viewer.setSelection(new org.eclipse.jface.viewers.StructuredSelection(reselect));
    }

    /** Colours a packet walk on the diagram (null clears it). */
    public void setHighlight(PathHighlight walk) {
        context.setHighlight(walk);
        refreshParts();
    }

    /**
     * Shows how far a stepped walk has come (null: no step): each link crossed so far carries its order number and
     * direction, the namespace the packet is in says where.
     */
    public void setStep(org.netwright.topology.WalkSteps.Step step) {
        context.setStep(step);
        refreshParts();
    }

    public org.netwright.topology.WalkSteps.Step getStep() {
        return context.step();
    }

    /** What opens a namespace's pipeline (a double-click on it, or its context menu); set by the editor that embeds the diagram. */
    public void setNamespaceOpener(java.util.function.Consumer<org.netwright.model.Namespace> opener) {
        context.setNamespaceOpener(opener);
    }

    public PathHighlight getHighlight() {
        return context.highlight();
    }

    public DiagramContext getContext() {
        return context;
    }

    private void refreshParts() {
        GraphicalViewer viewer = getGraphicalViewer();
        if (viewer != null && viewer.getContents() instanceof org.netwright.diagram.parts.NetworkPart root) {
            root.refreshAll();
        }
    }

    /** Lets the owner of the EditingDomain wrap every diagram command (to write the change into the text). */
    public void setCommandWrapper(java.util.function.UnaryOperator<org.eclipse.emf.common.command.Command> wrapper) {
        commandStack.setWrapper(wrapper);
    }

    /**
     * GEF updates its selection actions only when it is the active editor itself; embedded in a
     * multi-page editor the active editor is the container.
     */
    @Override
    public void selectionChanged(org.eclipse.ui.IWorkbenchPart part, org.eclipse.jface.viewers.ISelection selection) {
        org.eclipse.ui.IEditorPart active = getSite().getPage().getActiveEditor();
        if (active == this || (active != null && active.getAdapter(TopologyDiagramEditor.class) == this)) {
            updateActions(getSelectionActions());
        }
    }

    /**
     * GEF 3.2's Undo/Redo carry no command ids: without them Ctrl+Z would not reach them. Rename is
     * a selection action (F2, context menu).
     */
    @Override
    @SuppressWarnings("unchecked")
    protected void createActions() {
        super.createActions();
        ActionRegistry registry = getActionRegistry();
        registry.getAction(ActionFactory.UNDO.getId()).setActionDefinitionId(IWorkbenchCommandConstants.EDIT_UNDO);
        registry.getAction(ActionFactory.REDO.getId()).setActionDefinitionId(IWorkbenchCommandConstants.EDIT_REDO);
        registry.getAction(ActionFactory.DELETE.getId()).setActionDefinitionId(IWorkbenchCommandConstants.EDIT_DELETE);
        DirectEditAction rename = new DirectEditAction((org.eclipse.ui.IWorkbenchPart) this);
        rename.setText("&Rename");
        registry.registerAction(rename);
        getSelectionActions().add(rename.getId());
    }

    @Override
    protected PaletteRoot getPaletteRoot() {
        if (palette == null) {
            palette = TopologyPalette.create();
        }
        return palette;
    }

    /** The palette stays pinned open on the left; GEF 3.2's default keeps this in removed-style preferences. */
    @Override
    protected FlyoutPreferences getPalettePreferences() {
        return new FlyoutPreferences() {
            private int dock = PositionConstants.WEST;
            private int state = FlyoutPaletteComposite.STATE_PINNED_OPEN;
            private int width = 150;

            @Override
            public int getDockLocation() {
                return dock;
            }

            @Override
            public int getPaletteState() {
                return state;
            }

            @Override
            public int getPaletteWidth() {
                return width;
            }

            @Override
            public void setDockLocation(int location) {
                dock = location;
            }

            @Override
            public void setPaletteState(int s) {
                state = s;
            }

            @Override
            public void setPaletteWidth(int w) {
                width = w;
            }
        };
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object getAdapter(Class type) {
        if (type == ZoomManager.class && getGraphicalViewer() != null) {
            return getZoomManager();
        }
        if (type == EditingDomain.class) {
            return domain;
        }
        if (type == DiagramLayout.class) {
            return layout;
        }
        return super.getAdapter(type);
    }

    // ------------------------------------------------------------------ zoom, layout

    public void zoomIn() {
        getZoomManager().zoomIn();
    }

    public void zoomOut() {
        getZoomManager().zoomOut();
    }

    /** Shows the whole diagram (never enlarged beyond 100 %). */
    public void zoomToFit() {
        ZoomManager zoom = getZoomManager();
        zoom.setZoomAsText(ZoomManager.FIT_ALL);
        if (zoom.getZoom() > 1.0) {
            zoom.setZoom(1.0);
        }
    }

    private void askAndFind() {
        org.eclipse.jface.dialogs.InputDialog ask = new org.eclipse.jface.dialogs.InputDialog(getSite().getShell(), "Find Namespace",
            "Name or address of a namespace (a part of it is enough):", lastQuery, null);
        if (ask.open() == org.eclipse.jface.window.Window.OK && !ask.getValue().isBlank()) {
            lastQuery = ask.getValue().strip();
            if (find(lastQuery) == null) {
                org.eclipse.jface.dialogs.MessageDialog.openInformation(getSite().getShell(), "Find Namespace",
                    "No namespace is named or addressed like \u201c" + lastQuery + "\u201d.");
            }
        }
    }

    private String lastQuery = "";

    /**
     * Selects and reveals the first namespace whose name contains {@code query} (ignoring case), else the first with an
     * interface address that starts with it; null when none does.
     */
    public org.netwright.model.Namespace find(String query) {
        org.netwright.model.Namespace found = org.netwright.topology.NamespaceSearch.find(context.topology().namespaces(), query);
        select(found);
        return found;
    }

    /** Selects and reveals the namespace named exactly {@code name}; false when there is none. */
    public boolean reveal(String name) {
        org.netwright.model.Namespace ns = context.topology().namespaces().stream().filter(n -> name.equals(n.getName())).findFirst().orElse(null);
        select(ns);
        return ns != null;
    }

    private void select(org.netwright.model.Namespace ns) {
        if (ns != null && getGraphicalViewer().getEditPartRegistry().get(ns) instanceof org.eclipse.gef.EditPart part) {
            getGraphicalViewer().select(part);
            getGraphicalViewer().reveal(part);
        }
    }

    /** Lays out every node anew with {@link AutoLayout}, as one undoable command. */
    public void arrangeAll() {
        Map<String, int[]> sizes = new LinkedHashMap<>();
        Map<String, EObject> byKey = new LinkedHashMap<>();
        for (EObject node : context.topology().nodes()) {
            Dimension d = Previews.preferredSize(node);
            String key = DiagramLayout.keyOf(node);
            sizes.put(key, new int[] { d.width, d.height });
            byKey.put(key, node);
        }
        if (sizes.isEmpty()) {
            return;
        }
        Map<EObject, Rectangle> bounds = new LinkedHashMap<>();
        AutoLayout.forCount(context.topology().namespaces().size()).place(sizes)
            .forEach((key, r) -> bounds.put(byKey.get(key), new Rectangle(r.x(), r.y(), -1, -1)));
        domain.getCommandStack().execute(new LayoutCommand("Arrange all", layout, bounds));
    }

    // ------------------------------------------------------------------ saving

    /** Writes the layout sidecar (if it has a file). The model itself is saved by whoever owns it. */
    public void saveLayout() throws IOException {
        if (layout.getFile() != null) {
            layout.save();
        }
    }

    /**
     * Standalone: saves the layout, and the model's resource when it has one. Embedded, the multi-page
     * editor saves the model (as text) and calls {@link #saveLayout()}.
     */
    @Override
    public void doSave(IProgressMonitor monitor) {
        try {
            saveLayout();
            if (network.eResource() != null && network.eResource().getURI() != null && !network.eResource().getURI().isEmpty()) {
                network.eResource().save(null);
            }
            getCommandStack().markSaveLocation();
        } catch (IOException e) {
            throw new IllegalStateException("Could not save " + getPartName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void dispose() {
        super.dispose();
        if (commandStack != null) {
            commandStack.dispose();
        }
    }

    /** Context menu: undo/redo, rename, delete, zoom, fit, arrange. */
    private static final class MenuProvider extends ContextMenuProvider {
        private final ActionRegistry registry;

        MenuProvider(EditPartViewer viewer, ActionRegistry registry) {
            super(viewer);
            this.registry = registry;
        }

        @Override
        public void buildContextMenu(IMenuManager menu) {
            GEFActionConstants.addStandardActionGroups(menu);
            menu.appendToGroup(GEFActionConstants.GROUP_UNDO, registry.getAction(ActionFactory.UNDO.getId()));
            menu.appendToGroup(GEFActionConstants.GROUP_UNDO, registry.getAction(ActionFactory.REDO.getId()));
            menu.appendToGroup(GEFActionConstants.GROUP_EDIT, registry.getAction(GEFActionConstants.DIRECT_EDIT));
            menu.appendToGroup(GEFActionConstants.GROUP_EDIT, registry.getAction(ActionFactory.DELETE.getId()));
            menu.appendToGroup(GEFActionConstants.GROUP_VIEW, registry.getAction(GEFActionConstants.ZOOM_IN));
            menu.appendToGroup(GEFActionConstants.GROUP_VIEW, registry.getAction(GEFActionConstants.ZOOM_OUT));
            menu.appendToGroup(GEFActionConstants.GROUP_VIEW, registry.getAction(ZOOM_FIT));
            menu.appendToGroup(GEFActionConstants.GROUP_VIEW, new Separator());
            menu.appendToGroup(GEFActionConstants.GROUP_VIEW, registry.getAction(ARRANGE));
            menu.appendToGroup(GEFActionConstants.GROUP_VIEW, registry.getAction(FIND));
            if (((org.eclipse.jface.viewers.IStructuredSelection) getViewer().getSelection()).getFirstElement()
                instanceof org.netwright.diagram.parts.NamespacePart ns) {
                DiagramContext ctx = DiagramContext.of(ns);
                Action show = new Action("Show &Pipeline") {
                    @Override
                    public void run() {
                        ctx.openNamespace(ns.getNamespace());
                    }
                };
                show.setId(SHOW_PIPELINE);
                show.setEnabled(ctx.canOpenNamespaces());
                menu.appendToGroup(GEFActionConstants.GROUP_VIEW, show);
            }
        }
    }
}
