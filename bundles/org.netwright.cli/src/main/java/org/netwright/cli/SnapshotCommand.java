package org.netwright.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.netwright.importer.ImportProblem;
import org.netwright.importer.SnapshotCollector;
import org.netwright.input.InputFiles;
import org.netwright.input.OutputFiles;
import org.netwright.export.KernelAvailability;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netwright snapshot -o <dir>} (as root): collects the root namespace and every named network namespace into a
 * snapshot folder ({@code netwright import} reads it): per namespace link.json addr.json route.json rule.json nft.json
 * nft.txt iptables-save.txt xfrm-state.txt xfrm-policy.txt sysctl.txt, and links.json with veth pairs and bridge ports.
 * The folder appears complete or not at all: it is collected beside the target and renamed at the end. With
 * {@code --only PREFIX} only the named namespaces whose names start with PREFIX are collected (one lab, say).
 */
@Command(name = "snapshot", description = {
    "(root) Collects this machine's root namespace and every named network namespace into a snapshot folder "
            + "(ip -j, nft -j, iptables-save, ip xfrm, sysctl), which 'netwright import' and 'netwright walk' read.",
    "The folder appears complete or not at all."})
final class SnapshotCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final Commands commands;

    @Option(names = "-o", paramLabel = "DIR", description = "the folder to create (it must not exist or be empty)")
    Path target;

    @Option(names = "--only", paramLabel = "PREFIX", description = "only the named namespaces whose names start with PREFIX "
            + "(one lab, say), not the root namespace")
    String only;

    SnapshotCommand(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Integer call() {
        if (target == null) {
            throw new Main.UsageException("snapshot needs -o <dir>");
        }
        Path dir = target.toAbsolutePath();
        if (!KernelAvailability.isRoot()) {
            commands.err.println("netwright: snapshot needs root (it reads every network namespace, nft and iptables)");
            return Main.INVALID;
        }
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new Main.UsageException("snapshot: " + dir + " exists and is not empty");
                    }
                }
                Files.delete(dir);
            }
            Path tmp = OutputFiles.newSibling(dir, true);
            try {
                List<ImportProblem> problems = only == null ? new SnapshotCollector().collect(tmp)
                        : new SnapshotCollector().collect(tmp, n -> n.startsWith(only), false);
                for (ImportProblem p : problems) {
                    commands.err.println(p.file() + ": " + p.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + p.message());
                }
                OutputFiles.moveIntoPlace(tmp, dir);
                long namespaces;
                try (Stream<Path> s = Files.list(dir)) {
                    namespaces = s.filter(Files::isDirectory).count();
                }
                commands.out.println("wrote " + dir + " (" + namespaces + " namespaces)");
                return problems.stream().anyMatch(ImportProblem::isError) ? Main.INVALID : Main.OK;
            } finally {
                OutputFiles.discard(tmp);
            }
        } catch (IOException e) {
            commands.err.println("netwright: snapshot: cannot write " + dir + ": " + InputFiles.reason(e));
            return Main.INVALID;
        }
    }
}
