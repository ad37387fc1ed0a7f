package org.netwright.diagram.parts;

import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.gef.EditPart;
import org.eclipse.gef.EditPartViewer;
import org.netwright.diagram.DiagramLayout;
import org.netwright.diagram.commands.GefCommandOnEmf;
import org.netwright.diagram.commands.ModelCommands;
import org.netwright.model.Network;

/** What every edit part of one diagram shares: the model, the EditingDomain and the layout store. */
public record DiagramContext(Network network, EditingDomain domain, DiagramLayout layout, ModelCommands commands) {
    public static final String VIEWER_PROPERTY = "org.netwright.diagram.context";

    public DiagramContext(Network network, EditingDomain domain, DiagramLayout layout) {
        this(network, domain, layout, new ModelCommands(domain, layout));
    }

    public static DiagramContext of(EditPart part) {
        EditPartViewer viewer = part.getViewer();
        return (DiagramContext) viewer.getProperty(VIEWER_PROPERTY);
    }

    /** The GEF command of an EMF command; null when it cannot execute (GEF shows "not allowed"). */
    public static org.eclipse.gef.commands.Command gef(org.eclipse.emf.common.command.Command emf) {
        return emf == null || !emf.canExecute() ? null : new GefCommandOnEmf(emf);
    }
}
