package org.netwright.diagram.parts;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.gef.EditPart;
import org.eclipse.gef.EditPartViewer;
import org.netwright.diagram.DiagramLayout;
import org.netwright.diagram.commands.EditScope;
import org.netwright.diagram.commands.GefCommandOnEmf;
import org.netwright.diagram.commands.ModelCommands;
import org.netwright.model.Network;
import org.netwright.topology.PathHighlight;
import org.netwright.topology.Topology;

/**
 * What every edit part of one diagram shares: the model (and what it imports), the EditingDomain, the
 * layout store, the walk to highlight, and whether the model may be edited now (not while the text has
 * syntax errors: the diagram then shows the last valid model).
 */
public final class DiagramContext implements EditScope {
    public static final String VIEWER_PROPERTY = "org.netwright.diagram.context";

    private final EditingDomain domain;
    private final DiagramLayout layout;
    private final ModelCommands commands;
    private Network network;
    private Topology topology;
    private PathHighlight highlight;
    private org.netwright.topology.WalkSteps.Step step;
    private java.util.List<org.netwright.topology.Wire> wires = java.util.List.of();
    private String readOnlyReason;

    public DiagramContext(Network network, EditingDomain domain, DiagramLayout layout) {
        this.domain = domain;
        this.layout = layout;
        this.commands = new ModelCommands(domain, layout, this);
        setNetwork(network);
    }

    public static DiagramContext of(EditPart part) {
        EditPartViewer viewer = part.getViewer();
        return (DiagramContext) viewer.getProperty(VIEWER_PROPERTY);
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    public EditingDomain domain() {
        return domain;
    }

    public DiagramLayout layout() {
        return layout;
    }

    public ModelCommands commands() {
        return commands;
    }

    public void setNetwork(Network network) {
        this.network = network;
        this.topology = Topology.of(network);
        if (step != null) {
            wires = org.netwright.topology.Wire.of(topology);
        }
    }

    /** Re-reads imports and extensions (after a reparse that kept the root). */
    public void refreshTopology() {
        // a root shown after its text stopped parsing has left its resource: keep what it imported
        if (network.eResource() != null && network.eResource().getResourceSet() != null) {
            this.topology = Topology.of(network);
        }
    }

    public PathHighlight highlight() {
        return highlight;
    }

    public void setHighlight(PathHighlight highlight) {
        this.highlight = highlight;
    }

    /** The step of a walk being stepped through (null: the whole walk is shown). */
    public org.netwright.topology.WalkSteps.Step step() {
        return step;
    }

    /** The wires of the shown topology when the step was set: what the link numbers count. */
    public java.util.List<org.netwright.topology.Wire> wires() {
        return wires;
    }

    private java.util.function.Consumer<org.netwright.model.Namespace> namespaceOpener;

    public void setNamespaceOpener(java.util.function.Consumer<org.netwright.model.Namespace> opener) {
        this.namespaceOpener = opener;
    }

    public boolean canOpenNamespaces() {
        return namespaceOpener != null;
    }

    /** Opens the namespace's pipeline; false when nobody can (a standalone diagram). */
    public boolean openNamespace(org.netwright.model.Namespace ns) {
        if (namespaceOpener == null || ns == null) {
            return false;
        }
        namespaceOpener.accept(ns);
        return true;
    }

    public void setStep(org.netwright.topology.WalkSteps.Step step) {
        this.step = step;
        this.wires = step == null ? java.util.List.of() : org.netwright.topology.Wire.of(topology);
    }

    /** Null when the model may be edited; else why not (shown to the user). */
    @Override
    public String readOnlyReason() {
        return readOnlyReason;
    }

    public void setReadOnlyReason(String reason) {
        this.readOnlyReason = reason;
    }

    /** The element may be changed from the diagram: the model is editable and the element is the file's own. */
    @Override
    public boolean canEdit(EObject element) {
        return readOnlyReason == null && topology.isOwn(element);
    }

    /** The GEF command of an EMF command; null when it cannot execute (GEF shows "not allowed"). */
    public static org.eclipse.gef.commands.Command gef(org.eclipse.emf.common.command.Command emf) {
        return emf == null || !emf.canExecute() ? null : new GefCommandOnEmf(emf);
    }
}
