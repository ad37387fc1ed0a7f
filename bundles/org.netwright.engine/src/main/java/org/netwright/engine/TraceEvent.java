package org.netwright.engine;

/**
 * What happened at one step of a packet walk, as values: a sealed family of immutable records, one per event the
 * kernel's path shows (device, netfilter rule and chain policy, conntrack, NAT, routing, rp_filter, TTL, neighbour
 * resolution, xfrm, bridge, local delivery, drop, generated ICMP, statements without effect). Where it happened
 * (namespace, device, hook) and the packet after it are in the {@link TraceStep} that holds the event.
 *
 * <p>Events hold numbers, names and immutable engine values only, never text: recording one costs an allocation,
 * and {@link TraceText} words it when somebody reads the trace. Tools read the fields, never the wording.
 */
public sealed interface TraceEvent {
    /** The coarse kind of this event (the trace's {@code kind} field). */
    default TraceStep.Kind kind() {
        return switch (this) {
            case Received e -> TraceStep.Kind.LINK;
            case Sent e -> TraceStep.Kind.LINK;
            case NeighbourResolution e -> TraceStep.Kind.LINK;
            case LeftNetwork e -> TraceStep.Kind.LINK;
            case RuleMatched e -> TraceStep.Kind.RULE;
            case ChainPolicy e -> TraceStep.Kind.POLICY;
            case CtUntracked e -> TraceStep.Kind.CONNTRACK;
            case CtAttached e -> TraceStep.Kind.CONNTRACK;
            case CtInvalid e -> TraceStep.Kind.CONNTRACK;
            case CtRelated e -> TraceStep.Kind.CONNTRACK;
            case CtHit e -> TraceStep.Kind.CONNTRACK;
            case CtCreated e -> TraceStep.Kind.CONNTRACK;
            case CtConfirmed e -> TraceStep.Kind.CONNTRACK;
            case CtClash e -> TraceStep.Kind.CONNTRACK;
            case CtDeleted e -> TraceStep.Kind.CONNTRACK;
            case NatBinding e -> TraceStep.Kind.NAT;
            case NatNullBinding e -> TraceStep.Kind.NAT;
            case NatNotConsulted e -> TraceStep.Kind.NAT;
            case NatTranslated e -> TraceStep.Kind.NAT;
            case NatIcmpTranslated e -> TraceStep.Kind.NAT;
            case NatSkipped e -> TraceStep.Kind.NAT;
            case Routed e -> TraceStep.Kind.ROUTE;
            case SourceSelected e -> TraceStep.Kind.ROUTE;
            case SourceRejected e -> TraceStep.Kind.RPFILTER;
            case TtlExceeded e -> TraceStep.Kind.TTL;
            case XfrmSelected e -> TraceStep.Kind.XFRM;
            case XfrmBlocked e -> TraceStep.Kind.XFRM;
            case XfrmNoState e -> TraceStep.Kind.XFRM;
            case XfrmPolicyRefused e -> TraceStep.Kind.XFRM;
            case XfrmNatRelookup e -> TraceStep.Kind.XFRM;
            case XfrmEncapsulated e -> TraceStep.Kind.XFRM;
            case XfrmDecapsulated e -> TraceStep.Kind.XFRM;
            case BridgeFrame e -> TraceStep.Kind.BRIDGE;
            case BridgeLocal e -> TraceStep.Kind.BRIDGE;
            case BridgeForward e -> TraceStep.Kind.BRIDGE;
            case BrNetfilterHook e -> TraceStep.Kind.BRIDGE;
            case Delivery e -> TraceStep.Kind.DELIVER;
            case RulesetLoop e -> TraceStep.Kind.DROP;
            case Dropped e -> TraceStep.Kind.DROP;
            case AnswerGenerated e -> TraceStep.Kind.ICMP;
            case IcmpErrorGenerated e -> TraceStep.Kind.ICMP;
            case Logged e -> TraceStep.Kind.INFO;
            case StatementIgnored e -> TraceStep.Kind.INFO;
            case Branched e -> TraceStep.Kind.BRANCH;
            case OpaqueStatement e -> TraceStep.Kind.OPAQUE;
        };
    }

    // ------------------------------------------------------------------ shared value types

    /** Which side of the tuple a NAT operation rewrites. */
    enum Manip {
        SOURCE, DESTINATION;

        public static Manip of(boolean source) {
            return source ? SOURCE : DESTINATION;
        }

        public boolean source() {
            return this == SOURCE;
        }
    }

    /** What a matched rule did: its verdict, or CONTINUE for a rule whose statements do not end the chain. */
    enum RuleVerdict {
        ACCEPT, DROP, REJECT, QUEUE, JUMP, GOTO, RETURN, CONTINUE,
        /** A NAT statement made its binding: the packet is accepted by the nat chain. */
        NAT,
        /** A NAT statement could not make a binding (no address to masquerade to): the packet is dropped. */
        NAT_FAILED
    }

    /** What local delivery did with a packet for one of the namespace's own addresses. */
    enum DeliveryOutcome {
        /** The answer to the probe reached the probe's own socket. */
        PROBE_SOCKET(true),
        ECHO_ANSWERED(true),
        /** An ICMP message other than an echo request, taken by the kernel (or a raw socket). */
        KERNEL_ICMP(true),
        UDP_SOCKET(true),
        TCP_SOCKET(true),
        /** A listener of another protocol (an ESP responder). */
        RESPONDER(true),
        ECHO_IGNORED(false),
        UDP_PORT_CLOSED(false),
        TCP_RESET_IGNORED(false),
        TCP_PORT_CLOSED(false),
        ESP_WITHOUT_SA(false),
        PROTOCOL_UNREACHABLE(false);

        private final boolean delivered;

        DeliveryOutcome(boolean delivered) {
            this.delivered = delivered;
        }

        public boolean delivered() {
            return delivered;
        }
    }

    // ------------------------------------------------------------------ link

    /** The packet was received on the step's device. */
    record Received() implements TraceEvent {
        static final Received INSTANCE = new Received();
    }

    /** The packet was sent on the step's device towards {@code nextHop} ({@code bridgePort}: as a bridge port). */
    record Sent(IpAddr nextHop, boolean bridgePort) implements TraceEvent {
    }

    /**
     * Neighbour resolution of {@code address} on the step's device before the packet left. {@code fromTable}: the
     * outcome of an earlier resolution, kept in the neighbour table. {@code sender}: the ARP request's sender
     * address; {@code lladdr}: a permanent entry's link-layer address; {@code owner}: who owns the address (null:
     * nobody on the segment); {@code drop}: where netfilter dropped the request or its answer (or null).
     */
    record NeighbourResolution(IpAddr address, Resolution result, boolean fromTable, IpAddr sender, long lladdr,
            Location owner, ArpDrop drop) implements TraceEvent {
        /** How resolution ended. */
        public enum Resolution {
            /** A permanent (static) entry: no ARP. */
            PERMANENT,
            RESOLVED,
            /** A chain dropped the request or the answer ({@code drop} says where). */
            DROPPED,
            /** The owner was found but its answer did not come back. */
            UNANSWERED,
            /** No namespace on the segment owns the address. */
            NO_OWNER
        }

        /** Where an ARP frame was dropped; {@code rule} null: by the chain's policy. */
        public record ArpDrop(Location at, ChainRef chain, Hook hook, SourceRef rule, boolean answer) {
        }

        public boolean resolved() {
            return result == Resolution.PERMANENT || result == Resolution.RESOLVED;
        }

        /** The same outcome, as a later packet finds it in the neighbour table. */
        NeighbourResolution cached() {
            return new NeighbourResolution(address, result, true, sender, lladdr, owner, drop);
        }
    }

    /** The packet left the modelled network on the step's device (the device has no modelled peer). */
    record LeftNetwork() implements TraceEvent {
        static final LeftNetwork INSTANCE = new LeftNetwork();
    }

    // ------------------------------------------------------------------ netfilter chains

    /**
     * A rule of {@code chain} matched and did {@code verdict}; {@code target}: the chain of a jump or goto;
     * {@code manip}: what a NAT verdict translates (null for other verdicts).
     */
    record RuleMatched(ChainRef chain, SourceRef rule, RuleVerdict verdict, String target, Manip manip)
            implements TraceEvent {
    }

    /** Base chain {@code chain} ended with its policy. */
    record ChainPolicy(ChainRef chain, Verdict policy) implements TraceEvent {
    }

    /** Evaluation of {@code chain} was stopped by a loop guard (see {@link Guard}). */
    record RulesetLoop(ChainRef chain, Guard guard, int limit) implements TraceEvent {
        /** Which guard. */
        public enum Guard {
            /** Nested jumps deeper than the kernel's jump stack. */
            JUMP_DEPTH,
            /** More rule evaluations than any finite ruleset needs (a goto loop). */
            RULE_EVALUATIONS
        }
    }

    // ------------------------------------------------------------------ conntrack

    /** The packet is untracked (notrack): no lookup. */
    record CtUntracked() implements TraceEvent {
        static final CtUntracked INSTANCE = new CtUntracked();
    }

    /** The packet already carries entry {@code entry} (looped back, or built from a packet of it): no lookup. */
    record CtAttached(long entry) implements TraceEvent {
    }

    /** The packet is INVALID in {@code zone}. */
    record CtInvalid(Cause cause, int zone) implements TraceEvent {
        /** Why. */
        public enum Cause {
            /** An ICMP error whose embedded header belongs to no entry. */
            UNKNOWN_ICMP_ERROR,
            /** No entry, and the packet cannot start a connection (a stray reply, a reset). */
            CANNOT_START
        }
    }

    /** An ICMP error related to entry {@code entry} of {@code zone}, in {@code direction}. */
    record CtRelated(long entry, int zone, CtDir direction) implements TraceEvent {
    }

    /** The lookup found entry {@code entry}; {@code state}: the packet's state; the entry's tuples as they were. */
    record CtHit(long entry, int zone, CtDir direction, CtState state, Tuple orig, Tuple reply) implements TraceEvent {
    }

    /** A new, unconfirmed entry. */
    record CtCreated(long entry, int zone, Tuple orig) implements TraceEvent {
    }

    /** The entry was inserted into the table (confirmed), with its tuples after NAT. */
    record CtConfirmed(long entry, int zone, Tuple orig, Tuple reply) implements TraceEvent {
    }

    /**
     * Confirmation failed: a tuple of entry {@code entry} is held by entry {@code other}. {@code generic}: the
     * protocol is tracked by addresses only (ESP, GRE), so there is no port to move.
     */
    record CtClash(long entry, Tuple orig, Tuple reply, long other, Tuple otherOrig, Tuple otherReply, boolean generic)
            implements TraceEvent {
    }

    /** Entry {@code entry} was deleted: the first packet of its reply direction is a TCP reset. */
    record CtDeleted(long entry) implements TraceEvent {
    }

    // ------------------------------------------------------------------ NAT

    /**
     * A NAT rule bound entry {@code entry}: its reply tuple is now {@code reply}. {@code replyTaken}: another
     * entry holds that reply tuple already, so the packet will clash at confirm. {@code portAtRandom}: the rule's
     * {@code random}/{@code fully-random} flag had the kernel pick the port (or ICMP id) at random, so the one in
     * {@code reply} is one of many the kernel may choose.
     */
    record NatBinding(long entry, Manip manip, Tuple orig, Tuple reply, boolean replyTaken, boolean portAtRandom)
            implements TraceEvent {
    }

    /**
     * No NAT rule matched: the null binding of entry {@code entry}. {@code movedReply}: its reply tuple, when the
     * packet's own was taken and the port had to move; null when the tuple was kept.
     */
    record NatNullBinding(long entry, Manip manip, Tuple movedReply) implements TraceEvent {
    }

    /**
     * The nat chains were not consulted: entry {@code entry} already has its binding of this manip type.
     * {@code confirmed}: the entry was confirmed, so this is not the connection's first packet.
     */
    record NatNotConsulted(long entry, int zone, Manip manip, boolean confirmed) implements TraceEvent {
    }

    /**
     * Entry {@code entry}'s binding translated the packet: in the original direction the translation, in the reply
     * direction the reverse one (un-NAT). Address and port (ICMP id) before and after.
     */
    record NatTranslated(long entry, Manip manip, CtDir direction, IpAddr fromAddress, int fromPort, IpAddr toAddress,
            int toPort) implements TraceEvent {
    }

    /** An ICMP error related to entry {@code entry}: outer header translated, embedded header restored. */
    record NatIcmpTranslated(long entry, Manip manip, IpAddr fromAddress, IpAddr toAddress) implements TraceEvent {
    }

    /** A NAT statement that did nothing (or dropped the packet, see {@link Why#drops()}); {@code name}: map or device. */
    record NatSkipped(Why why, Manip manip, String name) implements TraceEvent {
        /** Why. */
        public enum Why {
            NO_CONNTRACK(false),
            /** snat at prerouting/output, dnat at postrouting/input. */
            WRONG_HOOK(false),
            /** The statement is in a chain that is not of type nat (the kernel refuses such a ruleset). */
            NOT_NAT_CHAIN(false),
            /** The nat map has no element for the packet's key. */
            MAP_NO_ELEMENT(false),
            /**
             * The statement's addresses are of the other family (an {@code inet} chain's {@code dnat ip6 to} met by an
             * IPv4 packet): nothing is translated and the chain goes on with the next rule.
             */
            OTHER_FAMILY(false),
            MASQUERADE_NO_ADDRESS(true),
            REDIRECT_NO_ADDRESS(true);

            private final boolean drops;

            Why(boolean drops) {
                this.drops = drops;
            }

            public boolean drops() {
                return drops;
            }
        }
    }

    // ------------------------------------------------------------------ routing

    /** A routing lookup and its decision, for {@code destination} with meta mark {@code mark}. */
    record Routed(Lookup lookup, IpAddr destination, long mark, RouteDecision decision) implements TraceEvent {
        /** Which lookup. */
        public enum Lookup {
            INPUT, OUTPUT,
            /** Output lookup again: a mark or an address changed in the output hook. */
            REROUTE,
            /** The outer packet an xfrm transform made. */
            OUTER,
            OUTER_REROUTE
        }
    }

    /** A locally generated packet without a source address got {@code address}. */
    record SourceSelected(IpAddr address) implements TraceEvent {
    }

    /**
     * Source validation of the input route failed on the step's device. {@code mode}: the effective rp_filter;
     * {@code reverseDevice}: where the route back to {@code source} leaves (strict mode).
     */
    record SourceRejected(Failure failure, IpAddr source, int mode, String reverseDevice) implements TraceEvent {
        /** Which check. */
        public enum Failure {
            /** The source is an address of the receiving namespace. */
            MARTIAN,
            NO_ROUTE_BACK,
            /** rp_filter 1: the route back leaves by another device. */
            STRICT_MISMATCH
        }
    }

    /** Forwarding would take the TTL ({@code ttl} now) to zero. */
    record TtlExceeded(int ttl) implements TraceEvent {
    }

    // ------------------------------------------------------------------ xfrm

    /** An output policy selected the packet; it will be transformed by {@code state}. */
    record XfrmSelected(XfrmPolicy policy, XfrmState state) implements TraceEvent {
    }

    /** An output policy with action block selected the packet. */
    record XfrmBlocked(XfrmPolicy policy) implements TraceEvent {
    }

    /** An output policy selected the packet but no state fits its template (the kernel would acquire one). */
    record XfrmNoState(XfrmPolicy policy) implements TraceEvent {
    }

    /** The inbound policy check (dir in or fwd) refused the packet; {@code policy} null when none matched. */
    record XfrmPolicyRefused(XfrmPolicy.Dir dir, XfrmPolicy policy, Failure failure) implements TraceEvent {
        /** Why. */
        public enum Failure {
            /** A decapsulated tunnel-mode packet that no policy of the direction matches. */
            NO_POLICY,
            BLOCKED,
            /** The policy requires IPsec but the packet was not decapsulated by a matching state. */
            NOT_DECAPSULATED
        }
    }

    /** NAT changed the packet's flow keys after the output policy lookup: the lookup runs again. */
    record XfrmNatRelookup() implements TraceEvent {
        static final XfrmNatRelookup INSTANCE = new XfrmNatRelookup();
    }

    /** The packet was encapsulated by {@code state} ({@code policy}); the step's packet is the outer one. */
    record XfrmEncapsulated(XfrmPolicy policy, XfrmState state) implements TraceEvent {
    }

    /** {@code state} decapsulated the packet; the inner packet re-enters prerouting on the step's device. */
    record XfrmDecapsulated(XfrmState state) implements TraceEvent {
    }

    // ------------------------------------------------------------------ bridge

    /** A frame arrived on {@code port} of {@code bridge}; {@code brNetfilter}: the ip hooks see bridged packets. */
    record BridgeFrame(String port, String bridge, boolean brNetfilter) implements TraceEvent {
    }

    /** The frame is for the bridge itself: it goes up the bridge's own stack. */
    record BridgeLocal() implements TraceEvent {
        static final BridgeLocal INSTANCE = new BridgeLocal();
    }

    /** The forwarding database sends the frame for {@code address} out of {@code port}. */
    record BridgeForward(IpAddr address, String port) implements TraceEvent {
    }

    /** br_netfilter runs the ip hook of the step's hook for the bridged packet. */
    record BrNetfilterHook() implements TraceEvent {
        static final BrNetfilterHook INSTANCE = new BrNetfilterHook();
    }

    // ------------------------------------------------------------------ delivery, drops, answers

    /** Local delivery of the step's packet; recorded as a step when delivered, else the cause of the drop. */
    record Delivery(DeliveryOutcome outcome) implements TraceEvent {
        private static final Delivery[] BY_OUTCOME = new Delivery[DeliveryOutcome.values().length];

        static {
            for (DeliveryOutcome o : DeliveryOutcome.values()) {
                BY_OUTCOME[o.ordinal()] = new Delivery(o);
            }
        }

        /** The event of {@code outcome} (one shared instance each). */
        static Delivery of(DeliveryOutcome outcome) {
            return BY_OUTCOME[outcome.ordinal()];
        }
    }

    /**
     * The packet was dropped for {@code reason}. {@code chain}/{@code rule}: the base chain and the rule that
     * dropped it, for netfilter drops; {@code cause}: the event that explains the drop (the rule's or policy's
     * step, the rp_filter or xfrm refusal, the neighbour resolution, the route, the clash, ...) or null;
     * {@code address}: the address concerned (next hop, route destination) or 0; {@code peer}: the missing peer of
     * a wire, or null.
     */
    record Dropped(Disposition.Reason reason, ChainRef chain, SourceRef rule, TraceEvent cause, IpAddr address,
            Location peer) implements TraceEvent {
    }

    /** Local delivery answered the packet with {@code answer} (echo reply, SYN-ACK, reset, a responder's reply). */
    record AnswerGenerated(Packet answer) implements TraceEvent {
    }

    /** An ICMP error of {@code type}/{@code code} was generated for the packet, towards {@code destination}. */
    record IcmpErrorGenerated(int type, int code, IpAddr destination) implements TraceEvent {
    }

    // ------------------------------------------------------------------ statements

    /** A log statement. */
    record Logged(String prefix) implements TraceEvent {
    }

    /**
     * A statement that had no effect: {@code zone} is the zone of a {@code ct zone set}; {@code templateZone} the
     * zone of a template already attached (cause ZONE_TEMPLATE).
     */
    record StatementIgnored(What statement, Cause cause, int zone, int templateZone) implements TraceEvent {
        /** The statement. */
        public enum What {
            MARK_FROM_CT_MARK, CT_MARK_SET, CT_MARK_FROM_MARK, CT_ZONE_SET, NOTRACK
        }

        /** Why it had no effect. */
        public enum Cause {
            /** The packet has no conntrack entry (untracked, or before the conntrack lookup). */
            NO_CONNTRACK,
            /** A conntrack entry is already attached (the statement runs after priority -200). */
            CONNTRACK_ATTACHED,
            UNTRACKED,
            /** A zone template is already attached: the first template wins. */
            ZONE_TEMPLATE
        }
    }

    // ------------------------------------------------------------------ choices and what the engine does not execute

    /** The walk reached a choice point and follows branch {@code taken} (the simulation explores the others too). */
    record Branched(Choice choice, int taken) implements TraceEvent {
        /** The probability of the branch taken, NaN when unknown (an opaque match). */
        public double probability() {
            return choice.probability(taken);
        }
    }

    /** A statement the engine does not execute: the walk goes on as if it did nothing, its result is uncertain. */
    record OpaqueStatement(String what, SourceRef where) implements TraceEvent {
    }
}
