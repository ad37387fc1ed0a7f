package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.netwright.importer.ImportProblem;
import org.netwright.importer.SnapshotCollector;
import org.netwright.lab.KernelAvailability;

/**
 * {@code netwright snapshot -o <dir>} (as root): collects the root namespace and every named network namespace into a
 * snapshot folder ({@code netwright import} reads it): per namespace link.json addr.json route.json rule.json nft.json
 * nft.txt iptables-save.txt xfrm-state.txt xfrm-policy.txt sysctl.txt, and links.json with veth pairs and bridge ports.
 * The folder appears complete or not at all: it is collected beside the target and renamed at the end. With
 * {@code --only PREFIX} only the named namespaces whose names start with PREFIX are collected (one lab, say).
 */
final class SnapshotCommand {
    private final PrintStream out;
    private final PrintStream err;

    SnapshotCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        Args args = Args.parse("snapshot", argv, "-o", "--only");
        if (!args.positional.isEmpty()) {
            throw new Main.UsageException("snapshot takes no arguments: snapshot -o <dir> [--only PREFIX]");
        }
        // --only PREFIX: just the named namespaces whose name starts with PREFIX (e.g. one lab), not the root namespace
        String only = args.option("--only");
        Path target = Path.of(args.required("snapshot", "-o")).toAbsolutePath();
        if (!KernelAvailability.isRoot()) {
            err.println("netwright: snapshot needs root (it reads every network namespace, nft and iptables)");
            return Main.INVALID;
        }
        try {
            if (Files.exists(target)) {
                try (Stream<Path> s = Files.list(target)) {
                    if (s.findAny().isPresent()) {
                        throw new Main.UsageException("snapshot: " + target + " exists and is not empty");
                    }
                }
                Files.delete(target);
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            try {
                List<ImportProblem> problems = only == null ? new SnapshotCollector().collect(tmp)
                        : new SnapshotCollector().collect(tmp, n -> n.startsWith(only), false);
                for (ImportProblem p : problems) {
                    err.println(p.file() + ": " + p.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + p.message());
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                long namespaces;
                try (Stream<Path> s = Files.list(target)) {
                    namespaces = s.filter(Files::isDirectory).count();
                }
                out.println("wrote " + target + " (" + namespaces + " namespaces)");
                return problems.stream().anyMatch(ImportProblem::isError) ? Main.INVALID : Main.OK;
            } finally {
                if (Files.exists(tmp)) {
                    try (Stream<Path> s = Files.walk(tmp)) {
                        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            err.println("netwright: snapshot: cannot write " + target + ": " + e.getMessage());
            return Main.INVALID;
        }
    }
}
