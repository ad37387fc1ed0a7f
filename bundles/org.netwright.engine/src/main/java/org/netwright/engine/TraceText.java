package org.netwright.engine;

/** Renders a {@link Trace} in a style close to {@code nft monitor trace}. */
final class TraceText {
    private TraceText() {
    }

    static String render(Trace t) {
        StringBuilder sb = new StringBuilder();
        for (Hop h : t.hops()) {
            sb.append("== netns ").append(h.namespace()).append('\n');
            for (TraceStep s : h.steps()) {
                sb.append(line(s)).append('\n');
            }
        }
        sb.append("=> ").append(t.disposition()).append('\n');
        return sb.toString();
    }

    static String line(TraceStep s) {
        StringBuilder sb = new StringBuilder("trace ");
        switch (s.kind()) {
            case RULE, POLICY -> {
                sb.append(s.family().nft()).append(' ').append(s.table()).append(' ').append(s.chain());
                if (s.kind() == TraceStep.Kind.RULE) {
                    sb.append(" rule ").append(s.rule() == null ? "" : s.rule().text());
                    sb.append(" (verdict ").append(s.verdict()).append(')');
                } else {
                    sb.append(" policy ").append(s.verdict());
                }
                sb.append(" [hook ").append(s.hook().nft()).append(" prio ").append(s.priority()).append(']');
                // where to edit: the rule's file:line:column when it comes from a file
                if (s.kind() == TraceStep.Kind.RULE && s.rule() != null && s.rule().file() != null) {
                    sb.append(" at ").append(s.rule().file()).append(':').append(s.rule().line()).append(':')
                            .append(s.rule().column());
                }
            }
            default -> {
                sb.append(s.kind().name().toLowerCase());
                if (s.hook() != null) {
                    sb.append(" [").append(s.hook().nft()).append(']');
                }
                if (s.device() != null) {
                    sb.append(" dev ").append(s.device());
                }
                if (s.detail() != null) {
                    sb.append(": ").append(s.detail());
                }
            }
        }
        if (s.packet() != null) {
            sb.append("\n      packet: ").append(s.packet().describe());
            if (s.mark() != 0) {
                sb.append(" meta mark 0x").append(Long.toHexString(s.mark()));
            }
        }
        return sb.toString();
    }
}
