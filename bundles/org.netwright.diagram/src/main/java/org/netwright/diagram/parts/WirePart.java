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
        showCrossings(DiagramContext.of(this));
    }

    /**
     * While a walk is stepped through: each time the packet crossed this link so far, its order number and the
     * namespace it went to ({@code 2 \u2192 proxy}; the device on a bridge port); the reply's numbered {@code \u21a9 1}. The crossing the packet
     * made last is emphasised: that is the link it is on.
     */
    private void showCrossings(DiagramContext ctx) {
        org.netwright.topology.WalkSteps.Step step = ctx.step();
        if (step == null) {
            ((WireFigure) getFigure()).setCrossings(null, false, null);
            return;
        }
        java.util.List<String> marks = new java.util.ArrayList<>();
        boolean current = crossings(step.progress().forward(), ctx.wires(), "", marks) && !step.progress().inReply();
        current |= crossings(step.progress().reply(), ctx.wires(), "\u21a9", marks) && step.progress().inReply();
        ((WireFigure) getFigure()).setCrossings(marks.isEmpty() ? null : String.join("  ", marks), current,
            step.reply() ? Styles.WALK_REPLY : Styles.WALK_DELIVERED);
    }

    /** Adds the numbered crossings of this wire by the path; true when the path's last crossing of any wire is this one. */
    private boolean crossings(java.util.List<PathHighlight.Device> path, java.util.List<Wire> wires, String prefix,
            java.util.List<String> marks) {
        int number = 0;
        boolean last = false;
        for (int i = 0; i + 1 < path.size(); i++) {
            java.util.List<PathHighlight.Device> pair = path.subList(i, i + 2);
            Wire crossed = wires.stream().filter(w -> w.crossedBy(pair)).findFirst().orElse(null);
            if (crossed == null) {
                continue;
            }
            number++;
            last = crossed.equals(getWire());
            if (last) {
                // across namespaces the namespace it went to; on a bridge port (one namespace) the device
                PathHighlight.Device to = pair.get(1);
                marks.add(prefix + number + " \u2192 " + (to.namespace().equals(pair.get(0).namespace()) ? to.name() : to.namespace()));
            }
        }
        return last;
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
