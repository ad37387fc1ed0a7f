package org.netwright.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.netwright.engine.Interface;
import org.netwright.engine.IpAddr;
import org.netwright.engine.Listener;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeOutcomes;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.netwright.engine.TraceText;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.engine.diagnostics.TraceDiagnostics;
import org.netwright.mapping.MappingIssue;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelToEngine;
import org.netwright.engine.json.WalkJson;
import org.netwright.headless.Sources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netwright walk <model.nwp> --from NS --proto P --dst A [--src A] [--sport N] [--dport N]
 * [--icmp-id N] [--spi N] [--json]} or {@code netwright walk <model.nwp> --probes probes.json [--json]}:
 * walks the probes (in order, one conntrack state) and prints the trace, or JSON per probe.
 */
@Command(name = "walk", description = {
    "Walks probes through a model (a .nwp file, or a snapshot folder imported in memory) as the kernel would and "
            + "prints the trace, read like nft monitor trace, with the diagnostics that explain it; --json for tools.",
    "One probe from the options, or several from a probes file, walked in order in one conntrack state:",
    "  {\"servers\": [{\"ns\": \"inet\", \"udp\": [5000], \"tcp\": [8080], \"esp\": \"reply\"}],",
    "   \"probes\": [{\"probe\": \"name\", \"from\": \"client\", \"proto\": \"udp\", \"dst\": \"8.8.8.8\", \"dport\": 5000}]}"})
final class WalkCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final Commands commands;
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "a .nwp model file or a snapshot folder")
    String model;
    @Option(names = "--from", paramLabel = "NS", description = "the namespace the probe starts in")
    String from;
    @Option(names = "--proto", paramLabel = "PROTO", description = "icmp, udp, tcp, esp or gre")
    String proto;
    @Option(names = "--dst", paramLabel = "ADDR", description = "destination address")
    String dst;
    @Option(names = "--src", paramLabel = "ADDR", description = "source address (one of the namespace's; default: chosen by routing)")
    String src;
    @Option(names = "--sport", paramLabel = "N", description = "source port (udp, tcp; default 40000)")
    String sport;
    @Option(names = "--dport", paramLabel = "N", description = "destination port (udp, tcp)")
    String dport;
    @Option(names = "--icmp-id", paramLabel = "N", description = "echo identifier (icmp; default 1)")
    String icmpId;
    @Option(names = "--spi", paramLabel = "N", description = "security parameter index (esp), decimal or 0x...")
    String spi;
    @Option(names = "--probes", paramLabel = "FILE", description = "a probes file (JSON) instead of one probe's options")
    String probes;
    @Option(names = "--json", description = "one JSON object per probe (an array for --probes) instead of the trace")
    boolean json;

    WalkCommand(Commands commands) {
        this.commands = commands;
        this.out = commands.out;
        this.err = commands.err;
    }

    WalkCommand(PrintStream out, PrintStream err, ModelLoader loader) {
        this(new Commands(out, err, loader));
    }

    int run(List<String> args) {
        return commands.run(this, args);
    }

    /** The probe options given, by name without dashes, in the order of the usage. */
    private Map<String, String> given() {
        Map<String, String> opts = new LinkedHashMap<>();
        String[][] all = {{"from", from}, {"proto", proto}, {"dst", dst}, {"src", src}, {"sport", sport}, {"dport", dport},
            {"icmp-id", icmpId}, {"spi", spi}, {"probes", probes}};
        for (String[] o : all) {
            if (o[1] != null) {
                opts.put(o[0], o[1]);
            }
        }
        return opts;
    }

    @Override
    public Integer call() {
        Map<String, String> opts = given();
        if (model == null) {
            throw new Main.UsageException(
                    "walk needs a model: walk <model.nwp | snapshot-folder> --from NS --proto P --dst ADDR");
        }
        Path file = Path.of(model);
        ProbesFile probesFile = null;
        if (opts.containsKey("probes")) {
            for (String o : List.of("from", "proto", "dst", "src", "sport", "dport", "icmp-id", "spi")) {
                if (opts.containsKey(o)) {
                    throw new Main.UsageException("walk: --" + o + " cannot be combined with --probes");
                }
            }
            probesFile = ProbesFile.read(Path.of(opts.get("probes")));
        } else {
            for (String o : List.of("from", "proto", "dst")) {
                if (!opts.containsKey(o)) {
                    throw new Main.UsageException("walk: missing --" + o);
                }
            }
            optionsFitProtocol(opts);
        }
        Sources loaded = commands.loadModelOrSnapshot(file, "walk");
        if (loaded.hasErrors()) {
            loaded.errors().forEach(err::println);
            return Main.INVALID;
        }
        ModelToEngine mapper = new ModelToEngine(loaded.locator());
        ModelMapping mapping = mapper.map(loaded.models());
        if (probesFile != null) {
            for (ProbesFile.Server s : probesFile.servers()) {
                if (!mapping.view().namespaces().containsKey(s.ns())) {
                    throw new Main.UsageException(opts.get("probes") + ": " + s.path() + ".ns: unknown namespace '"
                            + s.ns() + "' (known: " + names(mapping.view()) + ")");
                }
            }
            mapper = new ModelToEngine(loaded.locator());
            for (ProbesFile.Server s : probesFile.servers()) {
                for (int p : s.udp()) {
                    mapper.addListener(s.ns(), Listener.udp(p));
                }
                for (int p : s.tcp()) {
                    mapper.addListener(s.ns(), Listener.tcp(p));
                }
                if (s.espReply()) {
                    mapper.addListener(s.ns(), Listener.espReply());
                }
            }
            mapping = mapper.map(loaded.models());
        }
        if (mapping.hasErrors()) {
            mapping.errors().forEach(e -> err.println(e));
            return Main.INVALID;
        }
        for (MappingIssue w : mapping.warnings()) {
            err.println(w);
        }
        List<Probe> probes = new ArrayList<>();
        if (probesFile == null) {
            probes.add(probe(mapping.view(), null, opts.get("from"), opts.get("proto"), opts.get("src"), opts.get("dst"),
                    intOpt(opts, "sport"), intOpt(opts, "dport"), opts.containsKey("icmp-id") ? intOpt(opts, "icmp-id") : 1,
                    spi(opts.get("spi"), "--spi"), ""));
        } else {
            String pf = opts.get("probes") + ": ";
            for (ProbesFile.ProbeSpec s : probesFile.probes()) {
                probes.add(probe(mapping.view(), s.name(), s.from(), s.proto(), s.src(), s.dst(), s.sport(), s.dport(),
                        s.icmpId(), s.spi(), pf + s.path() + ": "));
            }
        }
        NetworkView view = mapping.view();
        Simulation sim = new Simulation(view);
        List<WalkJson.Probe> results = new ArrayList<>();
        for (Probe p : probes) {
            ProbeOutcomes o = sim.explore(p);
            if (json) {
                results.add(WalkJson.probe(o, r -> TraceDiagnostics.of(view, r)));
            } else {
                text(o);
                List<Diagnostic> diagnostics = new ArrayList<>();
                for (ProbeResult r : o.outcomes()) {
                    TraceDiagnostics.of(view, r).stream().filter(d -> !diagnostics.contains(d))
                            .forEach(diagnostics::add);
                }
                out.print(diagnosticsText(diagnostics));
            }
        }
        if (json) {
            out.println(WalkJson.write(probesFile == null ? results.get(0) : results, true));
        }
        return Main.OK;
    }

    /** --sport/--dport only for udp and tcp, --icmp-id only for icmp, --spi only for esp: never silently ignored. */
    private static void optionsFitProtocol(Map<String, String> opts) {
        String proto = opts.get("proto").toLowerCase(java.util.Locale.ROOT);
        Map<String, List<String>> fit = Map.of("sport", List.of("udp", "tcp"), "dport", List.of("udp", "tcp"),
                "icmp-id", List.of("icmp", "ping"), "spi", List.of("esp"));
        for (Map.Entry<String, List<String>> e : fit.entrySet()) {
            if (opts.containsKey(e.getKey())
                    && List.of("icmp", "ping", "udp", "tcp", "esp", "gre", "ah").contains(proto)
                    && !e.getValue().contains(proto)) {
                throw new Main.UsageException("walk: --" + e.getKey() + " does not apply to --proto " + proto
                        + " (only to " + String.join(", ", e.getValue()) + ")");
            }
        }
    }

    private static int intOpt(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Main.UsageException("walk: --" + name + " must be a number 0..65535, not '" + v + "'");
        }
    }

    private static long spi(String v, String what) {
        if (v == null) {
            return 0;
        }
        try {
            return v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Main.UsageException("walk: " + what + " must be a number, not '" + v + "'");
        }
    }

    static String names(NetworkView v) {
        return String.join(", ", new TreeSet<>(v.namespaces().keySet()));
    }

    /** Validates a probe against the view: known namespace, owned source address, well-formed addresses. */
    static Probe probe(NetworkView view, String name, String from, String proto, String src, String dst, int sport,
            int dport, int icmpId, long spi, String where) {
        Namespace ns = view.namespaces().get(from);
        if (ns == null) {
            throw new Main.UsageException(where + "unknown namespace '" + from + "' (known: " + names(view) + ")");
        }
        if (!isAddress(dst)) {
            throw new Main.UsageException(where + "destination '" + dst + "' is not an IP address");
        }
        if (src != null) {
            if (!isAddress(src)) {
                throw new Main.UsageException(where + "source '" + src + "' is not an IP address");
            }
            IpAddr a = IpAddr.parse(src);
            boolean owned = false;
            for (Interface i : ns.interfaces().values()) {
                owned |= i.hasAddress(a);
            }
            if (!owned) {
                throw new Main.UsageException(where + "source address " + src + " is not configured on any interface of "
                        + "namespace '" + from + "'");
            }
        }
        Packet p;
        try {
            p = ModelToEngine.packet(proto, src, dst, sport, dport, icmpId, spi, null, null);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(where + e.getMessage());
        }
        Probe probe = Probe.from(from, p);
        return name == null ? probe : probe.named(name);
    }

    private static boolean isAddress(String s) {
        try {
            IpAddr.parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void text(ProbeOutcomes o) {
        Probe p = o.probe();
        out.println("== probe " + (p.name() == null ? "" : p.name() + " ") + "from " + p.namespace() + ": "
                + p.packet().describe());
        out.print(o.toText());
        boolean many = o.outcomes().size() > 1;
        for (int i = 0; i < o.outcomes().size(); i++) {
            ProbeResult r = o.outcomes().get(i);
            out.println("-- result" + (many ? " " + (i + 1) + " (p=" + TraceText.probability(r.branch().probability()) + ")"
                    : "") + ": " + (r.deliveredTo() != null ? "delivered to " + r.deliveredTo() : r.disposition())
                    + (r.replyTrace() == null ? ", no reply" : r.replyDelivered() ? ", reply delivered"
                            : ", reply " + r.replyTrace().disposition())
                    + (r.uncertain() ? " (uncertain)" : ""));
        }
        for (org.netwright.engine.OpaqueElement e : o.opaque()) {
            out.println("-- uncertain: passed what the engine does not execute: " + e);
        }
        if (o.capped()) {
            out.println("-- uncertain: more than " + Simulation.MAX_OUTCOMES + " outcomes, the rest not explored");
        }
    }

    /** The probe's diagnostics under "-- diagnostics", nothing when there are none. */
    static String diagnosticsText(List<Diagnostic> ds) {
        return ds.isEmpty() ? "" : "-- diagnostics\n" + TraceDiagnostics.text(ds);
    }
}
