package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.netwright.export.ExportException;
import org.netwright.export.Models;
import org.netwright.lab.KernelAvailability;
import org.netwright.lab.LabException;
import org.netwright.lab.LabNames;
import org.netwright.lab.ModelLab;
import org.netwright.lab.NetnsLab;

/**
 * {@code netwright lab up|down|exec|status}: a model in network namespaces on this machine ({@link ModelLab}), without
 * touching the machine's own network: every cable ends inside the lab. The lab outlives the command; {@code lab down}
 * removes it, and the next {@code lab up} of the same name removes what a crashed one left.
 */
final class LabCommand {
    static final String DEFAULT_NAME = "lab";

    private final PrintStream out;
    private final PrintStream err;
    private final ModelLoader loader;

    LabCommand(PrintStream out, PrintStream err, ModelLoader loader) {
        this.out = out;
        this.err = err;
        this.loader = loader;
    }

    int run(List<String> argv) {
        if (argv.isEmpty()) {
            throw new Main.UsageException("lab needs a subcommand: up, down, exec or status");
        }
        List<String> rest = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "up" -> up(rest);
            case "down" -> down(rest);
            case "exec" -> exec(rest);
            case "status" -> status(rest);
            default -> throw new Main.UsageException("lab: unknown subcommand '" + argv.get(0) + "' (up, down, exec, status)");
        };
    }

    private boolean needRoot(String what) {
        if (!KernelAvailability.isRoot()) {
            err.println("netwright: lab " + what + " needs root (it creates and removes network namespaces)");
            return false;
        }
        return true;
    }

    private int up(List<String> argv) {
        Args args = Args.parse("lab up", argv, "--name");
        if (args.positional.size() != 1) {
            throw new Main.UsageException("lab up needs one model file: lab up <model.nwp> [--name N]");
        }
        String name = args.option("--name") == null ? DEFAULT_NAME : args.option("--name");
        labName(name);
        Path file = Path.of(args.positional.get(0));
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("no such file: " + file);
        }
        if (!needRoot("up")) {
            return Main.INVALID;
        }
        ModelLoader.Loaded loaded = loader.load(List.of(file));
        if (!loaded.errors().isEmpty()) {
            loaded.errors().forEach(err::println);
            return Main.INVALID;
        }
        ModelLab lab;
        try {
            lab = ModelLab.up(Models.withImports(loaded.roots().get(0)), name, ModelLab.Options.DEFAULT);
        } catch (ExportException e) {
            err.println(file + ": cannot be exported: " + e.getMessage());
            return Main.INVALID;
        } catch (LabException e) {
            err.println("netwright: lab up failed, nothing is left behind: " + e.getMessage());
            return Main.INVALID;
        }
        // the lab stays up after this command: not closed here
        out.println("lab " + name + " is up: " + lab.namespaces().size() + " namespaces from " + file);
        for (Map.Entry<String, String> e : lab.namespaces().entrySet()) {
            out.println("  " + e.getKey() + " = " + lab.netns(e.getKey()));
        }
        lab.notes().forEach(n -> out.println("note: " + n));
        out.println("exported files: " + lab.exportDir());
        String first = lab.namespaces().isEmpty() ? "NS" : lab.namespaces().keySet().iterator().next();
        out.println("next: netwright lab exec" + (name.equals(DEFAULT_NAME) ? "" : " --name " + name) + " " + first + " -- ip address");
        out.println("      netwright lab down" + (name.equals(DEFAULT_NAME) ? "" : " " + name));
        return Main.OK;
    }

    private static void labName(String name) {
        try {
            LabNames.lab(name);
        } catch (LabException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    /** The lab a command without --name means: the default lab, or the only one there is. */
    private String chosen(String given) {
        if (given != null) {
            labName(given);
            return given;
        }
        List<NetnsLab.State> labs = NetnsLab.states();
        if (labs.size() == 1) {
            return labs.get(0).name();
        }
        if (labs.stream().anyMatch(l -> l.name().equals(DEFAULT_NAME)) || labs.isEmpty()) {
            return DEFAULT_NAME;
        }
        throw new Main.UsageException("there are several labs (" + String.join(", ", labs.stream().map(NetnsLab.State::name).toList())
                + "): name one");
    }

    private int down(List<String> argv) {
        Args args = Args.parse("lab down", argv);
        if (args.positional.size() > 1) {
            throw new Main.UsageException("lab down [NAME]");
        }
        String name = chosen(args.positional.isEmpty() ? null : args.positional.get(0));
        if (!needRoot("down")) {
            return Main.INVALID;
        }
        boolean known = NetnsLab.state(name).isPresent();
        List<String> removed = NetnsLab.removeLeftovers(name);
        if (!known && removed.isEmpty()) {
            err.println("netwright: there is no lab " + name);
            return Main.INVALID;
        }
        out.println("lab " + name + " is down: removed " + removed.size() + " namespaces");
        return Main.OK;
    }

    private int exec(List<String> argv) {
        int dashes = argv.indexOf("--");
        if (dashes < 0 || dashes == argv.size() - 1) {
            throw new Main.UsageException("lab exec [--name N] <namespace> -- <command...>");
        }
        Args args = Args.parse("lab exec", argv.subList(0, dashes), "--name");
        if (args.positional.size() != 1) {
            throw new Main.UsageException("lab exec [--name N] <namespace> -- <command...>");
        }
        String name = chosen(args.option("--name"));
        NetnsLab.State state = NetnsLab.state(name).orElse(null);
        if (state == null) {
            err.println("netwright: there is no lab " + name + " (netwright lab up <model.nwp> first)");
            return Main.INVALID;
        }
        String ns = args.positional.get(0);
        String full = state.resolve(ns);
        if (full == null || !NetnsLab.listNetns().contains(full)) {
            err.println("netwright: lab " + name + " has no namespace '" + ns + "' (it has " + String.join(", ", state.aliases().keySet()) + ")");
            return Main.INVALID;
        }
        if (!needRoot("exec")) {
            return Main.INVALID;
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", full));
        command.addAll(argv.subList(dashes + 1, argv.size()));
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            if (out == System.out && err == System.err) {
                pb.inheritIO(); // interactive: a shell in the namespace works
                return pb.start().waitFor();
            }
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            out.write(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            err.write(stderr.join());
            out.flush();
            return code;
        } catch (IOException e) {
            err.println("netwright: lab exec: cannot run " + command + ": " + e.getMessage());
            return Main.INVALID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.INVALID;
        }
    }

    private int status(List<String> argv) {
        Args args = Args.parse("lab status", argv);
        if (!args.positional.isEmpty()) {
            throw new Main.UsageException("lab status takes no arguments");
        }
        List<NetnsLab.State> labs = NetnsLab.states();
        if (labs.isEmpty()) {
            out.println("no labs (state folder " + NetnsLab.STATE_ROOT + ")");
            return Main.OK;
        }
        List<String> live = NetnsLab.listNetns();
        for (NetnsLab.State l : labs) {
            long up = l.netns().stream().filter(live::contains).count();
            out.println("lab " + l.name() + ": " + up + " of " + l.netns().size() + " namespaces present" + (up < l.netns().size() ? " (partly gone: lab down "
                    + l.name() + " cleans up)" : ""));
            Map<String, String> aliases = l.aliases();
            for (Map.Entry<String, String> e : aliases.entrySet()) {
                out.println("  " + e.getKey() + " = " + e.getValue() + (live.contains(e.getValue()) ? "" : " (missing)"));
            }
            for (String n : l.netns()) {
                if (!aliases.containsValue(n)) {
                    out.println("  (lab) = " + n + (live.contains(n) ? "" : " (missing)"));
                }
            }
        }
        return Main.OK;
    }
}
