package org.netwright.diagram;

import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;
import org.netwright.model.Network;

/** Opens a {@link TopologyDiagramEditor} on a model that is already loaded (tests, the standalone editor). */
public record TopologyDiagramEditorInput(String name, Network network, EditingDomain domain, DiagramLayout layout) implements IEditorInput {

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return ImageDescriptor.getMissingImageDescriptor();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return "Topology of " + name;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter.isInstance(network) ? adapter.cast(network) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopologyDiagramEditorInput other && other.network == network;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(network);
    }
}
