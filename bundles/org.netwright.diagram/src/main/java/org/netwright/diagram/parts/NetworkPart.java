package org.netwright.diagram.parts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.draw2d.FreeformLayer;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.MarginBorder;
import org.eclipse.draw2d.geometry.Dimension;
import org.eclipse.draw2d.geometry.Point;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EContentAdapter;
import org.eclipse.gef.EditPart;
import org.eclipse.gef.EditPolicy;
import org.eclipse.gef.GraphicalEditPart;
import org.eclipse.gef.Request;
import org.eclipse.gef.commands.Command;
import org.eclipse.gef.editparts.AbstractGraphicalEditPart;
import org.eclipse.gef.editpolicies.RootComponentEditPolicy;
import org.eclipse.gef.editpolicies.XYLayoutEditPolicy;
import org.eclipse.gef.requests.CreateRequest;
import org.netwright.diagram.DiagramLayout;
import org.netwright.diagram.figures.GrowingFreeformLayout;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.topology.AutoLayout;
import org.netwright.topology.Box;

/**
 * The diagram: namespaces and bridges as nodes on a free-form layer. Watches the whole model (one
 * content adapter, added in activate and removed in deactivate) and brings the parts up to date after
 * every change, whoever made it (diagram, text, Properties view, undo).
 */
public class NetworkPart extends AbstractGraphicalEditPart {
    private final EContentAdapter watcher = new EContentAdapter() {
        @Override
        public void notifyChanged(Notification n) {
            super.notifyChanged(n);
            if (!n.isTouch() && n.getEventType() != Notification.REMOVING_ADAPTER && isActive()) {
                refreshAll();
            }
        }
    };

    public Network getNetwork() {
        return (Network) getModel();
    }

    @Override
    public void activate() {
        super.activate();
        getNetwork().eAdapters().add(watcher);
    }

    @Override
    public void deactivate() {
        getNetwork().eAdapters().remove(watcher);
        super.deactivate();
    }

    @Override
    protected IFigure createFigure() {
        FreeformLayer layer = new FreeformLayer();
        layer.setLayoutManager(new GrowingFreeformLayout());
        layer.setBorder(new MarginBorder(20));
        return layer;
    }

    @Override
    protected void createEditPolicies() {
        installEditPolicy(EditPolicy.COMPONENT_ROLE, new RootComponentEditPolicy());
        installEditPolicy(EditPolicy.LAYOUT_ROLE, new NodesLayoutPolicy());
    }

    /** Namespaces, each followed by its bridges. */
    @Override
    protected List<EObject> getModelChildren() {
        return DiagramContext.of(this).topology().nodes();
    }

    @Override
    protected void refreshChildren() {
        placeMissing();
        super.refreshChildren();
    }

    /** Brings every part (nodes, rows, connections) up to date with the model. */
    public void refreshAll() {
        DiagramContext.of(this).refreshTopology();
        refreshChildren();
        for (Object child : getChildren()) {
            deepRefresh((EditPart) child);
        }
    }

    private static void deepRefresh(EditPart part) {
        part.refresh();
        for (Object child : part.getChildren()) {
            deepRefresh((EditPart) child);
        }
        if (part instanceof GraphicalEditPart g) {
            for (Object c : g.getSourceConnections()) {
                ((EditPart) c).refresh();
            }
        }
    }

    /** Gives nodes without a stored place one from {@link AutoLayout}, below the placed ones. */
    void placeMissing() {
        DiagramContext ctx = DiagramContext.of(this);
        DiagramLayout layout = ctx.layout();
        layout.reconcile(ctx.topology().namespaces());
        Map<String, int[]> sizes = new LinkedHashMap<>();
        Map<String, Box> stored = new LinkedHashMap<>();
        Map<String, EObject> missing = new LinkedHashMap<>();
        for (EObject node : getModelChildren()) {
            String key = DiagramLayout.keyOf(node);
            if (key == null) {
                continue;
            }
            Dimension pref = Previews.preferredSize(node);
            sizes.put(key, new int[] { pref.width, pref.height });
            Rectangle r = layout.boundsOf(node);
            if (r != null) {
                stored.put(key, new Box(r.x, r.y, r.width, r.height));
            } else {
                missing.put(key, node);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<String, Box> placed = AutoLayout.arrange(sizes, stored);
        missing.forEach((key, node) -> layout.setBounds(node, new Rectangle(placed.get(key).x(), placed.get(key).y(), -1, -1)));
    }

    /** Creates namespaces and bridges on the canvas; moves and resizes nodes (in the layout store). */
    private final class NodesLayoutPolicy extends XYLayoutEditPolicy {
        @Override
        protected Command createChangeConstraintCommand(EditPart child, Object constraint) {
            if (constraint instanceof Rectangle r && child.getModel() instanceof EObject e && DiagramLayout.keyOf(e) != null) {
                return DiagramContext.gef(DiagramContext.of(getHost()).commands().setBounds(e, r));
            }
            return null;
        }

        @Override
        protected Command getCreateCommand(CreateRequest request) {
            DiagramContext ctx = DiagramContext.of(getHost());
            Object created = request.getNewObject();
            Rectangle r = ((Rectangle) getConstraintFor(request)).getCopy();
            if (created instanceof Namespace ns) {
                return DiagramContext.gef(ctx.commands().createNamespace(getNetwork(), ns, sized(r, ns)));
            }
            if (created instanceof BridgeInterface br) {
                Namespace owner = nearestNamespace(ctx, r.getLocation());
                return owner == null ? null : DiagramContext.gef(ctx.commands().createBridge(owner, br, sized(r, br)));
            }
            return null;
        }

        @Override
        protected Command getDeleteDependantCommand(Request request) {
            return null;
        }
    }

    private static Rectangle sized(Rectangle r, EObject element) {
        if (r.width <= 0 || r.height <= 0) {
            Dimension d = Previews.preferredSize(element);
            return new Rectangle(r.x, r.y, d.width, d.height);
        }
        return r;
    }

    /** The namespace whose box is nearest to the point: the owner of a bridge dropped on empty canvas. */
    private Namespace nearestNamespace(DiagramContext ctx, Point p) {
        Namespace best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Namespace ns : getNetwork().getNamespaces()) { // only the file's own can get a bridge
            Rectangle b = ctx.layout().boundsOf(ns);
            if (b == null) {
                continue;
            }
            Point c = new Rectangle(b.x, b.y, Math.max(b.width, 0), Math.max(b.height, 0)).getCenter();
            double d = c.getDistance(p);
            if (d < bestDistance) {
                bestDistance = d;
                best = ns;
            }
        }
        return best;
    }
}
