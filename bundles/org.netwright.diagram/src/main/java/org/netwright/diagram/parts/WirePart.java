package org.netwright.diagram.parts;

import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.Label;
import org.eclipse.draw2d.PolylineConnection;
import org.eclipse.gef.EditPolicy;
import org.eclipse.gef.commands.Command;
import org.eclipse.gef.editparts.AbstractConnectionEditPart;
import org.eclipse.gef.editpolicies.ConnectionEditPolicy;
import org.eclipse.gef.editpolicies.ConnectionEndpointEditPolicy;
import org.eclipse.gef.requests.GroupRequest;
import org.eclipse.swt.SWT;
import org.netwright.diagram.figures.Styles;
import org.netwright.model.Interface;

/** A veth link (blue), a bridge port (dashed amber) or a cable (grey). */
public class WirePart extends AbstractConnectionEditPart {
    public Wire getWire() {
        return (Wire) getModel();
    }

    @Override
    protected IFigure createFigure() {
        PolylineConnection line = new PolylineConnection();
        line.setConnectionRouter(new org.netwright.diagram.figures.BracketRouter());
        Wire w = getWire();
        if (w instanceof Wire.Veth) {
            line.setForegroundColor(Styles.VETH);
            line.setLineWidth(2);
        } else if (w instanceof Wire.Port) {
            line.setForegroundColor(Styles.PORT);
            line.setLineWidth(2);
            line.setLineStyle(SWT.LINE_DASH);
        } else {
            line.setForegroundColor(Styles.CABLE);
            line.setLineWidth(3);
        }
        line.setToolTip(new Label(" " + describe(w) + " "));
        return line;
    }

    private static String describe(Wire w) {
        String a = ((org.netwright.model.NamedElement) w.source()).getName();
        String b = ((Interface) w.target()).getName();
        if (w instanceof Wire.Veth) {
            return "veth pair " + a + " \u2194 " + b;
        }
        if (w instanceof Wire.Port) {
            return b + " is a port of bridge " + a;
        }
        return "link " + a + " \u2194 " + b;
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
