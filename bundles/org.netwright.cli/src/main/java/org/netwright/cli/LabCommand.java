package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.netwright.export.ExportException;
import org.netwright.export.Models;
import org.netwright.headless.Sources;
import org.netwright.input.InputException;
import org.netwright.export.KernelAvailability;
import org.netwright.lab.LabException;
import org.netwright.lab.LabNames;
import org.netwright.lab.ModelLab;
import org.netwright.lab.NetnsLab;
import org.netwright.model.Network;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netwright lab up|down|exec|status}: a model in network namespaces on this machine ({@link ModelLab}), without
 * touching the machine's own network: every cable ends inside the lab. The lab outlives the command; {@code lab down}
 * removes it, and the next {@code lab up} of the same name removes what a crashed one left.
 */
@Command(name = "lab", description = {
    "A model in network namespaces on this machine (root): every cable ends inside the lab, the machine's own network "
            + "is never touched. The lab outlives the command until 'lab down'."})
final class LabCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    static final String DEFAULT_NAME = "lab";

    private final Commands commands;
    private final PrintStream out;
    private final PrintStream err;

    LabCommand(Commands commands) {
        this.commands = commands;
        this.out = commands.out;
        this.err = commands.err;
    }

    /** lab with its subcommands up, down, exec and status. */
    static CommandLine commandLine(Commands commands) {
        LabCommand lab = new LabCommand(commands);
        CommandLine cl = new CommandLine(lab);
        cl.addSubcommand(lab.new Up());
        cl.addSubcommand(lab.new Down());
        cl.addSubcommand(lab.new Exec());
        cl.addSubcommand(lab.new Status());
        return cl;
    }

    @Override
    public Integer call() {
        throw new Main.UsageException("lab needs a subcommand: up, down, exec or status");
    }

    private boolean needRoot(String what) {
        if (!KernelAvailability.isRoot()) {
            err.println("netwright: lab " + what + " needs root (it creates and removes network namespaces)");
            return false;
        }
        return true;
    }

    @Command(name = "up", description = "(root) Brings the model up in network namespaces "
            + "named nw[tag]-<lab>-<ns>, cabled by veth pairs, with the exported files loaded by nft, iptables-restore and ip.")
    final class Up implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

        @Parameters(paramLabel = "MODEL", arity = "0..*", description = "the .nwp model file")
        List<Path> files = new ArrayList<>();

        @Option(names = "--name", paramLabel = "N", description = "the lab's name (default: lab)")
        String name;

        @Override
        public Integer call() {
            if (files.size() != 1) {
                throw new Main.UsageException("lab up needs one model file: lab up <model.nwp> [--name N]");
            }
            String lab = name == null ? DEFAULT_NAME : name;
            labName(lab);
            Path file = files.get(0);
            if (Files.isDirectory(file)) {
                throw new InputException(file.toString(), "is a folder, not a file");
            }
            if (!needRoot("up")) {
                return Main.INVALID;
            }
            Sources sources = commands.load(List.of(file));
            if (sources.hasErrors()) {
                sources.errors().forEach(err::println);
                return Main.INVALID;
            }
            return up(file, sources.files().get(0).model(), lab);
        }
    }

    private int up(Path file, Network model, String name) {
        ModelLab lab;
        try {
            lab = ModelLab.up(Models.withImports(model), name, ModelLab.Options.DEFAULT);
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

    @Command(name = "down", description = "(root) Removes a lab: every namespace it made.")
    final class Down implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "the lab (default: the only one, or lab)")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            if (names.size() > 1) {
                throw new Main.UsageException("lab down [NAME]");
            }
            return down(chosen(names.isEmpty() ? null : names.get(0)));
        }
    }

    private int down(String name) {
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

    @Command(name = "exec", customSynopsis = "netwright lab exec [-h] [--name=N] NAMESPACE -- COMMAND...",
            description = "(root) Runs a command in a namespace of a lab.")
    final class Exec implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

        @Option(names = "--name", paramLabel = "N", description = "the lab (default: the only one, or lab)")
        String name;

        @Parameters(paramLabel = "NAMESPACE -- COMMAND", arity = "0..*", description = "the namespace (as the model names it), "
                + "then after -- the command and its arguments")
        List<String> words = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<String> given = spec.commandLine().getParseResult().originalArgs();
            int dashes = given.indexOf("--");
            int command = dashes < 0 ? 0 : given.size() - dashes - 1;
            if (dashes < 0 || command == 0 || words.size() - command != 1) {
                throw new Main.UsageException("lab exec [--name N] <namespace> -- <command...>");
            }
            return exec(chosen(name), words.get(0), words.subList(1, words.size()));
        }
    }

    private int exec(String name, String ns, List<String> argv) {
        NetnsLab.State state = NetnsLab.state(name).orElse(null);
        if (state == null) {
            err.println("netwright: there is no lab " + name + " (netwright lab up <model.nwp> first)");
            return Main.INVALID;
        }
        String full = state.resolve(ns);
        if (full == null || !NetnsLab.listNetns().contains(full)) {
            err.println("netwright: lab " + name + " has no namespace '" + ns + "' (it has " + String.join(", ", state.aliases().keySet()) + ")");
            return Main.INVALID;
        }
        if (!needRoot("exec")) {
            return Main.INVALID;
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", full));
        command.addAll(argv);
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

    @Command(name = "status", description = "The labs and their namespaces.")
    final class Status implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

        @Override
        public Integer call() {
            return status();
        }
    }

    private int status() {
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
