package org.netwright.topology;

import java.util.ArrayList;
import java.util.List;

import org.netwright.engine.ChainRef;
import org.netwright.engine.Hook;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.SourceRef;
import org.netwright.engine.Trace;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.TraceStep;
import org.netwright.engine.TraceText;

/**
 * A packet walk as a sequence of steps to go through one at a time (the Packet Walk view's step-through), without
 * UI: each step where it happened (namespace, device, the {@link Pipeline.StageKind pipeline stage}, chain, rule),
 * what happened, the verdict, the header after it with the fields that changed, the conntrack event, and how far
 * the packet (and its reply) had come on the topology. Read from the trace's typed events; the words are
 * {@link TraceText}'s and the header is the engine's printed one (no addresses are interpreted here).
 */
public final class WalkSteps {
    /**
     * One step. {@code index}: in the whole walk (the probe's steps, then the reply's), as the Packet Walk table
     * numbers its rows from 0; {@code changed}: names of the header fields this step changed ({@code ip saddr},
     * {@code meta mark}, {@code header} when the packet was replaced or wrapped) and {@code changedRanges} where
     * their values are in {@code header} (start, end pairs); {@code conntrack}: the conntrack or NAT event in words,
     * or null; {@code event}: the trace's typed event.
     */
    public record Step(int index, boolean reply, String namespace, String device, Pipeline.StageKind stage, ChainRef chain, SourceRef rule,
            TraceStep.Kind kind, TraceEvent event, String what, String verdict, String header, List<String> changed, List<int[]> changedRanges, String conntrack,
            Progress progress) {
    }

    /**
     * How far the walk had come at a step: the devices the probe passed so far (all of them once the reply runs),
     * those the reply passed so far, and where the packet is now. The diagram numbers the links crossed in order.
     */
    public record Progress(List<PathHighlight.Device> forward, List<PathHighlight.Device> reply, boolean inReply, String namespace, String device) {
        public Progress {
            forward = List.copyOf(forward);
            reply = List.copyOf(reply);
        }
    }

    private WalkSteps() {
    }

    public static List<Step> of(ProbeResult r) {
        List<Step> out = new ArrayList<>();
        List<PathHighlight.Device> forward = steps(r.trace(), false, List.of(), out);
        if (r.replyTrace() != null) {
            steps(r.replyTrace(), true, forward, out);
        }
        return out;
    }

    /** Adds the trace's steps; returns the devices it passed. */
    private static List<PathHighlight.Device> steps(Trace trace, boolean reply, List<PathHighlight.Device> forwardDone, List<Step> out) {
        List<PathHighlight.Device> passed = new ArrayList<>();
        String previousHeader = null;
        long previousMark = 0;
        Pipeline.StageKind previousStage = null;
        String previousNs = null;
        boolean received = false;
        for (TraceStep s : trace.steps()) {
            if (!s.namespace().equals(previousNs)) {
                received = false;
                previousNs = s.namespace();
            }
            if (s.event() instanceof TraceEvent.Received) {
                received = true;
            }
            if (s.device() != null) {
                PathHighlight.Device d = new PathHighlight.Device(s.namespace(), s.device());
                if (passed.isEmpty() || !passed.get(passed.size() - 1).equals(d)) {
                    passed.add(d);
                }
            }
            Pipeline.StageKind stage = stageOf(s, received, previousStage);
            previousStage = stage;
            String packet = s.packet() == null ? "" : s.packet().describe();
            String header = packet + (s.mark() != 0 ? " meta mark 0x" + Long.toHexString(s.mark()) : "");
            List<String> changed = new ArrayList<>();
            List<int[]> ranges = new ArrayList<>();
            if (previousHeader != null) {
                diff(previousHeader, packet, changed, ranges);
                if (s.mark() != previousMark && s.mark() != 0) {
                    changed.add("meta mark");
                    ranges.add(new int[] { packet.length() + " meta mark ".length(), header.length() });
                }
            }
            previousHeader = packet;
            previousMark = s.mark();
            String detail = TraceText.detail(s);
            String what = s.rule() != null && s.rule().text() != null ? s.rule().text().strip().replaceAll("\\s+", " ") : detail == null ? "" : detail;
            String verdict = TraceText.verdict(s);
            String conntrack = s.kind() == TraceStep.Kind.CONNTRACK || s.kind() == TraceStep.Kind.NAT ? detail : null;
            Progress progress = new Progress(reply ? forwardDone : passed, reply ? passed : List.of(), reply, s.namespace(), s.device());
            out.add(new Step(out.size(), reply, s.namespace(), s.device(), stage, s.chain(), s.rule(), s.kind(), s.event(), what, verdict == null ? "" : verdict,
                header, changed, ranges, conntrack, progress));
        }
        return passed;
    }

    /**
     * Positional difference of two printed headers: where they have as many words, the words that differ (named by
     * the two words before them, {@code ip saddr}); otherwise the packet was replaced (encapsulated, an answer).
     */
    static void diff(String before, String after, List<String> names, List<int[]> ranges) {
        String[] a = before.split(" ");
        String[] b = after.split(" ");
        if (before.equals(after) || after.isEmpty()) {
            return;
        }
        if (a.length != b.length) {
            names.add("header");
            ranges.add(new int[] { 0, after.length() });
            return;
        }
        int offset = 0;
        for (int i = 0; i < b.length; i++) {
            if (!a[i].equals(b[i])) {
                names.add(i >= 2 ? b[i - 2] + " " + b[i - 1] : "header");
                ranges.add(new int[] { offset, offset + b[i].length() });
            }
            offset += b[i].length() + 1;
        }
    }

    /** Which stage of the namespace's pipeline a step belongs to; {@code received}: the packet came in on a device of this namespace. */
    static Pipeline.StageKind stageOf(TraceStep s, boolean received, Pipeline.StageKind previous) {
        ChainRef chain = s.chain();
        if (chain != null && s.hook() != null) {
            return Pipeline.StageKind.of(chain.family(), s.hook());
        }
        TraceEvent e = s.event();
        Pipeline.StageKind byEvent = switch (e) {
            case TraceEvent.Received r -> Pipeline.StageKind.INGRESS;
            case TraceEvent.Sent x -> Pipeline.StageKind.EGRESS;
            case TraceEvent.LeftNetwork x -> Pipeline.StageKind.EGRESS;
            case TraceEvent.NeighbourResolution x -> Pipeline.StageKind.EGRESS;
            case TraceEvent.Routed x -> routing(s, received);
            case TraceEvent.SourceSelected x -> routing(s, received);
            case TraceEvent.SourceRejected x -> Pipeline.StageKind.ROUTING;
            case TraceEvent.TtlExceeded x -> Pipeline.StageKind.FORWARD;
            case TraceEvent.XfrmDecapsulated x -> Pipeline.StageKind.XFRM_IN;
            case TraceEvent.XfrmPolicyRefused x -> Pipeline.StageKind.XFRM_IN;
            case TraceEvent.XfrmSelected x -> Pipeline.StageKind.XFRM_OUT;
            case TraceEvent.XfrmBlocked x -> Pipeline.StageKind.XFRM_OUT;
            case TraceEvent.XfrmNoState x -> Pipeline.StageKind.XFRM_OUT;
            case TraceEvent.XfrmNatRelookup x -> Pipeline.StageKind.XFRM_OUT;
            case TraceEvent.XfrmEncapsulated x -> Pipeline.StageKind.XFRM_OUT;
            case TraceEvent.BridgeLocal x -> Pipeline.StageKind.BRIDGE_INPUT;
            case TraceEvent.BridgeForward x -> Pipeline.StageKind.BRIDGE_FORWARD;
            case TraceEvent.BridgeFrame x -> Pipeline.StageKind.BRIDGE_PREROUTING;
            case TraceEvent.Delivery x -> Pipeline.StageKind.LOCAL;
            case TraceEvent.AnswerGenerated x -> Pipeline.StageKind.LOCAL;
            default -> null;
        };
        if (byEvent != null) {
            return byEvent;
        }
        if (s.hook() != null) {
            return Pipeline.StageKind.of(chain == null ? org.netwright.engine.Family.IP : chain.family(), s.hook());
        }
        return previous == null ? Pipeline.StageKind.INGRESS : previous;
    }

    private static Pipeline.StageKind routing(TraceStep s, boolean received) {
        return s.hook() == Hook.OUTPUT || !received ? Pipeline.StageKind.OUTPUT_ROUTING : Pipeline.StageKind.ROUTING;
    }
}
