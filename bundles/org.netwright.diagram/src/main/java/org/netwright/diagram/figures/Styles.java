package org.netwright.diagram.figures;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.netwright.model.Interface;
import org.netwright.model.LoopbackInterface;
import org.netwright.model.PhysicalInterface;
import org.netwright.model.VethInterface;

/** Colours and fonts of the topology diagram (colours need no disposal on current SWT). */
public final class Styles {
    private Styles() {
    }

    public static final Color NS_BORDER = new Color(52, 84, 122);
    public static final Color NS_HEADER = new Color(214, 228, 244);
    public static final Color NS_BODY = new Color(255, 255, 255);
    public static final Color TEXT = new Color(28, 32, 38);
    public static final Color TEXT_DIM = new Color(96, 104, 114);
    public static final Color BRIDGE_FILL = new Color(255, 240, 214);
    public static final Color BRIDGE_BORDER = new Color(176, 112, 20);
    public static final Color VETH = new Color(38, 98, 178);
    public static final Color PORT = new Color(196, 120, 18);
    public static final Color CABLE = new Color(84, 84, 84);
    public static final Color KIND_VETH = VETH;
    public static final Color KIND_PHYSICAL = new Color(60, 60, 60);
    public static final Color KIND_LOOPBACK = new Color(170, 170, 170);
    public static final Color KIND_OTHER = new Color(120, 80, 160);

    public static final Color NS_HEADER_IMPORTED = new Color(230, 233, 238);
    public static final Color WALK_DELIVERED = new Color(22, 150, 60);
    public static final Color WALK_DROPPED = new Color(204, 32, 32);
    /** The way a dropped packet came, up to where it was dropped. */
    public static final Color WALK_DROPPED_PATH = new Color(222, 120, 0);
    public static final Color WALK_REPLY = new Color(140, 60, 190);
    public static final Color WALK_LEFT = new Color(200, 130, 0);

    public static Font bold() {
        return JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
    }

    public static Font normal() {
        return JFaceResources.getDefaultFont();
    }

    /** The colour of an interface's kind. */
    public static Color kindColor(Interface itf) {
        if (itf instanceof VethInterface) {
            return KIND_VETH;
        }
        if (itf instanceof LoopbackInterface) {
            return KIND_LOOPBACK;
        }
        if (itf instanceof PhysicalInterface) {
            return KIND_PHYSICAL;
        }
        return KIND_OTHER;
    }
}
