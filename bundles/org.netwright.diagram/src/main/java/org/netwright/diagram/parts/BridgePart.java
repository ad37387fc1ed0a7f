package org.netwright.diagram.parts;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.List;
import java.util.Objects;

import org.eclipse.draw2d.ChopboxAnchor;
import org.eclipse.draw2d.ConnectionAnchor;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.gef.ConnectionEditPart;
import org.eclipse.gef.EditPolicy;
import org.eclipse.gef.GraphicalEditPart;
import org.eclipse.gef.NodeEditPart;
import org.eclipse.gef.Request;
import org.eclipse.gef.editparts.AbstractGraphicalEditPart;
import org.eclipse.ui.views.properties.IPropertySource;
import org.netwright.diagram.DiagramLayout;
import org.netwright.diagram.figures.BridgeFigure;
import org.netwright.diagram.properties.InterfaceProperties;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Namespace;
import org.netwright.topology.Wire;
import org.netwright.topology.Describe;

/** A bridge as a node of its own; its ports are connections to interface rows. */
public class BridgePart extends AbstractGraphicalEditPart implements NodeEditPart {
    private final PropertyChangeListener layoutListener = this::layoutChanged;
    private ConnectionAnchor anchor;

    public BridgeInterface getBridge() {
        return (BridgeInterface) getModel();
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
        if (getBridge().eContainer() != null
            && (event.getNewValue() == null || Objects.equals(event.getNewValue(), DiagramLayout.keyOf(getBridge())))) {
            refreshVisuals();
        }
    }

    @Override
    protected IFigure createFigure() {
        return new BridgeFigure();
    }

    @Override
    protected void createEditPolicies() {
        installEditPolicy(EditPolicy.COMPONENT_ROLE, new NodePolicies.Delete());
        installEditPolicy(EditPolicy.GRAPHICAL_NODE_ROLE, new NodePolicies.Connect());
        installEditPolicy(EditPolicy.DIRECT_EDIT_ROLE, new NodePolicies.Rename());
    }

    @Override
    protected void refreshVisuals() {
        BridgeInterface br = getBridge();
        String owner = br.eContainer() instanceof Namespace ns ? ns.getName() : "?";
        ((BridgeFigure) getFigure()).update(br.getName(), owner, Describe.addresses(br));
        Rectangle bounds = br.eContainer() == null ? null : DiagramContext.of(this).layout().boundsOf(br);
        if (bounds == null) {
            bounds = new Rectangle(getFigure().getBounds().x, getFigure().getBounds().y, -1, -1);
        }
        ((GraphicalEditPart) getParent()).setLayoutConstraint(this, getFigure(), bounds);
    }

    @Override
    protected List<Wire> getModelSourceConnections() {
        return Wire.of(DiagramContext.of(this).topology()).stream().filter(w -> w.source() == getModel()).toList();
    }

    @Override
    protected List<Wire> getModelTargetConnections() {
        return Wire.of(DiagramContext.of(this).topology()).stream().filter(w -> w.target() == getModel()).toList();
    }

    @Override
    public void performRequest(Request request) {
        if (NodePolicies.isRenameRequest(request)) {
            new NodePolicies.RenameManager(this, ((BridgeFigure) getFigure()).getTitleLabel()).show();
        } else {
            super.performRequest(request);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object getAdapter(Class key) {
        if (key == IPropertySource.class) {
            return new InterfaceProperties(getBridge(), DiagramContext.of(this).domain(), DiagramContext.of(this).canEdit(getBridge()));
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
}
