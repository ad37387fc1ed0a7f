package org.netwright.engine;

import java.util.List;

/**
 * An SPD entry ({@code ip xfrm policy}): selector (src/dst prefix, proto 0=any, ports 0=any), direction,
 * action and templates. Lower {@code priority} wins. A policy with templates requires IPsec.
 */
public record XfrmPolicy(Dir dir, Prefix src, Prefix dst, int proto, int sport, int dport, int priority,
        Action action, List<Template> templates, SourceRef source) {
    /** Policy direction. */
    public enum Dir {
        IN, OUT, FWD
    }

    /** allow or block. */
    public enum Action {
        ALLOW, BLOCK
    }

    /** {@code tmpl src A dst B proto esp mode tunnel reqid N}; addresses unspecified in transport mode = packet's. */
    public record Template(IpAddr src, IpAddr dst, int proto, XfrmMode mode, int reqid) {
        public static Template tunnel(String src, String dst, int reqid) {
            return new Template(IpAddr.parse(src), IpAddr.parse(dst), Packet.ESP, XfrmMode.TUNNEL, reqid);
        }

        public static Template transport(int reqid) {
            return new Template(IpAddr.ANY4, IpAddr.ANY4, Packet.ESP, XfrmMode.TRANSPORT, reqid);
        }

        @Override
        public String toString() {
            return (mode == XfrmMode.TUNNEL ? "src " + src + " dst " + dst + " " : "")
                    + "proto " + Packet.protoName(proto) + " mode " + mode.name().toLowerCase()
                    + (reqid != 0 ? " reqid " + reqid : "");
        }
    }

    public XfrmPolicy {
        templates = templates == null ? List.of() : List.copyOf(templates);
    }

    public static XfrmPolicy ipsec(Dir dir, String src, String dst, int priority, Template... tmpls) {
        return new XfrmPolicy(dir, Prefix.parse(src), Prefix.parse(dst), 0, 0, 0, priority, Action.ALLOW,
                List.of(tmpls), null);
    }

    public static XfrmPolicy block(Dir dir, String src, String dst, int priority) {
        return new XfrmPolicy(dir, Prefix.parse(src), Prefix.parse(dst), 0, 0, 0, priority, Action.BLOCK,
                List.of(), null);
    }

    public boolean selects(Packet p) {
        return src.contains(p.src()) && dst.contains(p.dst()) && (proto == 0 || proto == p.proto())
                && (sport == 0 || sport == p.sport()) && (dport == 0 || dport == p.dport());
    }

    @Override
    public String toString() {
        return "src " + src + " dst " + dst + (proto != 0 ? " proto " + proto : "") + " dir "
                + dir.name().toLowerCase() + " priority " + priority
                + (action == Action.BLOCK ? " action block" : templates.isEmpty() ? "" : " tmpl " + templates.get(0));
    }
}
