package org.netwright.referee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeOutcomes;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.netwright.engine.TraceEvent;
import org.netwright.engine.TraceStep;
import org.netwright.export.Models;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.LabNames;
import org.netwright.lab.NetnsLab;
import org.netwright.mapping.ExpectationChecker;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelToEngine;
import org.netwright.model.Expectation;
import org.netwright.model.Network;
import org.netwright.model.Quantifier;
import org.netwright.model.Scenario;

/**
 * Every bundled example refereed by the kernel. The example is parsed with the language, mapped onto the engine,
 * and brought up in network namespaces with {@link ModelLab}-loaded exports (nft -f, iptables-restore, setup.sh).
 * Its expectations (then its scenarios' steps, then the probes it declares that no expectation uses) are sent in
 * file order on both sides, the engine in one {@link Simulation} and the kernel in one lab, so state persists the
 * same way on both. Compared per probe, field by field ({@link Observed#diff}): delivered where, the header on
 * arrival, dropped where and whether refused, the reply and its header at the sender, resets, ICMP errors,
 * conntrack entries of every namespace. The engine's verdict on each expectation must be the kernel's, and every
 * expectation must hold on the kernel (the examples describe what Linux does). A probe with several engine outcomes
 * (a random choice) agrees when the kernel's observation is one of them; the engine goes on in that outcome's state.
 * A port that NAT picks at random ({@link RandomPorts}) agrees with the kernel's pick in its place.
 *
 * <p>Prints {@code [referee] <example>: X/Y probes agree} per example and {@code [referee] examples: X/Y probes
 * agree} in total. Needs root and the tools: skipped otherwise, an error under CI=true. No namespace survives.
 */
class ExamplesRefereeTest {
    private static final Map<String, int[]> AGREEMENT = new LinkedHashMap<>();
    /**
     * Disagreements found and not fixed yet, by "example step-label prefix", with the reason (README, "Known
     * disagreements"). They are reported, not failed; one that stops disagreeing fails, so the list stays true.
     */
    static final Map<String, String> KNOWN = Map.of();

    static Stream<String> examples() {
        return ExampleFiles.all().stream();
    }

    @BeforeEach
    void needKernel() {
        KernelAvailability.require("python3");
    }

    @AfterAll
    static void summary() {
        int agree = 0;
        int total = 0;
        for (Map.Entry<String, int[]> e : AGREEMENT.entrySet()) {
            agree += e.getValue()[0];
            total += e.getValue()[1];
        }
        if (!AGREEMENT.isEmpty()) {
            System.out.println("[referee] examples: " + agree + "/" + total + " probes agree (" + AGREEMENT.size() + " files)");
        }
    }

    /** One probe of the file: with its expectation (null for a declared probe that no expectation uses). */
    record Step(String id, String label, Expectation expectation, org.netwright.model.Probe probe, boolean topLevel) {
        /** The scenario of a scenario step, "" otherwise. */
        String scenario() {
            return id.startsWith("scenario ") ? id.substring(0, id.indexOf(" step ")) : "";
        }
    }

    static List<Step> steps(Network n) {
        List<Step> out = new ArrayList<>();
        Set<org.netwright.model.Probe> used = new LinkedHashSet<>();
        int i = 0;
        for (Expectation e : n.getExpectations()) {
            org.netwright.model.Probe p = e.getProbe() != null ? e.getProbe() : e.getProbeRef();
            used.add(p);
            String id = "expect #" + ++i;
            out.add(new Step(id, id + " " + name(e), e, p, true));
        }
        for (Scenario s : n.getScenarios()) {
            int j = 0;
            for (Expectation e : s.getSteps()) {
                org.netwright.model.Probe p = e.getProbe() != null ? e.getProbe() : e.getProbeRef();
                used.add(p);
                String id = "scenario " + s.getName() + " step " + ++j;
                out.add(new Step(id, id + " " + name(e), e, p, false));
            }
        }
        for (org.netwright.model.Probe p : n.getProbes()) {
            if (!used.contains(p)) {
                out.add(new Step("probe " + p.getName(), "probe " + p.getName(), null, p, false));
            }
        }
        return out;
    }

    private static String name(Expectation e) {
        return e.getDescription() != null ? "\"" + e.getDescription() + "\"" : "";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void engineAgreesWithTheKernel(String example) {
        Network root = ExampleFiles.load(example);
        ModelMapping mapping = new ModelToEngine().map(List.of(root));
        assertFalse(mapping.hasErrors(), () -> example + ": " + mapping.errors());
        List<String> namespaces = List.copyOf(mapping.view().namespaces().keySet());
        // what `netwright check` says: each top-level expectation in a fresh simulation
        Map<Expectation, Boolean> checked = new LinkedHashMap<>();
        ExpectationChecker checker = new ExpectationChecker(mapping);
        for (Expectation e : root.getExpectations()) {
            checked.put(e, checker.check(e).holds());
        }
        List<Step> steps = steps(root);
        Simulation sim = new Simulation(mapping.view());
        List<String> disagreements = new ArrayList<>();
        List<String> wrongExamples = new ArrayList<>();
        int agree = 0;
        String lab = "ex" + ExampleFiles.all().indexOf(example);
        try (ModelKernel kernel = ModelKernel.up(Models.withImports(root), lab, mapping.view())) {
            Set<String> engineOnly = new LinkedHashSet<>();
            RandomPorts ports = new RandomPorts();
            Set<String> engineCtBefore = Set.of();
            String scenario = "";
            boolean conditionUnmet = false;
            for (Step s : steps) {
                Probe probe = mapping.probe(s.probe());
                ProbeOutcomes outcomes = sim.explore(probe);
                Observed k = kernel.run(probe);
                // the kernel took one of the outcomes (a random choice): the engine goes on in that one's state
                int taken = taken(outcomes, namespaces, engineOnly, ports, k);
                if (outcomes.outcomes().size() > 1) {
                    sim.retain(i -> i == taken);
                }
                ProbeResult er = outcomes.outcomes().get(taken);
                Observed engine = Observed.of(er, namespaces);
                ports = ports.learning(engine, RandomPorts.pickedBy(er), k);
                Set<String> engineCtNow = engine.entries();
                String bundleAt = kernel.lab.xfrmStatesRefused() > 0 ? bundleNamespace(er) : null;
                List<String> d = new ArrayList<>();
                String verdicts = "";
                if (bundleAt != null) {
                    // this kernel has the policies but refused the ESP states: where the engine's policy lookup
                    // bundles the packet for encryption, the kernel finds no state and drops it. That much is
                    // refereed; what the tunnel does after is not (README). Entries the engine makes from here on
                    // for this probe have no kernel counterpart and are left out of later comparisons.
                    if (!bundleAt.equals(k.droppedAt()) || k.deliveredTo() != null) {
                        d.add("xfrm policy lookup: the engine bundles the packet for encryption in " + bundleAt
                                + ", where a kernel without the (refused) states must drop it; kernel: " + k);
                    }
                    Set<String> added = new LinkedHashSet<>(engineCtNow);
                    added.removeAll(engineCtBefore);
                    engineOnly.addAll(added);
                    verdicts = " (xfrm-limited: policy lookup in " + bundleAt + " refereed, the tunnel is not)";
                } else {
                    d.addAll(engine.without(engineOnly).diff(ports.asEngineSees(k)));
                }
                engineCtBefore = engineCtNow;
                if (s.topLevel() || !s.scenario().equals(scenario)) {
                    scenario = s.scenario();
                    conditionUnmet = false;
                }
                if (s.expectation() != null && bundleAt == null) {
                    List<String> ev = ExpectationChecker.compare(s.expectation(), er);
                    List<String> kv = KernelVerdict.violations(s.expectation(), probe.namespace(), k, kernel.lastConntrack);
                    boolean possibly = s.expectation().getQuantifier() == Quantifier.POSSIBLY;
                    if (possibly || conditionUnmet) {
                        // one kernel run cannot refute "possibly"; the steps after a "possibly" step the kernel did not
                        // take are about outcomes this run did not have (check keeps only the ones where it held)
                        conditionUnmet |= possibly && !kv.isEmpty();
                        kv = List.of();
                        ev = List.of();
                    }
                    verdicts = " (engine: " + (ev.isEmpty() ? "holds" : "violated") + ", kernel: "
                            + (kv.isEmpty() ? "holds" : "violated") + ")";
                    if (ev.isEmpty() != kv.isEmpty()) {
                        d.add("verdict: engine " + (ev.isEmpty() ? "holds" : "violated " + ev) + ", kernel "
                                + (kv.isEmpty() ? "holds" : "violated " + kv));
                    }
                    if (s.topLevel() && outcomes.outcomes().size() == 1 && checked.get(s.expectation()) != ev.isEmpty()) {
                        d.add("verdict of netwright check (fresh simulation) " + checked.get(s.expectation())
                                + " differs from the in-order walk's " + ev.isEmpty());
                    }
                    if (!kv.isEmpty()) {
                        wrongExamples.add(example + " " + s.label() + ": the kernel violates the expectation: " + kv);
                    }
                }
                String known = KNOWN.get(example + " " + s.id());
                System.out.println("[referee] " + example + " " + s.label() + ": "
                        + (d.isEmpty() ? "agree" : known != null ? "KNOWN DISAGREEMENT" : "DISAGREE") + verdicts);
                if (known != null) {
                    wrongExamples.removeIf(w -> w.startsWith(example + " " + s.label() + ":"));
                    if (d.isEmpty()) {
                        disagreements.add(example + " " + s.label() + ": listed as a known disagreement but engine and "
                                + "kernel now agree; remove it from KNOWN and the README");
                    } else {
                        System.out.println("[referee]   known: " + String.join("; ", d) + " -- " + known);
                    }
                } else if (d.isEmpty()) {
                    agree++;
                } else {
                    disagreements.add(example + " " + s.label() + " (" + probe.packet().describe() + " from " + probe.namespace()
                            + "):\n  - " + String.join("\n  - ", d) + "\n  engine: " + engine + "\n  kernel: " + k
                            + "\n  engine trace:\n" + indent(er.toText()) + "  kernel captures:\n" + kernel.captures());
                }
            }
            if (!kernel.lab.notes().isEmpty()) {
                kernel.lab.notes().forEach(n -> System.out.println("[referee] " + example + " lab note: " + n));
            }
        }
        synchronized (AGREEMENT) {
            AGREEMENT.put(example, new int[] {agree, steps.size()});
        }
        long knownHere = steps.stream().filter(st -> KNOWN.containsKey(example + " " + st.id())).count();
        System.out.println("[referee] " + example + ": " + agree + "/" + steps.size() + " probes agree"
                + (knownHere > 0 ? " (" + knownHere + " known disagreement(s), see README)" : ""));
        assertEquals(List.of(), NetnsLab.listNetns().stream().filter(n -> n.startsWith(LabNames.labPrefix(lab))).toList(),
                "namespaces left behind");
        if (!disagreements.isEmpty() || !wrongExamples.isEmpty()) {
            fail(disagreements.size() + " disagreement(s) between engine and kernel, " + wrongExamples.size()
                    + " expectation(s) the kernel violates:\n" + String.join("\n", disagreements) + "\n" + String.join("\n", wrongExamples));
        }
    }

    /**
     * The engine outcome the kernel's observation agrees with (the first when none does: its differences are then
     * reported); a walk with one outcome gives that one.
     */
    static int taken(ProbeOutcomes outcomes, List<String> namespaces, Set<String> engineOnly, RandomPorts ports,
            Observed kernel) {
        for (int i = 0; i < outcomes.outcomes().size(); i++) {
            ProbeResult r = outcomes.outcomes().get(i);
            Observed engine = Observed.of(r, namespaces);
            if (engine.without(engineOnly).diff(ports.learning(engine, RandomPorts.pickedBy(r), kernel).asEngineSees(kernel))
                    .isEmpty()) {
                return i;
            }
        }
        return 0;
    }

    /** The namespace where the engine's xfrm policy lookup first bundled the request with a state, or null. */
    static String bundleNamespace(ProbeResult r) {
        for (TraceStep st : r.trace().steps()) {
            if (st.event() instanceof TraceEvent.XfrmSelected) {
                return st.namespace();
            }
        }
        return null;
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            sb.append("    ").append(line).append('\n');
        }
        return sb.toString();
    }
}
