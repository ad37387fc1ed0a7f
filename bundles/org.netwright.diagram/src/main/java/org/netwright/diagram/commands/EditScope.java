package org.netwright.diagram.commands;

import org.eclipse.emf.ecore.EObject;
import org.netwright.diagram.Topology;
import org.netwright.model.Network;

/**
 * What the model commands may change: the model shown, the topology it is shown with, and which of its elements are
 * editable now (not those of imported files, nothing while the model is shown read-only). The diagram's context
 * implements it; the commands need nothing else of the diagram's parts.
 */
public interface EditScope {

    Network network();

    Topology topology();

    boolean canEdit(EObject element);

    /** Why the model cannot be edited now, or null when it can. */
    String readOnlyReason();
}
