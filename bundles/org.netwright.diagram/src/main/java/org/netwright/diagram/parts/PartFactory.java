package org.netwright.diagram.parts;

import org.eclipse.gef.EditPart;
import org.eclipse.gef.EditPartFactory;
import org.netwright.model.BridgeInterface;
import org.netwright.model.Interface;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.topology.Wire;

/** Model element -> edit part (controller). */
public class PartFactory implements EditPartFactory {
    @Override
    public EditPart createEditPart(EditPart context, Object model) {
        EditPart part;
        if (model instanceof Network) {
            part = new NetworkPart();
        } else if (model instanceof Namespace) {
            part = new NamespacePart();
        } else if (model instanceof BridgeInterface) {
            part = new BridgePart();
        } else if (model instanceof Interface) {
            part = new InterfacePart();
        } else if (model instanceof Wire) {
            part = new WirePart();
        } else {
            throw new IllegalArgumentException("no edit part for " + model);
        }
        part.setModel(model);
        return part;
    }
}
