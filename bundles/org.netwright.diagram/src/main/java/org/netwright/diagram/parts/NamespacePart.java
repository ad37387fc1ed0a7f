package org.netwright.diagram.parts;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.draw2d.ChopboxAnchor;
import org.eclipse.draw2d.ConnectionAnchor;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.gef.ConnectionEditPart;
import org.eclipse.gef.EditPart;
import org.eclipse.gef.EditPolicy;
import org.eclipse.gef.GraphicalEditPart;
import org.eclipse.gef.NodeEditPart;
import org.eclipse.gef.Request;
import org.eclipse.gef.RequestConstants;
import org.eclipse.gef.commands.Command;
import org.eclipse.gef.editparts.AbstractGraphicalEditPart;
import org.eclipse.gef.editpolicies.LayoutEditPolicy;
import org.eclipse.gef.editpolicies.NonResizableEditPolicy;
import org.eclipse.gef.requests.CreateRequest;
import org.eclipse.ui.views.properties.IPropertySource;
import org.netwright.diagram.DiagramLayout;
import org.netwright.diagram.figures.NamespaceFigure;
import org.netwright.diagram.figures.Styles;
import org.netwright.diagram.properties.NamespaceProperties;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.topology.PathHighlight;
import org.netwright.topology.Describe;

/** A namespace node: title, summary, and its interfaces (except bridges, which are nodes of their own). */
public class NamespacePart extends AbstractGraphicalEditPart implements NodeEditPart {
    private final PropertyChangeListener layoutListener = this::layoutChanged;
    private ConnectionAnchor anchor;

    public Namespace getNamespace() {
        return (Namespace) getModel();
    }

    @Override
    public void activate() {
        super.activate();
        DiagramContext.of(this).layout().addPropertyChangeListener(layoutListener);
    }

    @Override
    public void deactivate() {
        DiagramContext.of(this).layout().removePropertyChangeListener(layoutListener);
        super.deactivate();
    }

    private void layoutChanged(PropertyChangeEvent event) {
        if (event.getNewValue() == null || Objects.equals(event.getNewValue(), DiagramLayout.keyOf(getNamespace()))) {
            refreshVisuals();
        }
    }

    @Override
    protected IFigure createFigure() {
        return new NamespaceFigure();
    }

    @Override
    public IFigure getContentPane() {
        return ((NamespaceFigure) getFigure()).getCompartment();
    }

    @Override
    protected void createEditPolicies() {
        installEditPolicy(EditPolicy.COMPONENT_ROLE, new NodePolicies.Delete());
        installEditPolicy(EditPolicy.GRAPHICAL_NODE_ROLE, new NodePolicies.Connect());
        installEditPolicy(EditPolicy.DIRECT_EDIT_ROLE, new NodePolicies.Rename());
        installEditPolicy(EditPolicy.LAYOUT_ROLE, new InterfaceListPolicy());
    }

    @Override
    protected List<Interface> getModelChildren() {
        List<Interface> rows = new ArrayList<>();
        for (Interface itf : getNamespace().getInterfaces()) {
            if (!(itf instanceof BridgeInterface)) {
                rows.add(itf);
            }
        }
        return rows;
    }

    @Override
    protected void refreshVisuals() {
        NamespaceFigure figure = (NamespaceFigure) getFigure();
        DiagramContext ctx = DiagramContext.of(this);
        Namespace ns = getNamespace();
        figure.update(ns.getName(), Describe.facts(ns, ctx.topology().blocksOf(ns)));
        figure.setOrigin(ctx.topology().isOwn(ns) ? null : org.netwright.topology.Topology.fileOf(ns));
        showWalk(figure, ctx.highlight(), ns.getName());
        showStep(figure, ctx.step(), ns.getName());
        Rectangle bounds = ctx.layout().boundsOf(ns);
        if (bounds == null) {
            bounds = new Rectangle(figure.getBounds().x, figure.getBounds().y, -1, -1);
        }
        ((GraphicalEditPart) getParent()).setLayoutConstraint(this, figure, bounds);
    }

    private static void showWalk(NamespaceFigure figure, PathHighlight walk, String name) {
        if (walk == null || name == null) {
            figure.setWalk(null, null);
            return;
        }
        org.eclipse.swt.graphics.Color colour = switch (walk.roleOf(name)) {
            case DROPPED_HERE -> Styles.WALK_DROPPED;
            case DELIVERED_HERE -> Styles.WALK_DELIVERED;
            case LEFT_HERE -> Styles.WALK_LEFT;
            case ON_PATH -> walk.fate() == PathHighlight.Fate.DROPPED ? Styles.WALK_DROPPED_PATH : Styles.WALK_DELIVERED;
            case ON_REPLY_PATH -> Styles.WALK_REPLY;
            case NONE -> null;
        };
        figure.setWalk(colour, walk.label(name));
    }

    /** While a walk is stepped through: where in this namespace the packet is now. */
    private static void showStep(NamespaceFigure figure, org.netwright.topology.WalkSteps.Step step, String name) {
        if (step != null && step.namespace().equals(name)) {
            figure.setWalk(step.reply() ? Styles.WALK_REPLY : Styles.WALK_DELIVERED,
                "\u25b6 step " + (step.index() + 1) + (step.reply() ? " (reply)" : "") + ": " + step.stage().title());
        }
    }

    @Override
    public void performRequest(Request request) {
        // double-click opens the namespace's pipeline where the editor offers one; rename stays on F2
        if (RequestConstants.REQ_OPEN.equals(request.getType()) && DiagramContext.of(this).openNamespace(getNamespace())) {
            return;
        }
        if (NodePolicies.isRenameRequest(request)) {
            new NodePolicies.RenameManager(this, ((NamespaceFigure) getFigure()).getTitleLabel()).show();
        } else {
            super.performRequest(request);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object getAdapter(Class key) {
        if (key == IPropertySource.class) {
            DiagramContext ctx = DiagramContext.of(this);
            return new NamespaceProperties(getNamespace(), ctx.domain(), ctx.canEdit(getNamespace()));
        }
        return super.getAdapter(key);
    }

    private ConnectionAnchor anchor() {
        if (anchor == null) {
            anchor = new ChopboxAnchor(getFigure());
        }
        return anchor;
    }

    @Override
    public ConnectionAnchor getSourceConnectionAnchor(ConnectionEditPart connection) {
        return anchor();
    }

    @Override
    public ConnectionAnchor getTargetConnectionAnchor(ConnectionEditPart connection) {
        return anchor();
    }

    @Override
    public ConnectionAnchor getSourceConnectionAnchor(Request request) {
        return anchor();
    }

    @Override
    public ConnectionAnchor getTargetConnectionAnchor(Request request) {
        return anchor();
    }

    /** Interfaces and bridges dropped on a namespace are created in it. */
    private final class InterfaceListPolicy extends LayoutEditPolicy {
        @Override
        protected EditPolicy createChildEditPolicy(EditPart child) {
            NonResizableEditPolicy policy = new NonResizableEditPolicy();
            policy.setDragAllowed(false);
            return policy;
        }

        @Override
        public EditPart getTargetEditPart(Request request) {
            if (RequestConstants.REQ_CREATE.equals(request.getType()) && request instanceof CreateRequest create
                && create.getNewObjectType() instanceof Class<?> type && Interface.class.isAssignableFrom(type)) {
                return getHost();
            }
            return null; // moves and namespace creation go to the diagram
        }

        @Override
        protected Command getCreateCommand(CreateRequest request) {
            DiagramContext ctx = DiagramContext.of(getHost());
            Object created = request.getNewObject();
            if (created instanceof BridgeInterface br) {
                Rectangle box = getFigure().getBounds();
                Rectangle at = new Rectangle(box.right() + 60, box.y, -1, -1);
                return DiagramContext.gef(ctx.commands().createBridge(getNamespace(), br, at));
            }
            if (created instanceof Interface itf) {
                return DiagramContext.gef(ctx.commands().createInterface(getNamespace(), itf));
            }
            return null;
        }

        @Override
        protected Command getMoveChildrenCommand(Request request) {
            return null;
        }

        @Override
        protected Command getDeleteDependantCommand(Request request) {
            return null;
        }
    }
}
