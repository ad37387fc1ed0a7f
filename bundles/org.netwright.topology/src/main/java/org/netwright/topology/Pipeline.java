package org.netwright.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.emf.ecore.EObject;
import org.netwright.engine.ChainRef;
import org.netwright.engine.Family;
import org.netwright.engine.SourceRef;
import org.netwright.model.BridgeInterface;
import org.netwright.model.ConfigContainer;
import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptChain;
import org.netwright.model.IptConnmarkTarget;
import org.netwright.model.IptConntrackMatch;
import org.netwright.model.IptJumpTarget;
import org.netwright.model.IptRule;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftMatch;
import org.netwright.model.NftNat;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftVerdictKind;
import org.netwright.model.semantics.IptFacts;
import org.netwright.model.semantics.NftFacts;

/**
 * The netfilter pipeline of one namespace as the well-known packet-flow figure draws it, without UI: the stages
 * a packet passes (ingress, prerouting, the routing decision, input or forward, output, postrouting, egress; the
 * bridge path where the namespace has bridges; xfrm where it has policies), each hook stage holding the base
 * chains of every family and table (nftables and iptables) ordered by priority, with conntrack at its fixed place.
 * Priorities come from {@link NftFacts} and {@link IptFacts}. Chains reached by jump or goto follow the base chain
 * that reaches them. Placement mistakes are named on the chain or rule they concern.
 */
public record Pipeline(String namespace, List<Stage> stages) {

    /** A stage of the figure, with its cell in the figure's grid (column, row). */
    public enum StageKind {
        BRIDGE_PREROUTING("bridge prerouting", 1, 0), BRIDGE_INPUT("bridge input", 2, 1), BRIDGE_FORWARD("bridge forward", 3, 0),
        BRIDGE_OUTPUT("bridge output", 4, 1), BRIDGE_POSTROUTING("bridge postrouting", 5, 0),
        INGRESS("ingress", 0, 2), PREROUTING("prerouting", 1, 2), ROUTING("routing decision", 2, 2), FORWARD("forward", 3, 2),
        POSTROUTING("postrouting", 5, 2), EGRESS("egress", 6, 2),
        INPUT("input", 2, 3), LOCAL("local process", 3, 3), OUTPUT_ROUTING("routing decision (local out)", 4, 3), OUTPUT("output", 5, 3),
        XFRM_IN("xfrm decode", 1, 3), XFRM_OUT("xfrm lookup / encode", 6, 3);

        private final String title;
        private final int column;
        private final int row;

        StageKind(String title, int column, int row) {
            this.title = title;
            this.column = column;
            this.row = row;
        }

        public String title() {
            return title;
        }

        public int column() {
            return column;
        }

        public int row() {
            return row;
        }

        public boolean bridge() {
            return name().startsWith("BRIDGE_");
        }

        public boolean xfrm() {
            return this == XFRM_IN || this == XFRM_OUT;
        }

        /** The stage a chain of this family at this hook sits in. */
        public static StageKind of(Family family, org.netwright.engine.Hook hook) {
            if (hook == null) {
                return null;
            }
            if (hook == org.netwright.engine.Hook.INGRESS || family == Family.NETDEV && hook != org.netwright.engine.Hook.EGRESS) {
                return INGRESS;
            }
            if (hook == org.netwright.engine.Hook.EGRESS) {
                return EGRESS;
            }
            return valueOf((family == Family.BRIDGE ? "BRIDGE_" : "") + hook.name());
        }
    }

    /** The packet-flow arrows between stages. */
    public record Flow(StageKind from, StageKind to) {
    }

    /** The stage's title and what runs in it in order. */
    public record Stage(StageKind kind, List<Slot> slots) {
        public Stage {
            slots = List.copyOf(slots);
        }

        public List<Chain> chains() {
            return slots.stream().filter(Chain.class::isInstance).map(Chain.class::cast).toList();
        }
    }

    /** Something that runs in a hook stage, at a priority. */
    public sealed interface Slot {
        int priority();
    }

    /** A kernel operation at a fixed priority (conntrack lookup, confirm). */
    public record Fixed(String label, int priority) implements Slot {
    }

    /**
     * A chain: {@code family} as nft writes it ({@code ip} for iptables), {@code table}, {@code name}; {@code type}
     * (filter, nat, route); {@code base}: false for a chain reached by jump or goto from the base chain before it
     * (then {@code priority} is that base chain's); {@code iptables}: a built-in or user chain of an iptables table.
     */
    public record Chain(String family, String table, String name, String type, int priority, boolean base, boolean iptables, EObject element,
            List<Rule> rules, List<String> problems) implements Slot {
        public Chain {
            rules = List.copyOf(rules);
            problems = List.copyOf(problems);
        }

        /** The heading the figure shows: {@code ip nat postrouting · nat · 100}. */
        public String heading() {
            String what = (iptables ? "iptables " + table + " " + name : family + " " + table + " " + name);
            return base ? what + " \u00b7 " + type + " \u00b7 " + priority : "\u21b3 " + what + " (jump target)";
        }

        /** True when a trace's chain is this one (an iptables chain is an ip table of the same name in a trace). */
        public boolean is(ChainRef ref) {
            return ref != null && ref.family().nft().equals(family) && ref.table().equals(table) && ref.chain().equals(name);
        }
    }

    /** A rule: its element, where it is written (null when unknown), its text, and what is wrong with its place. */
    public record Rule(EObject element, SourceRef source, String text, List<String> problems) {
        public Rule {
            problems = List.copyOf(problems);
        }

        /** True when the trace's rule is this one (same file and line). */
        public boolean is(SourceRef ref) {
            return ref != null && source != null && ref.line() > 0 && ref.line() == source.line()
                && java.util.Objects.equals(ref.file(), source.file());
        }
    }

    public Pipeline {
        stages = List.copyOf(stages);
    }

    public Stage stage(StageKind kind) {
        return stages.stream().filter(s -> s.kind() == kind).findFirst().orElse(null);
    }

    /** Every placement problem, as "chain: problem" lines. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Stage s : stages) {
            for (Chain c : s.chains()) {
                c.problems().forEach(p -> out.add(c.family() + " " + c.table() + " " + c.name() + ": " + p));
                c.rules().forEach(r -> r.problems().forEach(p -> out.add(c.family() + " " + c.table() + " " + c.name() + ": " + p)));
            }
        }
        return out;
    }

    /** The arrows of the figure between the stages it shows. */
    public List<Flow> flows() {
        Set<StageKind> shown = new LinkedHashSet<>();
        stages.forEach(s -> shown.add(s.kind()));
        List<Flow> out = new ArrayList<>();
        StageKind[][] all = {
            { StageKind.INGRESS, StageKind.PREROUTING }, { StageKind.PREROUTING, StageKind.ROUTING }, { StageKind.ROUTING, StageKind.INPUT },
            { StageKind.ROUTING, StageKind.FORWARD }, { StageKind.FORWARD, StageKind.POSTROUTING }, { StageKind.INPUT, StageKind.LOCAL },
            { StageKind.LOCAL, StageKind.OUTPUT_ROUTING }, { StageKind.OUTPUT_ROUTING, StageKind.OUTPUT }, { StageKind.OUTPUT, StageKind.POSTROUTING },
            { StageKind.POSTROUTING, StageKind.EGRESS }, { StageKind.INGRESS, StageKind.BRIDGE_PREROUTING },
            { StageKind.BRIDGE_PREROUTING, StageKind.BRIDGE_FORWARD }, { StageKind.BRIDGE_PREROUTING, StageKind.BRIDGE_INPUT },
            { StageKind.BRIDGE_INPUT, StageKind.PREROUTING }, { StageKind.BRIDGE_FORWARD, StageKind.BRIDGE_POSTROUTING },
            { StageKind.POSTROUTING, StageKind.BRIDGE_OUTPUT }, { StageKind.BRIDGE_OUTPUT, StageKind.BRIDGE_POSTROUTING },
            { StageKind.BRIDGE_POSTROUTING, StageKind.EGRESS }, { StageKind.INPUT, StageKind.XFRM_IN }, { StageKind.XFRM_IN, StageKind.PREROUTING },
            { StageKind.POSTROUTING, StageKind.XFRM_OUT }, { StageKind.XFRM_OUT, StageKind.OUTPUT } };
        for (StageKind[] f : all) {
            if (shown.contains(f[0]) && shown.contains(f[1])) {
                out.add(new Flow(f[0], f[1]));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ building

    /**
     * The pipeline of {@code ns}, from its blocks (its own and its {@code extend} blocks); {@code locate} says where
     * an element is written (the same locator the walk's mapping used, so a trace's rules are found again).
     */
    public static Pipeline of(org.netwright.model.Namespace ns, List<? extends ConfigContainer> blocks, Function<EObject, SourceRef> locate) {
        boolean bridges = false;
        boolean xfrm = false;
        for (ConfigContainer b : blocks) {
            bridges |= b.getInterfaces().stream().anyMatch(BridgeInterface.class::isInstance);
            xfrm |= !b.getXfrmPolicies().isEmpty();
        }
        boolean forwards = Describe.forwards(blocks);
        Map<StageKind, List<Slot>> slots = new EnumMap<>(StageKind.class);
        for (StageKind k : StageKind.values()) {
            slots.put(k, new ArrayList<>());
        }
        for (ConfigContainer b : blocks) {
            for (NftRuleset rs : b.getNftRulesets()) {
                for (NftTable t : rs.getTables()) {
                    nftTable(t, forwards, slots, locate);
                    bridges |= t.getFamily() == NftFamily.BRIDGE;
                }
            }
            for (IptablesRuleset rs : b.getIptablesRulesets()) {
                for (IptablesTable t : rs.getTables()) {
                    iptTable(t, forwards, slots, locate);
                }
            }
        }
        slots.get(StageKind.PREROUTING).add(new Fixed("conntrack lookup", NftFacts.CONNTRACK_PRIORITY));
        slots.get(StageKind.OUTPUT).add(new Fixed("conntrack lookup", NftFacts.CONNTRACK_PRIORITY));
        slots.get(StageKind.INPUT).add(new Fixed("conntrack confirm", Integer.MAX_VALUE));
        slots.get(StageKind.POSTROUTING).add(new Fixed("conntrack confirm", Integer.MAX_VALUE));
        List<Stage> stages = new ArrayList<>();
        for (StageKind k : StageKind.values()) {
            if (k.bridge() && !bridges || k.xfrm() && !xfrm) {
                continue;
            }
            stages.add(new Stage(k, ordered(slots.get(k))));
        }
        return new Pipeline(ns.getName(), stages);
    }

    /**
     * By priority; at equal priority the chain registered last (declared later; iptables after nftables) runs
     * first, as the kernel inserts a hook function before those of its priority. A jump target stays right after
     * the base chain that reaches it.
     */
    private static List<Slot> ordered(List<Slot> slots) {
        List<List<Slot>> groups = new ArrayList<>();
        for (Slot s : slots) {
            if (s instanceof Chain c && !c.base() && !groups.isEmpty()) {
                groups.get(groups.size() - 1).add(s);
            } else {
                groups.add(new ArrayList<>(List.of(s)));
            }
        }
        java.util.Collections.reverse(groups);
        groups.sort(Comparator.comparingInt(g -> g.get(0).priority()));
        List<Slot> out = new ArrayList<>();
        groups.forEach(out::addAll);
        return out;
    }

    private static void nftTable(NftTable t, boolean forwards, Map<StageKind, List<Slot>> slots, Function<EObject, SourceRef> locate) {
        if (t.getFamily() == null) {
            return;
        }
        Family family = Family.valueOf(t.getFamily().name());
        for (NftChain c : t.getChains()) {
            NftHookSpec h = c.getHook();
            if (h == null || !h.isSetHook() || h.getHook() == null) {
                continue;
            }
            org.netwright.engine.Hook hook = org.netwright.engine.Hook.valueOf(h.getHook().name());
            StageKind stage = StageKind.of(family, hook);
            Integer value = NftFacts.value(t.getFamily(), h.getPriority());
            int priority = value == null ? 0 : value;
            NftChainType type = h.getType() == null ? NftChainType.FILTER : h.getType();
            List<String> problems = new ArrayList<>();
            if (hook == org.netwright.engine.Hook.FORWARD && !forwards && family != Family.BRIDGE) {
                problems.add("forwarding is off in this namespace: no packet passes forward");
            }
            if (type == NftChainType.NAT && !NftFacts.hooks(t.getFamily(), NftChainType.NAT).contains(h.getHook())) {
                problems.add("a nat chain on " + h.getHook().getLiteral() + ": no flow reaches it (nat hooks are prerouting, input, output, postrouting)");
            }
            List<Rule> rules = nftRules(c, t.getFamily(), type, h.getHook(), priority, locate);
            slots.get(stage).add(new Chain(family.nft(), t.getName(), c.getName(), type.getLiteral(), priority, true, false, c, rules, problems));
            Set<NftChain> seen = new LinkedHashSet<>();
            seen.add(c);
            nftTargets(c, t, family, type, h.getHook(), priority, seen, slots.get(stage), locate);
        }
    }

    private static void nftTargets(NftChain from, NftTable t, Family family, NftChainType type, NftHook hook, int priority, Set<NftChain> seen,
            List<Slot> into, Function<EObject, SourceRef> locate) {
        for (NftRule r : from.getRules()) {
            for (NftStatement s : r.getStatements()) {
                if (s instanceof NftVerdict v && (v.getKind() == NftVerdictKind.JUMP || v.getKind() == NftVerdictKind.GOTO) && v.getChain() != null
                    && !v.getChain().eIsProxy() && seen.add(v.getChain())) {
                    NftChain target = v.getChain();
                    into.add(new Chain(family.nft(), t.getName(), target.getName(), type.getLiteral(), priority, false, false, target,
                        nftRules(target, t.getFamily(), type, hook, priority, locate), List.of()));
                    nftTargets(target, t, family, type, hook, priority, seen, into, locate);
                }
            }
        }
    }

    private static List<Rule> nftRules(NftChain c, NftFamily family, NftChainType type, NftHook hook, int priority, Function<EObject, SourceRef> locate) {
        List<Rule> rules = new ArrayList<>();
        boolean beforeConntrack = beforeConntrack(hook == null ? null : org.netwright.engine.Hook.valueOf(hook.name()), priority)
            && family != NftFamily.BRIDGE && family != NftFamily.NETDEV;
        for (NftRule r : c.getRules()) {
            List<String> problems = new ArrayList<>();
            for (NftStatement s : r.getStatements()) {
                if (beforeConntrack && s instanceof NftSetStatement set && set.getTarget() instanceof NftCtExpr ct) {
                    problems.add("ct " + ct.getKey().getLiteral() + " set at priority " + priority + " runs before conntrack ("
                        + NftFacts.CONNTRACK_PRIORITY + "): the packet has no conntrack entry yet");
                } else if (beforeConntrack && s instanceof NftMatch m && m.getLeft() instanceof NftCtExpr ct) {
                    problems.add("ct " + ct.getKey().getLiteral() + " read at priority " + priority + " before conntrack ("
                        + NftFacts.CONNTRACK_PRIORITY + "): no entry yet, it never matches as meant");
                }
                if (s instanceof NftNat nat && hook != null && !NftFacts.natAllowed(family, type, hook, nat.getKind())) {
                    problems.add(nat.getKind().getLiteral() + " never runs here: " + (type != NftChainType.NAT ? "not a nat chain"
                        : "only at " + NftFacts.natHooks(nat.getKind()).stream().map(NftHook::getLiteral).toList()));
                }
            }
            rules.add(new Rule(r, locate.apply(r), text(locate.apply(r)), problems));
        }
        return rules;
    }

    /** Chains at prerouting or output before the conntrack lookup see packets without a conntrack entry. */
    static boolean beforeConntrack(org.netwright.engine.Hook hook, int priority) {
        return (hook == org.netwright.engine.Hook.PREROUTING || hook == org.netwright.engine.Hook.OUTPUT) && priority < NftFacts.CONNTRACK_PRIORITY;
    }

    private static String text(SourceRef ref) {
        return ref == null || ref.text() == null ? "?" : ref.text().strip().replaceAll("\\s+", " ");
    }

    private static void iptTable(IptablesTable t, boolean forwards, Map<StageKind, List<Slot>> slots, Function<EObject, SourceRef> locate) {
        if (t.getTable() == null) {
            return;
        }
        String table = t.getTable().getLiteral();
        for (IptBuiltinChain builtin : IptFacts.builtinChains(t.getTable())) {
            org.netwright.engine.Hook hook = org.netwright.engine.Hook.valueOf(builtin.name());
            int priority = IptFacts.priority(t.getTable(), builtin);
            List<Rule> rules = new ArrayList<>();
            List<IptChain> targets = new ArrayList<>();
            for (IptRule r : t.getRules()) {
                if (builtinOf(r) == builtin) {
                    rules.add(iptRule(r, table, hook, priority, locate));
                    if (r.getTarget() instanceof IptJumpTarget j && j.getChain() != null && !targets.contains(j.getChain())) {
                        targets.add(j.getChain());
                    }
                }
            }
            EObject element = t.getChains().stream().filter(c -> c.getBuiltin() == builtin).findFirst().map(EObject.class::cast).orElse(t);
            List<String> problems = new ArrayList<>();
            if (builtin == IptBuiltinChain.FORWARD && !forwards && !rules.isEmpty()) {
                problems.add("forwarding is off in this namespace: no packet passes forward");
            }
            String type = IptFacts.chainType(t.getTable(), builtin).getLiteral();
            List<Slot> into = slots.get(StageKind.of(Family.IP, hook));
            into.add(new Chain("ip", table, builtin.getLiteral(), type, priority, true, true, element, rules, problems));
            for (int i = 0; i < targets.size(); i++) {
                IptChain target = targets.get(i);
                List<Rule> targetRules = new ArrayList<>();
                for (IptRule r : t.getRules()) {
                    if (r.getChain() == target) {
                        targetRules.add(iptRule(r, table, hook, priority, locate));
                        if (r.getTarget() instanceof IptJumpTarget j && j.getChain() != null && !targets.contains(j.getChain())) {
                            targets.add(j.getChain());
                        }
                    }
                }
                into.add(new Chain("ip", table, target.getName(), type, priority, false, true, target, targetRules, List.of()));
            }
        }
    }

    private static IptBuiltinChain builtinOf(IptRule r) {
        if (r.getChain() != null) {
            return r.getChain().getBuiltin() == IptBuiltinChain.NONE ? null : r.getChain().getBuiltin();
        }
        return r.getBuiltinChain() == IptBuiltinChain.NONE ? null : r.getBuiltinChain();
    }

    private static Rule iptRule(IptRule r, String table, org.netwright.engine.Hook hook, int priority, Function<EObject, SourceRef> locate) {
        List<String> problems = new ArrayList<>();
        boolean usesCt = r.getMatches().stream().anyMatch(IptConntrackMatch.class::isInstance) || r.getTarget() instanceof IptConnmarkTarget;
        if (usesCt && beforeConntrack(hook, priority)) {
            problems.add("the " + table + " table (" + priority + ") runs before conntrack (" + NftFacts.CONNTRACK_PRIORITY
                + "): the packet has no conntrack entry yet");
        }
        IptFacts.Placement place = r.getTarget() == null ? null : IptFacts.placement(r.getTarget());
        IptBuiltinChain builtin = IptBuiltinChain.get(hook.name());
        if (place != null && builtin != null && builtinOf(r) != null && !place.chains().contains(builtin)) {
            problems.add("its target never runs on " + hook.nft() + " (only " + place.chains() + ")");
        }
        return new Rule(r, locate.apply(r), text(locate.apply(r)), problems);
    }
}
