package org.netwright.referee;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.netwright.lab.ConntrackEntry;
import org.netwright.model.ConntrackExpectation;
import org.netwright.model.Expectation;
import org.netwright.model.Header;
import org.netwright.model.ReplyExpectation;
import org.netwright.model.semantics.IpAddress;

/**
 * An expectation of a .nwp file judged against what the kernel did ({@link Observed} of the lab and its conntrack
 * tables), item by item with the meaning {@code netwright check} gives them: delivered to / dropped at / rejected at
 * (dropped with an ICMP error or reset), the header at the destination (where last seen when not delivered), the
 * reply (delivered back, none, dropped, port unreachable, reset) and its header at the sender, conntrack entries
 * present or absent with zone and tuples.
 */
final class KernelVerdict {
    private KernelVerdict() {
    }

    static List<String> violations(Expectation e, String sender, Observed k, Map<String, List<ConntrackEntry>> ct) {
        List<String> out = new ArrayList<>();
        String at = e.getAt() == null ? null : e.getAt().getName();
        switch (e.getOutcome()) {
            case DELIVERED -> {
                if (k.deliveredTo() == null || (at != null && !at.equals(k.deliveredTo()))) {
                    out.add("expected delivered" + (at == null ? "" : " to " + at) + ", kernel: " + fate(k));
                }
            }
            case DROPPED -> {
                if (k.droppedAt() == null || (at != null && !at.equals(k.droppedAt()))) {
                    out.add("expected dropped" + (at == null ? "" : " at " + at) + ", kernel: " + fate(k));
                }
            }
            case REJECTED -> {
                if (k.droppedAt() == null || !k.refused() || (at != null && !at.equals(k.droppedAt()))) {
                    out.add("expected rejected" + (at == null ? "" : " at " + at) + ", kernel: " + fate(k));
                }
            }
        }
        if (e.getObserved() != null) {
            Hdr seen = k.deliveredTo() != null ? k.atDst() : k.lastHeader();
            String diff = diff(e.getObserved(), seen);
            if (diff != null) {
                out.add("expected header " + text(e.getObserved()) + ", kernel: " + seen + " (" + diff + ")");
            }
        }
        ReplyExpectation r = e.getReply();
        if (r != null) {
            String rat = r.getAt() == null ? sender : r.getAt().getName();
            switch (r.getKind()) {
                case DELIVERED -> {
                    if (!k.replied() || !rat.equals(sender)) {
                        out.add("expected the reply delivered to " + rat + ", kernel: " + reply(k));
                    }
                }
                case NONE -> {
                    if (k.replied() || k.reset() || !k.icmpErrors().isEmpty()) {
                        out.add("expected no reply, kernel: " + reply(k));
                    }
                }
                case DROPPED -> {
                    if (k.deliveredTo() == null || k.replied() || k.reset()) {
                        out.add("expected the reply to be dropped, kernel: " + reply(k));
                    }
                }
                case PORT_UNREACHABLE -> {
                    if (!k.icmpErrors().contains("3/3@" + rat)) {
                        out.add("expected ICMP port unreachable delivered to " + rat + ", kernel: " + reply(k));
                    }
                }
                case RESET -> {
                    if (!k.reset() || !rat.equals(sender)) {
                        out.add("expected a TCP reset delivered to " + rat + ", kernel: " + reply(k));
                    }
                }
            }
            if (r.getHeader() != null) {
                String diff = diff(r.getHeader(), k.replyHeader());
                if (diff != null) {
                    out.add("expected reply header " + text(r.getHeader()) + ", kernel: " + k.replyHeader() + " (" + diff + ")");
                }
            }
        }
        for (ConntrackExpectation c : e.getConntrack()) {
            String ns = c.getAt() == null ? null : c.getAt().getName();
            ConntrackEntry found = null;
            for (Map.Entry<String, List<ConntrackEntry>> t : ct.entrySet()) {
                if (ns != null && !ns.equals(t.getKey())) {
                    continue;
                }
                for (ConntrackEntry x : t.getValue()) {
                    if (found == null && (!c.isSetZone() || x.zone() == c.getZone()) && matches(c.getOrig(), x.orig())
                            && matches(c.getReply(), x.reply())) {
                        found = x;
                    }
                }
            }
            String what = "conntrack entry" + (ns == null ? "" : " in " + ns) + (c.isSetZone() ? " zone " + c.getZone() : "")
                    + (c.getOrig() == null ? "" : " orig " + text(c.getOrig()))
                    + (c.getReply() == null ? "" : " reply " + text(c.getReply()));
            if (c.isAbsent() && found != null) {
                out.add("expected no " + what + ", kernel has " + found);
            } else if (!c.isAbsent() && found == null) {
                out.add("expected a " + what + ", kernel has " + (ns == null ? ct : ct.get(ns)));
            }
        }
        return out;
    }

    private static String fate(Observed k) {
        return k.deliveredTo() != null ? "delivered to " + k.deliveredTo()
                : k.droppedAt() != null ? "dropped at " + k.droppedAt() + (k.refused() ? " (refused)" : "") : "not seen";
    }

    private static String reply(Observed k) {
        return "replied=" + k.replied() + " reset=" + k.reset() + " icmp errors " + k.icmpErrors();
    }

    private static boolean matches(Header h, ConntrackEntry.Tuple t) {
        if (h == null) {
            return true;
        }
        return same(h.getSrc(), t.src()) && same(h.getDst(), t.dst())
                && (h.getSport() == 0 || h.getSport() == t.sport()) && (h.getDport() == 0 || h.getDport() == t.dport());
    }

    private static String diff(Header h, Hdr p) {
        if (p == null) {
            return "no packet";
        }
        List<String> d = new ArrayList<>();
        if (!same(h.getSrc(), p.src())) {
            d.add("src " + p.src() + " instead of " + h.getSrc());
        }
        if (!same(h.getDst(), p.dst())) {
            d.add("dst " + p.dst() + " instead of " + h.getDst());
        }
        if (h.getSport() != 0 && h.getSport() != p.sport()) {
            d.add("sport " + p.sport() + " instead of " + h.getSport());
        }
        if (h.getDport() != 0 && h.getDport() != p.dport()) {
            d.add("dport " + p.dport() + " instead of " + h.getDport());
        }
        return d.isEmpty() ? null : String.join(", ", d);
    }

    /** An expected address (null: any) against one the kernel reported as text. */
    private static boolean same(IpAddress expected, String actual) {
        return expected == null || expected.equals(IpAddress.tryParse(actual));
    }

    private static String text(Header h) {
        return (h.getSrc() == null ? "" : "src " + h.getSrc() + (h.getSport() != 0 ? ":" + h.getSport() : "") + " ")
                + (h.getDst() == null ? "" : "dst " + h.getDst() + (h.getDport() != 0 ? ":" + h.getDport() : ""));
    }
}
