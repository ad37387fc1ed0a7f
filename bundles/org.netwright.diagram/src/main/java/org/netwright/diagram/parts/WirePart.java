package org.netwright.diagram.parts;

import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.Label;
import org.eclipse.gef.EditPolicy;
import org.eclipse.gef.commands.Command;
import org.eclipse.gef.editparts.AbstractConnectionEditPart;
import org.eclipse.gef.editpolicies.ConnectionEditPolicy;
import org.eclipse.gef.editpolicies.ConnectionEndpointEditPolicy;
import org.eclipse.gef.requests.GroupRequest;
import org.eclipse.swt.SWT;
import org.netwright.diagram.figures.Styles;
import org.netwright.diagram.figures.WireFigure;
import org.netwright.topology.PathHighlight;
import org.netwright.topology.Wire;

/** A veth link (blue), a bridge port (dashed amber) or a cable (grey). */
public class WirePart extends AbstractConnectionEditPart {
    public Wire getWire() {
        return (Wire) getModel();
    }

    @Override
    protected IFigure createFigure() {
        WireFigure line = new WireFigure();
        line.setConnectionRouter(new org.netwright.diagram.figures.BracketRouter());
        Wire w = getWire();
        if (w instanceof Wire.Veth) {
            line.setNormal(Styles.VETH, 2, SWT.LINE_SOLID);
        } else if (w instanceof Wire.Port) {
            line.setNormal(Styles.PORT, 2, SWT.LINE_DASH);
        } else {
            line.setNormal(Styles.CABLE, 3, SWT.LINE_SOLID);
        }
        line.setToolTip(new Label(" " + w.describe() + " "));
        return line;
    }

    /** Thick in the walk's colour when the packet (or its reply) crossed this link. */
    @Override
    protected void refreshVisuals() {
        super.refreshVisuals();
        PathHighlight walk = DiagramContext.of(this).highlight();
        org.eclipse.swt.graphics.Color forward = null;
        org.eclipse.swt.graphics.Color back = null;
        if (walk != null) {
            if (getWire().crossedBy(walk.forward())) {
                forward = walk.fate() == PathHighlight.Fate.DROPPED ? Styles.WALK_DROPPED_PATH : Styles.WALK_DELIVERED;
            }
            if (getWire().crossedBy(walk.reply())) {
                back = Styles.WALK_REPLY;
            }
        }
        ((WireFigure) getFigure()).setWalk(forward, back);
    }

    @Override
    protected void createEditPolicies() {
        installEditPolicy(EditPolicy.CONNECTION_ENDPOINTS_ROLE, new ConnectionEndpointEditPolicy());
        installEditPolicy(EditPolicy.CONNECTION_ROLE, new ConnectionEditPolicy() {
            @Override
            protected Command getDeleteCommand(GroupRequest request) {
                DiagramContext ctx = DiagramContext.of(getHost());
                Wire w = getWire();
                if (w instanceof Wire.Veth v) {
                    return DiagramContext.gef(ctx.commands().disconnectVeth(v.source(), v.target()));
                }
                if (w instanceof Wire.Port p) {
                    return DiagramContext.gef(ctx.commands().removePort(p.source(), p.target()));
                }
                return DiagramContext.gef(ctx.commands().removeLink(((Wire.Cable) w).link()));
            }
        });
    }
}
