package org.netwright.diagram.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.emf.common.command.AbstractCommand;
import org.eclipse.emf.ecore.EObject;
import org.netwright.diagram.DiagramLayout;

/**
 * Moves or resizes nodes in the {@link DiagramLayout}. Not a model change, but it goes on the same
 * EMF command stack as model edits so that one undo history covers everything the user did.
 */
public final class LayoutCommand extends AbstractCommand {
    private final DiagramLayout layout;
    private final Map<EObject, Rectangle> newBounds = new LinkedHashMap<>();
    private final List<Rectangle> oldBounds = new ArrayList<>();

    public LayoutCommand(String label, DiagramLayout layout, EObject element, Rectangle bounds) {
        this(label, layout, Map.of(element, bounds));
    }

    public LayoutCommand(String label, DiagramLayout layout, Map<? extends EObject, Rectangle> bounds) {
        super(label);
        this.layout = layout;
        bounds.forEach((e, r) -> newBounds.put(e, r.getCopy()));
    }

    @Override
    protected boolean prepare() {
        return !newBounds.isEmpty() && newBounds.keySet().stream().allMatch(e -> DiagramLayout.keyOf(e) != null);
    }

    @Override
    public void execute() {
        oldBounds.clear();
        for (EObject e : newBounds.keySet()) {
            oldBounds.add(layout.boundsOf(e));
        }
        redo();
    }

    @Override
    public void redo() {
        newBounds.forEach(layout::setBounds);
    }

    @Override
    public void undo() {
        int i = 0;
        for (EObject e : newBounds.keySet()) {
            layout.setBounds(e, oldBounds.get(i++));
        }
    }
}
