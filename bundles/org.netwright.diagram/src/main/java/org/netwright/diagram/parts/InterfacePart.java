package org.netwright.diagram.parts;

import java.util.List;

import org.eclipse.draw2d.ConnectionAnchor;
import org.eclipse.draw2d.IFigure;
import org.eclipse.gef.ConnectionEditPart;
import org.eclipse.gef.EditPolicy;
import org.eclipse.gef.GraphicalEditPart;
import org.eclipse.gef.NodeEditPart;
import org.eclipse.gef.Request;
import org.eclipse.gef.editparts.AbstractGraphicalEditPart;
import org.eclipse.ui.views.properties.IPropertySource;
import org.netwright.diagram.figures.Styles;
import org.netwright.diagram.figures.InterfaceFigure;
import org.netwright.diagram.figures.SideAnchor;
import org.netwright.diagram.properties.InterfaceProperties;
import org.netwright.model.Interface;
import org.netwright.topology.Wire;
import org.netwright.topology.Describe;

/** An interface row inside its namespace; the end of veth links, cables and bridge ports. */
public class InterfacePart extends AbstractGraphicalEditPart implements NodeEditPart {
    private ConnectionAnchor anchor;

    public Interface getInterface() {
        return (Interface) getModel();
    }

    @Override
    protected IFigure createFigure() {
        return new InterfaceFigure();
    }

    @Override
    protected void createEditPolicies() {
        installEditPolicy(EditPolicy.COMPONENT_ROLE, new NodePolicies.Delete());
        installEditPolicy(EditPolicy.GRAPHICAL_NODE_ROLE, new NodePolicies.Connect());
        installEditPolicy(EditPolicy.DIRECT_EDIT_ROLE, new NodePolicies.Rename());
    }

    @Override
    protected void refreshVisuals() {
        Interface itf = getInterface();
        ((InterfaceFigure) getFigure()).update(itf.getName(), Describe.kind(itf), Describe.addresses(itf), itf.isDown(), Styles.kindColor(itf));
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
            new NodePolicies.RenameManager(this, ((InterfaceFigure) getFigure()).getNameLabel()).show();
        } else {
            super.performRequest(request);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object getAdapter(Class key) {
        if (key == IPropertySource.class) {
            return new InterfaceProperties(getInterface(), DiagramContext.of(this).domain(), DiagramContext.of(this).canEdit(getInterface()));
        }
        return super.getAdapter(key);
    }

    private ConnectionAnchor anchor() {
        if (anchor == null) {
            anchor = new SideAnchor(getFigure(), ((GraphicalEditPart) getParent()).getFigure());
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
