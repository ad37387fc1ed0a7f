package org.netwright.engine;

import java.util.List;

import org.netwright.engine.TraceEvent.AnswerGenerated;
import org.netwright.engine.TraceEvent.Branched;
import org.netwright.engine.TraceEvent.BrNetfilterHook;
import org.netwright.engine.TraceEvent.BridgeForward;
import org.netwright.engine.TraceEvent.BridgeFrame;
import org.netwright.engine.TraceEvent.BridgeLocal;
import org.netwright.engine.TraceEvent.ChainPolicy;
import org.netwright.engine.TraceEvent.CtAttached;
import org.netwright.engine.TraceEvent.CtClash;
import org.netwright.engine.TraceEvent.CtConfirmed;
import org.netwright.engine.TraceEvent.CtCreated;
import org.netwright.engine.TraceEvent.CtDeleted;
import org.netwright.engine.TraceEvent.CtHit;
import org.netwright.engine.TraceEvent.CtInvalid;
import org.netwright.engine.TraceEvent.CtRelated;
import org.netwright.engine.TraceEvent.CtUntracked;
import org.netwright.engine.TraceEvent.Delivery;
import org.netwright.engine.TraceEvent.Dropped;
import org.netwright.engine.TraceEvent.IcmpErrorGenerated;
import org.netwright.engine.TraceEvent.LeftNetwork;
import org.netwright.engine.TraceEvent.Logged;
import org.netwright.engine.TraceEvent.NatBinding;
import org.netwright.engine.TraceEvent.NatIcmpTranslated;
import org.netwright.engine.TraceEvent.NatNotConsulted;
import org.netwright.engine.TraceEvent.NatNullBinding;
import org.netwright.engine.TraceEvent.NatSkipped;
import org.netwright.engine.TraceEvent.NatTranslated;
import org.netwright.engine.TraceEvent.NeighbourResolution;
import org.netwright.engine.TraceEvent.OpaqueStatement;
import org.netwright.engine.TraceEvent.Received;
import org.netwright.engine.TraceEvent.Routed;
import org.netwright.engine.TraceEvent.RuleMatched;
import org.netwright.engine.TraceEvent.RulesetLoop;
import org.netwright.engine.TraceEvent.Sent;
import org.netwright.engine.TraceEvent.SourceRejected;
import org.netwright.engine.TraceEvent.SourceSelected;
import org.netwright.engine.TraceEvent.StatementIgnored;
import org.netwright.engine.TraceEvent.TtlExceeded;
import org.netwright.engine.TraceEvent.XfrmBlocked;
import org.netwright.engine.TraceEvent.XfrmDecapsulated;
import org.netwright.engine.TraceEvent.XfrmEncapsulated;
import org.netwright.engine.TraceEvent.XfrmNatRelookup;
import org.netwright.engine.TraceEvent.XfrmNoState;
import org.netwright.engine.TraceEvent.XfrmPolicyRefused;
import org.netwright.engine.TraceEvent.XfrmSelected;

/**
 * The words of a trace, in one place: renders steps, dispositions and probe results in a style close to
 * {@code nft monitor trace}. Everything a person reads about a walk is made here from the events' values; the
 * JSON carries the same words in its {@code detail}, {@code verdict}, {@code where} and {@code reason} fields.
 */
public final class TraceText {
    private TraceText() {
    }

    /** The whole trace: a block per hop, then the disposition. */
    public static String render(Trace t) {
        StringBuilder sb = new StringBuilder();
        for (Hop h : t.hops()) {
            sb.append("== netns ").append(h.namespace()).append('\n');
            for (TraceStep s : h.steps()) {
                sb.append(line(s)).append('\n');
            }
        }
        sb.append("=> ").append(disposition(t.disposition())).append('\n');
        return sb.toString();
    }

    /** A probe's walk, its ICMP errors' walks and its reply's walk. */
    public static String render(ProbeResult r) {
        StringBuilder sb = new StringBuilder(render(r.trace()));
        for (ProbeResult.IcmpError e : r.icmpErrors()) {
            sb.append("-- icmp error type ").append(e.type()).append(" code ").append(e.code()).append(" from ")
                    .append(e.from()).append('\n').append(render(e.trace()));
        }
        if (r.replyTrace() != null) {
            sb.append("-- reply\n").append(render(r.replyTrace()));
        }
        return sb.toString();
    }

    /** One step: {@code trace ...}, then the packet after it on a line of its own. */
    public static String line(TraceStep s) {
        StringBuilder sb = new StringBuilder("trace ");
        switch (s.event()) {
            case RuleMatched r -> {
                chain(sb, r.chain()).append(" rule ").append(r.rule() == null ? "" : r.rule().text());
                sb.append(" (verdict ").append(verdict(s)).append(')');
                hookAndPriority(sb, s.hook(), r.chain());
                // where to edit: the rule's file:line:column when it comes from a file
                if (r.rule() != null && r.rule().file() != null) {
                    sb.append(" at ").append(r.rule().file()).append(':').append(r.rule().line()).append(':')
                            .append(r.rule().column());
                }
            }
            case ChainPolicy p -> {
                chain(sb, p.chain()).append(" policy ").append(verdict(s));
                hookAndPriority(sb, s.hook(), p.chain());
            }
            default -> {
                sb.append(s.kind().lower());
                // a drop names its hook in its own words
                if (s.hook() != null && !(s.event() instanceof Dropped)) {
                    sb.append(" [").append(s.hook().nft()).append(']');
                }
                if (s.device() != null) {
                    sb.append(" dev ").append(s.device());
                }
                String d = detail(s);
                if (d != null) {
                    sb.append(": ").append(d);
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

    private static StringBuilder chain(StringBuilder sb, ChainRef c) {
        return sb.append(c.family().nft()).append(' ').append(c.table()).append(' ').append(c.chain());
    }

    private static void hookAndPriority(StringBuilder sb, Hook hook, ChainRef c) {
        sb.append(" [hook ").append(hook.nft()).append(" prio ").append(c.priority()).append(']');
    }

    /** What the step did, as the trace's verdict column shows it; null when the event has no verdict. */
    public static String verdict(TraceStep s) {
        return switch (s.event()) {
            case RuleMatched r -> switch (r.verdict()) {
                case ACCEPT -> "accept";
                case DROP -> "drop";
                case REJECT -> "reject";
                case QUEUE -> "queue";
                case JUMP -> "jump " + r.target();
                case GOTO -> "goto " + r.target();
                case RETURN -> "return";
                case CONTINUE -> "continue";
                case NAT -> "accept (nat)";
                case NAT_FAILED -> "drop (nat failed)";
            };
            case ChainPolicy p -> p.policy() == Verdict.ACCEPT ? "accept" : "drop";
            case Routed r -> r.decision().kind().lower();
            case Delivery d -> d.outcome().delivered() ? "delivered" : "drop";
            case NeighbourResolution n -> n.resolved() ? null : "drop";
            case SourceRejected x -> "drop";
            case TtlExceeded x -> "drop";
            case XfrmBlocked x -> "drop";
            case XfrmNoState x -> "drop";
            case XfrmPolicyRefused x -> "drop";
            case RulesetLoop x -> "drop";
            case Dropped x -> "drop";
            default -> null;
        };
    }

    /** The step's event in words (without where and when); null for the events a rule or policy line shows. */
    public static String detail(TraceStep s) {
        return describe(s.event(), s);
    }

    /** {@code e} in words; {@code at}: the step it belongs to (its device, hook and packet complete the words). */
    private static String describe(TraceEvent e, TraceStep at) {
        String dev = at.device();
        Packet p = at.packet();
        return switch (e) {
            case Received x -> "received on " + dev;
            case Sent x -> x.bridgePort() ? "sent on bridge port " + dev : "sent on " + dev + " to next hop "
                    + String.valueOf(x.nextHop());
            case NeighbourResolution x -> neighbour(x, dev);
            case LeftNetwork x -> "nothing modelled behind " + dev;
            case RuleMatched x -> null;
            case ChainPolicy x -> "policy";
            case RulesetLoop x -> x.guard() == RulesetLoop.Guard.JUMP_DEPTH
                    ? "jump stack deeper than " + x.limit() + " (jump loop)"
                    : "more than " + x.limit() + " rule evaluations (goto loop)";
            case CtUntracked x -> "untracked (notrack): no conntrack lookup";
            case CtAttached x -> "entry #" + x.entry() + " already attached (looped back, or an icmp error / reset built"
                    + " from a packet of it), lookup skipped";
            case CtInvalid x -> x.cause() == CtInvalid.Cause.UNKNOWN_ICMP_ERROR
                    ? "icmp error about an unknown connection (zone " + x.zone() + "): state invalid"
                    : "no entry and the packet cannot start a connection: state invalid";
            case CtRelated x -> "related to entry #" + x.entry() + " (zone " + x.zone() + ", " + direction(x.direction())
                    + " direction): state related";
            case CtHit x -> "hit entry #" + x.entry() + " zone " + x.zone() + " " + direction(x.direction())
                    + " direction: state " + x.state().nft()
                    + (x.state() == CtState.NEW ? " (existing entry, no reply seen yet)" : "") + " [" + x.orig() + "] ["
                    + x.reply() + "]";
            case CtCreated x -> "new entry #" + x.entry() + " zone " + x.zone() + " [" + x.orig() + "] (unconfirmed)";
            case CtConfirmed x -> "confirmed entry #" + x.entry() + " zone " + x.zone() + " [" + x.orig() + "] ["
                    + x.reply() + "]";
            case CtClash x -> "clash: entry #" + x.entry() + " [" + x.orig() + "] [" + x.reply() + "] collides with entry #"
                    + x.other() + " [" + x.otherOrig() + "] [" + x.otherReply() + "]"
                    + (x.generic() ? " (generic tracking: addresses only, no port to remap)" : "")
                    + ": insert failed, packet dropped";
            case CtDeleted x -> "entry #" + x.entry() + " deleted: its only reply is a tcp reset";
            case NatBinding x -> nat(x.manip()) + " binding for entry #" + x.entry() + ": [" + x.orig() + "] reply ["
                    + x.reply() + "]" + (x.portAtRandom() ? " (port picked at random: the kernel may choose another)" : "")
                    + (x.replyTaken() ? " (reply tuple already in use: will clash at confirm)" : "");
            case NatNullBinding x -> "no " + nat(x.manip()) + " rule matched: null binding for entry #" + x.entry()
                    + (x.movedReply() == null ? ""
                            : ", but its reply tuple is taken: port moved, reply [" + x.movedReply() + "]");
            case NatNotConsulted x -> "nat chains not consulted: entry #" + x.entry() + " (zone " + x.zone()
                    + ") already has its " + manip(x.manip()) + " binding"
                    + (x.confirmed() ? "; this packet is not the first of its connection" : "")
                    + " (nat rules only see a connection's first packet)";
            case NatTranslated x -> (x.direction() == CtDir.REPLY ? "reply un-NAT" : "translated") + " by entry #"
                    + x.entry() + ": " + manip(x.manip()) + " " + x.fromAddress() + " -> "
                    + String.valueOf(x.toAddress());
            case NatIcmpTranslated x -> "icmp error translated by entry #" + x.entry() + ": outer " + manip(x.manip())
                    + " " + x.fromAddress() + " -> " + x.toAddress() + ", embedded header restored";
            case NatSkipped x -> switch (x.why()) {
                case NO_CONNTRACK -> "nat statement without a conntrack entry: ignored";
                case WRONG_HOOK -> nat(x.manip()) + " is not valid at hook " + at.hook().nft() + ": ignored";
                case NOT_NAT_CHAIN -> "nat statement outside a nat-type chain (the kernel refuses this ruleset), ignored";
                case MAP_NO_ELEMENT -> "nat map @" + x.name() + ": no element for key, rule does nothing";
                case OTHER_FAMILY -> nat(x.manip()) + " to an address of the other family: nothing translated, the chain "
                        + "goes on";
                case MASQUERADE_NO_ADDRESS -> "masquerade: output device " + x.name() + " has no address: drop";
                case REDIRECT_NO_ADDRESS -> "redirect: input device has no address: drop";
            };
            case Routed x -> lookup(x.lookup()) + " for " + x.destination() + " (mark 0x"
                    + Long.toHexString(x.mark()) + "): " + route(x.decision());
            case SourceSelected x -> "source address selected: " + x.address();
            case SourceRejected x -> switch (x.failure()) {
                case MARTIAN -> "martian source " + x.source() + " (a local address) on " + dev;
                case NO_ROUTE_BACK -> "rp_filter=" + x.mode() + ": no route back to " + x.source();
                case STRICT_MISMATCH -> "rp_filter=1 (strict): route back to " + x.source() + " leaves via "
                        + x.reverseDevice() + ", not " + dev;
            };
            case TtlExceeded x -> "ttl " + x.ttl() + " would expire on forwarding";
            case XfrmSelected x -> "xfrm policy " + x.policy() + " selects the packet: bundle with state " + x.state();
            case XfrmBlocked x -> "blocked by xfrm policy " + x.policy();
            case XfrmNoState x -> "xfrm policy " + x.policy() + " needs an SA but none is installed (acquire)";
            case XfrmPolicyRefused x -> switch (x.failure()) {
                case NO_POLICY -> "decapsulated tunnel-mode packet matches no xfrm policy dir " + x.dir().name().toLowerCase();
                case BLOCKED -> "blocked by xfrm policy " + x.policy();
                case NOT_DECAPSULATED -> "xfrm policy " + x.policy()
                        + " requires IPsec but the packet was not decapsulated by a matching SA";
            };
            case XfrmNatRelookup x -> "nat changed the packet: xfrm policy lookup again";
            case XfrmEncapsulated x -> "encapsulated by state " + x.state() + " (policy " + x.policy()
                    + "); outer packet enters output";
            case XfrmDecapsulated x -> "decapsulated by state " + x.state() + "; re-entering prerouting on " + dev;
            case BridgeFrame x -> "frame on port " + x.port() + " of bridge " + x.bridge()
                    + (x.brNetfilter() ? " (br_netfilter on)" : "");
            case BridgeLocal x -> "destined to the bridge itself: up the stack";
            case BridgeForward x -> "fdb: " + x.address() + " via port " + x.port();
            case BrNetfilterHook x -> "br_netfilter: ip " + at.hook().nft() + " hook";
            case Delivery x -> delivery(x.outcome(), p);
            case Dropped x -> where(x, at) + ": " + reason(x, at);
            case AnswerGenerated x -> "answer generated: " + x.answer().describe();
            case IcmpErrorGenerated x -> "icmp error generated: type " + x.type() + " code " + x.code() + " to "
                    + String.valueOf(x.destination());
            case Logged x -> "log prefix \"" + (x.prefix() == null ? "" : x.prefix()) + "\"";
            case StatementIgnored x -> ignored(x);
            case Branched x -> branched(x);
            case OpaqueStatement x -> "not executed by the engine: " + x.what() + located(x.where())
                    + " (the walk goes on as if it did nothing: uncertain)";
        };
    }

    private static String direction(CtDir d) {
        return d == CtDir.ORIGINAL ? "original" : "reply";
    }

    private static String nat(TraceEvent.Manip m) {
        return m.source() ? "snat" : "dnat";
    }

    private static String manip(TraceEvent.Manip m) {
        return m.source() ? "source" : "destination";
    }

    private static String lookup(Routed.Lookup l) {
        return switch (l) {
            case INPUT -> "input route";
            case OUTPUT -> "output route";
            case REROUTE -> "reroute (mark/address changed in output)";
            case OUTER -> "route of the outer packet";
            case OUTER_REROUTE -> "reroute of the outer packet";
        };
    }

    /** A routing decision: {@code unicast: <route> [rule <rule>] nexthop <address>}. */
    public static String route(RouteDecision r) {
        if (r.kind() == RouteDecision.Kind.NO_ROUTE) {
            return "no route (network unreachable)";
        }
        StringBuilder sb = new StringBuilder(r.kind().lower());
        if (r.route() != null) {
            sb.append(": ").append(r.route());
        }
        if (r.rule() != null) {
            sb.append(" [rule ").append(r.rule()).append(']');
        }
        if (r.kind() == RouteDecision.Kind.UNICAST) {
            sb.append(" nexthop ").append(String.valueOf(r.nextHop()));
        }
        return sb.toString();
    }

    private static String neighbour(NeighbourResolution n, String dev) {
        boolean nd = n.address().isV6();
        String ask = nd ? "neighbour solicitation for " + n.address() + " from " + n.sender() + " on " + dev
                : "ARP request who-has " + n.address() + " tell " + n.sender() + " on " + dev;
        String text = switch (n.result()) {
            case PERMANENT -> "neighbour " + n.address() + " dev " + dev + " lladdr " + Ip4.macStr(n.lladdr())
                    + (nd ? " permanent: no neighbour discovery" : " permanent: no ARP");
            case RESOLVED -> "neighbour " + n.address() + " dev " + dev + " resolved: " + ask + " answered by "
                    + n.owner();
            case DROPPED -> {
                NeighbourResolution.ArpDrop d = n.drop();
                yield "neighbour unreachable: " + (d.answer() ? "the answer to the " : "the ") + ask + " was dropped at "
                        + d.at() + " (" + d.chain() + ", " + d.hook().nft() + " hook, prio " + d.chain().priority()
                        + (d.rule() != null ? ", rule: " + d.rule() : ", policy") + ")";
            }
            case UNANSWERED -> "neighbour unreachable: " + ask + ": " + n.owner()
                    + " owns the address but its answer did not come back";
            case NO_OWNER -> "neighbour unreachable: " + ask + ": no answer (no namespace on the segment owns "
                    + String.valueOf(n.address()) + ")";
        };
        return n.fromTable() ? "neighbour table: " + text : text;
    }

    private static String delivery(TraceEvent.DeliveryOutcome o, Packet p) {
        return switch (o) {
            case PROBE_SOCKET -> "answer to the probe's socket";
            case ECHO_ANSWERED -> "icmp echo request answered by the kernel";
            case KERNEL_ICMP -> "icmp delivered to the kernel/raw socket";
            case UDP_SOCKET -> "udp socket on port " + p.dport();
            case TCP_SOCKET -> "tcp socket listening on port " + p.dport();
            case RESPONDER -> Packet.protoName(p.proto()) + " responder";
            case ECHO_IGNORED -> "icmp_echo_ignore_all=1";
            case UDP_PORT_CLOSED -> "udp port " + p.dport() + " closed: icmp port unreachable";
            case TCP_RESET_IGNORED -> "tcp rst to closed port ignored";
            case TCP_PORT_CLOSED -> "tcp port " + p.dport() + " closed: rst";
            case ESP_WITHOUT_SA -> "esp without a matching SA (spi 0x" + Long.toHexString(p.spi()) + ")";
            case PROTOCOL_UNREACHABLE -> "protocol " + p.proto() + " unreachable";
        };
    }

    private static String branched(Branched x) {
        Choice c = x.choice();
        String why = switch (c.kind()) {
            case RANDOM -> "random choice";
            case HASH -> "hash with a seed the kernel picks";
            case OPAQUE_MATCH -> "not evaluated by the engine";
        };
        double p = x.probability();
        return why + ": " + c.what() + located(c.where()) + " -> " + c.labels().get(x.taken()) + " (branch "
                + (x.taken() + 1) + " of " + c.branches() + (Double.isNaN(p) ? ", probability unknown" : ", p=" + probability(p))
                + ")";
    }

    /** " at file:line:column" when the element comes from a file. */
    private static String located(SourceRef r) {
        return r == null || r.file() == null ? "" : " at " + r.file() + ":" + r.line() + ":" + r.column();
    }

    /** A probability with at most 6 significant digits ("0.5", "0.333333"); "unknown" for NaN. */
    public static String probability(double p) {
        if (Double.isNaN(p)) {
            return "unknown";
        }
        return new java.math.BigDecimal(p).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * Every outcome of a probe: a single certain outcome as {@link #render(ProbeResult)} words it; otherwise one trace
     * per outcome with its probability and what made it uncertain, lines an outcome shares with the one before it
     * folded into one line.
     */
    public static String render(ProbeOutcomes o) {
        List<ProbeResult> all = o.outcomes();
        if (all.size() == 1 && !o.capped() && !all.get(0).uncertain() && all.get(0).branch().choices().isEmpty()) {
            return render(all.get(0));
        }
        StringBuilder sb = new StringBuilder();
        String[] prev = null;
        for (int i = 0; i < all.size(); i++) {
            ProbeResult r = all.get(i);
            sb.append("## outcome ").append(i + 1).append(" of ").append(all.size()).append(o.capped() ? "+" : "")
                    .append(": probability ").append(probability(r.branch().probability()))
                    .append(r.uncertain() ? ", uncertain" : "").append('\n');
            for (ProbeResult.Chosen c : r.branch().choices()) {
                sb.append("#  ").append(c.choice().what()).append(" -> ").append(c.choice().labels().get(c.taken()))
                        .append('\n');
            }
            for (OpaqueElement e : r.branch().opaque()) {
                sb.append("#  not executed by the engine: ").append(e).append('\n');
            }
            String[] lines = render(r).split("\n");
            int same = 0;
            if (prev != null) {
                while (same < lines.length && same < prev.length && lines[same].equals(prev[same])) {
                    same++;
                }
            }
            if (same > 1) {
                sb.append("   ... ").append(same).append(" lines as in outcome ").append(i).append('\n');
            }
            for (int k = same > 1 ? same : 0; k < lines.length; k++) {
                sb.append(lines[k]).append('\n');
            }
            prev = lines;
        }
        if (o.capped()) {
            sb.append("## capped at ").append(all.size()).append(" outcomes: the others are not explored (uncertain)\n");
        }
        return sb.toString();
    }

    private static String ignored(StatementIgnored x) {
        String why = switch (x.cause()) {
            case NO_CONNTRACK -> "no conntrack entry attached";
            case CONNTRACK_ATTACHED -> "conntrack already attached (priority after -200)";
            case UNTRACKED -> "packet already untracked";
            case ZONE_TEMPLATE -> "a zone template (zone " + x.templateZone() + ") is already attached";
        };
        return switch (x.statement()) {
            case MARK_FROM_CT_MARK -> "meta mark set ct mark: " + why + ", ignored";
            case CT_MARK_SET -> "ct mark set: " + why + ", ignored";
            case CT_MARK_FROM_MARK -> "ct mark set meta mark: " + why + ", ignored";
            case CT_ZONE_SET -> "ct zone set " + x.zone() + ": " + why + ", ignored";
            case NOTRACK -> "notrack: " + why + ", ignored";
        };
    }

    // ------------------------------------------------------------------ drops and dispositions

    /** Where a drop happened, in words: the stage of the path, or the chain (with hook and priority). */
    private static String where(Dropped d, TraceStep at) {
        Disposition.Reason r = d.reason();
        if (r.byChain()) {
            Hook h = at.hook();
            return d.chain() == null ? h.nft() + " nat" : d.chain() + " (" + h.nft() + ", prio " + d.chain().priority() + ")";
        }
        return switch (r) {
            case NO_SUCH_DEVICE, RECEIVE_DEVICE_DOWN -> "receive";
            case REVERSE_PATH_FILTER, FORWARDING_DISABLED, BLACKHOLE_ROUTE, UNREACHABLE_ROUTE, PROHIBIT_ROUTE, NO_ROUTE ->
                "input route";
            case OUTPUT_ROUTE_ERROR -> "output route";
            case ESP_WITHOUT_INNER -> "xfrm input";
            case XFRM_POLICY_CHECK -> "xfrm policy check (" + (d.cause() instanceof XfrmPolicyRefused x
                    ? x.dir().name().toLowerCase() : "in") + ")";
            case XFRM_BLOCKED, XFRM_NO_STATE -> "xfrm lookup";
            case NOT_DELIVERED, DELIVERED -> "local delivery";
            case NO_OUTPUT_DEVICE, TRANSMIT_DEVICE_DOWN, DUMMY_DEVICE, NO_SUCH_PEER, LEFT_NETWORK -> "transmit";
            case NEIGHBOUR_UNREACHABLE -> "neighbour resolution";
            case BRIDGE_NO_PORT -> at.hook() == Hook.OUTPUT ? "bridge output" : "bridge forwarding";
            case CONNTRACK_CLASH -> at.hook().nft() + " conntrack confirm";
            case TTL_EXCEEDED -> "ip_forward";
            case LOOP_GUARD, NO_DISPOSITION -> "walk";
            default -> r.id();
        };
    }

    /** Why a drop happened, in words. */
    private static String reason(Dropped d, TraceStep at) {
        String dev = at.device();
        return switch (d.reason()) {
            case NO_SUCH_DEVICE -> "no such interface";
            case RECEIVE_DEVICE_DOWN, TRANSMIT_DEVICE_DOWN -> "interface " + dev + " is down";
            case FORWARDING_DISABLED -> at.packet() != null && at.packet().isV6()
                    ? "not local and net.ipv6.conf.all.forwarding=0: not forwarded"
                    : "not local and ip_forward=0: not forwarded";
            case BLACKHOLE_ROUTE -> "blackhole route";
            case UNREACHABLE_ROUTE -> "unreachable route";
            case PROHIBIT_ROUTE -> "prohibit route";
            case NO_ROUTE -> "no route to " + d.address();
            case OUTPUT_ROUTE_ERROR -> d.cause() instanceof Routed r
                    ? route(r.decision()) + " (error returned to the sending socket)" : "route has no usable device";
            case ESP_WITHOUT_INNER -> "esp packet carries no inner packet";
            case NO_OUTPUT_DEVICE -> "no such interface " + dev;
            case DUMMY_DEVICE -> "dummy interface discards packets";
            case NO_SUCH_PEER -> "peer " + d.peer() + " does not exist";
            case NEIGHBOUR_UNREACHABLE -> d.cause() != null ? describe(d.cause(), at)
                    : "no host behind " + dev + (d.address() != null && d.address().isV6() ? " answers neighbour solicitations"
                            : " answers ARP") + " for next hop " + d.address();
            case BRIDGE_NO_PORT -> "no port of " + dev + " leads to " + d.address() + " (flooding is not modelled)";
            case RULE_DROP -> "dropped by rule";
            case RULE_REJECT -> "rejected by rule";
            case RULE_QUEUE -> "queued to userspace (no consumer modelled)";
            case MISSING_CHAIN -> d.cause() instanceof RuleMatched m
                    ? (m.verdict() == TraceEvent.RuleVerdict.GOTO ? "goto" : "jump") + " to missing chain " + m.target()
                    : "jump to a missing chain";
            case CHAIN_POLICY -> "chain policy drop";
            case NAT_FAILED -> "nat failed";
            case RULESET_LOOP -> "ruleset loop: " + (d.cause() == null ? "" : describe(d.cause(), at));
            case CONNTRACK_CLASH -> "conntrack insert failed (clash)";
            case LOOP_GUARD -> "more than " + Walker.MAX_HOPS + " device crossings (loop guard)";
            case NO_DISPOSITION -> "walk ended without disposition";
            // the refusal, rejection or failure that caused the drop says why
            default -> d.cause() == null ? d.reason().id() : describe(d.cause(), at);
        };
    }

    /** Where the walk ended, in words ({@code local delivery}, {@code input route}, a chain ...); null if unknown. */
    public static String where(Disposition d) {
        TraceStep s = d.step();
        return switch (s.event()) {
            case Dropped x -> x.reason() == Disposition.Reason.NO_DISPOSITION ? null : where(x, s);
            case Delivery x -> "local delivery";
            case TtlExceeded x -> "ip_forward";
            case LeftNetwork x -> "transmit";
            default -> null;
        };
    }

    /** Why the walk ended there, in words. */
    public static String reason(Disposition d) {
        TraceStep s = d.step();
        return s.event() instanceof Dropped x ? reason(x, s) : describe(s.event(), s);
    }

    /** {@code dropped at ns/dev (where): reason by rule: file:line:column: text}. */
    public static String disposition(Disposition d) {
        StringBuilder sb = new StringBuilder(d.fate().lower()).append(" at ").append(d.location());
        String where = where(d);
        if (where != null) {
            sb.append(" (").append(where).append(')');
        }
        String reason = reason(d);
        if (reason != null) {
            sb.append(": ").append(reason);
        }
        if (d.rule() != null) {
            sb.append(" by rule: ").append(d.rule());
        }
        return sb.toString();
    }
}
