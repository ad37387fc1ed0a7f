package org.netwright.diagram.pipeline;

import org.eclipse.swt.graphics.Color;
import org.netwright.diagram.figures.Styles;
import org.netwright.topology.Pipeline;

/** Colours of the pipeline drawing: one per family (and iptables), conntrack, problems, the walk's step. */
final class PipelineStyles {
    private PipelineStyles() {
    }

    static final Color STAGE_FILL = new Color(240, 243, 247);
    static final Color STAGE_BORDER = new Color(120, 134, 152);
    static final Color STAGE_TITLE = new Color(52, 84, 122);
    static final Color CHAIN_FILL = new Color(255, 255, 255);
    static final Color CONNTRACK = new Color(250, 226, 140);
    static final Color PROBLEM = new Color(196, 30, 30);
    static final Color FLOW = new Color(110, 120, 135);
    static final Color STEP_FILL = new Color(214, 244, 220);
    static final Color STEP_REPLY_FILL = new Color(236, 222, 248);
    static final Color SKIPPED_FILL = new Color(255, 228, 196);

    static Color family(Pipeline.Chain c) {
        if (c.iptables()) {
            return new Color(150, 90, 40);
        }
        return switch (c.family()) {
            case "inet" -> new Color(20, 130, 130);
            case "netdev" -> new Color(100, 100, 100);
            case "bridge" -> Styles.BRIDGE_BORDER;
            case "ip6" -> new Color(70, 90, 190);
            default -> Styles.VETH;
        };
    }

    static Color step(boolean reply) {
        return reply ? Styles.WALK_REPLY : Styles.WALK_DELIVERED;
    }

    static Color stepFill(boolean reply) {
        return reply ? STEP_REPLY_FILL : STEP_FILL;
    }
}
