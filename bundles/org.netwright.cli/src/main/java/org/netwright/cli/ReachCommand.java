package org.netwright.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.netwright.engine.NetworkView;
import org.netwright.engine.Packet;
import org.netwright.engine.PortSet;
import org.netwright.engine.SourceRef;
import org.netwright.headless.Sources;
import org.netwright.mapping.MappingIssue;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelToEngine;
import org.netwright.symbolic.Inexact;
import org.netwright.symbolic.Outcome;
import org.netwright.symbolic.Reach;
import org.netwright.symbolic.ReachText;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netwright reach <model | snapshot> --from NS [--to NS] [--proto P] [--src P] [--dst P] [--dport PORTS]
 * [--json]}: every first packet the namespace's sockets can send at once, in classes by where they end.
 */
@Command(name = "reach", description = {
    "Every first packet a namespace's sockets can send, at once (symbolically): the classes of packets delivered to each "
            + "namespace, dropped where and by what, or leaving the network, with the translations on the way. A first "
            + "packet is a TCP SYN, a UDP datagram or an ICMP echo request (others with --proto), from the namespace's "
            + "own addresses unless --src says otherwise, conntrack state NEW; 'delivered' means it reached the "
            + "namespace's stack (a listening socket decides the rest).",
    "Each class comes with an example packet that the packet-walk engine walks to confirm it. What the symbolic engine "
            + "does not treat exactly (bridges, xfrm, opaque, random or stateful rules other than a first packet's ct "
            + "state, NAT to ranges, a second pass through one conntrack table) marks the class 'inexact because ...' "
            + "with the place; it is never silently approximated. Exit 3 when an example disagrees (a bug)."})
final class ReachCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final Commands commands;

    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "a .nwp model file or a snapshot folder")
    String model;
    @Option(names = "--from", paramLabel = "NS", description = "the namespace whose sockets send")
    String from;
    @Option(names = "--to", paramLabel = "NS", description = "only the classes delivered to this namespace")
    String to;
    @Option(names = "--proto", paramLabel = "P", description = "protocols, comma-separated (default tcp,udp,icmp)")
    String proto;
    @Option(names = "--src", paramLabel = "PREFIX", description = "source addresses (default: the namespace's own)")
    String src;
    @Option(names = "--dst", paramLabel = "PREFIX", description = "destination addresses (default: all)")
    String dst;
    @Option(names = "--dport", paramLabel = "PORTS", description = "destination ports, e.g. 22,80,8000-8080 (tcp, udp)")
    String dport;
    @Option(names = "--json", description = "the classes as JSON")
    boolean json;

    ReachCommand(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Integer call() {
        if (model == null || from == null) {
            throw new Main.UsageException("reach needs a model and a namespace: reach <model.nwp | snapshot-folder> --from NS");
        }
        Reach.Query query = new Reach.Query(from, to, protos(), prefix(src, "--src"), prefix(dst, "--dst"), ports());
        Sources loaded = commands.loadModelOrSnapshot(Path.of(model), "reach");
        if (loaded.hasErrors()) {
            loaded.errors().forEach(commands.err::println);
            return Main.INVALID;
        }
        ModelMapping mapping = new ModelToEngine(loaded.locator()).map(loaded.models());
        if (mapping.hasErrors()) {
            mapping.errors().forEach(commands.err::println);
            return Main.INVALID;
        }
        for (MappingIssue w : mapping.warnings()) {
            commands.err.println(w);
        }
        NetworkView view = mapping.view();
        for (String ns : new String[] {from, to}) {
            if (ns != null && !view.namespaces().containsKey(ns)) {
                throw new Main.UsageException("reach: unknown namespace '" + ns + "' (known: " + WalkCommand.names(view) + ")");
            }
        }
        List<Reach.Class> classes = new Reach(view).run(query);
        if (json) {
            commands.out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json(classes)));
        } else if (classes.isEmpty()) {
            commands.out.println("no first packet from " + from + (to == null ? "" : " reaches " + to));
        } else {
            commands.out.print(ReachText.render(classes));
        }
        return classes.stream().allMatch(Reach.Class::confirmed) ? Main.OK : Main.INTERNAL;
    }

    private Set<Integer> protos() {
        if (proto == null) {
            return null;
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (String p : proto.split(",")) {
            int n;
            try {
                n = ModelToEngine.protoNumber(p);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n <= 0 || n > 255) {
                throw new Main.UsageException("reach: --proto '" + p.trim() + "' is not a protocol (tcp, udp, icmp, esp, gre, "
                        + "ah or a number 1..255)");
            }
            out.add(n);
        }
        return out;
    }

    private static String prefix(String value, String option) {
        if (value == null) {
            return null;
        }
        try {
            org.netwright.engine.AddrSet.of(value);
            return value;
        } catch (RuntimeException e) {
            throw new Main.UsageException("reach: " + option + " '" + value + "' is not an IPv4 address, prefix or range");
        }
    }

    private String ports() {
        if (dport == null) {
            return null;
        }
        try {
            PortSet.parse(dport);
            for (String part : dport.split("[,:-]")) {
                int p = Integer.parseInt(part.trim());
                if (p < 0 || p > 65535) {
                    throw new NumberFormatException();
                }
            }
            return dport;
        } catch (RuntimeException e) {
            throw new Main.UsageException("reach: --dport '" + dport + "' is not a list of ports 0..65535 (22,80,8000-8080)");
        }
    }

    private JsonObject json(List<Reach.Class> classes) {
        JsonObject root = new JsonObject();
        root.addProperty("from", from);
        JsonArray list = new JsonArray();
        for (Reach.Class c : classes) {
            Outcome o = c.outcome();
            JsonObject j = new JsonObject();
            j.addProperty("fate", o.fate().lower());
            j.addProperty("namespace", o.namespace());
            j.addProperty("device", o.device());
            j.addProperty("reason_id", o.reason().id());
            j.add("rule", rule(o.rule()));
            j.add("packets", strings(c.headers()));
            j.addProperty("more_packet_sets", c.moreHeaders());
            j.add("translations", strings(o.translations()));
            j.add("path", strings(o.path()));
            j.addProperty("exact", o.exact());
            JsonArray inexact = new JsonArray();
            for (Inexact i : o.inexact()) {
                JsonObject x = new JsonObject();
                x.addProperty("why", i.why());
                x.add("where", rule(i.where()));
                inexact.add(x);
            }
            j.add("inexact", inexact);
            Packet e = c.example();
            JsonObject ex = new JsonObject();
            ex.addProperty("proto", Packet.protoName(e.proto()));
            ex.addProperty("src", e.src().toString());
            ex.addProperty("dst", e.dst().toString());
            if (e.hasPorts()) {
                ex.addProperty("sport", e.sport());
                ex.addProperty("dport", e.dport());
            }
            j.add("example", ex);
            j.addProperty("confirmed", c.confirmed());
            j.addProperty("concrete", c.concrete());
            list.add(j);
        }
        root.add("classes", list);
        return root;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static JsonObject rule(SourceRef r) {
        if (r == null) {
            return null;
        }
        JsonObject j = new JsonObject();
        if (r.file() != null) {
            j.addProperty("file", r.file());
            j.addProperty("line", r.line());
            j.addProperty("column", r.column());
        }
        j.addProperty("text", r.text());
        return j;
    }
}
