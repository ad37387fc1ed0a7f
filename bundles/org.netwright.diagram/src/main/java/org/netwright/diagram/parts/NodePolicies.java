package org.netwright.diagram.parts;

import java.util.List;

import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.Label;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.gef.EditPart;
import org.eclipse.gef.GraphicalEditPart;
import org.eclipse.gef.Request;
import org.eclipse.gef.commands.Command;
import org.eclipse.gef.editpolicies.ComponentEditPolicy;
import org.eclipse.gef.editpolicies.DirectEditPolicy;
import org.eclipse.gef.editpolicies.GraphicalNodeEditPolicy;
import org.eclipse.gef.requests.CreateConnectionRequest;
import org.eclipse.gef.requests.DirectEditRequest;
import org.eclipse.gef.requests.GroupRequest;
import org.eclipse.gef.requests.ReconnectRequest;
import org.eclipse.gef.tools.CellEditorLocator;
import org.eclipse.gef.tools.DirectEditManager;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Text;
import org.netwright.model.NamedElement;

/** Edit policies shared by namespaces, interfaces and bridges. They only build commands. */
final class NodePolicies {
    private NodePolicies() {
    }

    /** Delete: the element, the references to it, its layout entries. */
    static final class Delete extends ComponentEditPolicy {
        @Override
        protected Command createDeleteCommand(GroupRequest request) {
            DiagramContext ctx = DiagramContext.of(getHost());
            return DiagramContext.gef(ctx.commands().delete(List.of((EObject) getHost().getModel())));
        }
    }

    /** Pending first click of the connection tool: remembers where the link starts. */
    static final class PendingConnection extends Command {
        final EObject source;

        PendingConnection(EObject source) {
            super("Create link");
            this.source = source;
        }
    }

    /** Veth links, bridge ports and cables: what {@code ModelCommands.connect} allows between two ends. */
    static final class Connect extends GraphicalNodeEditPolicy {
        @Override
        protected Command getConnectionCreateCommand(CreateConnectionRequest request) {
            PendingConnection start = new PendingConnection((EObject) getHost().getModel());
            request.setStartCommand(start);
            return start;
        }

        @Override
        protected Command getConnectionCompleteCommand(CreateConnectionRequest request) {
            if (!(request.getStartCommand() instanceof PendingConnection start)) {
                return null;
            }
            return DiagramContext.gef(DiagramContext.of(getHost()).commands().connect(start.source, (EObject) getHost().getModel()));
        }

        @Override
        protected Command getReconnectSourceCommand(ReconnectRequest request) {
            return null;
        }

        @Override
        protected Command getReconnectTargetCommand(ReconnectRequest request) {
            return null;
        }
    }

    /** Rename in place: the value typed into the cell editor becomes the element's name. */
    static final class Rename extends DirectEditPolicy {
        @Override
        protected Command getDirectEditCommand(DirectEditRequest request) {
            Object value = request.getCellEditor() == null ? null : request.getCellEditor().getValue();
            if (!(value instanceof String name)) {
                return null;
            }
            return DiagramContext.gef(DiagramContext.of(getHost()).commands().rename((EObject) getHost().getModel(), name.strip()));
        }

        @Override
        protected void showCurrentEditValue(DirectEditRequest request) {
            // the cell editor shows the value; the figure changes when the command runs
        }
    }

    /** Shows a text cell editor over a name label. */
    static final class RenameManager extends DirectEditManager {
        private final Label label;

        RenameManager(GraphicalEditPart part, Label label) {
            super(part, TextCellEditor.class, new LabelLocator(label));
            this.label = label;
        }

        @Override
        protected CellEditor createCellEditorOn(org.eclipse.swt.widgets.Composite composite) {
            return new TextCellEditor(composite, SWT.SINGLE);
        }

        @Override
        protected void initCellEditor() {
            Object model = getEditPart().getModel();
            String name = model instanceof NamedElement n && n.getName() != null ? n.getName() : label.getText();
            getCellEditor().setValue(name);
            Text text = (Text) getCellEditor().getControl();
            text.setFont(label.getFont());
            text.selectAll();
        }
    }

    private record LabelLocator(Label label) implements CellEditorLocator {
        @Override
        public void relocate(CellEditor editor) {
            Text text = (Text) editor.getControl();
            Rectangle r = label.getTextBounds().getCopy();
            label.translateToAbsolute(r);
            org.eclipse.swt.graphics.Point size = text.computeSize(SWT.DEFAULT, SWT.DEFAULT);
            text.setBounds(r.x - 3, r.y - 2, Math.max(size.x, r.width) + 40, Math.max(size.y, r.height + 4));
        }
    }

    static boolean isRenameRequest(Request request) {
        return org.eclipse.gef.RequestConstants.REQ_DIRECT_EDIT.equals(request.getType())
            || org.eclipse.gef.RequestConstants.REQ_OPEN.equals(request.getType());
    }

    static IFigure figureOf(EditPart part) {
        return ((GraphicalEditPart) part).getFigure();
    }
}
