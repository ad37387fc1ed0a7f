package org.netwright.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.netwright.engine.Interface;
import org.netwright.engine.Ip4;
import org.netwright.engine.Listener;
import org.netwright.engine.Namespace;
import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.Probe;
import org.netwright.engine.ProbeResult;
import org.netwright.engine.Simulation;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.engine.diagnostics.TraceDiagnostics;
import org.netwright.mapping.MappingIssue;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelToEngine;

/**
 * {@code netwright walk <model.nwp> --from NS --proto P --dst A [--src A] [--sport N] [--dport N]
 * [--icmp-id N] [--spi N] [--json]} or {@code netwright walk <model.nwp> --probes probes.json [--json]}:
 * walks the probes (in order, one conntrack state) and prints the trace, or JSON per probe.
 */
final class WalkCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final ModelLoader loader;

    WalkCommand(PrintStream out, PrintStream err, ModelLoader loader) {
        this.out = out;
        this.err = err;
        this.loader = loader;
    }

    int run(List<String> args) {
        Map<String, String> opts = new LinkedHashMap<>();
        boolean json = false;
        String model = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("--")) {
                String name = a.substring(2);
                if (!List.of("from", "proto", "dst", "src", "sport", "dport", "icmp-id", "spi", "probes").contains(name)) {
                    throw new Main.UsageException("walk: unknown option " + a);
                }
                if (i + 1 >= args.size()) {
                    throw new Main.UsageException("walk: " + a + " needs a value");
                }
                opts.put(name, args.get(++i));
            } else if (model == null) {
                model = a;
            } else {
                throw new Main.UsageException("walk: unexpected argument " + a);
            }
        }
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
        ModelLoader.Loaded loaded = loadModel(file);
        if (!loaded.errors().isEmpty()) {
            loaded.errors().forEach(err::println);
            return Main.INVALID;
        }
        ModelToEngine mapper = new ModelToEngine(loaded.locator());
        ModelMapping mapping = mapper.map(loaded.roots());
        if (probesFile != null) {
            for (ProbesFile.Server s : probesFile.servers) {
                if (!mapping.view().namespaces().containsKey(s.ns())) {
                    throw new Main.UsageException(opts.get("probes") + ": " + s.path() + ".ns: unknown namespace '"
                            + s.ns() + "' (known: " + names(mapping.view()) + ")");
                }
            }
            mapper = new ModelToEngine(loaded.locator());
            for (ProbesFile.Server s : probesFile.servers) {
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
            mapping = mapper.map(loaded.roots());
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
            for (ProbesFile.ProbeSpec s : probesFile.probes) {
                probes.add(probe(mapping.view(), s.name(), s.from(), s.proto(), s.src(), s.dst(), s.sport(), s.dport(),
                        s.icmpId(), s.spi(), pf + s.path() + ": "));
            }
        }
        Simulation sim = new Simulation(mapping.view());
        List<Object> results = new ArrayList<>();
        for (Probe p : probes) {
            ProbeResult r = sim.probe(p);
            List<Diagnostic> diagnostics = TraceDiagnostics.of(mapping.view(), r);
            if (json) {
                results.add(withDiagnostics(resultJson(r), diagnostics));
            } else {
                text(r);
                out.print(diagnosticsText(diagnostics));
            }
        }
        if (json) {
            out.println(MiniJson.write(probesFile == null ? results.get(0) : results, true));
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

    /** A .nwp file through the loader, or a snapshot folder imported in memory. */
    private ModelLoader.Loaded loadModel(Path file) {
        if (Files.isDirectory(file)) {
            return SnapshotModel.load(file, err);
        }
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("no such model file or snapshot folder: " + file);
        }
        return loader.load(List.of(file));
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
            throw new Main.UsageException(where + "destination '" + dst + "' is not an IPv4 address");
        }
        if (src != null) {
            if (!isAddress(src)) {
                throw new Main.UsageException(where + "source '" + src + "' is not an IPv4 address");
            }
            int a = Ip4.parse(src);
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
            Ip4.parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void text(ProbeResult r) {
        Probe p = r.probe();
        out.println("== probe " + (p.name() == null ? "" : p.name() + " ") + "from " + p.namespace() + ": "
                + p.packet().describe());
        out.print(r.toText());
        out.println("-- result: " + (r.deliveredTo() != null ? "delivered to " + r.deliveredTo() : r.disposition())
                + (r.replyTrace() == null ? ", no reply" : r.replyDelivered() ? ", reply delivered"
                        : ", reply " + r.replyTrace().disposition()));
    }

    /** The probe's diagnostics under "-- diagnostics", nothing when there are none. */
    static String diagnosticsText(List<Diagnostic> ds) {
        return ds.isEmpty() ? "" : "-- diagnostics\n" + TraceDiagnostics.text(ds);
    }

    /** {@code json} with a {@code diagnostics} array (code, severity, message, namespaces, rules, suggestion). */
    static Map<String, Object> withDiagnostics(Map<String, Object> json, List<Diagnostic> ds) {
        try {
            json.put("diagnostics", MiniJson.parse(Diagnostic.toJson(ds)));
        } catch (MiniJson.ParseException e) {
            throw new IllegalStateException("diagnostics JSON does not parse: " + e.getMessage(), e);
        }
        return json;
    }

    /** The engine's probe JSON, with {@code delivered_to} as the namespace (the device in delivered_dev). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> resultJson(ProbeResult r) {
        Map<String, Object> engine;
        try {
            engine = (Map<String, Object>) MiniJson.parse(r.toJson());
        } catch (MiniJson.ParseException e) {
            throw new IllegalStateException("engine JSON does not parse: " + e.getMessage(), e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : engine.entrySet()) {
            if (e.getKey().equals("delivered_to")) {
                String d = r.deliveredTo();
                int slash = d == null ? -1 : d.indexOf('/');
                out.put("delivered_to", d == null ? null : slash < 0 ? d : d.substring(0, slash));
                out.put("delivered_dev", d == null || slash < 0 ? null : d.substring(slash + 1));
            } else if (e.getKey().equals("icmp_errors")) {
                out.put("icmp_errors", ((List<Object>) e.getValue()).stream().map(x -> splitDelivered((Map<String, Object>) x))
                        .toList());
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** An ICMP error's {@code delivered_to} as a namespace too, like the probe's (the device in delivered_dev). */
    private static Map<String, Object> splitDelivered(Map<String, Object> icmpError) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : icmpError.entrySet()) {
            if (e.getKey().equals("delivered_to") && e.getValue() instanceof String d && d.indexOf('/') > 0) {
                out.put("delivered_to", d.substring(0, d.indexOf('/')));
                out.put("delivered_dev", d.substring(d.indexOf('/') + 1));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
