package org.netwright.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.netwright.headless.Netwright;
import org.netwright.headless.Problem;
import org.netwright.headless.SnapshotImport;
import org.netwright.headless.Sources;
import org.netwright.input.InputException;

/** What every command works with: its output streams, the headless API, and where models come from. */
final class Commands {
    final PrintStream out;
    final PrintStream err;
    private final ModelLoader loader;
    /** Shared with the commands {@link #withStreams} makes: one language set-up for every request of a serve session. */
    private final AtomicReference<Netwright> netwright;

    Commands(PrintStream out, PrintStream err, ModelLoader loader) {
        this(out, err, loader, new AtomicReference<>());
    }

    private Commands(PrintStream out, PrintStream err, ModelLoader loader, AtomicReference<Netwright> netwright) {
        this.out = out;
        this.err = err;
        this.loader = loader;
        this.netwright = netwright;
    }

    /** The same models and language set-up, writing to other streams (one request of {@code serve}). */
    Commands withStreams(PrintStream otherOut, PrintStream otherErr) {
        return new Commands(otherOut, otherErr, loader, netwright);
    }

    /** Created on first use: setting the language up takes a moment, and some commands never need it. */
    Netwright netwright() {
        Netwright n = netwright.get();
        if (n == null) {
            n = new Netwright();
            netwright.set(n);
        }
        return n;
    }

    /** Files and folders loaded with their imports and validated ({@link Netwright#load}), or the models a test supplies. */
    Sources load(List<Path> paths) {
        return loader != null ? loader.load(paths) : netwright().load(paths);
    }

    /** {@link Netwright#validate}: what load finds, and what check and export would refuse; a test's models as they are. */
    Sources validate(List<Path> paths) {
        return loader != null ? loader.load(paths) : netwright().validate(paths);
    }

    /** Runs {@code command} as if its name had been given to {@code netwright}, with {@code args}. */
    int run(Object command, List<String> args) {
        return Cli.execute(Cli.commandLine(command, out, err), args.toArray(String[]::new), err);
    }

    /**
     * A .nwp file through the loader, or a snapshot folder imported in memory exactly as {@code netwright import} would
     * write it, for {@code command} (walk, reach): its errors are input errors (file:line:column), its warnings go to
     * stderr, and rules in traces point into the text under the name {@code snapshot:<folder>/imported.nwp}.
     */
    Sources loadModelOrSnapshot(Path file, String command) {
        if (Files.isDirectory(file) && file.getFileName().toString().endsWith(".nwp")) {
            throw new InputException(file.toString(), "is a folder, not a file");
        }
        if (Files.isDirectory(file)) {
            SnapshotImport snapshot = netwright().importSnapshot(file, List.of("Imported in memory by netwright " + command
                    + " from " + file.toAbsolutePath().normalize().getFileName() + "."));
            if (snapshot.hasErrors()) {
                snapshot.problems().stream().filter(p -> p.severity() != Problem.Severity.INFO).forEach(err::println);
                throw new InputException(null, file + ": the snapshot cannot be "
                        + (command.equals("walk") ? "walked" : "analysed") + " (errors above)");
            }
            snapshot.problems().stream().filter(p -> p.severity() == Problem.Severity.WARNING).forEach(err::println);
            String uri = "snapshot:" + file.toAbsolutePath().normalize() + "/imported.nwp";
            snapshot.notWritten().forEach(p -> err.println(uri + ": warning: " + p));
            return snapshot.sources();
        }
        if (!Files.exists(file)) {
            throw new Main.UsageException("no such model file or snapshot folder: " + file);
        }
        return load(List.of(file));
    }
}
