package org.netwright.engine.diagnostics;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.NetworkView;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Trace;

/**
 * Explains a walked probe: "why isn't this NAT happening?", "why was it dropped?". Each {@link Check} looks
 * for one situation and reports it only when the trace shows it, so a clean walk has no diagnostics. The
 * probe's own walk gets every check; its reply walk gets the drop explanations.
 */
public final class TraceDiagnostics {
    private TraceDiagnostics() {
    }

    /** Diagnostics of one probe walked on {@code view}. */
    public static List<Diagnostic> of(NetworkView view, ProbeResult r) {
        return of(view, r, null);
    }

    /** As {@link #of(NetworkView, ProbeResult)}, with the probe's payload text (null when it has none). */
    public static List<Diagnostic> of(NetworkView view, ProbeResult r, String payload) {
        List<Diagnostic> out = new ArrayList<>();
        run(new TraceFacts(view, r.trace()), List.of(new NatFirstPacketCheck(), new XfrmNatCheck(), new ClashCheck(),
                new UnsolicitedInboundCheck(), new HookNotTraversedCheck(), new PayloadAddressCheck(payload),
                new DropCheck("the packet")), out);
        Trace reply = r.replyTrace();
        if (reply != null) {
            run(new TraceFacts(view, reply), List.of(new ClashCheck(), new DropCheck("the reply")), out);
        }
        return List.copyOf(out);
    }

    private static void run(TraceFacts f, List<Check> checks, List<Diagnostic> out) {
        for (Check c : checks) {
            List<Diagnostic> found = new ArrayList<>();
            c.run(f, found);
            for (Diagnostic d : found) {
                if (!out.contains(d)) {
                    out.add(d);
                }
            }
        }
    }

    /** The diagnostics as text, one block each (empty string when there are none). */
    public static String text(List<Diagnostic> ds) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : ds) {
            sb.append(d.toText());
        }
        return sb.toString();
    }
}
